"""Counter-cues of the emergency reading (bot.understanding.emergency_cues): it is over, calm now, a week
back, "just a question".

The examples are written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.understanding.urgency import judge
from tests.cue_kinds import kinds

OVER = [  # came back, is home, they left, nothing was said: the arrest or the visit is over
    ("prs", "برادرم دیروز از تهانه پس آمد، کارتش ره هم دادن"),
    ("prs-latin", "bradaram diroz az thana pas amad, kartesh ra ham dadan"),
    ("prs-latin", "police dishab amadan wale raftan"),
    ("ps", "ورور مې پرون له تهانې بیرته راغی"),
    ("ps-latin", "wror me parun la thana na khoshi shawe"),
    ("ur", "بھائی کل تھانے سے گھر آ گیا"),
    ("ur-latin", "police aayi thi kuch nahi kaha"),
    ("en", "my cousin was held at the station for a day, he is home now"),
    ("en", "my uncle got out of haji camp yesterday"),
]
RELIEF = [
    ("prs", "پولیس دیشب در کوچه ما آمد، الحمدلله ما خوب استیم"),
    ("prs-latin", "police dishab da kocha amad, ala aram as"),
    ("ps", "پولیس پرون کلي ته راغلل، اوس ارام دی"),
    ("ur-latin", "police kal mohalle me aayi thi, hum theek hain"),
    ("en", "police came to our street yesterday, thank god we are fine"),
]
LAST_WEEK = [
    ("prs", "هفته گذشته پولیس کارت ما ره دید"),
    ("ps", "تېره اونۍ پولیس راغلل"),
    ("ps-latin", "teera awana police raghli wo"),
    ("ur", "پچھلے ہفتے پولیس آئی تھی"),
    ("ur-latin", "pichle hafte police aayi thi"),
    ("en", "police came to our house last week"),
]
JUST_ASKING = [  # the writer says it is a question, not something happening
    ("prs", "یک سوال دارم، پولیس میتانه کارت مره بگیره؟"),
    ("prs-latin", "yak sawal darum, police metana kart ma ra begira?"),
    ("ps", "یوازې پوښتنه کوم، پولیس کارډ اخیستلای شي؟"),
    ("ur-latin", "general pooch raha hun, police card le sakti hai?"),
    ("en", "just asking, can police take my card?"),
]
RIGHTS = [
    ("en", "do police need a warrant to come into our house"),
    ("ur-latin", "police rishwat mange to kahan shikayat karun"),
]


@pytest.mark.parametrize("lang,text", OVER)
def test_it_is_over_is_read_as_resolved_in_every_language(lang: str, text: str) -> None:
    assert "resolved" in kinds(text), lang
    assert judge(text).verdict != "emergency", lang


@pytest.mark.parametrize("lang,text", RELIEF)
def test_thank_god_and_calm_now_are_read_as_relief(lang: str, text: str) -> None:
    assert "relief" in kinds(text), lang
    assert judge(text).verdict != "emergency", lang


@pytest.mark.parametrize("lang,text", LAST_WEEK)
def test_last_week_is_read_in_every_language(lang: str, text: str) -> None:
    assert "last_week" in kinds(text), lang
    assert judge(text).verdict != "emergency", lang


@pytest.mark.parametrize("lang,text", JUST_ASKING)
def test_just_asking_is_a_hypothetical(lang: str, text: str) -> None:
    assert "hypothetical" in kinds(text), lang
    assert judge(text).verdict != "emergency", lang


@pytest.mark.parametrize("lang,text", RIGHTS)
def test_a_warrant_or_a_complaint_is_a_rights_question(lang: str, text: str) -> None:
    assert "rights" in kinds(text), lang


def test_last_week_is_not_long_ago_a_person_still_held_reaches_the_card() -> None:
    # a week back is weaker than "a year ago": someone taken then and still held is an emergency
    for text in (
        "they took my brother last week and he is still at the thana, no news",
        "pichle hafte police bhai ko le gayi, abhi tak thane me hai",
        "تېره اونۍ یې ورور بوتلو، تر اوسه په تهانه کې دی",
    ):
        assert "long_ago" not in kinds(text), text
        assert judge(text).verdict != "not", text


def test_a_visa_that_ran_out_is_not_a_release() -> None:
    # "khalas shod" is also "ran out": it must not cancel an arrest
    assert "resolved" not in kinds("mamayem ra police greft, visa esh khalas shoda bod")


@pytest.mark.parametrize("text", ["salam bradar", "khob bradar", "سلام برادر"])
def test_brother_is_not_the_border(text: str) -> None:
    # "bradar" and "border" share the skeleton "brdr"; border is now compared as written
    assert "held_place" not in kinds(text)
    assert judge(text).verdict == "not"


def test_the_border_still_counts_as_a_place() -> None:
    assert "held_place" in kinds("they are holding us at the border")


@pytest.mark.parametrize(
    "text", ["بچیم از دیروز گم شده", "بھائی کل سے لاپتہ ہے", "bhai kal se lapata hai", "زوی مې لاپته دی"]
)
def test_a_person_missing_is_ongoing_like_english_missing(text: str) -> None:
    assert "ongoing" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "heard police took afghans in karachi",
        "شنیدم پولیس افغانها ره در کراچی گرفته",
        "suna hai karachi me afghanon ko pakra",
        "اوریدلی مې دي چې پولیسو په کراچۍ کې افغانان نیولي",
    ],
)
def test_news_about_a_group_is_about_others(text: str) -> None:
    assert "others_news" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "job offer driving a truck to torkham, is my visa enough",
        "مه دریور استم، بار به تورخم میبرم",
        "truck driver ki job mil rahi hai chaman route pe",
        "im a journalist researching holding centres",
    ],
)
def test_a_job_or_research_is_benign(text: str) -> None:
    assert "benign" in kinds(text)


@pytest.mark.parametrize("text", ["police checked the building, nothing since", "police aayi thi, kuch nahi hua"])
def test_nothing_since_is_over(text: str) -> None:
    assert "resolved" in kinds(text)
