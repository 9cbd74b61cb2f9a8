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

from bot.understanding.emergency_cues import CONDITIONAL_SCOPE, CORE_KINDS, CUES, PAIRS, THREAT_FORMS, WEIGHTS
from bot.understanding.normalise import tokenise

Verdict = Literal["emergency", "unsure", "not"]

EMERGENCY_AT = 3.0
"""Set on the dev split (bench/data/emergency/dev.jsonl): an action with two kinds of context, e.g.
"took" + "my brother" + "last night"."""
UNSURE_AT = 2.0
"""An action with one kind of context ("they took my son"), or an arrest word alone ("arrested")."""
SKELETON_MIN = 4
"""Latin cues are compared by consonant skeleton only from this many consonants: "grft" (greftan,
giraftar) is safe; "brd" would make "bradar" (brother) a "took"."""
_VOWELS = str.maketrans("", "", "aeiouy")


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


@dataclass(frozen=True, slots=True)
class _Word:
    value: str
    prefix: bool
    skeleton: bool


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    cue: str
    words: tuple[_Word, ...]


def assess(text: str, phrase: str | None = None) -> Assessment:
    """The verdict for `text`; `phrase` is a pack emergency phrase the router found in it, if any."""
    tokens = tokenise(text)
    placed = list(_find(tokens))
    cues, governed = [cue for _, cue in placed], False
    if not any(cue.kind == "money" for cue in cues):  # a threat keeps its "if" (see THREAT_FORMS)
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
    index = _index()
    keys = [_keys(token) for token in tokens]
    found: dict[tuple[str, int, int], _Pattern] = {}
    for start in range(len(tokens)):
        for pattern in _candidates(keys[start], index):
            end = start + len(pattern.words)
            if end <= len(tokens) and all(_fits(w, keys[start + i]) for i, w in enumerate(pattern.words)):
                found.setdefault((pattern.kind, start, end), pattern)
    # A word inside a longer cue reads as part of it: Urdu "رہا ہے" (is …-ing) is not Dari "رها"
    # (released), and "همین" in "همین حالا" (right now) is not Urdu "ہمیں" (us).
    spans = {(start, end) for _, start, end in found}
    for (kind, start, end), pattern in found.items():
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans):
            yield start, Cue(kind, pattern.cue, " ".join(tokens[start:end]))


def _keys(token: str) -> tuple[str, str]:
    """The token as typed (normalised) and its consonant skeleton (Latin only; else the token)."""
    if "a" <= token[0] <= "z":
        return token, token.translate(_VOWELS)
    return token, token


def _fits(word: _Word, keys: tuple[str, str]) -> bool:
    value = keys[1] if word.skeleton else keys[0]
    return value.startswith(word.value) if word.prefix else value == word.value


def _candidates(keys: tuple[str, str], index: dict[tuple[bool, bool, str], list[_Pattern]]) -> Iterable[_Pattern]:
    for skeleton, key in ((False, keys[0]), (True, keys[1])):
        yield from index.get((skeleton, False, key), ())
        for end in range(2, len(key) + 1):
            yield from index.get((skeleton, True, key[:end]), ())


_INDEX: dict[tuple[bool, bool, str], list[_Pattern]] | None = None


def _index() -> dict[tuple[bool, bool, str], list[_Pattern]]:
    """(skeleton?, prefix?, first word) → patterns; built once."""
    global _INDEX
    if _INDEX is None:
        index: dict[tuple[bool, bool, str], list[_Pattern]] = {}
        for kind, cues in CUES.items():
            for cue in cues:
                pattern = _compile(kind, cue)
                if pattern is not None:
                    first = pattern.words[0]
                    index.setdefault((first.skeleton, first.prefix, first.value), []).append(pattern)
        _INDEX = index
    return _INDEX


def _compile(kind: str, cue: str) -> _Pattern | None:
    """A cue's words; a Latin word is compared by skeleton unless it is short or written "=word"."""
    words: list[_Word] = []
    for part in cue.split():
        prefix, literal = part.endswith("*"), part.startswith("=")
        for token in tokenise(part.strip("*=")):
            skeleton = token.translate(_VOWELS) if "a" <= token[0] <= "z" and not literal else ""
            if len(skeleton) >= SKELETON_MIN:
                words.append(_Word(skeleton, prefix, True))
            else:
                words.append(_Word(token, prefix, False))
    return _Pattern(kind, cue, tuple(words)) if words else None
