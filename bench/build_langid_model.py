"""Build the language-identification model `bot/langid_data/model.tsv.gz` and the held-out benchmark files.

    .venv/bin/python bench/build_langid_model.py              # build the model from lines 1-1500 of NTREX-128
    .venv/bin/python bench/build_langid_model.py --testset    # write bench/data/langid/ntrex128_* (lines 1501-1997)
    .venv/bin/python bench/build_langid_model.py --tune       # grid search: train 1-1300, score 1301-1500 + dev chat
    .venv/bin/python bench/build_langid_model.py --calibrate  # margins and foreign-text cues, same split

Data: NTREX-128 (CC BY-SA 4.0) from `--data` (default: the project's shared/langdata/ntrex128). The model is derived
from it and carries the same licence (bot/langid_data/NOTICE.md).

Two models, one per script (see bot/langid.py):
- "arab": prs (Dari lines + Iranian Persian lines), ps, ur — from the Arabic-script text as it is.
- "latn": en (English lines) and prs/ps/ur romanised. NTREX has no Latin-letter Dari/Pashto/Urdu, so the training
  lines are transliterated by `romanise` below: a letter-by-letter scheme with the spelling choices chat writers make,
  drawn at random (seeded) so each line appears in several spellings. Short vowels, unwritten in the script, are
  inserted between consonants at random (mostly "a"). Names and loanwords are spelt the English way half of the time
  (found automatically in the parallel English line, see `loanwords`). No hand-written romanised text is used for
  training; the hand-written dev split only chose settings.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import itertools
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import langid  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_langid", ROOT / "bench" / "langid.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

DEFAULT_DATA = ROOT.parent / "shared" / "langdata" / "ntrex128"
OUT_DIR = ROOT / "bot" / "langid_data"
BENCH_DATA = ROOT / "bench" / "data" / "langid"

TRAIN_LINES = range(0, 1500)  # 0-based: lines 1-1500
TEST_LINES = range(1500, 1997)  # lines 1501-1997, never trained on
TUNE_TRAIN = range(0, 1300)  # --tune: train on 1-1300 …
TUNE_DEV = range(1300, 1500)  # … and score on 1301-1500 (still inside the final training range, never the test)

LANGS = ("prs", "ps", "ur", "en")
SEED = 20240601

# ----------------------------------------------------------------------------------------------------------------
# Romanisation (Arabic script → chat-style Latin), randomised

_CONSONANTS: dict[str, tuple[str, ...]] = {
    "ب": ("b",),
    "پ": ("p",),
    "ت": ("t",),
    "ټ": ("t",),
    "ٹ": ("t",),
    "ث": ("s",),
    "ج": ("j",),
    "چ": ("ch",),
    "ح": ("h",),
    "خ": ("kh",),
    "څ": ("ts", "s", "tz"),
    "ځ": ("dz", "z"),
    "د": ("d",),
    "ډ": ("d",),
    "ڈ": ("d",),
    "ذ": ("z",),
    "ر": ("r",),
    "ړ": ("r",),
    "ڑ": ("r",),
    "ز": ("z",),
    "ژ": ("zh", "j"),
    "ږ": ("zh", "g", "j"),
    "س": ("s",),
    "ش": ("sh",),
    "ښ": ("kh", "sh", "x"),
    "ص": ("s",),
    "ض": ("z",),
    "ط": ("t",),
    "ظ": ("z",),
    "غ": ("gh",),
    "ف": ("f",),
    "ق": ("q", "k"),
    "ک": ("k",),
    "ګ": ("g",),
    "گ": ("g",),
    "ل": ("l",),
    "م": ("m",),
    "ن": ("n",),
    "ڼ": ("n",),
    "ں": ("n",),
    "ھ": ("h",),
    "ه": ("h",),
    "ہ": ("h",),
}
_SILENT = {"ع": ("", "", "a", "'"), "ء": ("",), "ئ": ("", "e", "i", "y")}
_SHORT = (("a", 40), ("e", 12), ("i", 10), ("u", 6), ("o", 6), ("", 26))


def _pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return options[rng.randrange(len(options))]


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in options)
    r = rng.randrange(total)
    for s, w in options:
        r -= w
        if r < 0:
            return s
    return options[-1][0]


def romanise_word(word: str, lang: str, rng: random.Random) -> str:
    """One chat-style Latin spelling of an Arabic-script word of `lang` ("prs", "ps" or "ur")."""
    if word == "و":
        return _pick(rng, ("wa", "o", "w", "va"))
    out: list[tuple[str, bool]] = []  # (letters, is_consonant)
    n = len(word)
    for i, ch in enumerate(word):
        first, last = i == 0, i == n - 1
        nxt = word[i + 1] if not last else ""
        if ch in ("ا", "آ"):
            if first:
                s = (
                    _weighted(rng, (("a", 70), ("e", 12), ("i", 12), ("aa", 6)))
                    if ch == "ا"
                    else _pick(rng, ("a", "aa"))
                )
            else:
                s = _weighted(rng, (("a", 85), ("aa", 15)))
            out.append((s, False))
            continue
        if ch == "و":
            if first or nxt in ("ا", "آ", "ی", "ي", "ې") or (out and not out[-1][1] and nxt):
                s, cons = _pick(rng, ("w", "w", "v")), True
            else:
                s, cons = _weighted(rng, (("o", 45), ("u", 35), ("oo", 12), ("ou", 8))), False
        elif ch in ("ی", "ي", "ې", "ۍ", "ے"):
            if first or nxt in ("ا", "آ", "و"):
                s, cons = "y", True
            elif ch == "ې":
                s, cons = _pick(rng, ("e", "e", "ay", "ey")), False
            elif ch in ("ۍ",):
                s, cons = _pick(rng, ("ay", "ai", "ey", "i")), False
            elif ch == "ے":
                s, cons = _weighted(rng, (("e", 40), ("ay", 15), ("ai", 20), ("y", 15), ("ey", 10))), False
            elif last and lang == "ps" and ch == "ی":
                s, cons = _pick(rng, ("ay", "ai", "e", "i")), False
            elif last:
                s, cons = _weighted(rng, (("i", 60), ("ee", 15), ("y", 15), ("e", 10))), False
            elif lang == "ur":  # ہیں hain, میں main/mein
                s, cons = _weighted(rng, (("i", 35), ("e", 25), ("ee", 12), ("ei", 13), ("ai", 15))), False
            else:
                s, cons = _weighted(rng, (("i", 45), ("e", 30), ("ee", 15), ("ei", 10))), False
        elif ch in _SILENT:
            out.append((_pick(rng, _SILENT[ch]), False))
            continue
        elif ch in ("ه", "ہ") and last and i > 0:
            prev_cons = out[-1][1] if out else True
            s = _weighted(rng, (("a", 45), ("e", 35), ("ah", 10), ("eh", 10))) if prev_cons else _pick(rng, ("h", ""))
            out.append((s, False))
            continue
        elif ch == "ھ":  # Urdu aspiration: "bh", "kh", "th" — never a vowel before it
            out.append(("h", True))
            continue
        elif ch in _CONSONANTS:
            s, cons = _pick(rng, _CONSONANTS[ch]), True
        else:
            continue
        if cons and out and out[-1][1]:
            short = _weighted(rng, _SHORT)
            if short:
                out.append((short, False))
        out.append((s, cons))
    text = "".join(s for s, _ in out)
    if len(out) == 1 and out[0][1]:  # Pashto "د" → "da"/"de"
        text += _pick(rng, ("a", "e", ""))
    return text


_PREFIXES = {"prs": ("می", "نمی"), "ps": (), "ur": ()}

# Loanwords and names. Chat writers spell "پولیس"/"کارڈ"/"ټرمپ" the English way ("police", "card", "Trump"). NTREX is
# parallel, so a script word whose consonant skeleton equals that of a word in the same line's English sentence is
# taken as the same word, and the romanised training text uses the English spelling for it half of the time.
_SKELETON_SCRIPT = {ch: opts[0] for ch, opts in _CONSONANTS.items() if ch not in "ھهہ"}
_SKELETON_SCRIPT.update({"ق": "k", "ژ": "j", "ږ": "j", "ښ": "sh", "څ": "s", "ځ": "z", "ث": "s"})
_LATIN_SKELETON_RULES = (
    ("ph", "f"),
    ("ck", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("v", "w"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
)


def skeleton_script(word: str) -> str:
    out = "".join(_SKELETON_SCRIPT.get(ch, "") for ch in word)
    return _dedupe(out.replace("gh", "g"))


def skeleton_latin(word: str) -> str:
    w = word.lower()
    for a, b in _LATIN_SKELETON_RULES:
        w = w.replace(a, b)
    return _dedupe("".join(ch for ch in w if ch not in "aeiouwyh"))


def _dedupe(s: str) -> str:
    return "".join(ch for i, ch in enumerate(s) if i == 0 or s[i - 1] != ch)


def loanwords(script_line: str, english_line: str) -> dict[str, str]:
    """Arabic-script word → the English word of the parallel sentence it transliterates (skeletons ≥ 3 equal)."""
    english = {}
    for w in langid.prepare(english_line).latin:
        sk = skeleton_latin(w)
        if len(sk) >= 3:
            english.setdefault(sk, w)
    out = {}
    for a in langid.prepare(script_line).arabic:
        sk = skeleton_script(a)
        if len(sk) >= 3 and sk in english:
            out[a] = english[sk]
    return out


def romanise_words(words: list[str], lang: str, rng: random.Random, loans: dict[str, str] | None = None) -> list[str]:
    """Romanise a line's words; a Dari "می"/"نمی" verb prefix is written joined ("mekonam") or apart at random."""
    out = []
    glue = False
    for w in words:
        r = loans[w] if loans and w in loans and rng.random() < 0.5 else romanise_word(w, lang, rng)
        if not r:
            continue
        if glue and out:
            out[-1] += r
        else:
            out.append(r)
        glue = w in _PREFIXES[lang] and rng.random() < 0.6
    return out


