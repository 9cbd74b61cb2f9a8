"""Train the emergency model `bot/emergency_data/model.json.gz` on the dev data, and choose its bands.

    .venv/bin/python bench/train_emergency_model.py [--folds 5] [--check]

Dev data: bench/data/emergency/dev.jsonl, test_v1.jsonl … test_v8.jsonl (test splits, each measured once, then folded
into dev; see bench/README.md), train_v9.jsonl (round 9: a training set by three more writers, never a test split)
test_v9.jsonl (round 10: the blind split v9, measured once, then folded in), train_v10.jsonl (round 10: a training
set by three more writers), test_v10.jsonl (round 11: the blind split v10, measured once, then folded in) and
train_v11.jsonl (round 11: a training set by three more writers), test_v11.jsonl (round 12: the blind split v11,
measured once, then folded in), train_v12.jsonl (round 12: a training set by three more writers), test_v12.jsonl
(round 13: the blind split v12, measured once, then folded in), train_v13.jsonl (round 13: a training set by three
more writers), test_v13.jsonl (round 14: the blind split v13, measured once, then folded in), train_v14.jsonl
(round 14: a training set by three more writers), test_v14.jsonl (round 15: the blind split v14, measured once, then
folded in), train_v15.jsonl (round 15: a training set by three more writers), test_v15.jsonl (round 16: the
blind split v15, measured once, then folded in), test_v16.jsonl (round 17: the blind split v16, measured once, then
folded in), test_v17.jsonl (round 18: the blind split v17, likewise), test_v18.jsonl (round 19: the blind split
v18, likewise), test_v19.jsonl (round 20: the blind split v19, likewise), train_v20.jsonl (round 20: a training set
by three more writers), test_v20.jsonl (round 21: the blind split v20, measured once, then folded in) and
train_v21.jsonl (round 21: a training set by three more writers). Each file is one writer's fold. Never fresh50.jsonl …
fresh50_v19.jsonl or a later blind split.

1. Features: `bot.understanding.emergency_model.features` (character n-grams, words, the cue kinds).
2. Logistic regression, pure Python: AdaGrad over the examples in a fixed shuffled order, L2 on the
   weights a step touches. The L2 strength is chosen by leave-one-writer-out cross-validation log-loss
   (round 3): each file had its own writer, so each fold trains on the other writers and scores one, as
   a new test split will be. Random folds share situations across folds and were optimistic in round 2.
3. Bands, on the leave-one-writer-out probabilities of the chosen setting: `unsure_at` is the highest threshold at
   which every language/script cell keeps recall >= RECALL_TARGET (counting the yes/no question as reaching
   the card) and every writer's fold WRITER_RECALL; `emergency_at` the lowest at which the card opens at once
   for at most DIRECT_FALSE_ALARMS of other messages. The figures printed settle each verdict as the chat does
   (`urgency.settled`), and are printed per writer too.
4. The final model is trained on all the dev data with that setting; weights below PRUNE are dropped.
The figures of a stratified k-fold cross-validation (--folds, by cell and label) are printed beside them.
`--check` prints the figures without writing the model; `--l2` skips the grid (quicker, for trying features).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import multiprocessing
import random
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.emergency_split import is_hard  # noqa: E402
from bot.cli.bot_commands import load_checked  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.understanding.emergency import Assessment, assess  # noqa: E402
from bot.understanding.emergency_model import MODEL_PATH, Model, estimate, features  # noqa: E402
from bot.understanding.lexicon import Lexicon  # noqa: E402
from bot.understanding.normalise import tokenise  # noqa: E402
from bot.understanding.router import pack_phrase  # noqa: E402
from bot.understanding.urgency import markers, settled  # noqa: E402

DATA = ROOT / "bench" / "data" / "emergency"
DEV_FILES = (
    "dev.jsonl", "test_v1.jsonl", "test_v2.jsonl", "test_v3.jsonl", "test_v4.jsonl", "test_v5.jsonl", "test_v6.jsonl",
    "test_v7.jsonl", "test_v8.jsonl", "train_v9.jsonl", "test_v9.jsonl",
    "train_v10.jsonl", "test_v10.jsonl", "train_v11.jsonl", "test_v11.jsonl",
    "train_v12.jsonl", "test_v12.jsonl", "train_v13.jsonl", "test_v13.jsonl", "train_v14.jsonl",
    "test_v14.jsonl", "train_v15.jsonl", "test_v15.jsonl", "test_v16.jsonl", "test_v17.jsonl",
    "test_v18.jsonl", "test_v19.jsonl", "train_v20.jsonl", "test_v20.jsonl", "train_v21.jsonl",
)  # fmt: skip
L2_GRID = (1e-5, 1e-4, 1e-3)
EPOCHS = 25
RATE = 0.5
SEED = 15
RECALL_TARGET = 99.0
"""Round 5: 98.5, not the target's 98: a margin, since a new writer lowers the worst cell (round 4: 98.6 on the
writer CV, 97.2 on the blind v4). Round 7: 99.0: round 6 kept 98.6 in the worst cell of the CV and found 88.9
(ps/latin) on v6; recall comes first."""
WRITER_RECALL = 99.0
"""Round 6: and every writer's fold keeps at least this much recall over all its cells: round 5 kept 98.9 in the
worst cell of the pooled CV and found 97.1 on v5; a threshold that one held-out writer already falls under is
too high for the next one. Round 7: 99.0 (98.0 in round 6, which found 96.9 on v6)."""
DIRECT_FALSE_ALARMS = 0.75
"""Round 6: 0.75, not round 5's 1.0: a new writer got the card at once 3 to 4 times as often as the writer CV
promised (round 4: 1.4 → 4.3; round 5: 0.9 → 3.6), and 3% / 4 = 0.75. A borderline case that gets the question
costs one tap, a wrong card scares and buries the answer."""
PRUNE = 1e-3
JOBS = 2
"""Round 16: the folds run in this many processes (one per core here): 23 writers took ~40 min in one, ~20 in two."""

Example = tuple[dict[str, float], int, str, Assessment, int, bool]  # features, label, "lang/script", cues, words, hard


def load_examples(names: tuple[str, ...]) -> list[Example]:
    lexicon = Lexicon.for_pack(load_checked(Settings()))
    examples: list[Example] = []
    for name in names:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                cues = assess(row["text"], pack_phrase(row["text"], lexicon))
                tokens = tokenise(row["text"])
                cell = f"{row['lang']}/{row['script']}"
                label, hard = int(row["emergency"]), is_hard(row)
                examples.append((features(tokens, cues, row["text"]), label, cell, cues, len(tokens), hard))
    return examples


def train(examples: list[Example], l2: float) -> Model:
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_squares = 0.0, 1e-8
    order = list(range(len(examples)))
    random.Random(SEED).shuffle(order)
    for _ in range(EPOCHS):
        for i in order:
            found, label = examples[i][:2]
            logit = bias + sum(weights[k] * v for k, v in found.items())
            error = 1 / (1 + math.exp(-max(-30.0, min(30.0, logit)))) - label
            for key, value in found.items():
                gradient = error * value + l2 * weights[key]
                squares[key] += gradient * gradient
                weights[key] -= RATE * gradient / math.sqrt(squares[key])
            bias_squares += error * error
            bias -= RATE * error / math.sqrt(bias_squares)
    kept = {k: round(w, 4) for k, w in weights.items() if abs(w) >= PRUNE}
    return Model(round(bias, 4), kept, 0.5, 0.5)


def folds(examples: list[Example], k: int) -> list[int]:
    """Fold number per example, stratified by cell and label."""
    by_stratum: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (_, label, cell, *_) in enumerate(examples):
        by_stratum[(cell, label)].append(i)
    fold = [0] * len(examples)
    rng = random.Random(SEED)
    for members in by_stratum.values():
        rng.shuffle(members)
        for j, i in enumerate(members):
            fold[i] = j % k
    return fold


def writer_folds(names: tuple[str, ...]) -> list[int]:
    """Fold number per example = the file it came from: each file had its own writer."""
    sizes = [len(load_lines(name)) for name in names]
    return [f for f, size in enumerate(sizes) for _ in range(size)]


def load_lines(name: str) -> list[str]:
    return [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


_FORKED: list[Example] = []
"""The examples, for the fold processes: forked children read them from memory rather than from a pickle (the cue
assessments make them large)."""


def fold_probabilities(f: int, l2: float, fold: list[int]) -> list[float]:
    """The probabilities of fold `f`'s examples, in order, from a model trained on the other folds (`_FORKED`)."""
    model = train([e for e, g in zip(_FORKED, fold, strict=True) if g != f], l2)
    return [estimate(example[0], model).probability for example, g in zip(_FORKED, fold, strict=True) if g == f]


