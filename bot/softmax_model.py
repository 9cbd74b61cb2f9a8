"""A small multinomial logistic regression over sparse features: the Latin-letter language model (`bot.langid_chat`).

Weights are trained by `bench/build_chat_models.py` (which also tried it for the document category) and ship
gzipped as JSON: {"classes": [...], "bias": [...], "weights": {feature: [one weight per class]}, "settings": {...}}.
Scoring is one dictionary look-up per feature. `char_grams` and `scaled` build the sparse features of both learnt
models here, this one and the emergency model (`bot.understanding.emergency_model`).
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import is_not, mul, truediv
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SoftmaxModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, list[float]]
    settings: dict[str, float]
    """What the build script chose (e.g. how much the model counts beside the other evidence)."""

    def logits(self, found: dict[str, float]) -> list[float]:
        """Per class, bias plus the weighted features (features the model does not know count nothing)."""
        rows = list(map(self.weights.get, found))
        known = list(map(is_not, rows, repeat(None)))
        values = list(compress(found.values(), known))
        if not values:
            return list(self.bias)
        # Class by class, in C: `sum` with a float start adds one by one, in the features' order, as a loop over the
        # features would (Python 3.11, which the image pins).
        columns = zip(*compress(rows, known), strict=True)
        return [sum(map(mul, column, values), bias) for column, bias in zip(columns, self.bias, strict=True)]

    def log_probabilities(self, found: dict[str, float]) -> list[float]:
        logits = self.logits(found)
        top = max(logits)
        norm = top + math.log(sum(math.exp(x - top) for x in logits))
        return [x - norm for x in logits]


def load(path: Path) -> SoftmaxModel:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        data = json.load(stream)
    return SoftmaxModel(tuple(data["classes"]), tuple(data["bias"]), data["weights"], data.get("settings", {}))


def scaled(counts: Counter[str], floor: float) -> dict[str, float]:
    """Counts divided by their Euclidean length, but by at least `floor`: a long text does not outweigh a short
    one, and a very short one is weak evidence rather than a full sentence's worth."""
    values = counts.values()
    # The same arithmetic as a loop over the counts, done by `map` in C (both learnt models call this per message).
    norm = max(floor, math.sqrt(sum(map(mul, values, values)))) or 1.0
    return dict(zip(counts, map(truediv, values, repeat(norm)), strict=True))


@lru_cache(maxsize=50_000)
def char_grams(word: str, tag: str, orders: range = range(1, 5)) -> tuple[str, ...]:
    """Letter n-grams inside one word, its edges marked ("<bor", "dan>"). Cached: chat repeats its words, and
    both learnt models ask for the grams of every word of every message (detect + route's p99 is a target)."""
    padded = f"<{word}>"
    return tuple(
        f"{tag}{padded[i : i + n]}"
        for n in orders
        for i in range(len(padded) - n + 1)
        if padded[i : i + n] not in ("<", ">")
    )
