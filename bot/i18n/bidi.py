"""Unicode bidi isolates for mixed Dari/Pashto + Latin text.

In a right-to-left paragraph the Unicode Bidirectional Algorithm reorders
neutral characters around numbers and Latin words: "0300 858 5600" shows as
"5600 858 0300", "+92" loses its plus to the wrong side, and a full stop after
a URL jumps to its start. Wrapping each left-to-right run in LRI…PDI makes the
run one neutral unit to the surrounding text, so it keeps its own order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"

_ISOLATE_OPENERS = frozenset((LRI, RLI, FSI))
# The bidi algorithm closes every open isolate at a paragraph separator, so a
# stray opener in one line must not protect the following lines.
_PARAGRAPH_SEPARATORS = frozenset("\n\r\x1c\x1d\x1e\x85\u2029")
# ZWNJ/ZWJ are deliberately absent: Dari and Pashto spelling needs them.
_BIDI_CONTROLS = re.compile(f"[{LRE}{RLE}{PDF}{LRO}{RLO}{LRI}{RLI}{FSI}{PDI}{LRM}{RLM}{ALM}]")

# Characters a URL may contain: anything but whitespace, Arabic script (Dari text
# written straight after a link) and bidi controls.
_NOT_IN_URL = (
    r"\s\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"  # whitespace, Arabic script
    r"\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi controls
)
_URL_CHAR = rf"[^{_NOT_IN_URL}]"
# ...and the last one may not be sentence punctuation, so "see https://x.org." keeps its "."
_URL_END = rf"[^{_NOT_IN_URL}.,;:!?)\]}}'\"»]"
_URL = rf"(?:https?://|www\.){_URL_CHAR}*{_URL_END}"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# A Latin word, acronym or ASCII number ("PoR", "1946", "0300"); a leading "+"
# keeps international prefixes ("+92") with their digits, a leading "/" keeps
# commands ("/menu") whole and tappable. Persian or Arabic digits glued to it
# belong to it: "۱۴A" (section 14A) isolated as "۱۴" + isolate("A") would show as
# "A۱۴" in a right-to-left line, so the whole token is one isolate.
_LATIN = r"A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # Latin-1/Extended letters minus × ÷
_EASTERN_DIGITS = r"\u0660-\u0669\u06f0-\u06f9"
_WORD = rf"[+/]?[{_EASTERN_DIGITS}]*[{_LATIN}]+(?:[{_EASTERN_DIGITS}]+[{_LATIN}]+)*[{_EASTERN_DIGITS}]*"
_ELEMENT = rf"(?:{_URL}|{_EMAIL}|{_WORD})"
# What may sit between two elements of one run: spaces and the punctuation found
# inside names, phone numbers and dates ("Foreigners Act 1946", "SHARP-Pakistan",
# "051-6133451", "U.N.", "Islamabad, Pakistan"). Newlines are excluded so a run
# never spans lines.
_JOINER = r"[ \t\u00a0\u202f\-\u2010\u2011./_:'’&,]+"
# A run starts and ends with an element, so it never swallows the spaces around
# it or a trailing "." / "،".
_LTR_RUN = re.compile(rf"{_ELEMENT}(?:{_JOINER}{_ELEMENT})*")
# A lone ordinary number ("3", "2025", "1,000", "2.5") already displays correctly
# in RTL text, and leaving it un-isolated lets `localize_digits` turn it into ۰-۹.
# Seven or more digits in a row is a phone number (e.g. "03000544491"), which must
# stay ASCII to be dialable, so it is still isolated.
_PLAIN_NUMBER = re.compile(r"[0-9]{1,6}(?:[.,][0-9]+)*")


def ltr(s: str) -> str:
    """Show `s` left-to-right as one unit, whatever text surrounds it."""
    return f"{LRI}{s}{PDI}"


def fsi(s: str) -> str:
    """Isolate `s` and let its first strong letter pick its direction."""
    return f"{FSI}{s}{PDI}"


def strip_bidi_controls(text: str) -> str:
    """Remove bidi embeddings, overrides, isolates and marks (keeps ZWNJ/ZWJ)."""
    return _BIDI_CONTROLS.sub("", text)


def isolate_ltr_runs(text: str) -> str:
    """Wrap every URL, e-mail, phone number and Latin run in LRI…PDI.

    Lone short ASCII numbers are left as they are (see `_PLAIN_NUMBER`).

    Text already inside an isolate is left untouched, so calling this twice
    gives the same result as calling it once.
    """
    return "".join(
        segment if protected else _LTR_RUN.sub(_isolate_run, segment)
        for segment, protected in split_isolated(text, _ISOLATE_OPENERS)
    )


def _isolate_run(match: re.Match[str]) -> str:
    run = match.group()
    return run if _PLAIN_NUMBER.fullmatch(run) else ltr(run)


def split_isolated(text: str, openers: frozenset[str] = _ISOLATE_OPENERS) -> Iterator[tuple[str, bool]]:
    """Split `text` into (segment, protected) pieces.

    A piece is protected from an opener in `openers` through its matching PDI
    (inclusive), counting nested isolates of any kind, or to the end of the line
    if the PDI is missing.
    """
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if depth == 0 and ch in openers:
            if i > start:
                yield text[start:i], False
            start, depth = i, 1
        elif depth > 0 and ch in _ISOLATE_OPENERS:
            depth += 1
        elif depth > 0 and (ch == PDI or ch in _PARAGRAPH_SEPARATORS):
            depth = depth - 1 if ch == PDI else 0
            if depth == 0:
                # The separator itself is ordinary text; the PDI belongs to the isolate.
                end = i + 1 if ch == PDI else i
                yield text[start:end], True
                start = end
    if start < len(text):
        yield text[start:], depth > 0
