"""Round 10 (bench/README.md, "Round 10 (test_v9 folded into dev; a training set train_v10)"): calm messages told by
new writers (someone brought back or let go, "we are fine here", a raid long ago or last week in other words) and
quiet emergencies (a phone switched off, no contact, held since yesterday, asking how to get someone out, a soldier who
took a card, "I will tell the police" as a threat in spoken Dari).

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from tests.cue_kinds import kinds

# Brought back, got free, let go, on bail, cleared: `resolved`, in every language and script.
RESOLVED = [
    ("prs", "پسر کاکایم ره دیشب پس آوردن"),
    ("prs-latin", "bradar e khanumam ra pas awordan az thana"),
    ("ps", "زما ورور له تانې راخلاص شو"),
    ("ps-latin", "mama me rakhlas sho parun"),
    ("ps", "پولیسو زما زوی ایله یې کړ"),
    ("ur-latin", "chacha ko bail mil gayi kal"),
    ("ur-latin", "sab clear ho gaya thane mein"),
    ("en", "my uncle was cleared and went home"),
]


@pytest.mark.parametrize(("lang", "text"), RESOLVED)
def test_brought_back_let_go_on_bail_or_cleared_is_resolved(lang: str, text: str) -> None:
    assert "resolved" in kinds(text), (lang, text)


# We are / I am fine, nothing here: `relief`.
RELIEF = [
    ("ps", "پولیس په بل کلي کې وو، موږ ښه یو"),
    ("ps-latin", "police pa bazar ki wu, mung pakhair yu"),
    ("ps-latin", "za kha yam, yara"),
    ("ps", "کوټه کې ګډوډي ده خو دلته څه نشته"),
    ("prs", "در شهر تلاشی بود، حالا اینجا خوب اس"),
    ("prs-latin", "kocha e ma khob as, police raft"),
    ("en", "they were in the next town, nothing here"),
]


@pytest.mark.parametrize(("lang", "text"), RELIEF)
def test_we_are_fine_or_nothing_here_is_relief(lang: str, text: str) -> None:
    assert "relief" in kinds(text), (lang, text)


# Long ago, last winter, last Eid: `long_ago`; last week in Pashto written "hafta", last + a weekday: `last_week`.
LONG_AGO = [
    ("ur-latin", "bohat pehle mere mamu ko pakra tha"),
    ("ur", "بہت پہلے ہمارے محلے میں چھاپہ پڑا تھا"),
    ("prs", "زمستان گذشته پولیس خانه ما ره تلاشی کد"),
    ("ps", "تیر ژمی پولیسو زموږ کور ته راغلل"),
    ("en", "long ago the police took my dad to the thana"),
    ("en", "last eid a constable took money from my brother"),
]


@pytest.mark.parametrize(("lang", "text"), LONG_AGO)
def test_long_ago_in_other_words_is_long_ago(lang: str, text: str) -> None:
    assert "long_ago" in kinds(text), (lang, text)


LAST_WEEK = [
    ("ps-latin", "tera hafta police zmung kali ta raghali wu"),
    ("ps-latin", "yawa hafta wrande police kocha ki wu"),
    ("en", "police came round our lane last friday"),
]


@pytest.mark.parametrize(("lang", "text"), LAST_WEEK)
def test_last_week_in_other_words_is_last_week(lang: str, text: str) -> None:
    assert "last_week" in kinds(text), (lang, text)


# Quiet emergencies: no contact, a phone switched off, held since yesterday, how to get someone out: `ongoing`.
ONGOING = [
    ("ur-latin", "bhai subah kaam pe gaya, ab mobile switch off hai aur koi rabta nahi"),
    ("ur", "میرا بیٹا کل سے تھانے میں ہے"),
    ("ur", "چچا کو پولیس لے گئی، انہیں نکالنے کے لیے کیا کریں"),
    ("ur-latin", "mamu kal raat se chowki pe hain"),
    ("prs", "شوهرم از صبح رفته، تماس نمیگیره"),
    ("ps", "ورور مې بازار ته تللی، اړیکه نشته"),
    ("ps-latin", "plar me parun raise thana ki de"),
    ("en", "my husband's phone is switched off after the checkpoint"),
    ("en", "police have my son, how do we get him out"),
]


@pytest.mark.parametrize(("lang", "text"), ONGOING)
def test_no_contact_since_yesterday_or_getting_someone_out_is_ongoing(lang: str, text: str) -> None:
    assert "ongoing" in kinds(text), (lang, text)


# A soldier or a constable is an actor.
@pytest.mark.parametrize(
    "text",
    [
        "سپاهی کارت برادرمه گرفت",
        "sipahi kart e ma ra gereft",
        "a constable stopped my brother",
        "سرباز ما ره ایستاد کد",
    ],
)
def test_a_soldier_or_constable_is_an_actor(text: str) -> None:
    assert "actor" in kinds(text), text


# "He tells / will tell the police" in spoken Dari, with money: extortion.
@pytest.mark.parametrize(
    "text",
    [
        "صاحب خانه میگه پنج هزار بته ورنه پولیس ره میگم",
        "dukandar paisa mekhaya, ware police ra megom ke card nadari",
    ],
)
def test_a_threat_to_tell_the_police_in_spoken_dari_is_a_report(text: str) -> None:
    assert "report" in kinds(text), text


# Guards: the new cues do not take what they should not.
def test_tomorrow_and_now_are_not_long_ago_and_a_quiet_night_is_not_ongoing() -> None:
    assert "long_ago" not in kinds("police took my brother an hour ago")
    assert "ongoing" not in kinds("we are fine, thank you")
    assert "resolved" not in kinds("پولیس برادرمه برد، هنوز پس نیامده")
