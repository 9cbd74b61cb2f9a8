"""A small logistic regression beside the emergency cues: `estimate(features(tokens, assessment)) -> Estimate`.

The cue lists fit the phrasing of whoever wrote them. The model reads the same normalised text more
loosely, so that a spelling or a verb form nobody listed still counts:

- character n-grams of 1–4 letters inside each word, with the word's edges marked ("<بردن>", "<grf");
- for Latin words, the consonant skeleton too ("giriftan", "greftan" → "grftn"): romanised vowels vary;
- words and pairs of neighbouring words;
- the cue kinds that fired (`emergency.assess`, after "if" has dropped what it governs) and the cue
  verdict, so the model learns how far to trust each kind;
- round 6: the form of the message (`emergency_form`: a question, one that opens with a question word or
  also reports an event, a habit, something over, people in general only), the same few markers for every
  writer.

Each group of text features is scaled to unit length, so a long message does not outweigh a short
one, but a message shorter than a sentence is not scaled up (CHAR_NORM_FLOOR, WORD_NORM_FLOOR). The
weights are trained by `bench/train_emergency_model.py` on bench/data/emergency (dev data only) and ship
in `bot/emergency_data/model.json.gz`, with the verdict bands chosen by cross-validation there.
Scoring is one dictionary look-up per feature: well under a millisecond.
"""

from __future__ import annotations

import gzip
import heapq
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import chain, compress, repeat
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING

from bot.softmax_model import char_grams, scaled
from bot.understanding.emergency_form import form

if TYPE_CHECKING:
    from bot.understanding.emergency import Assessment

MODEL_PATH = Path(__file__).resolve().parent.parent / "emergency_data" / "model.json.gz"
_VOWELS = str.maketrans("", "", "aeiouy")
CHAR_NORM_FLOOR = 12.0
WORD_NORM_FLOOR = 4.0
"""Each group of text features is divided by its length, but by at least these (about a sentence of eight
words): a one-word message is weak evidence, not the full weight of a sentence ("police" alone is not an
emergency; "arrested" alone is for the cues to weigh)."""
TOP_FEATURES = 8
"""How many contributions `Estimate.top` keeps for `rahnama ask --explain`."""


@dataclass(frozen=True, slots=True)
class Model:
    bias: float
    weights: dict[str, float]
    unsure_at: float
    """Probability from which the chat asks "Is this happening now?"."""
    emergency_at: float
    """Probability from which the card opens at once."""


@dataclass(frozen=True, slots=True)
class Estimate:
    probability: float
    top: tuple[tuple[str, float], ...]
    """The features that pushed hardest, either way: (feature, weight × value), largest first."""


def features(tokens: tuple[str, ...], assessment: Assessment, text: str = "") -> dict[str, float]:
    """The model's features for normalised `tokens` and the cue `assessment` of the same `text` (the raw text
    gives the form markers, `emergency_form`: a question mark does not survive `tokenise`)."""
    return features_and_form(tokens, assessment, text)[0]


def features_and_form(
    tokens: tuple[str, ...], assessment: Assessment, text: str = ""
) -> tuple[dict[str, float], frozenset[str]]:
    """`features`, and the form markers among them (`urgency.judge` needs both: picking the markers out of the
    features again would read every feature)."""
    found = scaled(Counter(chain.from_iterable(map(_word_grams, tokens))), CHAR_NORM_FLOOR)
    found.update(scaled(Counter(_word_keys(tokens)), WORD_NORM_FLOOR))
    kinds = {cue.kind for cue in assessment.cues}
    for kind in kinds:
        found["k:" + kind] = 1.0
    markers = form(text, tokens, kinds)
    for marker in markers:
        found["f:" + marker] = 1.0
    found["v:" + assessment.verdict] = 1.0
    return found, markers


def _word_keys(tokens: tuple[str, ...]) -> list[str]:
    """Each word as "w:word" and each pair of neighbours as "b:before word", in reading order ("w:a", "w:b", "b:a b",
    "w:c", "b:b c"): the features' order is the order `estimate` adds them in, so it stays what it was when they were
    counted one by one."""
    words = ["w:" + token for token in tokens]
    pairs = [f"b:{before} {token}" for before, token in zip(tokens, tokens[1:], strict=False)]
    return [*words[:1], *chain.from_iterable(zip(words[1:], pairs, strict=True))]


def _word_grams(token: str) -> tuple[str, ...]:
    """The letter n-grams of one token, and of its consonant skeleton if it is Latin (`char_grams` caches them)."""
    grams = char_grams(token, "c:")
    if "a" <= token[0] <= "z":
        skeleton = token.translate(_VOWELS)
        if len(skeleton) >= 2:
            grams += char_grams(skeleton, "s:")
    return grams


def estimate(found: dict[str, float], model: Model | None = None) -> Estimate:
    """The probability that the message is an emergency, and what drove it."""
    model = model or load()
    # weight × value per feature, in the features' order, by `map` in C rather than a loop of Python steps (detect +
    # route's p99 is a target). A feature the model does not know adds 0.0, which leaves a float sum as it was.
    parts = list(map(mul, map(model.weights.get, found, repeat(0.0)), found.values()))
    logit = model.bias + sum(parts)
    probability = 1 / (1 + math.exp(-max(-30.0, min(30.0, logit))))
    return Estimate(round(probability, 4), _top(list(found), parts))


def _top(keys: list[str], parts: list[float]) -> tuple[tuple[str, float], ...]:
    """The TOP_FEATURES largest contributions in size, largest first, as (feature, contribution rounded); of two the
    same size, the later feature name first. A contribution of 0 is none."""
    sizes = list(map(abs, parts))
    # Only a contribution at least as large as the TOP_FEATURES-th largest can be among them: sorting the bare floats
    # finds that bar, so that only the few (size, feature, contribution) tuples that reach it are made and compared
    # (in C throughout; building one per feature was a third of the model's time). The bar is at least the smallest
    # positive float, so that zeros stay out.
    bar = max(sorted(sizes)[-TOP_FEATURES] if len(sizes) >= TOP_FEATURES else 0.0, math.ulp(0.0))
    reaching = compress(zip(sizes, keys, parts, strict=True), map(bar.__le__, sizes))
    return tuple((key, round(part, 3)) for _, key, part in heapq.nlargest(TOP_FEATURES, reaching))


@cache
def load(path: Path = MODEL_PATH) -> Model:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        data = json.load(stream)
    return Model(float(data["bias"]), data["weights"], float(data["unsure_at"]), float(data["emergency_at"]))
