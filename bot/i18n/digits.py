"""Digits as Dari and Pashto readers expect them, and back again for parsing.

Babel formats dates and numbers with ASCII digits even for fa_AF and ps, while
Afghan Dari/Pashto text uses Extended Arabic-Indic digits ۰-۹ (CLDR `arabext`,
U+06F0-U+06F9; see facts.md §5.3). Users may type either those or Arabic-Indic
٠-٩ (U+0660-U+0669), so parsing accepts both.
"""

from __future__ import annotations

from bot.domain import Language
from bot.i18n.bidi import LRI, split_isolated

_ASCII = "0123456789"
_EXTENDED_ARABIC_INDIC = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0-U+06F9, used in Afghanistan
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"  # U+0660-U+0669, common on Arabic keyboards

_TO_LOCAL = str.maketrans(_ASCII, _EXTENDED_ARABIC_INDIC)
_TO_ASCII = str.maketrans(_EXTENDED_ARABIC_INDIC + _ARABIC_INDIC, _ASCII * 2)
_LTR_ISOLATE = frozenset({LRI})


def localize_digits(text: str, lang: Language | str) -> str:
    """Turn ASCII digits into ۰-۹ for Dari and Pashto; English is unchanged.

    Digits inside an LRI…PDI isolate (see `bidi.isolate_ltr_runs`) stay ASCII:
    they belong to URLs, phone numbers and Latin names ("Foreigners Act 1946"),
    which must stay clickable, dialable and as written.
    """
    if not Language(lang).is_rtl:
        return text
    return "".join(
        segment if protected else segment.translate(_TO_LOCAL)
        for segment, protected in split_isolated(text, _LTR_ISOLATE)
    )


def to_ascii_digits(text: str) -> str:
    """Turn ۰-۹ and ٠-٩ into ASCII 0-9 so typed numbers can be parsed."""
    return text.translate(_TO_ASCII)