def romanise(line: str, lang: str, rng: random.Random) -> str:
    return " ".join(romanise_words(langid.prepare(line).arabic, lang, rng))


# ----------------------------------------------------------------------------------------------------------------
# Data


def read_ntrex(data: Path) -> dict[str, list[str]]:
    out = {}
    for lang in ("prs", "fa", "ps", "ur", "en"):
        lines = (data / f"{lang}.txt").read_text(encoding="utf-8").split("\n")
        out[lang] = [ln.strip() for ln in lines[:1997]]
    return out


def cut_snippets(lines: list[str], rng: random.Random, per_line: int = 2) -> list[str]:
    """3-5-word snippets cut at random (seeded) from each sentence; words are whitespace tokens as written."""
    snippets = []
    for line in lines:
        tokens = line.split()
        for _ in range(per_line):
            k = rng.choice((3, 4, 5))
            if len(tokens) < k:
                continue
            start = rng.randrange(len(tokens) - k + 1)
            snippets.append(" ".join(tokens[start : start + k]))
    return snippets


def read_romanised(split: str) -> list[tuple[str, str]]:
    """Hand-written romanised chat lines and English chat lines of one split (the rule lives in bench/langid.py)."""
    rows = []
    for lang, name in (*bench.ROMANISED_FILES.items(), ("en", "chat_en.txt")):
        rows += bench.hand_written(name, lang, split)
    return rows