def out_of_fold(examples: list[Example], k: int, l2: float, fold: list[int] | None = None) -> list[float]:
    global _FORKED
    fold = fold or folds(examples, k)
    _FORKED = examples
    probabilities = [0.0] * len(examples)
    # Each fold trains the same way whichever process runs it, so the figures are those of one process.
    with ProcessPoolExecutor(JOBS, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {f: pool.submit(fold_probabilities, f, l2, fold) for f in sorted(set(fold))}
        for f, future in futures.items():
            for i, p in zip([i for i, g in enumerate(fold) if g == f], future.result(), strict=True):
                probabilities[i] = p
    return probabilities


def log_loss(examples: list[Example], probabilities: list[float]) -> float:
    total = 0.0
    for (_, label, *_), p in zip(examples, probabilities, strict=True):
        p = min(max(p, 1e-6), 1 - 1e-6)
        total -= math.log(p if label else 1 - p)
    return total / len(examples)


def figures(examples: list[Example], probabilities: list[float], unsure_at: float, emergency_at: float) -> dict:
    """Recall and false alarms per cell, the verdicts settled as the chat settles them (`urgency.settled`).
    `asked_plain`: card or question to others that are not hard negatives (as bench/emergency_split.py)."""
    cells: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    for (found, label, cell, cues, words, hard), p in zip(examples, probabilities, strict=True):
        band = "emergency" if p >= emergency_at else "unsure" if p >= unsure_at else "not"
        verdict = settled(band, cues, words, p, markers(found))
        cells[cell].append((label, verdict, hard))
        cells["all"].append((label, verdict, hard))

    def rate(triples: list[tuple[int, str, bool]], label: int, verdicts: tuple[str, ...], plain: bool = False) -> float:
        chosen = [v for lab, v, hard in triples if lab == label and not (plain and hard)]
        return round(100 * sum(v in verdicts for v in chosen) / len(chosen), 1) if chosen else 0.0

    reach, direct = ("emergency", "unsure"), ("emergency",)
    return {
        cell: {
            "recall": rate(triples, 1, reach),
            "direct": rate(triples, 1, direct),
            "false_alarms": rate(triples, 0, reach),
            "false_alarms_direct": rate(triples, 0, direct),
            "asked_plain": rate(triples, 0, reach, plain=True),
        }
        for cell, triples in sorted(cells.items())
    }


def choose_bands(examples: list[Example], probabilities: list[float], fold: list[int]) -> tuple[float, float]:
    """The bands, by the rule fixed before the round's figures were seen (constants above): `unsure_at` the
    highest threshold at which every cell keeps RECALL_TARGET and every writer (`fold`) WRITER_RECALL;
    `emergency_at` the lowest at which at most DIRECT_FALSE_ALARMS % of others get the card at once."""
    grid = [round(0.01 * i, 2) for i in range(1, 100)]
    writers = [[i for i, f in enumerate(fold) if f == w] for w in sorted(set(fold))]

    def recall_kept(at: float) -> bool:
        if min(f["recall"] for f in figures(examples, probabilities, at, 1.01).values()) < RECALL_TARGET:
            return False
        return all(
            figures([examples[i] for i in idx], [probabilities[i] for i in idx], at, 1.01)["all"]["recall"]
            >= WRITER_RECALL
            for idx in writers
        )

    def direct_false_alarms(at: float) -> float:
        return figures(examples, probabilities, 0.0, at)["all"]["false_alarms_direct"]

    unsure_at = max((t for t in grid if recall_kept(t)), default=grid[0])
    emergency_at = min((t for t in grid if direct_false_alarms(t) <= DIRECT_FALSE_ALARMS), default=grid[-1])
    return unsure_at, max(unsure_at, emergency_at)


def per_writer(
    examples: list[Example], probabilities: list[float], fold: list[int], bands: tuple[float, float]
) -> dict[str, dict]:
    """Each writer's held-out figures (all cells together) at `bands`."""
    out = {}
    for w, name in enumerate(DEV_FILES):
        idx = [i for i, f in enumerate(fold) if f == w]
        out[name] = figures([examples[i] for i in idx], [probabilities[i] for i in idx], *bands)["all"]
    return out


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--folds", type=int, default=5)
    options.add_argument("--check", action="store_true", help="print the figures, do not write the model")
    options.add_argument("--l2", type=float, help="use this L2 strength instead of choosing it on the grid")
    options.add_argument("--dump", type=Path, help="write every dev message's leave-one-writer-out probability here")
    args = options.parse_args()
    examples = load_examples(DEV_FILES)
    print(f"dev examples: {len(examples)} ({sum(e[1] for e in examples)} emergencies)")
    by_writer = writer_folds(DEV_FILES)
    grid = (args.l2,) if args.l2 is not None else L2_GRID
    runs = {l2: out_of_fold(examples, len(DEV_FILES), l2, by_writer) for l2 in grid}
    for l2, probabilities in runs.items():
        print(f"l2 {l2:g}: leave-one-writer-out log-loss {log_loss(examples, probabilities):.4f}")
    l2 = min(runs, key=lambda value: log_loss(examples, runs[value]))
    unsure_at, emergency_at = choose_bands(examples, runs[l2], by_writer)
    if args.dump:  # one JSON line per dev message, in file order: where it came from and its out-of-fold probability
        rows = [(name, n) for name in DEV_FILES for n in range(len(load_lines(name)))]
        with args.dump.open("w", encoding="utf-8") as out:
            for (name, n), p in zip(rows, runs[l2], strict=True):
                out.write(json.dumps({"file": name, "line": n, "p": round(p, 5)}) + "\n")
    report: dict[str, Any] = {"l2": l2, "unsure_at": unsure_at, "emergency_at": emergency_at}
    report["leave_one_writer_out"] = figures(examples, runs[l2], unsure_at, emergency_at)
    report["per_writer"] = per_writer(examples, runs[l2], by_writer, (unsure_at, emergency_at))
    report["unsure_curve"] = {  # the whole CV at each `unsure_at`, and the worst writer's recall there
        str(at): {
            **figures(examples, runs[l2], at, emergency_at)["all"],
            "worst_writer": min(f["recall"] for f in per_writer(examples, runs[l2], by_writer, (at, 1.01)).values()),
        }
        for at in (0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2)
    }
    report["direct_curve"] = {
        str(at): figures(examples, runs[l2], unsure_at, at)["all"] for at in (0.7, 0.8, 0.85, 0.9, 0.95)
    }
    if args.folds:  # --folds 0 skips it
        stratified = out_of_fold(examples, args.folds, l2)
        report[f"stratified_{args.folds}_fold"] = figures(examples, stratified, unsure_at, emergency_at)
    print(json.dumps(report, indent=1))
    if not args.check:
        model = train(examples, l2)
        out = {"bias": model.bias, "unsure_at": unsure_at, "emergency_at": emergency_at, "l2": l2,
               "trained_on": list(DEV_FILES), "weights": dict(sorted(model.weights.items()))}  # fmt: skip
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        with gzip.GzipFile(MODEL_PATH, "wb", mtime=0) as raw:
            raw.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}: {len(model.weights)} weights")


if __name__ == "__main__":
    main()
