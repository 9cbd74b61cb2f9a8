"""Round 12 (bench/README.md, "Round 12"): two readings the cues got wrong in v11's misses.

- Pashto and Dari "khabar" with do / give / become is "let know, tell, talk", not news: it must not make a message
  hearsay about others, and with the police it is a threat to report someone.
- A long message that opens with "we are all fine, thank God" and says after a "but" what was done: the calm before
  the "but" does not count against it.

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.understanding.urgency import judge
from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        "ورور ته مې خبر کړه چې زه دلته یم",  # tell my brother I am here
        "khabar raka kala chi raze",  # let me know when you come
        "moor ta me khabar warkra",  # inform my mother
        "هغوی سره په پښتو خبرې کوي",  # they talk with them in Pashto
        "mama ra khabar kon ke ma inja astim",  # Dari: tell uncle we are here
    ],
)
def test_khabar_that_means_let_know_or_talk_is_not_news(text: str) -> None:
    found = kinds(text)
    assert "inform" in found, text
    assert "elsewhere" not in found and "others_news" not in found, text


@pytest.mark.parametrize(
    "text",
    [
        "خبرونو کې وايي چې په کراچۍ کې چاپې دي",  # the news says there are raids in Karachi
        "ye khabar sahi hai kya ke Quetta me afghano ko pakar rahe hain",
        "khabar ma ke wayi che Karachi ke chape di",
    ],
)
def test_khabar_that_means_news_is_still_hearsay(text: str) -> None:
    assert "elsewhere" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "پولیسو ته به دې خبر کړم که پیسې رانکړې",  # pay, or I tell the police about you
        "pinza zara rakra kana police ta de khabar kawam",  # give five thousand or I inform the police
    ],
)
def test_telling_the_police_unless_paid_is_extortion_and_opens_the_card(text: str) -> None:
    assert "extortion" in kinds(text), text
    assert judge(text).verdict == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "الحمدلله همه خوب استیم، ولی امروز صبح پولیس شوهرم ره برد",
        "alhamdulillah sab theek hain lekin abhi police bhai ko utha kar le gayi",
        "we are all fine thank god but this morning police took my husband",
        "سلام، موږ ټول ښه یو شکر، خو نن ماسپښین پولیسو زما زوی ونیو",
    ],
)
def test_calm_before_a_but_that_is_followed_by_someone_taken_does_not_count(text: str) -> None:
    found = kinds(text)
    assert "contrast" in found and not found & {"relief", "resolved"}, text
    assert judge(text).verdict in ("emergency", "unsure"), text


@pytest.mark.parametrize(
    "text",
    [
        "دیروز برادرم ره بردن ولی حالا خانه است شکر",  # taken yesterday, but home now, thank God
        "kal raat police bhai ko le gayi thi lekin subah chhor diya, ab ghar par hai",
        "they took my cousin on friday but he was released the same night, all fine",
    ],
)
def test_a_but_followed_by_the_release_keeps_the_release(text: str) -> None:
    found = kinds(text)
    assert found & {"relief", "resolved"}, text
    assert judge(text).verdict != "emergency", text


def test_a_but_does_not_cancel_news_about_others() -> None:
    """Only the writer's own calm is cancelled; a raid elsewhere stays elsewhere."""
    assert "elsewhere" in kinds("I heard about raids in Quetta but police came to our street too and took nobody")


def test_a_but_alone_is_not_a_cue_for_the_rules_about_messages_without_one() -> None:
    """ "pasport ma khalas shodagi" (my passport ran out) has no cue; "but" must not make it one (round 11's
    NO_CUE_ASK_AT rule), and "khalas" is not the Dari "anyway" (خلاصه)."""
    assert kinds("pasport ma khalas shodagi") == set()
    assert judge("my passport expired but what do I do").verdict == "not"


@pytest.mark.parametrize(
    "text",
    [
        "police vans stood at the bus stand all afternoon, nobody bothered us",
        "shopkeepers said police came round the bazaar, he showed his card and they moved on",
        "دیروز در بازار چیکینگ بود، کسی چیزی نگفت، آمدیم خانه",
        "پرون په بله کوڅه کې چاپه وه، موږ ته رانغلل",
        "mohalle me police ghoom rahi thi magar hamare ghar koi nahi aya",
    ],
)
def test_nobody_came_to_us_or_said_anything_is_relief(text: str) -> None:
    assert "relief" in kinds(text), text


def test_a_habit_that_is_over_is_read_as_over() -> None:
    from bot.understanding.emergency_form import form
    from bot.understanding.normalise import tokenise

    for text in ("the police used to take 500 every week from the tea stall", "پولیس والے ہر ہفتے پیسے لیتے تھے"):
        assert "past_over" in form(text, tokenise(text), set()), text
