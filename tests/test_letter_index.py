"""bot.understanding.letter_index and length_window: the strings they rule out can never reach the fuzzy cutoff, so
rapidfuzz finds the same matches, in the same order, among the others as among them all."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from bot.understanding.length_window import LengthWindow
from bot.understanding.letter_index import LetterIndex

LETTERS = "abdekmnorstuyآابتدرسشکگمنوهی"
WORDS = st.text(alphabet=LETTERS, min_size=1, max_size=12)
SENTENCES = st.text(alphabet="ab ", min_size=1, max_size=40)  # few letters: many near matches


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


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCES, max_size=40), SENTENCES, st.sampled_from([70, 80]))
def test_the_length_window_keeps_every_match(strings: list[str], query: str, cutoff: int) -> None:
    choices = tuple(strings)
    kept, positions = LengthWindow(choices).within(len(query), cutoff)
    assert kept == tuple(choices[i] for i in positions) and positions == sorted(positions)
    assert {i for i, s in enumerate(choices) if fuzz.ratio(query, s) >= cutoff} <= set(positions)
    found = process.extract(query, kept, scorer=fuzz.ratio, score_cutoff=cutoff, limit=10)
    assert [(s, score, positions[i]) for s, score, i in found] == process.extract(
        query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=10
    )
