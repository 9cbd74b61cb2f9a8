"""The emergency split's figures, per language and script (called by bench/routing.py).

Each line of the split is {"text", "lang": prs|ps|ur|en, "script": arabic|latin, "emergency": bool,
"category": a document category or null, "kind": tag}. Per "lang/script" group, and for all:

- emergency_recall: % of emergencies that reach the card: verdict "emergency" (the card at once) or
  "unsure" (the chat asks "Is this happening now?" and "yes" opens the card);
- emergency_false_alarms: % of other messages that get the card or that question;
- emergency_direct / false_alarms_direct: the same counting only the verdict "emergency";
- asked_plain: % of the other messages that are not hard negatives (kind hard_*, hard-negative-*, fraud: words of
  an emergency, not happening now) that get the card or the question: the question where nothing suggests it;
- category_accuracy: % of non-emergency messages whose routed category equals the label (null = none);
- latin_language_accuracy: % of Latin-letter messages whose detected language is the label (None is wrong);
- p99_ms: wall-clock p99 of detect + route (`bot.cli.ask.answer` without `explain`, as the chat runs it; until
  2026-12-07 06:30 it was timed with `explain`, which reads the message's form a second time) over --repeat
  rounds; cpu_p99_ms: the
  same in this thread's CPU time (on a shared, busy machine the wall-clock tail is mostly waiting for a CPU).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.cli.ask import answer
from bot.content import ContentPack


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_hard(row: dict[str, Any]) -> bool:
    """A hard negative: emergency words, not happening now to the writer's people (each split's README)."""
    kind = str(row.get("kind") or "")
    return kind.startswith("hard") or kind == "fraud"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2) if ordered else 0.0


def _figures(
    rows: list[dict[str, Any]], results: list[dict[str, Any]], times: list[float], cpu: list[float]
) -> dict[str, Any]:
    pairs = list(zip(rows, results, strict=True))
    urgent = [r["urgency"] for q, r in pairs if q["emergency"]]
    calm = [(q, r) for q, r in pairs if not q["emergency"]]
    latin = [(q, r) for q, r in pairs if q["script"] == "latin"]
    plain = [(q, r) for q, r in calm if not is_hard(q)]
    return {
        "n": len(rows),
        "emergencies": len(urgent),
        "emergency_recall": _percent(sum(u != "not" for u in urgent), len(urgent)),
        "emergency_direct": _percent(sum(u == "emergency" for u in urgent), len(urgent)),
        "emergency_false_alarms": _percent(sum(r["urgency"] != "not" for _, r in calm), len(calm)),
        "false_alarms_direct": _percent(sum(r["urgency"] == "emergency" for _, r in calm), len(calm)),
        "asked_plain": _percent(sum(r["urgency"] != "not" for _, r in plain), len(plain)),
        "category_accuracy": _percent(sum(r["category"] == q["category"] for q, r in calm), len(calm)),
        "latin_language_accuracy": _percent(sum(r["language"] == q["lang"] for q, r in latin), len(latin)),
        "p99_ms": _p99(times),
        "cpu_p99_ms": _p99(cpu),
    }


def run(path: Path, content: ContentPack, repeat: int, show_misses: bool) -> dict[str, Any]:
    rows = load(path)
    results = [answer(row["text"], content, explain=True) for row in rows]
    times: list[list[float]] = [[] for _ in rows]
    cpu: list[list[float]] = [[] for _ in rows]
    for _ in range(repeat):
        for i, row in enumerate(rows):
            started, cpu_started = time.perf_counter(), time.thread_time()
            answer(row["text"], content)  # as the chat runs it: `--explain`'s extra reading is not timed
            times[i].append((time.perf_counter() - started) * 1000)
            cpu[i].append((time.thread_time() - cpu_started) * 1000)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[f"{row['lang']}/{row['script']}"].append(i)
    by_group = {
        name: _figures(
            [rows[i] for i in idx],
            [results[i] for i in idx],
            [t for i in idx for t in times[i]],
            [t for i in idx for t in cpu[i]],
        )
        for name, idx in sorted(groups.items())
    }
    overall = _figures(rows, results, [t for ts in times for t in ts], [t for ts in cpu for t in ts])
    print(f"emergency split {path.name}: {len(rows)} messages, {overall['emergencies']} emergencies")
    keys = ("emergency_recall", "emergency_direct", "emergency_false_alarms", "false_alarms_direct", "asked_plain")
    keys += ("category_accuracy", "latin_language_accuracy", "p99_ms", "cpu_p99_ms")
    header = ("recall", "direct", "f.a.", "f.a.d", "plain", "categ", "latin", "p99", "cpu99")
    print(f"  {'group':12} " + " ".join(f"{h:>6}" for h in header))
    for name, f in {**by_group, "all": overall}.items():
        print(f"  {name:12} " + " ".join(f"{'-' if f[k] is None else f[k]:>6}" for k in keys))
    if show_misses:
        for row, result in zip(rows, results, strict=True):
            wrong_urgency = (result["urgency"] != "not") != row["emergency"]
            wrong_category = not row["emergency"] and result["category"] != row["category"]
            wrong_language = row["script"] == "latin" and result["language"] != row["lang"]
            if wrong_urgency or wrong_category or wrong_language:
                print(f"  MISS [{row['lang']}/{row['script']} {row['kind']}] {row['text']!r}: "
                      f"expected emergency={row['emergency']} category={row['category']}, got "
                      f"{result['urgency']} {result['category']} {result['language']}")  # fmt: skip
    return {"split": path.name, "all": overall, "by_language_script": by_group}
