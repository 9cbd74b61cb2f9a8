"""How long a summary card takes to print: the browser's start, then each card (PNG and A4 PDF).

The chat prints a card once per version and sends its file_id afterwards, so what a person can wait for is
one print (the first card of a process also waits for the browser). Last line: one JSON object.

Usage: .venv/bin/python bench/cards.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from datetime import date
from pathlib import Path

from bot.cards.browser import CardPrinter
from bot.cards.build import render
from bot.cards.summary import CardOptions, summarise
from bot.content import load_pack
from bot.domain import Language
from bot.i18n import catalog

ROOT = Path(__file__).resolve().parent.parent


async def measure(rounds: int) -> dict[str, float]:
    catalog.install(ROOT / "locales")
    pack = load_pack(ROOT / "content")
    options = CardOptions("rahnama_bot")
    day = date(2026, 3, 25)
    summaries = [summarise(pack, c.id.value, lang, day, options) for c in pack.categories for lang in Language]
    started = time.perf_counter()
    printer = await CardPrinter().start()
    start_s = time.perf_counter() - started
    times: dict[str, list[float]] = {"png": [], "pdf": []}
    sizes: dict[str, list[int]] = {"png": [], "pdf": []}
    try:
        for _ in range(rounds):
            for summary in summaries:
                for fmt in ("png", "pdf"):
                    began = time.perf_counter()
                    card = await render(printer, summary, fmt)  # type: ignore[arg-type]
                    times[fmt].append(time.perf_counter() - began)
                    sizes[fmt].append(len(card.data))
    finally:
        await printer.close()
    result: dict[str, float] = {"browser_start_s": round(start_s, 2), "cards": len(summaries) * rounds}
    for fmt in ("png", "pdf"):
        ordered = sorted(times[fmt])
        result[f"{fmt}_p50_ms"] = round(statistics.median(ordered) * 1000)
        result[f"{fmt}_max_ms"] = round(ordered[-1] * 1000)
        result[f"{fmt}_kb_max"] = round(max(sizes[fmt]) / 1024)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.rounds))))


if __name__ == "__main__":
    main()
