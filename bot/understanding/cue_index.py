"""Finding listed cues in normalised tokens: `CueIndex(cues).find(tokens)`.

Shared by the emergency cues (`emergency_cues`) and the document cues (`document_cues`). A cue is a word or
a few words in a row; `*` at the end of a word accepts any ending ("گرفت*": گرفتن، گرفتنش). Every cue goes
through `normalise.tokenise`, like the text. Latin words of SKELETON_MIN consonants or more are compared by
their consonant skeleton, because romanised vowels vary freely ("greftan", "giraftan" → "grftn"); a word
written "=word" is compared as written. A word inside a longer cue of the same text reads as part of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.understanding.normalise import tokenise

SKELETON_MIN = 4
"""Latin cues are compared by consonant skeleton only from this many consonants: "grft" (greftan,
giraftar) is safe; "brd" would make "bradar" (brother) a "took"."""
_VOWELS = str.maketrans("", "", "aeiouy")
_NOT_VARIANTS = (
    "person", "persons", "persian", "saturday", "start", "worker", "workers", "inform", "korangi", "sakenge",
    "sakunga", "sakungi",
)  # fmt: skip
"""Round 20: words of their own that share a cue's skeleton but are not a way of spelling it ("person" is not
"prison", "Saturday" not "yesterday", "worker" not Pashto "warkra", give; Korangi is a part of Karachi, not "karenge",
will do; Urdu "sakenge", can, not "asking"). They are compared only as typed, in the text and in a cue ("last
saturday"). Found by listing the Latin words of the dev data whose skeleton is a cue's."""
_PLAIN = frozenset(word for listed in _NOT_VARIANTS for word in tokenise(listed))


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    kind: str
    cue: str
    """The cue as listed."""
    words: str
    """The normalised words of the text that matched."""


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


class CueIndex:
    """First word → patterns, built once from `kind → cues`: one table per way of comparing the first word (as typed
    or by skeleton; whole or as a prefix), so that a look-up is one string key; and the lengths of the prefix words,
    so that only prefixes of those lengths are looked up."""

    def __init__(self, cues: Mapping[str, Iterable[str]]) -> None:
        # [skeleton][prefix]: first word → patterns, in the order listed
        self._index: tuple[tuple[dict[str, list[_Pattern]], ...], ...] = (({}, {}), ({}, {}))
        for kind, listed in cues.items():
            for cue in listed:
                pattern = _compile(kind, cue)
                if pattern is not None:
                    first = pattern.words[0]
                    self._index[first.skeleton][first.prefix].setdefault(first.value, []).append(pattern)
        # A prefix word of one letter never matched: prefixes were tried from two letters on.
        self._prefix_lengths = tuple(
            sorted({len(value) for value in prefixes[True] if len(value) >= 2}) for prefixes in self._index
        )

    def find(self, tokens: tuple[str, ...]) -> list[Found]:
        """The cues in `tokens`, in order of position; a cue inside a longer one that matched is left out."""
        keys = [_keys(token) for token in tokens]
        found: dict[tuple[str, int, int], _Pattern] = {}
        for start in range(len(tokens)):
            for pattern in self._candidates(keys[start]):
                words = pattern.words
                end = start + len(words)
                # The first word fits (the candidates are looked up by it): only the others are compared.
                if len(words) == 1 or (
                    end <= len(tokens) and all(_fits(w, keys[start + i]) for i, w in enumerate(words[1:], 1))
                ):
                    found.setdefault((pattern.kind, start, end), pattern)
        # A word inside a longer cue reads as part of it: Urdu "رہا ہے" (is …-ing) is not Dari "رها"
        # (released), and "همین" in "همین حالا" (right now) is not Urdu "ہمیں" (us).
        spans = {(start, end) for _, start, end in found}
        return [
            Found(start, kind, pattern.cue, " ".join(tokens[start:end]))
            for (kind, start, end), pattern in found.items()
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
        ]

    def _candidates(self, keys: tuple[str, str]) -> list[_Pattern]:
        """The patterns whose first word fits a token with these `_keys`: as typed, then by skeleton; each the whole
        word, then its prefixes from the shortest."""
        candidates: list[_Pattern] = []
        for key, (whole, prefixes), lengths in zip(keys, self._index, self._prefix_lengths, strict=True):
            candidates += whole.get(key, ())
            for length in lengths:
                if length > len(key):
                    break
                candidates += prefixes.get(key[:length], ())
        return candidates


def _keys(token: str) -> tuple[str, str]:
    """The token as typed (normalised) and its consonant skeleton (Latin only; else the token)."""
    if "a" <= token[0] <= "z":
        return token, "" if token in _PLAIN else token.translate(_VOWELS)
    return token, token


def _fits(word: _Word, keys: tuple[str, str]) -> bool:
    value = keys[1] if word.skeleton else keys[0]
    return value.startswith(word.value) if word.prefix else value == word.value


def _compile(kind: str, cue: str) -> _Pattern | None:
    """A cue's words; a Latin word is compared by skeleton unless it is short or written "=word"."""
    words: list[_Word] = []
    for part in cue.split():
        prefix, literal = part.endswith("*"), part.startswith("=")
        for token in tokenise(part.strip("*=")):
            plain = literal or token in _PLAIN  # "last saturday" keeps its Saturday
            skeleton = token.translate(_VOWELS) if "a" <= token[0] <= "z" and not plain else ""
            if len(skeleton) >= SKELETON_MIN:
                words.append(_Word(skeleton, prefix, True))
            else:
                words.append(_Word(token, prefix, False))
    return _Pattern(kind, cue, tuple(words)) if words else None
