"""Afghan Solar Hijri (Hijri Shamsi) dates and their Afghan month names.

Afghans read dates in the solar Hijri calendar, but Afghanistan names its months
after the zodiac (Hamal, Sawr, ...), not the Iranian names (Farvardin, ...) that
most libraries print. So we use `jdatetime` only for the day arithmetic and keep
our own month names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import jdatetime

from bot.domain import Language

# Source: shared/domain/facts.md §5.2 — Dari from CLDR common/main/fa_AF.xml
# (<calendar type="persian">), Pashto from CLDR common/main/ps.xml and BBC psammead
# (jalaaliMonths.ps). Deliberate choices, also from §5.2:
# - Dari month 6 is سنبله, not CLDR's format-context form سنبلهٔ, because that is
#   how Afghan sources write it in running text.
# - Pashto uses ګ (U+06AB) as BBC does, not CLDR's Persian گ (U+06AF), and Farsi
#   yeh ی (U+06CC) / keheh ک (U+06A9) rather than Arabic ي/ك variants.
_MONTHS_DARI = ("حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت")
_MONTHS_PASHTO = (
    "وری", "غویی", "غبرګولی", "چنګاښ", "زمری", "وږی",
    "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه", "کب",
)  # fmt: skip
_MONTHS_ENGLISH = (
    "Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula",
    "Mizan", "Aqrab", "Qaws", "Jadi", "Dalw", "Hut",
)  # fmt: skip

SOLAR_MONTH_NAMES: dict[Language, tuple[str, ...]] = {
    Language.DARI: _MONTHS_DARI,
    Language.PASHTO: _MONTHS_PASHTO,
    Language.ENGLISH: _MONTHS_ENGLISH,
}


@dataclass(frozen=True, slots=True)
class SolarHijriDate:
    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        # Cheap guard so a bad hand-built date fails here, not as an IndexError
        # deep inside month-name lookup.
        if not 1 <= self.month <= 12:
            raise ValueError(f"Solar Hijri month must be 1-12, got {self.month}")
        if not 1 <= self.day <= 31:
            raise ValueError(f"Solar Hijri day must be 1-31, got {self.day}")


def to_solar_hijri(d: date) -> SolarHijriDate:
    """Convert a Gregorian date to the Solar Hijri date Afghans use.

    jdatetime implements the standard 33-year arithmetic, which agrees with the
    observed Nowruz (1 Hamal) for present-day years; see the tests for checked pairs.
    """
    if isinstance(d, datetime):
        # A datetime's calendar day depends on its zone; callers must decide which
        # day they mean (usually `today_in_pakistan`) before converting.
        raise TypeError("to_solar_hijri needs a date, not a datetime")
    jd = jdatetime.date.fromgregorian(date=d)
    return SolarHijriDate(jd.year, jd.month, jd.day)


def solar_month_name(month: int, lang: Language | str) -> str:
    """Afghan name of Solar Hijri `month` (1 = Hamal) in `lang`."""
    if not 1 <= month <= 12:
        raise ValueError(f"Solar Hijri month must be 1-12, got {month}")
    return SOLAR_MONTH_NAMES[Language(lang)][month - 1]
