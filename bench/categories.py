"""Document category per writer: how often the category of a non-emergency message is right.

    .venv/bin/python bench/categories.py [--misses] [FILE ...]

For each file of bench/data/emergency (each had its own writer), the accuracy of
`bot.understanding.documents.decide` (the cue lists) and of the routed answer (`bot.cli.ask.answer`, what
`rahnama ask` prints as "category") on its non-emergency messages, per language/script cell. The cue lists
learn nothing from the data, so each file's figure is a held-out-writer figure only for files not read
while the cues were written (bench/README.md, "Category").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cli.ask import answer  # noqa: E402
from bot.cli.bot_commands import load_checked  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.understanding.documents import decide  # noqa: E402

DATA = ROOT / "bench" / "data" / "emergency"
FILES = ("dev.jsonl", "test_v1.jsonl", "test_v2.jsonl", "test_v3.jsonl", "test_v4.jsonl", "test_v5.jsonl")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--misses", action="store_true")
    options.add_argument("files", nargs="*", default=FILES)
    args = options.parse_args()
    content = load_checked(Settings())
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for name in args.files:
        rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        for row in rows:
            if row["emergency"]:
                continue
            cues = decide(row["text"]).category
            routed = answer(row["text"], content)["category"]
            for cell in (f"{row['lang']}/{row['script']}", "all"):
                counts = table[name][cell]
                counts[0] += 1
                counts[1] += cues == row["category"]
                counts[2] += routed == row["category"]
            if args.misses and routed != row["category"]:
                print(f"  MISS {name} [{row['lang']}/{row['script']}] {row['text'][:100]!r}: "
                      f"expected {row['category']}, got {routed} (cues {cues})")  # fmt: skip
    report = {
        name: {
            cell: {"n": n, "cues": round(100 * c / n, 1), "routed": round(100 * r / n, 1)}
            for cell, (n, c, r) in sorted(cells.items())
        }
        for name, cells in table.items()
    }
    for name, cells in report.items():
        print(name, " ".join(f"{cell} {f['cues']}/{f['routed']}" for cell, f in cells.items()))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
