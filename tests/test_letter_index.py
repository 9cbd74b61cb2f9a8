"""bot.understanding.letter_index: the vocabulary words it rules out can never reach the fuzzy cutoff, so rapidfuzz
finds the same matches, in the same order, among its candidates as among the whole vocabulary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from bot.understanding.letter_index import LetterIndex

LETTERS = "abdekmnorstuyآابتدرسشکگمنوهی"
WORDS = st.text(alphabet=LETTERS, min_size=1, max_size=12)


def _extract(word: str, choices: tuple[str, ...], cutoff: int) -> list[tuple[str, float]]:
    found = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
    return [(choice, score) for choice, score, _ in found]


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40, unique=True), WORDS, st.sampled_from([70, 80, 85]))
def test_no_word_within_the_cutoff_is_ruled_out(vocabulary: list[str], word: str, cutoff: int) -> None:
    words = tuple(sorted(vocabulary))
    candidates = LetterIndex(words).candidates(word, cutoff)
    near = {w for w in words if fuzz.ratio(word, w) >= cutoff}
    assert near <= set(candidates)
    assert list(candidates) == [w for w in words if w in candidates]  # the vocabulary's order
    assert _extract(word, candidates, cutoff) == _extract(word, words, cutoff)


def test_typos_are_kept_and_strangers_ruled_out() -> None:
    index = LetterIndex(("arrested", "deported", "گرفتار", "ګرفتار", "police"))
    assert index.candidates("arested", 80) == ("arrested",)
    assert index.candidates("گرفتاری", 80) == ("گرفتار",)
    assert index.candidates("zzzzzz", 80) == ()
    assert index.candidates("polise", 80) == ("police",)
