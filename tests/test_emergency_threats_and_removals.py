"""Threats, removals and remand (bench/README.md, "Round 7 (test_v6 folded into dev)"): emergencies the round-6
detector missed in kind on the blind split v6, in every language and both scripts: a threat to hand someone to the
police over rent or money, Pashto "took away" as people romanise it (یوړو, "yowro", "yaowro"), someone held on
remand, and a report of someone taken that also asks what to do. The examples are written for these tests; none
comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.cli.bot_commands import load_checked
from bot.config import Settings
from bot.understanding.emergency import assess
from bot.understanding.lexicon import Lexicon
from bot.understanding.router import pack_phrase
from bot.understanding.urgency import Judgement
from bot.understanding.urgency import judge as judge_text

_LEXICON: list[Lexicon] = []


def judge(text: str) -> Judgement:
    """The verdict as the chat reaches it: with the pack emergency phrase the router finds."""
    if not _LEXICON:
        _LEXICON.append(Lexicon.for_pack(load_checked(Settings())))
    return judge_text(text, pack_phrase(text, _LEXICON[0]))


THREATS = [
    ("en", "landlord says pay double rent or he will call the police on us"),
    ("prs", "صاحب خانه میگه اگه کرایه ره زیاد نکنی پولیسه خبر میکنم"),
    ("prs-latin", "sahib khana mega aga kiraya ra ziad nakoni police ra khabar mekonom"),
    ("ps", "د کور مالک وایي که کرایه دوه چنده نه کړې پولیسو ته به ووایم"),
    ("ps-latin", "da kor malik wai ka kiraya dwa chanda na kre police ta ba wayam"),
    ("ur", "مکان مالک کہتا ہے کرایہ دگنا دو ورنہ پولیس کو بتا دوں گا"),
    ("ur-latin", "makan malik bolta hai kiraya double do warna police ko bata dunga ke tum afghani ho"),
]


@pytest.mark.parametrize("lang,text", THREATS)
def test_a_threat_to_tell_the_police_over_rent_is_extortion_in_every_language(lang: str, text: str) -> None:
    assert "extortion" in {cue.kind for cue in assess(text).cues}, (lang, text)
    assert judge(text).verdict != "not", (lang, text)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "can i rent a house without a card?"),
        ("prs", "بدون کارت میتانم خانه کرایه کنم؟"),
        ("ps-latin", "be carda kor pa kiraya akhistalay sham?"),
        ("ur-latin", "kya bina card ke kiraye ka ghar mil sakta hai?"),
    ],
)
def test_a_question_about_renting_is_not_a_threat(lang: str, text: str) -> None:
    assert "extortion" not in {cue.kind for cue in assess(text).cues}, (lang, text)
    assert judge(text).verdict != "emergency", (lang, text)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("ps-latin", "wror me yaowro, na pohegam chirta de"),
        ("ps-latin", "zama wror pa remand ke de, sa okro"),
        ("ur-latin", "bhai remand pe hai, kya karein"),
        ("ps", "ورور مې په ریمانډ کې دی، څه وکړو"),
    ],
)
def test_someone_taken_away_or_on_remand_reaches_the_card(lang: str, text: str) -> None:
    assert judge(text).verdict != "not", (lang, text)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "how long do police usually keep someone at the thana?"),
        ("prs", "معمولا پولیس چند روز آدمه در تهانه نگاه میکنه؟"),
        ("prs-latin", "mamulan police chand roz adam ra da thana negah mekona?"),
        ("ur", "عام طور پر پولیس کسی کو کتنے دن تھانے میں رکھتی ہے؟"),
        ("ur-latin", "aam tor pe police kisi ko kitne din thane me rakhti hai?"),
    ],
)
def test_a_question_about_what_usually_happens_is_not_asked_whether_it_is_happening(lang: str, text: str) -> None:
    assert judge(text).verdict == "not", (lang, text, judge(text).probability)


def test_someone_held_now_who_asks_how_long_they_usually_keep_people_still_reaches_the_card() -> None:
    text = "police ne abhi mere bhai ko pakad liya, aam tor pe kitne din thane me rakhte hain?"
    assert judge(text).verdict != "not"
