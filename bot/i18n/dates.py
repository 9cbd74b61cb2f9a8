"""Dates as users in Pakistan should read them.

Deadlines are Pakistani and Gregorian, so "today" is Karachi's day, not UTC's,
and Dari/Pashto show the Gregorian date first with the Afghan Solar Hijri date
after it (facts.md §5.1).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date

from bot.domain import Language
from bot.i18n.bidi import fsi
from bot.i18n.calendar import solar_month_name, to_solar_hijri
from bot.i18n.digits import localize_digits

PAKISTAN_TZ = ZoneInfo("Asia/Karachi")

# One explicit CLDR pattern for every language instead of Babel's "long" format:
# - en "long" is US-style "March 31, 2025"; day-month-year is what Pakistan and
#   Afghanistan use.
# - ps "long"/"full" patterns have changed across CLDR releases (Babel 2.19's ps
#   "full" is "EEEE d, MMMM, y" with stray commas; older data used a "د y د MMMM d"
#   style), so pinning the pattern keeps output stable when Babel is upgraded.
# "MMMM" is the format-context month name; in Babel 2.19 it gives the Afghan forms
# (fa_AF: جنوری … مارچ … سپتمبر … دسمبر, facts.md §5.4), not Iranian ژانویه/مارس.
_GREGORIAN_PATTERN = "d MMMM y"


def today_in_pakistan(now: datetime) -> date:
    """Calendar day in Pakistan at the instant `now` (must be timezone-aware)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware; a naive datetime has no place on the clock")
    return now.astimezone(PAKISTAN_TZ).date()


def days_until(d: date, now: datetime) -> int:
    """Calendar days from today in Pakistan to `d`; 0 on the day, negative once passed."""
    _require_plain_date(d)
    return (d - today_in_pakistan(now)).days


def format_date(d: date, lang: Language | str) -> str:
    """Long date for users.

    en: "31 March 2025". prs/ps: Gregorian date with Babel's Afghan month names,
    then the Solar Hijri date with Afghan month names in parentheses, digits ۰-۹,
    wrapped in FSI…PDI so it stays in one piece inside any sentence, e.g.
    "۳۱ مارچ ۲۰۲۵ (۱۱ حمل ۱۴۰۴)".
    """
    _require_plain_date(d)
    lang = Language(lang)
    gregorian = babel_format_date(d, _GREGORIAN_PATTERN, locale=lang.babel_locale)
    if not lang.is_rtl:
        return gregorian
    solar = to_solar_hijri(d)
    solar_text = f"{solar.day} {solar_month_name(solar.month, lang)} {solar.year}"
    return fsi(localize_digits(f"{gregorian} ({solar_text})", lang))


def _require_plain_date(d: date) -> None:
    # datetime subclasses date, so it would slip through silently; its day depends
    # on its zone, which callers must settle first (e.g. with today_in_pakistan).
    if isinstance(d, datetime):
        raise TypeError("expected a date, not a datetime")
