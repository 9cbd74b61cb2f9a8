"""Dates as people type them: Solar Hijri or Gregorian, in any of the digits they may use.

Afghans write `1404/05/12` or `12/05/1404` (Solar Hijri), Pakistani papers say `2026-03-15` or
`15.3.2026` (Gregorian). The year decides the calendar: 1300–1499 is Solar Hijri, 1900–2199 is
Gregorian; the year must have four digits and stand first or last, so day and month are never
guessed from a two-digit year. Whichever was typed, the result is a Gregorian `date`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import jdatetime

from bot.i18n.digits import to_ascii_digits

# Separators people use between the parts: / - . , Arabic comma, Persian/Arabic date slash, spaces.
_PARTS = re.compile(r"\d+")
_ALLOWED = re.compile(r"^[\d\s/\-.,،٫٬\u066b\u2044]+$")
FURTHEST = timedelta(days=10 * 366)  # a visa or an appointment further than ten years away is a typo


class DateProblem(StrEnum):
    UNREADABLE = "unreadable"  # not three numbers with a four-digit year first or last
    INVALID = "invalid"  # no such day (31/02, month 13)
    PAST = "past"  # today or earlier: nothing left to remind of
    TOO_FAR = "too_far"


@dataclass(frozen=True, slots=True)
class TypedDate:
    day: date | None  # Gregorian; None when there is a problem
    problem: DateProblem | None = None
    solar: bool = False  # the person typed a Solar Hijri date


def parse_typed_date(text: str, today: date) -> TypedDate:
    """The date in `text` if it is one and lies after `today` (at most ten years ahead)."""
    cleaned = to_ascii_digits(text).strip()
    if not cleaned or len(cleaned) > 40 or not _ALLOWED.match(cleaned):
        return TypedDate(None, DateProblem.UNREADABLE)
    parts = _PARTS.findall(cleaned)
    if len(parts) != 3:
        return TypedDate(None, DateProblem.UNREADABLE)
    if len(parts[0]) == 4:
        year, month, day = (int(p) for p in parts)
    elif len(parts[2]) == 4:
        day, month, year = (int(p) for p in parts)
    else:
        return TypedDate(None, DateProblem.UNREADABLE)
    solar = 1300 <= year <= 1499
    if not solar and not 1900 <= year <= 2199:
        return TypedDate(None, DateProblem.UNREADABLE)
    try:
        found = jdatetime.date(year, month, day).togregorian() if solar else date(year, month, day)
    except ValueError:
        return TypedDate(None, DateProblem.INVALID, solar)
    if found <= today:
        return TypedDate(None, DateProblem.PAST, solar)
    if found - today > FURTHEST:
        return TypedDate(None, DateProblem.TOO_FAR, solar)
    return TypedDate(found, None, solar)
