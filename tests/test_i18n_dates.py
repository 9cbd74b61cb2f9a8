import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain import Language
from bot.i18n.bidi import FSI, PDI, strip_bidi_controls
from bot.i18n.dates import PAKISTAN_TZ, days_until, format_date, today_in_pakistan

# --- today and countdowns in Pakistan time ------------------------------------


def test_pakistan_time_zone_is_karachi():
    assert PAKISTAN_TZ.key == "Asia/Karachi"


def test_evening_utc_is_already_the_next_day_in_karachi():
    now = datetime(2025, 3, 30, 20, 30, tzinfo=UTC)  # 01:30 on 31 March in Karachi
    assert today_in_pakistan(now) == date(2025, 3, 31)
    assert days_until(date(2025, 3, 31), now) == 0


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2025, 3, 30, 18, 59, 59, tzinfo=UTC), 1),  # 23:59:59 PKT on 30 March
        (datetime(2025, 3, 30, 19, 0, 0, tzinfo=UTC), 0),  # midnight PKT: deadline day
    ],
)
def test_countdown_turns_over_at_midnight_in_karachi_not_utc(now, expected):
    assert days_until(date(2025, 3, 31), now) == expected


def test_days_until_counts_forward_and_goes_negative_after_the_deadline():
    now = datetime(2025, 8, 5, 9, 0, tzinfo=PAKISTAN_TZ)
    assert days_until(date(2025, 9, 1), now) == 27
    assert days_until(date(2025, 8, 1), now) == -4


def test_any_aware_time_zone_is_converted_to_karachi():
    now = datetime(2025, 3, 30, 16, 0, tzinfo=ZoneInfo("America/New_York"))  # 20:00Z = 01:00 PKT 31 March
    assert today_in_pakistan(now) == date(2025, 3, 31)


def test_naive_now_is_rejected():
    with pytest.raises(ValueError):
        today_in_pakistan(datetime(2025, 3, 30, 20, 30))
    with pytest.raises(ValueError):
        days_until(date(2025, 3, 31), datetime(2025, 3, 30, 20, 30))


# --- formatting -----------------------------------------------------------------


def test_english_date_is_day_month_year():
    assert format_date(date(2025, 3, 31), Language.ENGLISH) == "31 March 2025"


def test_dari_date_shows_gregorian_and_solar_hijri_with_afghan_month_names():
    assert format_date(date(2025, 3, 31), Language.DARI) == f"{FSI}۳۱ مارچ ۲۰۲۵ (۱۱ حمل ۱۴۰۴){PDI}"


def test_pashto_date_shows_gregorian_and_solar_hijri_with_pashto_month_names():
    assert format_date(date(2025, 3, 31), Language.PASHTO) == f"{FSI}۳۱ مارچ ۲۰۲۵ (۱۱ وری ۱۴۰۴){PDI}"


def test_dari_date_of_the_august_2025_decision_reads_14_asad():
    assert format_date(date(2025, 8, 5), "prs") == f"{FSI}۵ اگست ۲۰۲۵ (۱۴ اسد ۱۴۰۴){PDI}"


@pytest.mark.parametrize("lang", [Language.DARI, Language.PASHTO])
def test_dari_and_pashto_dates_have_no_ascii_digits(lang):
    for month in range(1, 13):
        assert not re.search(r"[0-9]", format_date(date(2025, month, 28), lang))


AFGHAN_DARI_GREGORIAN_MONTHS = [
    "جنوری", "فبروری", "مارچ", "اپریل", "می", "جون",
    "جولای", "اگست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر",
]  # fmt: skip


@pytest.mark.parametrize(("month", "name"), list(enumerate(AFGHAN_DARI_GREGORIAN_MONTHS, start=1)))
def test_dari_uses_afghan_gregorian_month_names_not_iranian(month, name):
    text = strip_bidi_controls(format_date(date(2025, month, 10), Language.DARI))
    assert text.startswith(f"۱۰ {name} ۲۰۲۵ (")


def test_pashto_uses_pashto_gregorian_month_names():
    text = strip_bidi_controls(format_date(date(2025, 6, 30), Language.PASHTO))
    assert text == "۳۰ جون ۲۰۲۵ (۹ چنګاښ ۱۴۰۴)"
    assert strip_bidi_controls(format_date(date(2025, 5, 10), Language.PASHTO)).startswith("۱۰ مۍ ۲۰۲۵")


SOLAR_PART_OF_FIFTH_OF_EACH_MONTH = [
    (date(2025, 4, 5), "(۱۶ حمل ۱۴۰۴)", "(۱۶ وری ۱۴۰۴)"),
    (date(2025, 5, 5), "(۱۵ ثور ۱۴۰۴)", "(۱۵ غویی ۱۴۰۴)"),
    (date(2025, 6, 5), "(۱۵ جوزا ۱۴۰۴)", "(۱۵ غبرګولی ۱۴۰۴)"),
    (date(2025, 7, 5), "(۱۴ سرطان ۱۴۰۴)", "(۱۴ چنګاښ ۱۴۰۴)"),
    (date(2025, 8, 5), "(۱۴ اسد ۱۴۰۴)", "(۱۴ زمری ۱۴۰۴)"),
    (date(2025, 9, 5), "(۱۴ سنبله ۱۴۰۴)", "(۱۴ وږی ۱۴۰۴)"),
    (date(2025, 10, 5), "(۱۳ میزان ۱۴۰۴)", "(۱۳ تله ۱۴۰۴)"),
    (date(2025, 11, 5), "(۱۴ عقرب ۱۴۰۴)", "(۱۴ لړم ۱۴۰۴)"),
    (date(2025, 12, 5), "(۱۴ قوس ۱۴۰۴)", "(۱۴ لیندۍ ۱۴۰۴)"),
    (date(2026, 1, 5), "(۱۵ جدی ۱۴۰۴)", "(۱۵ مرغومی ۱۴۰۴)"),
    (date(2026, 2, 5), "(۱۶ دلو ۱۴۰۴)", "(۱۶ سلواغه ۱۴۰۴)"),
    (date(2026, 3, 5), "(۱۴ حوت ۱۴۰۴)", "(۱۴ کب ۱۴۰۴)"),
]


@pytest.mark.parametrize(("gregorian", "dari", "pashto"), SOLAR_PART_OF_FIFTH_OF_EACH_MONTH)
def test_every_solar_month_name_appears_in_formatted_dates(gregorian, dari, pashto):
    assert format_date(gregorian, Language.DARI).endswith(f" {dari}{PDI}")
    assert format_date(gregorian, Language.PASHTO).endswith(f" {pashto}{PDI}")


def test_solar_year_changes_at_nowruz_in_formatted_dates():
    assert format_date(date(2025, 3, 20), Language.DARI) == f"{FSI}۲۰ مارچ ۲۰۲۵ (۳۰ حوت ۱۴۰۳){PDI}"
    assert format_date(date(2025, 3, 21), Language.DARI) == f"{FSI}۲۱ مارچ ۲۰۲۵ (۱ حمل ۱۴۰۴){PDI}"


def test_formatting_a_datetime_is_rejected():
    with pytest.raises(TypeError):
        format_date(datetime(2025, 3, 31, 12, tzinfo=UTC), Language.DARI)
