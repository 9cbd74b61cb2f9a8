"""Messages about something not happening now get the yes/no question at most, not the card at once
(bot.understanding.urgency.settled, the form markers of bot.understanding.emergency_form): an arrest that is over, a
question about what happens in a raid, a check that happens every day. Someone taken now who also asks "what do we
do?" still reaches the card. The examples are written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.cli.bot_commands import load_checked
from bot.config import Settings
from bot.understanding.emergency import assess
from bot.understanding.emergency_form import form
from bot.understanding.lexicon import Lexicon
from bot.understanding.normalise import tokenise
from bot.understanding.router import pack_phrase
from bot.understanding.urgency import Judgement
from bot.understanding.urgency import judge as judge_text

_LEXICON: list[Lexicon] = []


def judge(text: str) -> Judgement:
    """The verdict as the chat reaches it: with the pack emergency phrase the router finds ("raid", "چاپه")."""
    if not _LEXICON:
        _LEXICON.append(Lexicon.for_pack(load_checked(Settings())))
    return judge_text(text, pack_phrase(text, _LEXICON[0]))


def markers(text: str) -> frozenset[str]:
    return form(text, tokenise(text), {cue.kind for cue in assess(text).cues})


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "my brother was taken to the thana yesterday, they let him go in the evening"),
        ("prs", "برادرم ره دیروز پولیس به تهانه برد، شب رها کد"),
        ("prs-latin", "bradaram ra diroz police thana bord, shab raha shod"),
        ("ur", "بھائی کو کل پولیس تھانے لے گئی تھی، رات کو چھوڑ دیا"),
        ("ur-latin", "bhai ko kal police thane le gayi thi, raat ko chhor diya"),
        ("ps-latin", "wror me parun police thana ta botlo, begah khoshi shawe"),
    ],
)
def test_an_arrest_that_is_over_does_not_open_the_card_unasked(lang: str, text: str) -> None:
    assert judge(text).verdict != "emergency", (lang, judge(text))


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "when there is a raid do they take the women too?"),
        ("prs", "وقتی که چاپه میشه، زنها ره هم میبرن؟"),
        ("prs-latin", "waqti ke chapa mesha zanha ra ham mebaran?"),
        ("ur-latin", "chhape me aurton ko bhi le jate hain kya"),
        ("ps", "کله چې چاپه وي، ښځې هم بیايي؟"),
    ],
)
def test_a_question_about_what_happens_in_a_raid_does_not_open_the_card_unasked(lang: str, text: str) -> None:
    assert judge(text).verdict != "emergency", (lang, judge(text))


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "police took my brother last night, what should we do?"),
        ("prs", "دیشب پولیس برادرم ره گرفت و برد تهانه، چی کنیم؟"),
        ("prs-latin", "dishab police bradaram ra greft thana bord, chi konim?"),
        ("ps", "پرون شپه پولیسو ورور مې ونیو، اوس څه وکړو؟"),
        ("ur", "کل رات پولیس میرے بھائی کو پکڑ کر لے گئی، اب کیا کریں؟"),
        ("ur-latin", "kal raat police mere bhai ko pakad kar le gayi, ab kya karein?"),
    ],
)
def test_someone_taken_who_also_asks_what_to_do_still_reaches_the_card(lang: str, text: str) -> None:
    assert judge(text).verdict != "not", (lang, judge(text))


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "the police stop me and check my card every day on the way to work"),
        ("prs", "پولیس هر روز در راه کار کارت مره چک میکنه"),
        ("prs-latin", "police har roz dar rah kar kartma check mekona"),
        ("ur-latin", "police har roz raste me mera card check karti hai"),
        ("ps", "پولیس هره ورځ زما کارت ګوري"),
    ],
)
def test_a_check_that_happens_every_day_does_not_open_the_card_unasked(lang: str, text: str) -> None:
    assert "habitual" in markers(text), text
    assert judge(text).verdict != "emergency", (lang, judge(text))
