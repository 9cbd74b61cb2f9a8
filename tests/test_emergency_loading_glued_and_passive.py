"""Loading people into buses, Urdu typed without spaces, Dari passives, "pay or we arrest", the holding centre in
Arabic script (bench/README.md, "Round 8 (test_v7 folded into dev)"): kinds of emergency the round-7 detector missed
on the blind split v7, in every language and both scripts, and two kinds of calm message it asked about (a card
handed in for renewal; a volunteer is not "voluntary return"). The examples are written for these tests; none comes
from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.cli.bot_commands import load_checked
from bot.config import Settings
from bot.understanding.lexicon import Lexicon
from bot.understanding.normalise import tokenise
from bot.understanding.router import pack_phrase
from bot.understanding.urgency import Judgement
from bot.understanding.urgency import judge as judge_text
from tests.cue_kinds import kinds

_LEXICON: list[Lexicon] = []


def judge(text: str) -> Judgement:
    """The verdict as the chat reaches it: with the pack emergency phrase the router finds."""
    if not _LEXICON:
        _LEXICON.append(Lexicon.for_pack(load_checked(Settings())))
    return judge_text(text, pack_phrase(text, _LEXICON[0]))


LOADING = [
    ("ur-latin", "police wale mohalle ke mardon ko trucks me bhar rahe hain"),
    ("ur", "پولیس والے ہمارے لڑکوں کو گاڑیوں میں بھر رہے ہیں"),
    ("ps-latin", "police zmong kali saray motar ta khejawi"),
    ("ps", "پولیس زموږ سړي بس ته خیژوي"),
    ("prs-latin", "police hama ra sawar kadan ba motar"),
    ("prs", "پولیس مردای کوچه ره به موتر سوار کردن"),
]


@pytest.mark.parametrize(("lang", "text"), LOADING)
def test_people_loaded_into_buses_or_trucks_is_an_arrest_cue(lang: str, text: str) -> None:
    assert "arrest" in kinds(text), (lang, text, kinds(text))


def test_urdu_typed_without_a_space_after_bari_ye_is_split_into_words() -> None:
    assert tokenise("میرےبھائیکولےگئے")[:1] == ("میری",)
    assert tokenise("ابوکوتھانےلےگئےہیں") == tuple(tokenise("ابوکوتھانے لے گئے ہیں"))
    # Pashto and Dari do not write ے; their words are untouched
    assert tokenise("زما ورور یې بوتلو") == ("زما", "ورور", "یی", "بوتلو")


@pytest.mark.parametrize(
    "text", ["میرےبھائیکوپولیسلےگئیہے مددکریں", "ابوکوکلراتپولیسوالےاٹھاکرلےگئے", "میرےشوہرکوتھانےلےگئےہیں"]
)
def test_urdu_typed_without_spaces_reaches_the_card(text: str) -> None:
    assert judge(text).verdict != "not", (text, judge(text).probability)


PAY_OR_ARREST = [
    ("ps", "پولیس وايي شل زره ورکړه که نه ونیسو دې"),
    ("ps-latin", "police wai shal zara warkra ka na ba de nisu"),
    ("ur", "پولیس والے کہتے ہیں دس ہزار دے دو ورنہ اندر کر دیں گے"),
    ("ur-latin", "police wale keh rahe hain 10 hazar de do varna thane le jayenge"),
    ("prs-latin", "police mega 5 hazar bedi otherwise mebarem thana"),
    ("en", "cop says give 5000 rupees otherwise he takes me to the station"),
]


@pytest.mark.parametrize(("lang", "text"), PAY_OR_ARREST)
def test_pay_or_we_arrest_you_is_extortion(lang: str, text: str) -> None:
    assert "extortion" in kinds(text), (lang, text, kinds(text))


PASSIVE = [
    ("prs-latin", "bradaram sobh borda shod, namefamem kuja"),
    ("prs", "برادرم امروز صبح برده شد، نمیفامیم کجاست"),
    ("prs-latin", "shohar e ma dishab gerefta shod"),
]


@pytest.mark.parametrize(("lang", "text"), PASSIVE)
def test_a_dari_passive_taken_is_a_take_or_arrest_cue(lang: str, text: str) -> None:
    assert kinds(text) & {"take", "arrest"}, (lang, text, kinds(text))


@pytest.mark.parametrize(
    "text", ["پلار مې په هولډنګ سنټر کې دی", "میرے والد ہولڈنگ سنٹر میں ہیں", "پدرم در هولدینگ سنتر است"]
)
def test_the_holding_centre_in_arabic_script_is_a_held_place(text: str) -> None:
    assert "held_place" in kinds(text), (text, kinds(text))


def test_a_volunteer_is_not_voluntary_return_but_voluntary_return_still_is_benign() -> None:
    assert "benign" not in kinds("volunteer here, police loading families into buses")
    assert "benign" in kinds("we want voluntary return to Afghanistan")


@pytest.mark.parametrize(
    "text",
    [
        "they took my card for renewal at nadra, when will i get it back",
        "nadra card e mara bara tamdid gereft, kay pas meta?",
        "نادرا زما کارډ د تمدید لپاره واخیست، کله به یې بیرته راکړي؟",
        "نادرا والوں نے کارڈ رینیول کے لیے رکھ لیا، renewal kab tak hogi?",
    ],
)
def test_a_card_handed_in_for_renewal_is_benign(text: str) -> None:
    assert "benign" in kinds(text), (text, kinds(text))
