"""Is someone in trouble right now? `assess(text) -> Assessment`: emergency, unsure or not, and why.

An emergency is rarely said with one word. People write who acts (police, "they", officers), what is
done (took, arrested, raid, tore my card, want money), where (thana, Haji Camp, Torkham), when (now,
last night) and to whom (my husband, us). Each kind of cue that fires adds its weight
(`emergency_cues.WEIGHTS`, each kind once); counter-cues subtract (a question "if" it happens, an arrest
a year ago, news about somewhere else, a check that ended well). Something must be done to someone
(a core kind: an arrest or take verb, arrival, extortion, a detention place, or a pack phrase).

    score >= EMERGENCY_AT  → "emergency": the card at once
    score >= UNSURE_AT     → "unsure": the chat asks "Is this happening now?" instead of guessing
    otherwise              → "not"

Pure and fast (a dictionary look-up per token and per prefix); `Assessment.cues` says which cues fired,
for `rahnama ask --explain`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.understanding.cue_index import CueIndex
from bot.understanding.emergency_cues import CONDITIONAL_SCOPE, CORE_KINDS, CUES, PAIRS, THREAT_FORMS, WEIGHTS
from bot.understanding.normalise import tokenise

Verdict = Literal["emergency", "unsure", "not"]

EMERGENCY_AT = 3.0
"""Set on the dev split (bench/data/emergency/dev.jsonl): an action with two kinds of context, e.g.
"took" + "my brother" + "last night"."""
UNSURE_AT = 2.0
"""An action with one kind of context ("they took my son"), or an arrest word alone ("arrested")."""
CALM_KINDS = frozenset({"relief", "resolved", "benign"})
"""Round 12: what a "but" followed by something done cancels (`_after_contrast`). Not "elsewhere", "long_ago" or
"hypothetical": "a raid in the next street, but they did not come to us" must stay about others."""


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    cue: str
    """The cue as listed in emergency_cues (or the pack phrase)."""
    words: str
    """The normalised words of the text that matched."""


@dataclass(frozen=True, slots=True)
class Assessment:
    verdict: Verdict
    score: float
    cues: tuple[Cue, ...]


def assess(text: str, phrase: str | None = None, tokens: tuple[str, ...] | None = None) -> Assessment:
    """The verdict for `text`; `phrase` is a pack emergency phrase the router found in it, if any; `tokens`:
    `tokenise(text)`, if the caller has made them already (the router does, once per message)."""
    tokens = tokenise(text) if tokens is None else tokens
    placed = _after_contrast(list(_find(tokens)))
    cues, governed = [cue for _, cue in placed], False
    if not any(cue.kind in ("money", "report") for cue in cues):  # a threat keeps its "if" (see THREAT_FORMS)
        cues, governed = _outside_conditionals(placed)
    if phrase is not None and not governed:
        cues.append(Cue("phrase", phrase, phrase))
    kinds = {cue.kind for cue in cues}
    for (first, second), kind in PAIRS.items():
        if first in kinds and second in kinds:
            cues.append(Cue(kind, f"{first}+{second}", ""))
            kinds.add(kind)
    if "extortion" in kinds:  # a threat is conditional by nature: "pay, or I lock you up"
        kinds -= THREAT_FORMS
    if "now" in kinds:  # "tonight they will take us to Torkham" is about to happen, not a question
        kinds.discard("future")
    score = round(sum(WEIGHTS.get(kind, 0.0) for kind in kinds), 2)
    if not kinds & CORE_KINDS:
        return Assessment("not", score, tuple(cues))
    verdict: Verdict = "emergency" if score >= EMERGENCY_AT else "unsure" if score >= UNSURE_AT else "not"
    return Assessment(verdict, score, tuple(cues))


def _after_contrast(placed: list[tuple[int, Cue]]) -> list[tuple[int, Cue]]:
    """The cues without the calm (CALM_KINDS) said before the last "but" that something done (a core kind) follows:
    "we are all fine, thank God … but this morning they took my husband" (round 12: four of v11's misses)."""
    turns = [start for start, cue in placed if cue.kind == "contrast"]
    done = [start for start, cue in placed if cue.kind in CORE_KINDS]
    turn = max((t for t in turns if any(s > t for s in done)), default=None)
    if turn is None:
        return placed
    return [(start, cue) for start, cue in placed if start > turn or cue.kind not in CALM_KINDS]


def _outside_conditionals(placed: list[tuple[int, Cue]]) -> tuple[list[Cue], bool]:
    """The cues an "if" does not govern (see CONDITIONAL_SCOPE), and whether it governed any."""
    dropped: set[int] = set()
    for start, cue in placed:
        if cue.kind != "conditional":
            continue
        after = sorted((s, i) for i, (s, _) in enumerate(placed) if start < s <= start + CONDITIONAL_SCOPE)
        for _, i in after:
            if placed[i][1].kind != "conditional":
                dropped.add(i)
                if placed[i][1].kind in CORE_KINDS:
                    break
    return [cue for i, (_, cue) in enumerate(placed) if i not in dropped], bool(dropped)


def _find(tokens: tuple[str, ...]) -> Iterable[tuple[int, Cue]]:
    for found in _INDEX.find(tokens):
        yield found.start, Cue(found.kind, found.cue, found.words)


_INDEX = CueIndex(CUES)
"""The cue lists, indexed by first word (built once, at import)."""