# ----------------------------------------------------------------------------------------------------------------
# Training


def training_texts(
    ntrex: dict[str, list[str]], lines: range, variants: int, use_fa: bool, use_loans: bool = True
) -> dict[str, dict[str, list]]:
    """script → class → list of word lists."""
    rng = random.Random(SEED)
    arab: dict[str, list] = {"prs": [], "ps": [], "ur": []}
    latn: dict[str, list] = {"en": [], "prs": [], "ps": [], "ur": []}
    sources = {"prs": ["prs", "fa"] if use_fa else ["prs"], "ps": ["ps"], "ur": ["ur"]}
    for cls, srcs in sources.items():
        for src in srcs:
            for i in lines:
                prep = langid.prepare(ntrex[src][i])
                arab[cls].append(prep.arabic)
                loans = loanwords(ntrex[src][i], ntrex["en"][i]) if use_loans else None
                for _ in range(variants):
                    latn[cls].append([langid.squeeze_latin(w) for w in romanise_words(prep.arabic, cls, rng, loans)])
    for i in lines:
        latn["en"].append([langid.squeeze_latin(w) for w in langid.prepare(ntrex["en"][i]).latin])
    return {"arab": arab, "latn": latn}


def count(texts: dict[str, list], orders: tuple[int, ...]) -> tuple[list[str], dict[str, list[int]]]:
    classes = list(texts)
    table: dict[str, list[int]] = {}
    for ci, cls in enumerate(classes):
        c = Counter()
        for words in texts[cls]:
            c.update(langid.features(words, orders))
        for feat, k in c.items():
            row = table.get(feat)
            if row is None:
                row = table[feat] = [0] * len(classes)
            row[ci] = k
    return classes, table


def prune(table: dict[str, list[int]], min_count: int) -> dict[str, list[int]]:
    return {f: row for f, row in table.items() if sum(row) >= min_count}


def write_model(path: Path, models: dict[str, dict]) -> None:
    header = {"format": 1, "licence": "CC BY-SA 4.0, derived from NTREX-128; see NOTICE.md", "models": {}}
    for name, m in models.items():
        header["models"][name] = {k: v for k, v in m.items() if k != "table"}
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
        for name, m in models.items():
            for feat in sorted(m["table"]):
                lines.append(f"{name}\t{feat}\t{' '.join(map(str, m['table'][feat]))}")
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))


