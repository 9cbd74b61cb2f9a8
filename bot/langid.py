"""Which language a person wrote in: `detect(text) -> "prs" | "ps" | "en" | "ur" | None`.

How it decides
--------------
1. Normalise: Unicode NFKC; bidi marks, ZWJ, tatweel and Arabic diacritics removed; ZWNJ read as a word break;
   Arabic kaf/yeh/alef variants folded; digits (0-9, ٠-٩, ۰-۹), punctuation and emoji dropped; Latin letters
   lower-cased without accents. What is left is split into Arabic-script words and Latin words.
2. Pick the script: Arabic script as soon as there is an Arabic-script word (Latin letters inside Dari, Pashto or
   Urdu text are names and acronyms such as "PoR"), else Latin. Letters of another script (Devanagari, Cyrillic…)
   outnumbering both → None.
3. Score with that script's naive Bayes model over character 1-3-grams (words padded with spaces) and whole words,
   built by `bench/build_langid_model.py` from NTREX-128 (CC BY-SA 4.0, see `bot/langid_data/NOTICE.md`):
   - Arabic script, classes prs/ps/ur. Letters only Pashto uses (ټ ډ ړ ږ ښ ګ ڼ ۍ ې ځ څ), letters only Urdu uses
     (ٹ ڈ ڑ ں ے ھ ہ) and function words (Pashto د، په، چې، ته، کې، دی؛ Dari است، را، از، که، می؛ Urdu ہے، کے، میں،
     نہیں) are features learnt from real text, so a Pashto snippet without any Pashto-only letter is still told
     apart by its words and letter sequences. Dari is trained on the Dari lines plus the Iranian Persian ones.
   - Latin script, classes en and romanised prs/ps/ur ("man PoR card daram", "zma card khtam shu", "mera card
     khatam ho gaya"): English from real text; the others from the same Dari/Pashto/Urdu training lines turned into
     chat-style Latin spelling by a documented, randomised transliteration. Chat words of one language only
     ("chetor", "wakrai", "milega": bot/langid_roman.py) add a fixed boost, since news text hardly has them.
     Since round 6 a logistic regression trained on chat messages by six writers (bot/langid_chat.py) picks the
     Latin-letter class, with the naive Bayes log-likelihood per word beside it: a new writer's spelling is
     nearer to six writers' than to a transliteration rule and one writer's word list.
4. Abstain: fewer than `min_letters` letters, or a best-vs-second log-likelihood margin under `min_margin` → None.
   A lone word needs a large margin, two words less, a phrase little: "ok", "PoR", "salam", "سلام", "khuda hafiz"
   and other words several classes share give None, while "ښه", "ہاں" or a three-word snippet get an answer.
   Latin letters with the chat model: one or two words still need the naive Bayes margin; three or more get the
   combined answer.
5. Other languages: text that looks foreign to the model (few known 3-grams; many Arabic "ال" words; accented Latin
   letters) is shown to langdetect (seeded); if langdetect names a language that is not ours → None. langdetect
   has no Pashto and is weak on short and romanised text, so it can only veto, never pick the answer. Ordinary
   input never reaches it, which keeps `detect` well under a millisecond.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path
from typing import Literal, cast

from bot import langid_chat
from bot.langid_roman import boosts as roman_boosts
from bot.langid_roman import spoken
from bot.softmax_model import SoftmaxModel

Lang = Literal["prs", "ps", "en", "ur"]

MODEL_PATH = Path(__file__).with_name("langid_data") / "model.tsv.gz"

PASHTO_ONLY = "ټډړږښګڼۍېځڅ"
URDU_ONLY = "ٹڈڑںےھہ"

# Removed outright, even inside a word: bidi controls, ZWJ, BOM, soft hyphen, tatweel, Arabic diacritics and
# Quranic marks.
_DELETE = (
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200d\ufeff\u00ad\u0640\u0670"
    + "".join(map(chr, range(0x064B, 0x0660)))
    + "".join(map(chr, range(0x06D6, 0x06EE)))
)
_TRANSLATE: dict[int, str | None] = {ord(c): None for c in _DELETE}
_TRANSLATE.update(
    {
        0x200C: " ",  # ZWNJ: "می‌خواهم" reads like "می خواهم"
        0x200B: " ",
        ord("ك"): "ک",
        ord("ى"): "ی",
        ord("ە"): "ه",  # NFKC turns ۀ into ە + hamza
        ord("ة"): "ه",
        ord("أ"): "ا",
        ord("إ"): "ا",
        ord("ٱ"): "ا",
        ord("ؤ"): "و",
    }
)
# Arabic-script letters; digits ٠-٩ ۰-۹ and the marks ، ؛ ؟ ۔ ٪ are outside these ranges.
_ARABIC_WORD = re.compile(
    "[\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f]+"
)
_LATIN_WORD = re.compile("[a-z]+")
_LATIN_MARKED = re.compile("[\u00c0-\u024f]")
_REPEATED = re.compile(r"(.)\1+", re.DOTALL)
_FIRST_GROUP = methodcaller("group", 1)  # as r"\1", without a Python call per `sub` (normalise.FIRST_GROUP)


@dataclass(frozen=True)
class Prepared:
    arabic: list[str]  # Arabic-script words
    latin: list[str]  # Latin words, lower case a-z
    other_letters: int  # letters of any other script
    marked_latin: int  # Latin letters that carried accents (é, ü, ñ, ı…) before folding


def prepare(text: str) -> Prepared:
    """Normalise `text` and split it into Arabic-script and Latin words."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()
    marked = 0
    if _LATIN_MARKED.search(text):
        marked = len(_LATIN_MARKED.findall(text))
        text = _LATIN_MARKED.sub(lambda m: unicodedata.normalize("NFKD", m.group())[0], text)
    arabic = _ARABIC_WORD.findall(text)
    latin = _LATIN_WORD.findall(text)
    known = sum(map(len, arabic)) + sum(map(len, latin))
    letters = sum(map(str.isalpha, text))
    return Prepared(arabic, latin, letters - known, marked)


