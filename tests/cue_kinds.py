"""The cue kinds that fired on a text, for the emergency tests that check one cue reading at a time."""

from __future__ import annotations

from bot.understanding.emergency import assess


def kinds(text: str) -> set[str]:
    """The kinds of the cues `emergency.assess` keeps for `text` (after "if" and a turn have dropped theirs)."""
    return {cue.kind for cue in assess(text).cues}