# Chosen with --tune (dev split, see README); min_margin and the foreign-text cues with --calibrate.
DEFAULTS = {
    "arab": {
        "orders": [1, 2, 3],
        "alpha": 0.3,
        "word_weight": 2.0,
        "min_letters": 2,
        "min_margin": [20.0, 14.0, 2.0],
        "max_words": 25,
        "min_known_ngrams": 0.72,
        "max_al_words": 0.2,
        "min_count": 2,
    },
    "latn": {
        "orders": [1, 2, 3],
        "alpha": 0.3,
        "word_weight": 2.0,
        "min_letters": 3,
        "min_margin": [20.0, 14.0, 2.0],
        "max_words": 25,
        "min_known_ngrams": 0.0,
        "min_count": 2,
    },
}
BUILD = {"variants": 6, "use_fa": True, "use_loans": True}


def build_models(ntrex, lines: range, params: dict, build: dict) -> dict[str, dict]:
    texts = training_texts(ntrex, lines, build["variants"], build["use_fa"], build.get("use_loans", True))
    models = {}
    for script in ("arab", "latn"):
        p = params[script]
        classes, table = count(texts[script], tuple(p["orders"]))
        totals = [0] * len(classes)
        for row in table.values():
            for i, k in enumerate(row):
                totals[i] += k
        table = prune(table, p["min_count"])
        models[script] = {
            **{k: v for k, v in p.items() if k != "min_count"},
            "classes": classes,
            "totals": totals,
            "table": table,
        }
    return models


def install(models: dict[str, dict], path: Path = langid.MODEL_PATH) -> None:
    write_model(path, models)
    langid._MODELS = None


# ----------------------------------------------------------------------------------------------------------------
# Tuning


def dev_sets(ntrex) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(SEED + 1)
    short, full = [], []
    for lang in LANGS:
        lines = [ntrex[lang][i] for i in TUNE_DEV]
        full += [(lang, ln) for ln in lines]
        short += [(lang, s) for s in cut_snippets(lines, rng, per_line=1)]
    rom = read_romanised("dev")
    return {
        "short": short,
        "full": full,
        "romanised": [r for r in rom if r[0] != "en"],
        "chat_en": [r for r in rom if r[0] == "en"],
    }


def evaluate(sets) -> dict[str, float]:
    out = {}
    for name, rows in sets.items():
        got = [langid.detect(t) for _, t in rows]
        out[name] = round(100 * sum(g == lang for g, (lang, _) in zip(got, rows, strict=True)) / len(rows), 1)
        if name == "short":
            for lang in LANGS:
                sub = [g == lang for g, (ref, _) in zip(got, rows, strict=True) if ref == lang]
                out[f"short_{lang}"] = round(100 * sum(sub) / len(sub), 1)
    return out


def tune(ntrex, tmp: Path) -> None:
    """Accuracy on the dev split for a grid of settings, one JSON line each (margins off: raw classification)."""
    sets = dev_sets(ntrex)
    for orders, variants, use_fa, use_loans in (
        ([1, 2, 3], 6, True, True),
        ([1, 2, 3, 4], 6, True, True),
        ([1, 2, 3, 4, 5], 6, True, True),
        ([1, 2, 3, 4], 3, True, True),
        ([1, 2, 3, 4], 6, False, True),
        ([1, 2, 3, 4], 6, True, False),
    ):
        params = {s: {**DEFAULTS[s], "orders": orders} for s in DEFAULTS}
        models = build_models(
            ntrex, TUNE_TRAIN, params, {"variants": variants, "use_fa": use_fa, "use_loans": use_loans}
        )
        for alpha, word_weight in itertools.product((0.05, 0.3, 1.0), (1.0, 2.0, 3.0)):
            for m in models.values():
                m.update(
                    alpha=alpha, word_weight=word_weight, min_margin=[0.0] * 3, min_known_ngrams=0.0, max_al_words=1.0
                )
            install(models, tmp)
            langid._MODELS = langid.load_models(tmp)
            row = {
                "orders": orders,
                "variants": variants,
                "use_fa": use_fa,
                "use_loans": use_loans,
                "alpha": alpha,
                "word_weight": word_weight,
            }
            print(json.dumps({**row, **evaluate(sets)}), flush=True)


