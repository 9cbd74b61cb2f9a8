from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta

import pytest

from bot.domain import Language
from bot.i18n.calendar import SOLAR_MONTH_NAMES, SolarHijriDate, solar_month_name, to_solar_hijri


@pytest.mark.parametrize(
    ("gregorian", "solar"),
    [
        (date(2025, 3, 21), SolarHijriDate(1404, 1, 1)),  # Nowruz 1404
        (date(2025, 8, 5), SolarHijriDate(1404, 5, 14)),  # "سهشنبه (۱۴ اسد)" in DID Press, facts.md §5.1
        (date(2024, 3, 20), SolarHijriDate(1403, 1, 1)),  # Nowruz on 20 March after a non-leap 1402
        (date(2024, 3, 19), SolarHijriDate(1402, 12, 29)),  # 1402 has a 29-day Hut
        (date(2025, 3, 20), SolarHijriDate(1403, 12, 30)),  # 1403 is leap: Hut has 30 days
        (date(2026, 3, 21), SolarHijriDate(1405, 1, 1)),  # Nowruz 1405
        (date(2026, 3, 20), SolarHijriDate(1404, 12, 29)),
    ],
)
def test_known_gregorian_dates_convert_to_the_solar_hijri_date_afghans_use(gregorian, solar):
    assert to_solar_hijri(gregorian) == solar


def test_fourteen_asad_1404_is_the_tuesday_reported_in_the_press():
    d = date(2025, 8, 5)
    assert d.strftime("%A") == "Tuesday"
    assert to_solar_hijri(d) == SolarHijriDate(1404, 5, 14)


@pytest.mark.parametrize("year", range(2015, 2041))
def test_nowruz_falls_on_20_or_21_march_right_after_the_last_day_of_hut(year):
    nowruz = next(date(year, 3, day) for day in (19, 20, 21, 22) if to_solar_hijri(date(year, 3, day)).day == 1)
    assert nowruz.day in (20, 21)
    assert to_solar_hijri(nowruz) == SolarHijriDate(year - 621, 1, 1)
    eve = to_solar_hijri(nowruz - timedelta(days=1))
    assert (eve.month, eve.day) in ((12, 29), (12, 30))


# The 5th of each Gregorian month from April 2025 to March 2026 lands in a
# different Solar month, so together they reach every month name.
FIFTH_OF_EACH_MONTH = [
    (date(2025, 4, 5), SolarHijriDate(1404, 1, 16), "حمل", "وری", "Hamal"),
    (date(2025, 5, 5), SolarHijriDate(1404, 2, 15), "ثور", "غویی", "Sawr"),
    (date(2025, 6, 5), SolarHijriDate(1404, 3, 15), "جوزا", "غبرګولی", "Jawza"),
    (date(2025, 7, 5), SolarHijriDate(1404, 4, 14), "سرطان", "چنګاښ", "Saratan"),
    (date(2025, 8, 5), SolarHijriDate(1404, 5, 14), "اسد", "زمری", "Asad"),
    (date(2025, 9, 5), SolarHijriDate(1404, 6, 14), "سنبله", "وږی", "Sunbula"),
    (date(2025, 10, 5), SolarHijriDate(1404, 7, 13), "میزان", "تله", "Mizan"),
    (date(2025, 11, 5), SolarHijriDate(1404, 8, 14), "عقرب", "لړم", "Aqrab"),
    (date(2025, 12, 5), SolarHijriDate(1404, 9, 14), "قوس", "لیندۍ", "Qaws"),
    (date(2026, 1, 5), SolarHijriDate(1404, 10, 15), "جدی", "مرغومی", "Jadi"),
    (date(2026, 2, 5), SolarHijriDate(1404, 11, 16), "دلو", "سلواغه", "Dalw"),
    (date(2026, 3, 5), SolarHijriDate(1404, 12, 14), "حوت", "کب", "Hut"),
]


@pytest.mark.parametrize(("gregorian", "solar", "dari", "pashto", "english"), FIFTH_OF_EACH_MONTH)
def test_every_solar_month_has_its_afghan_name_in_each_language(gregorian, solar, dari, pashto, english):
    converted = to_solar_hijri(gregorian)
    assert converted == solar
    assert solar_month_name(converted.month, Language.DARI) == dari
    assert solar_month_name(converted.month, Language.PASHTO) == pashto
    assert solar_month_name(converted.month, Language.ENGLISH) == english


def test_month_names_are_afghan_not_iranian():
    assert "فروردین" not in SOLAR_MONTH_NAMES[Language.DARI]
    assert solar_month_name(1, "prs") == "حمل"


def test_pashto_month_names_use_pashto_gaf_and_farsi_yeh_and_keheh():
    pashto = "".join(SOLAR_MONTH_NAMES[Language.PASHTO])
    assert "\u06ab" in pashto  # ګ in غبرګولی, چنګاښ
    assert "\u06af" not in pashto  # no Persian گ (CLDR ps spelling)
    for names in SOLAR_MONTH_NAMES.values():
        joined = "".join(names)
        assert "\u064a" not in joined  # Arabic yeh ي
        assert "\u0643" not in joined  # Arabic kaf ك


def test_dari_sixth_month_is_written_without_the_cldr_format_hamza():
    assert solar_month_name(6, Language.DARI) == "\u0633\u0646\u0628\u0644\u0647"  # سنبله, not سنبلهٔ


def test_each_language_has_twelve_distinct_month_names():
    for names in SOLAR_MONTH_NAMES.values():
        assert len(set(names)) == 12


@pytest.mark.parametrize("month", [0, 13])
def test_month_outside_1_to_12_is_rejected(month):
    with pytest.raises(ValueError):
        solar_month_name(month, Language.DARI)
    with pytest.raises(ValueError):
        SolarHijriDate(1404, month, 1)


def test_solar_hijri_date_is_immutable():
    d = SolarHijriDate(1404, 1, 1)
    with pytest.raises(FrozenInstanceError):
        d.day = 2  # type: ignore[misc]


def test_datetime_is_rejected_because_its_day_depends_on_the_time_zone():
    with pytest.raises(TypeError):
        to_solar_hijri(datetime(2025, 3, 21, 1, 0))
