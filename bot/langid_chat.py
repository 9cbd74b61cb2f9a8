"""A learnt second opinion for Latin-letter text, beside `bot.langid`'s news-trained model (issue 15, round 6).

The naive Bayes model in `bot.langid` knows romanised Dari, Pashto and Urdu only from news text transliterated by rule,
and `bot.langid_roman` adds chat words one writer listed by hand. Both fit the writers they were read from; a new
writer's spelling ("mikonim", "zmaa", "kr rha") slips between them. This model is a logistic regression over the letter
n-grams inside each word and the words themselves, trained on chat messages in Latin letters by independent writers
(bench/data/emergency: six in round 6, all but one of the emergency model's since round 15: twenty-four in round 18)
plus the dev lines of bench/data/langid, so it has seen how many people spell the same language.
`bench/build_chat_models.py` trains it and chooses, writer held out by writer, how much it counts beside the naive Bayes
scores; the weights ship in `langid_data/chat_model.json.gz`.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from itertools import chain, repeat
from pathlib import Path

from bot.softmax_model import SoftmaxModel, char_grams, load, scaled

MODEL_PATH = Path(__file__).with_name("langid_data") / "chat_model.json.gz"
GRAM_FLOOR = 12.0
WORD_FLOOR = 3.0
"""Feature groups are scaled to unit length but by at least these: one or two words are weak evidence."""


def features(words: list[str]) -> dict[str, float]:
    """Features of Latin words already squeezed and without the NEUTRAL names (as `bot.langid.scores` has them)."""
    found = scaled(Counter(chain.from_iterable(map(char_grams, words, repeat("c:")))), GRAM_FLOOR)
    found.update(scaled(Counter(["w:" + word for word in words]), WORD_FLOOR))
    return found


@cache
def model() -> SoftmaxModel | None:
    """The shipped model, or None if the file is absent (the naive Bayes model then decides alone)."""
    return load(MODEL_PATH) if MODEL_PATH.exists() else None


def combine(
    learnt: list[float], naive: dict[str, float], words: int, classes: tuple[str, ...], weight: float
) -> dict[str, float]:
    """Per class: the learnt log-probability plus `weight` × the naive Bayes log-likelihood per word (relative to
    its best class), so that a long text's naive Bayes margin does not drown the learnt model."""
    top = max(naive.values())
    return {c: lp + weight * (naive[c] - top) / max(1, words) for c, lp in zip(classes, learnt, strict=True)}
