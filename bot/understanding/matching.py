"""Which lexicon tokens a text contains, allowing for suffixes, spacing and typos.

A text token covers a lexicon token when it is the same (similarity 1.0), when it is the lexicon token
plus a short ending ("کارتم", "cardam", "ونیولم": 0.9), or when rapidfuzz finds at most about one
typo in a word of five letters or more. Short words are never matched fuzzily: "kard" (Dari "did")
must not become "card", and "ok" must not become anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.understanding.letter_index import LetterIndex
from bot.understanding.lexicon import FUZZY_MIN_LENGTH, Lexicon, Phrase

SUFFIX_SIMILARITY = 0.9
MAX_SUFFIX = 4
"""Letters a word may add to a lexicon token (endings: -am, -ha, -ed, ـم, ـها, ـونه)."""
MIN_PREFIX = 3
FUZZY_CUTOFF = 80
"""rapidfuzz ratio (0-100): 80 is one typo in a word of 5-9 letters."""
STRICT_FUZZY_MIN_LENGTH = 6
STRICT_FUZZY_CUTOFF = 85
"""Emergency phrases override everything, so typos are forgiven less: in words of 6+ letters and at
ratio 85+. "chala" (Urdu "runs") is one letter from "chapa" (raid), "asking" from "taking"."""
FUZZY_LIMIT = 3

# Common words that look like a lexicon word plus an ending but are not: Urdu کیسے/کیسا ("how") is not
# کیس ("case") + ے, so "آج موسم کیسا ہے" is not a question about a resettlement case.
WHOLE_WORDS = frozenset(("کیسی", "کیسا"))

# A word and its negation differ by a prefix and look alike to a fuzzy matcher: "daram" (I have) and
# "nadaram" (I do not have) must never match each other.
_NEGATIONS = ("n", "na", "ne", "nmi", "ن", "نه", "نمی")


@dataclass(frozen=True, slots=True)
class Hit:
    similarity: float
    span: frozenset[int]
    """Positions of the text tokens that made this hit."""


@dataclass(frozen=True, slots=True)
class Hits:
    loose: dict[str, Hit]
    """Lexicon token → its best hit in the text: for topic keywords."""
    strict: dict[str, Hit]
    """For emergency phrases: the same without a text word that is a lexicon word cut short ("arrest"
    for "arrested": the ending is the difference between "it happened" and "can it happen"), and
    with typos forgiven only within STRICT_FUZZY_MIN_LENGTH and STRICT_FUZZY_CUTOFF."""


def find_hits(tokens: tuple[str, ...], lexicon: Lexicon) -> Hits:
    loose: dict[str, Hit] = {}
    strict: dict[str, Hit] = {}

    def keep(token: str, similarity: float, span: frozenset[int], loose_only: bool = False) -> None:
        for found in (loose,) if loose_only else (loose, strict):
            if token not in found or found[token].similarity < similarity:
                found[token] = Hit(similarity, span)

    vocabulary, prefixes = lexicon.vocabulary, lexicon.prefixes
    for unit, span in _units(tokens):
        if unit in vocabulary:
            keep(unit, 1.0, span)
        for end in range(max(MIN_PREFIX, len(unit) - MAX_SUFFIX), len(unit) * (unit not in WHOLE_WORDS)):
            if unit[:end] not in prefixes:
                break  # no vocabulary word begins so: none is a longer part of this unit either
            if unit[:end] in vocabulary:
                keep(unit[:end], SUFFIX_SIMILARITY, span)
        if len(span) == 1 and len(unit) >= FUZZY_MIN_LENGTH:
            for token, score in _fuzzy(unit, lexicon.fuzzy_letters):
                if not _negation_pair(unit, token):
                    loose_only = (
                        _cut_short(unit, token) or len(token) < STRICT_FUZZY_MIN_LENGTH or score < STRICT_FUZZY_CUTOFF
                    )
                    keep(token, score / 100 * SUFFIX_SIMILARITY, span, loose_only)
    return Hits(loose, strict)


def match(phrase: Phrase, hits: dict[str, Hit]) -> Hit | None:
    """The phrase's hit if all its tokens (or its joined form) are in the text."""
    if all(token in hits for token in phrase.tokens):
        found = [hits[token] for token in phrase.tokens]
        return Hit(min(h.similarity for h in found), frozenset().union(*(h.span for h in found)))
    if phrase.joined is not None:
        return hits.get(phrase.joined)
    return None


def _units(tokens: tuple[str, ...]) -> Iterable[tuple[str, frozenset[int]]]:
    # Single tokens, and two or three written together: "می خواهم" is also typed "میخواهم", and
    # "پی او ار" also "پیاوار"; the lexicon holds joined forms too, so both directions meet.
    for i, token in enumerate(tokens):
        yield token, frozenset((i,))
        for n in (2, 3):
            if i + n <= len(tokens):
                yield "".join(tokens[i : i + n]), frozenset(range(i, i + n))


def _fuzzy(unit: str, letters: LetterIndex) -> list[tuple[str, float]]:
    # Only the vocabulary words that can reach the cutoff (`letter_index`): usually none or one of some 600.
    candidates = letters.candidates(unit, FUZZY_CUTOFF)
    if not candidates:
        return []
    found = process.extract(unit, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT)
    return [(token, score) for token, score, _ in found]


def _cut_short(unit: str, token: str) -> bool:
    # One missing last letter is a typo or a spoken ending (Dari "میبرن" for "میبرند"); a missing
    # ending of two or more ("arrest" for "arrested") changes what happened.
    return token.startswith(unit) and len(token) - len(unit) >= 2


def _negation_pair(unit: str, token: str) -> bool:
    short, long = sorted((unit, token), key=len)
    return long.endswith(short) and long[: len(long) - len(short)] in _NEGATIONS
