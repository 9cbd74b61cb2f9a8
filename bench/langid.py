"""Benchmark `bot.langid.detect` against plain langdetect on held-out, openly licensed text.

    .venv/bin/python bench/langid.py

Sets (bench/data/langid/, sources and licences in bench/README.md):
- full:      NTREX-128 sentences 1501-1997 (never trained on), prs/ps/ur/en, 497 each.
- short:     3-5-word snippets cut (seeded) from those sentences, two per sentence.
- romanised: hand-written Latin-letter Dari/Pashto/Urdu chat lines, test split (every line whose 0-based index is
             not a multiple of 5; those are the dev split used for tuning). Never used for training.
- chat_en:   hand-written English chat lines, same split rule (reported, not in the JSON line).
- daily:     shorttext_daily.tsv: 3-12-word everyday chat (health, shopping, school, money transfer) in Dari,
             Pashto, Urdu and English, written for issue #15 by someone who did not see the detector. Its
             Iranian Persian (fa) lines are reported apart ("daily_fa": how often they are called Dari, None,
             or something else); the model counts Iranian Persian as Dari on purpose.

A None answer counts as wrong; the None rate is printed too. Plain langdetect is `detect_langs(text)[0]` (seeded)
mapped fa→prs, ur→ur, en→en; it has no Pashto. Timing: each text's `detect` call is timed 3 times and the median
kept (model already loaded; the first langdetect fallback includes loading langdetect's profiles, ~0.3 s, once).
The last line printed is one JSON object:
{"short": {"prs", "ps", "ur", "en"}, "full": {...}, "romanised": %, "langdetect_short": {...}, "p99_ms": ms,
 "daily": {"prs", "ps", "ur", "en"}, "daily_fa": {"prs", "none", "other"}}
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot import langid  # noqa: E402

DATA = ROOT / "bench" / "data" / "langid"
LANGS = ("prs", "ps", "ur", "en")
DAILY = "shorttext_daily.tsv"
ROMANISED_FILES = {"prs": "romanised_prs.txt", "ps": "romanised_ps.txt", "ur": "romanised_ur.txt"}

Row = tuple[str, str]  # (language, text)


def _tsv(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        lang, _line_no, text = line.split("\t", 2)
        rows.append((lang, text))
    return rows


def hand_written(name: str, lang: str, split: str, data: Path = DATA) -> list[Row]:
    """Lines of a hand-written file; index % 5 == 0 is the dev split, the rest is test."""
    lines = [ln.strip() for ln in (data / name).read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    return [(lang, ln) for i, ln in enumerate(lines) if (i % 5 == 0) == (split == "dev")]


def load_sets(data: Path = DATA) -> dict[str, list[Row]]:
    romanised = []
    for lang, name in ROMANISED_FILES.items():
        romanised += hand_written(name, lang, "test", data)
    sets = {
        "full": _tsv(data / "ntrex128_test_full.tsv"),
        "short": _tsv(data / "ntrex128_test_short.tsv"),
        "romanised": romanised,
        "chat_en": hand_written("chat_en.txt", "en", "test", data),
    }
    daily = data / DAILY
    if daily.exists():
        rows = [tuple(line.split("\t", 1)) for line in daily.read_text(encoding="utf-8").splitlines() if line]
        sets["daily"] = [(lang, text) for lang, text in rows if lang in LANGS]
        sets["daily_fa"] = [(lang, text) for lang, text in rows if lang == "fa"]
    return sets


_LANGDETECT_TO_OURS = {"fa": "prs", "ur": "ur", "en": "en"}


def plain_langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0
    try:
        return _LANGDETECT_TO_OURS.get(detect_langs(text)[0].lang)
    except LangDetectException:
        return None


def _pct(ok: int, n: int) -> float:
    return round(100 * ok / n, 1) if n else 0.0


def accuracy(rows: list[Row], answers: list[str | None]) -> dict[str, dict[str, float]]:
    """Per language: accuracy % (None counts as wrong), None rate %, and n."""
    out = {}
    for lang in sorted({r[0] for r in rows}, key=lambda x: LANGS.index(x)):
        got = [a for (ref, _), a in zip(rows, answers, strict=True) if ref == lang]
        out[lang] = {
            "acc": _pct(sum(a == lang for a in got), len(got)),
            "none": _pct(sum(a is None for a in got), len(got)),
            "n": len(got),
        }
    return out


def _timed(
    fn: Callable[[str], str | None], texts: Iterable[str], runs: int = 3
) -> tuple[list[str | None], list[float]]:
    """Answers, and per text the median of `runs` timed calls in ms: a scheduler hiccup is not the function's cost."""
    answers, times = [], []
    clock = time.perf_counter_ns
    for t in texts:
        took = []
        for _ in range(runs):
            start = clock()
            answer = fn(t)
            took.append((clock() - start) / 1e6)
        answers.append(answer)
        times.append(sorted(took)[runs // 2])
    return answers, times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def benchmark(sets: dict[str, list[Row]], with_langdetect: bool = True, out=None) -> dict:
    """Run ours (and plain langdetect) over `sets`; print a report to `out`; return the JSON summary."""
    langid.models()  # load once, outside the timing
    langid.detect("warm up")
    ours: dict[str, dict] = {}
    theirs: dict[str, dict] = {}
    all_times: list[float] = []
    for name, rows in sets.items():
        answers, times = _timed(langid.detect, (t for _, t in rows))
        all_times += times
        if name == "daily_fa":  # not one of our languages: how it is labelled
            ours[name] = {"fa": _persian_labels(answers)}
            continue
        ours[name] = accuracy(rows, answers)
        if with_langdetect and name != "chat_en":
            theirs[name] = accuracy(rows, [plain_langdetect(t) for _, t in rows])
    romanised_rows = sets.get("romanised", [])
    romanised_ok = sum(ours["romanised"][lang]["acc"] * ours["romanised"][lang]["n"] for lang in ours["romanised"])
    summary = {
        "short": {lang: ours["short"].get(lang, {}).get("acc", 0.0) for lang in LANGS},
        "full": {lang: ours["full"].get(lang, {}).get("acc", 0.0) for lang in LANGS},
        "romanised": round(romanised_ok / len(romanised_rows), 1) if romanised_rows else 0.0,
        "langdetect_short": {lang: theirs.get("short", {}).get(lang, {}).get("acc", 0.0) for lang in LANGS},
        "p99_ms": round(percentile(all_times, 99), 3) if all_times else 0.0,
    }
    if "daily" in ours:
        summary["daily"] = {lang: ours["daily"].get(lang, {}).get("acc", 0.0) for lang in LANGS}
        summary["daily_fa"] = {k: ours["daily_fa"]["fa"][k] for k in ("prs", "none", "other")}
    if out is not None:
        _report(ours, theirs, all_times, out)
    return summary


def _persian_labels(answers: list[str | None]) -> dict[str, float]:
    n = len(answers)
    prs, none = sum(a == "prs" for a in answers), sum(a is None for a in answers)
    return {"acc": _pct(prs, n), "none": _pct(none, n), "n": n, "prs": _pct(prs, n), "other": _pct(n - prs - none, n)}


def _report(ours: dict, theirs: dict, times: list[float], out) -> None:
    print("Language identification: accuracy % (None counts as wrong) | None rate % | n", file=out)
    print(f"{'set':<10} {'lang':<5} {'ours':>7} {'None':>6} {'langdetect':>11} {'n':>6}", file=out)
    for name, per_lang in ours.items():
        for lang, r in per_lang.items():
            ld = theirs.get(name, {}).get(lang, {}).get("acc")
            ld_s = f"{ld:>11.1f}" if ld is not None else f"{'-':>11}"
            print(f"{name:<10} {lang:<5} {r['acc']:>7.1f} {r['none']:>6.1f} {ld_s} {r['n']:>6}", file=out)
    print(
        f"detect() per text over {len(times)} texts: p50 {percentile(times, 50):.3f} ms, "
        f"p99 {percentile(times, 99):.3f} ms, max {max(times):.3f} ms",
        file=out,
    )


def main() -> None:
    summary = benchmark(load_sets(), out=sys.stdout)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
