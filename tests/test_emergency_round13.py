"""Round 13 (bench/README.md, "Round 13"): v12's misses, read after it was measured.

- The turn of a long message is also "by the way" (راستی، waise, btw), or a today / now after the family news; what
  was said before it (the calm, and the times of that news: "my sister got engaged last month") does not count
  against what is done after it.
- Urdu "کہ" is "that" ("his wife phoned that the police took him"), never the conditional "if" of Pashto "که".
- Pashto "pay me or I report you" with the English word: money, "give me" (راکړه, raka) and "report kawom".

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.cli.ask import answer
from bot.content import ContentPack
from bot.understanding.urgency import judge
from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        # Dari: all well, my brother passed his exams last month … by the way, this morning police took my cousin
        "سلام همگی خوب استیم شکر، برادرم ماه گذشته امتحان کامیاب شد... راستی امروز صبح پولیس بچه کاکایم ره برد",
        # Urdu: last week we had a wedding, everyone was happy; this morning the police took my husband from the shop
        "پچھلے ہفتے ہمارے گھر شادی تھی سب بہت خوش تھے الحمدللہ، آج صبح پولیس میرے شوہر کو دکان سے لے گئی",
        "all good here thank god, my son got his results last week. btw police picked up my brother an hour ago",
        "sab khairiyat hai, beti ka rishta pakka hua pichle hafte, waise abhi police abbu ko utha kar le gayi",
    ],
)
def test_family_news_before_the_turn_does_not_hide_someone_taken_after_it(text: str) -> None:
    found = kinds(text)
    assert not found & {"relief", "resolved", "long_ago", "last_week"}, (text, found)
    assert judge(text).verdict in ("emergency", "unsure"), text


@pytest.mark.parametrize(
    "text",
    [
        "last week they took my brother to the thana, today he is home, thank god",
        "پچھلے ہفتے پولیس بھائی کو لے گئی تھی، آج ضمانت ہو گئی، اب گھر پر ہے",
        "parun ye zama wror bowro, nan sahar ye prekhod, os kor ke de",
    ],
)
def test_a_today_followed_by_the_release_keeps_what_was_said_before(text: str) -> None:
    """A today after the past is a turn only when something done follows it; "today he is home" is not."""
    assert kinds(text) & {"resolved", "relief", "last_week"}, text
    assert judge(text).verdict != "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "اس کی بیوی نے فون کیا کہ پولیس اس کو کام سے لے گئی",  # his wife phoned that the police took him from work
        "پڑوسی نے بتایا کہ پولیس ابو کو تھانے لے گئی ہے",  # the neighbour told us that the police took dad to the thana
    ],
)
def test_urdu_that_is_not_if(text: str) -> None:
    found = kinds(text)
    assert "conditional" not in found and "take" in found, (text, found)
    assert judge(text).verdict in ("emergency", "unsure"), text


def test_pashto_if_police_is_still_a_condition() -> None:
    """Pashto "که" (with the Persian ه) is "if": what it governs does not count."""
    assert "conditional" in kinds("که پولیس زما ورور ونیسي زه څه وکړم")


@pytest.mark.parametrize(
    "text",
    [
        "agent ma ta wayi pesy raka kana report de kawom",  # the agent says give me money or I report you
        "landlord wai 10 zara raka ka na police ta de report kram",
    ],
)
def test_pay_me_or_i_report_you_in_romanised_pashto_is_extortion(text: str) -> None:
    assert {"money", "demand", "extortion"} <= kinds(text), text


@pytest.mark.parametrize("text", ["ملک بدری کا نوٹس ملا ہے", "امر اخراج ما رسیده", "got a deportation order today"])
def test_a_deportation_order_that_has_come_opens_the_card(text: str, content: ContentPack) -> None:
    """The round-13 model gives the first two 0.04 and 0.10, under PHRASE_AT (it learnt the words from questions about
    whether PoR holders will get orders); a pack phrase naming an order, with the cues' "emergency", opens the card."""
    assert answer(text, content)["emergency"], text


@pytest.mark.parametrize("text", ["will PoR holders get a deportation order?", "what is a deportation notice"])
def test_a_question_about_orders_in_general_does_not_open_the_card(text: str, content: ContentPack) -> None:
    assert not answer(text, content)["emergency"], text


ORDER_WORDS = ("order", "notice", "حکم", "امر", "نوٹس")


def test_the_order_phrases_are_the_packs_order_phrases_in_every_language(content: ContentPack) -> None:
    """`urgency.ORDERS` repeats pack phrases by hand: each must still be one, and no pack phrase naming an order may be
    missing from it (round 13 first left out the Pashto "د ایستلو حکم")."""
    from bot.understanding.urgency import ORDERS

    phrases = {phrase for listed in content.emergency.values() for phrase in listed}
    assert phrases >= ORDERS
    assert {phrase for phrase in phrases if any(word in phrase for word in ORDER_WORDS)} <= ORDERS


def test_a_deportation_order_in_pashto_opens_the_card(content: ContentPack) -> None:
    assert answer("زموږ د ایستلو حکم راغلی", content)["emergency"]  # our deportation order has come
