"""One spelling for what people type, so the lexicon and the user's words can be compared.

People write the same word many ways: Arabic or Persian ي/ی and ك/ک, Pashto or Urdu letters typed on
a Persian keyboard (ګ→گ, ټ/ٹ→ت), harakat, tatweel, ZWNJ or a space or nothing between the parts of a
word, three kinds of digits, and Latin letters in several romanisations ("khatam", "xatam",
"khattam"). `normalise` maps all of these to one form; both the lexicon and the input go through
it, so the folding only has to be consistent, not linguistically exact.

Latin folding (documented, deliberately small; the fuzzy matcher absorbs the rest):
  - case-folding and accents dropped (é→e); š/ş → sh;
  - a letter repeated three or more times is one letter ("pleaseee" → "please");
  - texting shorthand expanded ("r u" → "are you", "plz" → "please", "kr" → "kar");
  - ee→i, oo→u, iya→ia ("zindagee"/"zindagi", "qanoon"/"qanun", "liya"/"lia");
  - x→kh ("xatam"/"khatam"), w→v ("wisa"/"visa"), q→k ("qanun"/"kanun");
  - then any doubled letter is single ("khattam" → "khatam", "visaa" → "visa", aa→a).
Single Latin letters in a row are one acronym ("p o r", "P.O.R" → "por").
Dari affixes written apart are joined to their word: "می خواهم" → "میخواهم", "افغان ها" → "افغانها".
"""

from __future__ import annotations

import re
import unicodedata
from operator import methodcaller

from bot.i18n.bidi import strip_bidi_controls
from bot.i18n.digits import to_ascii_digits

ZWNJ, ZWJ, TATWEEL = "\u200c", "\u200d", "\u0640"

# Letter variants → the Dari letter a Persian keyboard types. Pashto and Urdu letters are folded
# too: many Pashto speakers type on Persian or Urdu keyboards, so "ګرفتار" and "گرفتار" must meet.
_LETTERS = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ے": "ی", "ې": "ی", "ۍ": "ی", "ێ": "ی",
        "ك": "ک", "ڪ": "ک",
        "ە": "ه", "ہ": "ه", "ۃ": "ه", "ة": "ه", "ھ": "ه",  # ۀ is ە + hamza after NFKD
        "ګ": "گ", "ټ": "ت", "ٹ": "ت", "ډ": "د", "ڈ": "د", "ړ": "ر", "ڑ": "ر",
        "ڼ": "ن", "ں": "ن", "ښ": "ش", "ږ": "ژ", "ځ": "ز", "څ": "س",
        "š": "sh", "ş": "sh", "Š": "sh", "Ş": "sh",
        ZWNJ: " ",  # users type a space, a ZWNJ or nothing: ZWNJ becomes a space, joins are tried later
        ZWJ: "", TATWEEL: "",
    }
)  # fmt: skip

_ARABIC = "\u0600-\u06ff\u0750-\u077f"
_TOKEN = re.compile(rf"[a-z0-9]+|[{_ARABIC}]+|[^\s{_ARABIC}a-z0-9]+")
# Combining marks left after NFKD: Arabic harakat, superscript alef and Quranic marks, Latin accents.
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0300-\u036f]")
# Anything that is not a letter or digit separates words: punctuation (Arabic ؟ ، ؛ ۔ and « »
# included), symbols, emoji, controls. Tatweel counts as a letter for `re`; it is removed before.
_SEPARATORS = re.compile("[\\W_]+")
_APOSTROPHES = re.compile("['’`ʼ]")  # "don't" is one word, "dont"
_RUN3 = re.compile(r"(.)\1{2,}")
FIRST_GROUP = methodcaller("group", 1)
"""`pattern.sub(FIRST_GROUP, text)` is `pattern.sub(r"\1", text)` for a pattern whose first group always takes part,
at half the cost: a replacement string with a backslash is read by a Python function at every call (`re._subx`)."""
_DOUBLE = re.compile(r"([a-z])\1")
_LATIN_FOLDS = (("ee", "i"), ("oo", "u"), ("iya", "ia"), ("x", "kh"), ("w", "v"), ("q", "k"))
# Texting shorthand, expanded before folding so "who r u" meets "who are you".
_SHORTHAND = {
    "r": "are", "u": "you", "ur": "your", "wat": "what", "wht": "what", "hw": "how", "pls": "please",
    "plz": "please", "thx": "thanks", "govt": "government", "kr": "kar", "krna": "karna",
}  # fmt: skip
# Dari writes the verb prefix می/نمی and the plural ها with a ZWNJ, a space or nothing: "می‌خواهم",
# "می خواهم", "میخواهم". They are joined to their word, so all three meet. This runs before letter
# folding, because Pashto's clitic مې ("my", written with ې) is a word of its own and stays apart.
_DARI_AFFIXES = re.compile(
    "(?<![\\w\u200c])(ن?م[یي])[\\s\u200c]+(?=[\u0620-\u06ff])"  # prefix می/نمی + word
    "|(?<=[\u0620-\u06ff])[\\s\u200c]+(?=ها(?:ی|یی|یم|یش)?(?![\\w]))"  # word + plural ها
)


# Urdu ے (bari ye) only ends a word, and it does not join the next letter, so phone users often type no space
# after it: "میرےبیٹےکوتھانےلےگئےہیں". A letter after ے starts a new word (round 8).
_AFTER_BARI_YE = re.compile("ے(?=[\u0620-\u06ff])")


def normalise(text: str) -> str:
    """`text` as space-separated normalised tokens (see the module docstring)."""
    return " ".join(tokenise(text))


def tokenise(text: str) -> tuple[str, ...]:
    """The normalised tokens of `text`; punctuation, symbols and emoji separate tokens."""
    text = _DARI_AFFIXES.sub(r"\1", to_ascii_digits(strip_bidi_controls(text)))
    text = _AFTER_BARI_YE.sub("ے ", text).translate(_LETTERS)
    # NFKD splits presentation forms and letters with hamza or madda (ۀ أ آ ؤ ئ) into base letter plus
    # mark; the marks go with the harakat, so all spellings meet at the base letter.
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text).casefold()).translate(_LETTERS)
    raw = _TOKEN.findall(_SEPARATORS.sub(" ", _APOSTROPHES.sub("", text)))
    return tuple(_fold(token) for token in _join_acronyms(raw))


def _fold(token: str) -> str:
    token = _RUN3.sub(FIRST_GROUP, token)  # "pleaseee", "خیلیییی": emphasis, not spelling
    if not ("a" <= token[0] <= "z"):
        return token
    return fold_latin(_SHORTHAND.get(token, token))


def fold_latin(token: str) -> str:
    """The romanisation folding of one lower-case Latin token (see the module docstring)."""
    for old, new in _LATIN_FOLDS:
        token = token.replace(old, new)
    return _DOUBLE.sub(FIRST_GROUP, token)


def _join_acronyms(tokens: list[str]) -> list[str]:
    # "p o r" and "P.O.R." are how people type an acronym on a phone: make it one token. Two letters
    # that are both shorthand ("r u") stay words.
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and "a" <= token <= "z":
            run.append(token)
            continue
        acronym = len(run) > 2 or (len(run) == 2 and not all(t in _SHORTHAND for t in run))
        out.extend(["".join(run)] if acronym else run)
        run = []
        if token:
            out.append(token)
    return out


def is_arabic_script(token: str) -> bool:
    return bool(token) and "\u0600" <= token[0] <= "\u077f"
