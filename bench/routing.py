"""Routing benchmark: how well `rahnama ask` finds the topic of typed questions.

Runs `bot.cli.ask.answer` (the function the CLI prints) on every line of
bench/data/routing/questions.jsonl and prints top-1 accuracy, emergency recall, accuracy per
language, the emergency false-positive rate, and the p99 latency of language detection + routing.
It then scores the emergency split (the newest bench/data/emergency/test_vN.jsonl, or --emergency FILE) per language
and script: emergency_recall, emergency_false_alarms, category_accuracy, latin_language_accuracy and
p99_ms of detect + route (see bench/README.md, "Emergencies").
Its last line is one JSON object: {"top1": %, "emergency_recall": %, "p99_ms": …, "emergency_split": {…}}.

    .venv/bin/python bench/routing.py [--data FILE] [--emergency FILE] [--repeat N] [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import emergency_split  # noqa: E402  (bench/emergency_split.py)

from bot.cli.ask import answer  # noqa: E402  (after the path set-up, so it runs from a checkout)
from bot.cli.bot_commands import load_checked  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.content import ContentPack  # noqa: E402
from bot.understanding import CONFIDENT, route  # noqa: E402

DATA = ROOT / "bench" / "data" / "routing" / "questions.jsonl"
EMERGENCY_DIR = ROOT / "bench" / "data" / "emergency"


def newest_split(directory: Path = EMERGENCY_DIR) -> Path | None:
    """The default emergency split: the blind split of the latest round, test_vN.jsonl with the highest N. Each
    earlier one was measured once and is dev data now (bench/train_emergency_model.py, DEV_FILES)."""
    splits = [
        (int(m.group(1)), p)
        for p in directory.glob("test_v*.jsonl")
        if (m := re.fullmatch(r"test_v(\d+)\.jsonl", p.name))
    ]
    return max(splits)[1] if splits else None


@dataclass(frozen=True)
class Question:
    text: str
    lang: str
    topic: str | None
    emergency: bool


def load_questions(path: Path) -> list[Question]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Question(r["text"], r["lang"], r["topic"], bool(r["emergency"])) for r in rows]


def is_correct(question: Question, result: dict[str, Any]) -> bool:
    """Top-1: the expected topic; for an off-topic question, no topic or a confidence below CONFIDENT
    (the chat then asks rather than answers) and no emergency."""
    if question.emergency:
        return bool(result["emergency"])
    if question.topic is None:
        return not result["emergency"] and (result["topic"] is None or result["confidence"] < CONFIDENT)
    return result["topic"] == question.topic


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def timed(questions: list[Question], content: ContentPack, repeat: int) -> dict[str, list[float]]:
    """Milliseconds per call of `answer` (detect + route): wall clock and this thread's CPU time (on a
    busy machine the wall-clock tail is mostly waiting for a CPU); and of `route` alone, language given."""
    for question in questions:  # warm-up: lexicon build, language models, caches
        answer(question.text, content)
    times: dict[str, list[float]] = {"wall": [], "cpu": [], "route": []}
    for _ in range(repeat):
        for question in questions:
            started, cpu = time.perf_counter(), time.thread_time()
            answer(question.text, content)
            times["wall"].append((time.perf_counter() - started) * 1000)
            times["cpu"].append((time.thread_time() - cpu) * 1000)
            started = time.perf_counter()
            route(question.text, content, lang="en")
            times["route"].append((time.perf_counter() - started) * 1000)
    return times


def report(questions: list[Question], results: list[dict[str, Any]], show_misses: bool) -> dict[str, float]:
    correct = [is_correct(q, r) for q, r in zip(questions, results, strict=True)]
    by_lang: dict[str, list[bool]] = defaultdict(list)
    for question, ok in zip(questions, correct, strict=True):
        by_lang[question.lang].append(ok)
    emergencies = [r["emergency"] for q, r in zip(questions, results, strict=True) if q.emergency]
    false_alarms = [r["emergency"] for q, r in zip(questions, results, strict=True) if not q.emergency]
    confident = [ok for ok, r in zip(correct, results, strict=True) if r["topic"] and r["confidence"] >= CONFIDENT]
    print(f"questions: {len(questions)} ({sum(q.emergency for q in questions)} emergency, "
          f"{sum(q.topic is None for q in questions)} off-topic)")  # fmt: skip
    print(f"top-1 accuracy: {percent(sum(correct), len(correct))}%")
    print(f"emergency recall: {percent(sum(emergencies), len(emergencies))}%")
    print(f"emergency false positives: {percent(sum(false_alarms), len(false_alarms))}% of non-emergency questions")
    print(f"confident answers (confidence >= {CONFIDENT}): {percent(len(confident), len(results))}% of questions, "
          f"{percent(sum(confident), len(confident))}% of them correct")  # fmt: skip
    for lang in sorted(by_lang):
        print(f"  {lang:6} {percent(sum(by_lang[lang]), len(by_lang[lang])):5}%  ({len(by_lang[lang])} questions)")
    if show_misses:
        for question, result, ok in zip(questions, results, correct, strict=True):
            if not ok:
                print(f"  MISS [{question.lang}] {question.text!r}: expected {question.topic} "
                      f"emergency={question.emergency}, got {result}")  # fmt: skip
    return {
        "top1": percent(sum(correct), len(correct)),
        "emergency_recall": percent(sum(emergencies), len(emergencies)),
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--data", type=Path, default=DATA)
    options.add_argument("--repeat", type=int, default=5, help="timing rounds over all questions (default 5)")
    options.add_argument("--misses", action="store_true", help="list every question answered wrongly")
    options.add_argument("--emergency", type=Path, help="emergency split (default: the newest test_vN.jsonl)")
    args = options.parse_args()
    content = load_checked(Settings())
    questions = load_questions(args.data)
    results = [answer(q.text, content) for q in questions]
    summary = report(questions, results, args.misses)
    times = timed(questions, content, args.repeat)
    wall = times["wall"]
    print(f"latency detect+route: p50 {sorted(wall)[len(wall) // 2]:.2f} ms, p99 {p99(wall):.2f} ms "
          f"({len(wall)} calls); CPU time p99 {p99(times['cpu']):.2f} ms; "
          f"route alone (language given): p99 {p99(times['route']):.2f} ms")  # fmt: skip
    split_path = args.emergency or newest_split()
    split = emergency_split.run(split_path, content, args.repeat, args.misses) if split_path else None
    print(json.dumps({**summary, "p99_ms": round(p99(wall), 2), "emergency_split": split}, ensure_ascii=False))


if __name__ == "__main__":
    main()
