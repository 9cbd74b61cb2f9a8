"""Which document is someone talking about? `decide(text) -> Documents`: por, acc, visa, resettlement,
asylum, undocumented, or None.

The category follows the document the person holds or asks about ("I have a PoR card, can I rent a house"
→ por; "we have no card" or "only a tazkira" → undocumented; "our US case" → resettlement), not the topic
words around it: a rent question from a PoR holder is a PoR question. Each category's cues
(`document_cues`) add their weight (each cue once); the highest total wins, ties go by `PRIORITY`. No cue,
no category: a greeting or a general rights question names no document. `Documents.evidence` says which
cues decided it, for `rahnama ask --explain`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.understanding.cue_index import CueIndex, Found
from bot.understanding.document_cues import CUES, PRIORITY, RETURN, WEIGHTS
from bot.understanding.lexicon import content_tokens


@dataclass(frozen=True, slots=True)
class Documents:
    category: str | None
    scores: dict[str, float]
    """category → the weight of its cues that fired."""
    evidence: tuple[tuple[str, str, str], ...]
    """(category, cue, words matched) for each cue that fired."""


_INDEX = CueIndex(
    {f"{category}/{strength}": cues for category, kinds in CUES.items() for strength, cues in kinds.items()}
    | {"return/-": RETURN}
)


def decide(text: str, tokens: tuple[str, ...] | None = None) -> Documents:
    """The document category of `text` (module docstring); `tokens`: its `content_tokens`, if already made."""
    found = _INDEX.find(content_tokens(text) if tokens is None else tokens)
    return decide_found(found)


def decide_found(found: list[Found]) -> Documents:
    """`decide` from cues already found (each distinct cue counts once)."""
    scores: dict[str, float] = {}
    seen: set[str] = set()
    evidence: list[tuple[str, str, str]] = []
    going_back = any(cue.kind == "return/-" for cue in found)
    for cue in found:
        category, strength = cue.kind.split("/")
        if category == "return" or (going_back and strength == "hint"):
            continue
        evidence.append((category, cue.cue, cue.words))
        if cue.kind + cue.cue not in seen:
            seen.add(cue.kind + cue.cue)
            scores[category] = scores.get(category, 0.0) + WEIGHTS[strength]
    if not scores:
        return Documents(None, {}, ())
    best = max(scores.items(), key=lambda item: (item[1], -PRIORITY.index(item[0])))[0]
    return Documents(best, scores, tuple(evidence))