def squeeze_latin(word: str) -> str:
    """Romanised spelling varies ("aap"/"ap", "nahee"/"nahi"): a doubled letter counts once."""
    return _REPEATED.sub(_FIRST_GROUP, word)


def features(words: list[str], orders: tuple[int, ...]) -> list[str]:
    """ "=word" for each word, and the character n-grams of the word padded with spaces."""
    feats: list[str] = []
    append = feats.append
    for w in words:
        append("=" + w)
        padded = f" {w} "
        size = len(padded)
        for n in orders:
            for i in range(size - n + 1):
                append(padded[i : i + n])
    return feats


def _ngrams(padded: str, n: int) -> list[str]:
    return [padded[i : i + n] for i in range(len(padded) - n + 1)]


@dataclass
class Model:
    classes: tuple[str, ...]
    orders: tuple[int, ...]
    table: dict[str, tuple[float, ...]]  # feature → log P(feature | class), words already weighted
    min_letters: int
    min_margin: tuple[float, float, float]  # log-likelihood margin needed for 1, 2, and 3 or more words
    max_words: int
    min_known_ngrams: float  # below this share of known top-order n-grams the text may be another language
    max_al_words: float  # Arabic script: above this share of "ال…" words the text may be Arabic


def load_models(path: Path = MODEL_PATH) -> dict[str, Model]:
    """Read the model file: one JSON header line, then `script<TAB>feature<TAB>count count …` lines."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        header = json.loads(f.readline())
        counts: dict[str, dict[str, list[int]]] = {name: {} for name in header["models"]}
        for line in f:
            script, feat, nums = line.rstrip("\n").split("\t")
            counts[script][feat] = [int(x) for x in nums.split()]
    models = {}
    for name, h in header["models"].items():
        alpha, word_weight = h["alpha"], h["word_weight"]
        vocab = len(counts[name])
        log_denominators = [math.log(total + alpha * vocab) for total in h["totals"]]
        table = {}
        for feat, row in counts[name].items():
            weight = word_weight if feat[0] == "=" else 1.0
            table[feat] = tuple(weight * (math.log(c + alpha) - d) for c, d in zip(row, log_denominators, strict=True))
        models[name] = Model(
            classes=tuple(h["classes"]),
            orders=tuple(h["orders"]),
            table=table,
            min_letters=h["min_letters"],
            min_margin=tuple(h["min_margin"]),
            max_words=h["max_words"],
            min_known_ngrams=h["min_known_ngrams"],
            max_al_words=h.get("max_al_words", 1.0),
        )
    return models


_MODELS: dict[str, Model] | None = None


def models() -> dict[str, Model]:
    global _MODELS
    if _MODELS is None:
        _MODELS = load_models()
    return _MODELS


@dataclass(frozen=True)
class Scored:
    script: str  # "arab" or "latn"
    log_likelihoods: dict[str, float]
    letters: int  # letters in the scored script
    words: int  # words scored
    known_ngrams: float  # share of the text's top-order character n-grams the model knows
    foreign_cues: bool  # "ال…" words (Arabic script) or accented letters (Latin)
    latin_words: list[str]  # the words scored, when the script is Latin (for the learnt model)

    @property
    def best(self) -> str:
        return max(self.log_likelihoods, key=self.log_likelihoods.__getitem__)

    @property
    def margin(self) -> float:
        top, second = sorted(self.log_likelihoods.values(), reverse=True)[:2]
        return top - second


def scores(text: str) -> Scored | None:
    """Per-class log-likelihoods for `text` (None when it has nothing to score); `detect` decides from these."""
    prep = prepare(text)
    n_arabic = sum(map(len, prep.arabic))
    n_latin = sum(map(len, prep.latin))
    if not (n_arabic or n_latin) or prep.other_letters > n_arabic + n_latin:
        return None
    if n_arabic >= 2 or n_arabic >= n_latin:
        script, model = "arab", models()["arab"]
        words = prep.arabic[: model.max_words]
        al = sum(w.startswith("ال") and len(w) > 3 for w in words)
        foreign = len(words) >= 3 and al > model.max_al_words * len(words)
        letters = n_arabic
    else:
        script, model = "latn", models()["latn"]
        words = spoken([squeeze_latin(w) for w in prep.latin[: model.max_words]])
        foreign = prep.marked_latin > 0
        letters = n_latin
    table = model.table
    # The rows of the features the model knows (a row is a non-empty tuple, so `filter` keeps exactly those).
    rows = list(filter(None, map(table.get, features(words, model.orders))))
    totals = [sum(column) for column in zip(*rows, strict=True)] if rows else [0.0] * len(model.classes)
    if script == "latn":  # chat words the news-trained model hardly knows (bot/langid_roman.py)
        totals = [t + b for t, b in zip(totals, roman_boosts(words, model.classes), strict=True)]
    known_share = 1.0
    if model.min_known_ngrams > 0:  # share of the top-order n-grams the model knows
        top = max(model.orders)
        grams = [g for w in words for g in _ngrams(f" {w} ", top)]
        if grams:
            known_share = sum(map(table.__contains__, grams)) / len(grams)
    return Scored(
        script,
        dict(zip(model.classes, totals, strict=True)),
        letters,
        len(words),
        known_share,
        foreign,
        words if script == "latn" else [],
    )


def detect(text: str) -> Lang | None:
    """The language of `text`: "prs" (Dari), "ps" (Pashto), "en", "ur", or None when unsure."""
    return detect_with(text, langid_chat.model())


def detect_with(text: str, chat: SoftmaxModel | None) -> Lang | None:
    """`detect`, with `chat` as the learnt model for Latin letters (None: the naive Bayes model alone)."""
    if not text or text.isspace():
        return None
    scored = scores(text)
    if scored is None:
        return None
    model = models()[scored.script]
    if scored.script == "latn" and chat is not None:
        learnt = chat.log_probabilities(langid_chat.features(scored.latin_words))
        found = decide_latin(scored, learnt, chat.classes, chat.settings.get("weight", 0.0))
        if found is None:
            return None
        best = cast(Lang, found)
    else:
        if scored.letters < model.min_letters or scored.margin < model.min_margin[min(scored.words, 3) - 1]:
            return None
        best = cast(Lang, scored.best)
    if scored.foreign_cues or scored.known_ngrams < model.min_known_ngrams:
        return best if langdetect_agrees(text) else None
    return best


def decide_latin(scored: Scored, learnt: list[float], classes: tuple[str, ...], weight: float) -> str | None:
    """Latin letters with the learnt model (`bot.langid_chat`): it picks the class, together with the naive Bayes
    scores; one or two words still need the naive Bayes margin ("ok", "salam", "PoR card" stay None)."""
    model = models()["latn"]
    if scored.letters < model.min_letters:
        return None
    if scored.words < 3 and scored.margin < model.min_margin[scored.words - 1]:
        return None
    combined = langid_chat.combine(learnt, scored.log_likelihoods, scored.words, classes, weight)
    return max(combined, key=combined.__getitem__)


# langdetect's codes for our languages; it has no Pashto profile and calls Pashto "fa".
_OURS_IN_LANGDETECT = frozenset({"fa", "ur", "en"})


def langdetect_agrees(text: str) -> bool:
    """Second opinion for text that may be another language: False when langdetect (seeded) names one."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return False
    return best.lang in _OURS_IN_LANGDETECT
