"""Checks on the script of user-facing text: the right digits and letters for each language.

Dari and Pashto running text uses the Extended Arabic-Indic digits ۰-۹; phone numbers stay in
ASCII digits in every language, so that a phone can dial them.
"""

from __future__ import annotations

import re

RTL_LANGUAGES = frozenset({"prs", "ps"})

_ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669]")
_ARABIC_KAF = re.compile("\u0643")
# Pashto writes ي (U+064A) as a letter of its own (e.g. the ending of لرونکي); Dari does not.
_ARABIC_YEH = re.compile("\u064a")
_PERSIAN_GAF = re.compile("\u06af")
# Letters that Pashto has and Dari does not: a Dari text containing them has slipped into Pashto.
_PASHTO_ONLY = re.compile("[\u067c\u0681\u0685\u0689\u0693\u0696\u069a\u06ab\u06bc\u06cd\u06d0]")
_PERSIAN_DIGITS = re.compile("[\u06f0-\u06f9]")
_PERSIAN_PHONE = re.compile("[\u06f0-\u06f9][\u06f0-\u06f9 \\-]{5,}[\u06f0-\u06f9]")
_URL_OR_EMAIL = re.compile(r"https?://[^\s)\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?[0-9][0-9 \-]{5,}[0-9]")


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def phone_numbers(text: str) -> list[str]:
    """Phone-like runs of ASCII digits (7 or more digits, spaces and hyphens allowed) in a text."""
    return [m.group() for m in _PHONE.finditer(_URL_OR_EMAIL.sub(" ", text)) if _digit_count(m.group()) >= 7]


def digits_of(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def script_problems(text: str, lang: str) -> list[str]:
    problems: list[str] = []
    if _ARABIC_INDIC_DIGITS.search(text):
        problems.append("uses Arabic-Indic digits (٠-٩); write ۰-۹ in Dari/Pashto and 0-9 in English")
    if lang in RTL_LANGUAGES:
        if _ARABIC_KAF.search(text):
            problems.append("uses Arabic ك; write ک")
        if lang == "prs" and _ARABIC_YEH.search(text):
            problems.append("uses Arabic ي; write Persian ی in Dari")
        if lang == "prs" and (found := sorted(set(_PASHTO_ONLY.findall(text)))):
            problems.append(f"uses Pashto letters in Dari text ({' '.join(found)})")
        if lang == "ps" and _PERSIAN_GAF.search(text):
            problems.append("uses Persian گ; write Pashto ګ")
        for match in _PERSIAN_PHONE.finditer(text):
            if len(_PERSIAN_DIGITS.findall(match.group())) >= 7:
                problems.append(f"phone number {match.group()!r} in ۰-۹; keep phone numbers in ASCII digits")
        rest = _PHONE.sub(lambda m: " " if _digit_count(m.group()) >= 7 else m.group(), _URL_OR_EMAIL.sub(" ", text))
        stray = sorted({m.group() for m in re.finditer(r"[0-9]+", rest)})
        if stray:
            problems.append(f"ASCII digits in running text ({', '.join(stray)}); write ۰-۹ (phone numbers stay 0-9)")
    elif _PERSIAN_DIGITS.search(text):
        problems.append("English text uses ۰-۹ digits; write 0-9")
    return problems
