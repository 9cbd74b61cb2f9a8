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
BEFORE_TURN = frozenset({"relief", "resolved", "benign", "long_ago", "last_week"})
"""Round 12: what a turn followed by something done cancels (`_after_contrast`): the calm (relief, resolved, benign);
round 13: and the times of the family news before it ("my sister got engaged last month"). Not "elsewhere" or
"hypothetical": "a raid in the next street, but they did not come to us" must stay about others."""
URDU_THAT = "کہ"
"""Urdu "that": ک and the Urdu ہ (heh goal), as Urdu keyboards type it; Pashto and Dari "که" ends in ه."""
TURN_TIMES = frozenset({"recent", "now"})
TURN_ACTS = frozenset({"arrest", "take", "tear", "extortion"})
"""Round 13: today, this morning, now are a turn when they follow a BEFORE_TURN cue and come before one of these acts
(not any core kind: "released on bail, and now he came home" has a now and an arrival after the release)."""
CALM_OPENING = frozenset({"relief", "resolved", "benign"})
EVENT_ACTS = TURN_ACTS | {"held_place"}
EVENT_TIMES = frozenset({"recent", "ongoing"})
EVENT_GAP = 6
"""Round 19 (`_before_event`): the calm of a long message's opening (CALM_OPENING, not its times: "two years ago they
took me … now" is a past story) counts for nothing once, more than EVENT_GAP words later, someone is taken or held
(EVENT_ACTS) with yesterday, since or still (EVENT_TIMES) within EVENT_GAP words of it. Not "now": calm questions end
with it ("… now what do we do?"). On the dev data this changes the cue kinds of 27 emergencies and 4 other messages."""


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
    placed = _after_contrast(_urdu_that(list(_find(tokens)), text))
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
    """The cues without what is said before the turn of a long message (BEFORE_TURN kinds), when something done (a
    core kind) follows the turn: "we are all fine, thank God … but this morning they took my husband" (round 12).
    A turn is a "but" or "by the way" (`contrast`), or (round 13) a today / now that follows such a cue and comes
    before an act (TURN_ACTS): "last week his daughter was born, we were all so happy, this morning the police took
    him from work" (v12's Urdu miss)."""
    done = [start for start, cue in placed if cue.kind in CORE_KINDS]
    acts = [start for start, cue in placed if cue.kind in TURN_ACTS]
    turns = [start for start, cue in placed if cue.kind == "contrast" and any(s > start for s in done)]
    earlier = [start for start, cue in placed if cue.kind in BEFORE_TURN]
    if earlier:
        turns += [s for s, cue in placed if cue.kind in TURN_TIMES and s > earlier[0] and any(a > s for a in acts)]
    turn = max(turns, default=None)
    if turn is None:
        return _before_event(placed, earlier) if earlier else placed
    return [(start, cue) for start, cue in placed if start > turn or cue.kind not in BEFORE_TURN]


def _before_event(placed: list[tuple[int, Cue]], earlier: list[int]) -> list[tuple[int, Cue]]:
    """Round 19: the calm of a long message's opening, with no "but" after it (CALM_OPENING, EVENT_GAP): "we are all
    fine, the wedding went well … my husband has been at the thana since yesterday". Calm said just before the event
    qualifies it, and stays; so does calm before something else done ("came home … he had spent two nights at the
    thana, now …"): the calm is about that."""
    acts = [s for s, cue in placed if cue.kind in EVENT_ACTS and s > earlier[0]]
    times = [s for s, cue in placed if cue.kind in EVENT_TIMES]
    events = [min(a, t) for a in acts for t in times if abs(a - t) <= EVENT_GAP and min(a, t) > earlier[0]]
    if not events:
        return placed
    event = min(events)
    calm = [s for s, cue in placed if cue.kind in CALM_OPENING and s < event - EVENT_GAP]
    if not calm or any(calm[-1] < s < event and cue.kind in CORE_KINDS for s, cue in placed):
        return placed  # something was done between the calm and the event: the calm is about it ("released")
    return [(s, cue) for s, cue in placed if s not in calm]


def _urdu_that(placed: list[tuple[int, Cue]], text: str) -> list[tuple[int, Cue]]:
    """Round 13: Urdu "کہ" is "that" ("his wife phoned that the police took him"), never "if"; only its letters tell
    it from Pashto "که" (if), which `tokenise` makes the same. So where the text has the Urdu letters, the listed
    "که …" conditionals are dropped (v12's Urdu miss: "if" had dropped "police took him")."""
    if URDU_THAT not in text:
        return placed
    return [(start, cue) for start, cue in placed if not (cue.kind == "conditional" and cue.cue.startswith("که "))]


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