# One- and two-word inputs to look at when choosing `min_margin`: most should be None (shared by several classes or
# no language at all); a few may get an answer ("ښه", "ہاں", "please").
PROBES = (
    "ok",
    "PoR",
    "ACC",
    "hi",
    "no",
    "yes",
    "hello",
    "salam",
    "thanks",
    "ok ok",
    "UNHCR",
    "lol",
    "hmm",
    "PoR card",
    "man",
    "za",
    "ast",
    "hai",
    "ok thanks",
    "please",
    "ji",
    "han",
    "na",
    "ho",
    "bale",
    "inshallah",
    "khuda hafiz",
    "assalamu alaikum",
    "سلام",
    "تشکر",
    "خوب",
    "هو",
    "نه",
    "بله",
    "مننه",
    "ښه",
    "شکریہ",
    "ہاں",
    "خدا حافظ",
    "PoR کارت",
)


def calibrate(ntrex, tmp: Path) -> None:
    """Dev accuracy and probe answers for margin settings; dev coverage of top-order n-grams; other languages."""
    models = build_models(ntrex, TUNE_TRAIN, DEFAULTS, BUILD)
    install(models, tmp)
    langid._MODELS = langid.load_models(tmp)
    sets = dev_sets(ntrex)
    scored = {name: [(lang, langid.scores(t)) for lang, t in rows] for name, rows in sets.items()}
    probes = [(t, langid.scores(t)) for t in PROBES]

    def needed(s, margins) -> float:
        return margins[min(s.words, 3) - 1]

    for margins in itertools.product((10.0, 15.0, 20.0), (6.0, 10.0, 14.0), (0.0, 2.0, 5.0)):
        acc = {
            name: round(
                100
                * sum(s is not None and s.best == g and s.margin >= needed(s, margins) for g, s in rows)
                / len(rows),
                1,
            )
            for name, rows in scored.items()
        }
        answered = [t for t, s in probes if s is not None and s.margin >= needed(s, margins)]
        print(json.dumps({"min_margin": margins, **acc, "probes_answered": answered}, ensure_ascii=False))
    # Only the Arabic-script model uses this cue (Latin: accented letters instead), so only it computes the share.
    shares = sorted(s.known_ngrams for rows in scored.values() for _, s in rows if s and s.script == "arab")
    quantiles = {q: round(shares[int(q * (len(shares) - 1))], 2) for q in (0.001, 0.005, 0.01)}
    print(f"arab: share of known top-order n-grams on dev, quantiles {quantiles}")
    for line in (BENCH_DATA / "other_languages.txt").read_text(encoding="utf-8").splitlines():
        lang, text = line.split("\t")
        s = langid.scores(text)
        known = f"known={s.known_ngrams:.2f} " if s.script == "arab" else ""
        print(f"{lang} {known}foreign_cues={s.foreign_cues} detect={langid.detect(text)} {text}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--testset", action="store_true", help="write the held-out benchmark files")
    ap.add_argument("--tune", action="store_true", help="grid search on the dev split")
    ap.add_argument("--calibrate", action="store_true", help="margins and foreign-text cues on the dev split")
    args = ap.parse_args()
    ntrex = read_ntrex(args.data)
    if args.testset:
        write_testset(ntrex)
    elif args.tune or args.calibrate:
        with tempfile.TemporaryDirectory() as tmp:
            (tune if args.tune else calibrate)(ntrex, Path(tmp) / "model.tsv.gz")
    else:
        models = build_models(ntrex, TRAIN_LINES, DEFAULTS, BUILD)
        install(models)
        size = langid.MODEL_PATH.stat().st_size
        print(f"wrote {langid.MODEL_PATH.relative_to(ROOT)} ({size / 1e6:.2f} MB)")


def write_testset(ntrex) -> None:
    """Lines 1501-1997 of prs/ps/ur/en as they are, and 2 seeded 3-5-word snippets cut from each."""
    rng = random.Random(SEED + 2)
    full_rows, short_rows = [], []
    for lang in LANGS:
        lines = [ntrex[lang][i] for i in TEST_LINES]
        full_rows += [f"{lang}\t{i + 1}\t{ln}" for i, ln in zip(TEST_LINES, lines, strict=True)]
        for i, ln in zip(TEST_LINES, lines, strict=True):
            short_rows += [f"{lang}\t{i + 1}\t{s}" for s in cut_snippets([ln], rng)]
    BENCH_DATA.mkdir(parents=True, exist_ok=True)
    (BENCH_DATA / "ntrex128_test_full.tsv").write_text("\n".join(full_rows) + "\n", encoding="utf-8")
    (BENCH_DATA / "ntrex128_test_short.tsv").write_text("\n".join(short_rows) + "\n", encoding="utf-8")
    print(f"{len(full_rows)} sentences, {len(short_rows)} snippets")


if __name__ == "__main__":
    main()
