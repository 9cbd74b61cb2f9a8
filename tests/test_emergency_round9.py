"""Round 9 (bench/README.md, "Round 9 (test_v8 folded into dev; a training set train_v9)"): calm stories told in the
past, released or out on bail, thanks once it is over, questions about what a place is, worries about what may
happen; and an extortion in romanised Pashto with a number, a misspelt "police" and "I will tear your card".

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.understanding.emergency import assess
from bot.understanding.emergency_form import form
from bot.understanding.normalise import tokenise
from bot.understanding.urgency import settled
from tests.cue_kinds import kinds


def markers(text: str) -> frozenset[str]:
    return form(text, tokenise(text), {cue.kind for cue in assess(text).cues})


# A past that is over, by its form: Dari participle/place + "was", Pashto participle + "was", English "had" +
# participle (Urdu تھا is left to the listed pluperfects: its simple past tells emergencies too).
PAST_OVER = [
    ("prs", "پسر همسایه ما را یک هفته در حوالات نگه کرده بودن"),
    ("prs", "پدرم سه روز در تهانه بود"),
    ("prs-latin", "bradar e ma ra police borda bodan, pas awardan"),
    ("prs-latin", "ma ra ham yak dafa gerefta budan"),
    ("ps", "زما ورور پخوا په تانه کې ساتل شوی و"),
    ("ps-latin", "zama vror pakhwa thana ke satal shawi wa"),
    ("en", "the police had raided our street before we moved"),
    ("en", "they had come for my cousin once"),
]
NOT_PAST = [
    "پولیس همین حالا برادرم ره برد",
    "bradaram ra police hozor bord",
    "زما ورور پولیسو اوس ونیو",
    "police abhi mere bhai ko le gayi hai",
    "the police took my brother an hour ago",
]


@pytest.mark.parametrize("lang,text", PAST_OVER)
def test_a_pluperfect_or_was_at_marks_the_message_as_over(lang: str, text: str) -> None:
    assert "past_over" in markers(text), (lang, text)


@pytest.mark.parametrize("text", NOT_PAST)
def test_a_report_of_now_is_not_marked_over(text: str) -> None:
    assert "past_over" not in markers(text), text


THANKS = [
    ("prs", "تشکر زیاد، مشکل ما حل شد"),
    ("prs-latin", "tashakor az rahnamayi shoma"),
    ("ps", "ډېره مننه، کاکا مې کور ته راغی"),
    ("ps-latin", "dera manana staso marasta"),
    ("ur", "بہت شکریہ آپ کی مدد کا"),
    ("ur-latin", "shukriya bhai, sab sahi ho gaya"),
    ("en", "thank u so much, my dad is back"),
]


@pytest.mark.parametrize("lang,text", THANKS)
def test_thanks_is_a_form_marker_in_every_language(lang: str, text: str) -> None:
    assert "thanks" in markers(text), (lang, text)


DEFINITIONS = [
    ("prs", "حوالات چیست؟"),
    ("prs", "کمپ هولدینگ یعنی چه"),
    ("prs-latin", "haji camp chist"),
    ("ps", "ریمانډ څه شی دی؟"),
    ("ps-latin", "thana sa shay de"),
    ("ur", "حوالات کیا ہوتا ہے"),
    ("ur-latin", "haji camp kya hota hai"),
    ("en", "what is a holding centre"),
]


@pytest.mark.parametrize("lang,text", DEFINITIONS)
def test_asking_what_a_place_is_is_not_asked_whether_it_is_happening(lang: str, text: str) -> None:
    found = markers(text)
    assert "definition" in found, (lang, text)
    assert settled("unsure", assess(text), len(tokenise(text)), 0.3, found) == "not", (lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "what is happening, police took my brother to haji camp",
        "حوالات چیست؟ برادرم ره دیشب اونجا بردن",
        "thana kya hota hai, mere abbu ko abhi le gaye",
    ],
)
def test_a_definition_with_someone_taken_or_a_time_is_still_asked(text: str) -> None:
    found = markers(text)
    assert settled("unsure", assess(text), len(tokenise(text)), 0.3, found) == "unsure", text


@pytest.mark.parametrize(
    "text",
    ["پولیس بې له اجازې کور ته ننوتلای شي", "police kor ta nanawatalay shi", "ایا پولیس ما ونیولای شي"],
)
def test_the_pashto_potential_is_a_modal(text: str) -> None:
    assert "modal" in markers(text), text


@pytest.mark.parametrize(
    "lang,text",
    [
        ("prs", "میترسم که پولیس شوهرم ره بگیره"),
        ("ps", "ویره لرم چې ورور به مې ونیسي"),
        ("ur", "ڈر ہے کہ پولیس بیٹے کو پکڑ لے گی"),
        ("ur-latin", "dar hai ke police bete ko pakad legi"),
        ("en", "im afraid that they will arrest my husband"),
    ],
)
def test_a_fear_that_it_will_happen_is_marked_and_counts_against(lang: str, text: str) -> None:
    assert "feared" in markers(text), (lang, text)
    assert "hypothetical" in kinds(text), (lang, text)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("prs", "برادرم با ضمانت کارت ضمانت شد و حالا خانه آمد"),
        ("prs", "پسرم ایله کدن دیروز"),
        ("prs", "کاکایم از حوالات ره شد"),
        ("prs-latin", "padaram zamanat shod az thana"),
        ("ps", "ورور مې ضمانت شو"),
        ("ps", "زموږ ګاونډیان ټول کورونو ته راوګرځېدل"),
        ("ur", "بھائی کی ضمانت ہو گئی"),
        ("ur", "ابو کی ضمانت ہو گئی، اب گھر پر ہیں"),
        ("ur-latin", "chacha thane se riha ho gaye"),
        ("en", "my husband is out on bail"),
        ("en", "my brother got bail this morning, he is out now"),
    ],
)
def test_released_or_out_on_bail_is_resolved_in_every_language(lang: str, text: str) -> None:
    assert "resolved" in kinds(text), (lang, text)


@pytest.mark.parametrize(
    "text", ["ہمارے علاقے میں سکون ہے", "haalat khair ast", "khairiyat hai, sab log ghar pe hain", "we are safe now"]
)
def test_it_is_calm_here_is_relief(text: str) -> None:
    assert "relief" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "police tazkira check kral aw lare shwal",
        "پولیسو کارت چیک کړ او ولاړل",
        "police ne shanakhti check karke wapas kar di",
    ],
)
def test_a_card_checked_is_benign(text: str) -> None:
    assert "benign" in kinds(text), text


@pytest.mark.parametrize(
    "lang,text",
    [
        ("ps-latin", "polic wai 10 zara rawra ka na thana ta de botlam"),
        ("ps", "پولیس وایي ۵ زره راوړه که نه کارت دې څیروم"),
        ("ps-latin", "sipahi wai 20 zara rawrai"),
    ],
)
def test_a_number_of_thousands_and_bring_it_is_extortion(lang: str, text: str) -> None:
    assert "extortion" in kinds(text), (lang, text)


@pytest.mark.parametrize("text", ["card de tsirawom", "kart me shirawi", "کارت مې څیروي"])
def test_the_pashto_verb_to_tear_is_a_tear(text: str) -> None:
    assert "tear" in kinds(text), text


def test_polic_without_its_last_letter_is_the_police() -> None:
    assert "actor" in kinds("polic wala zama kor ta raghlal")


def test_a_message_typed_without_spaces_is_asked_when_the_model_sees_it() -> None:
    text = "merebetekopoliceuthakarlegayiabhi"
    assert not kinds(text) and len(tokenise(text)) < 3
    assert settled("unsure", assess(text), len(tokenise(text)), 0.4, markers(text)) == "unsure"
    assert settled("unsure", assess("hello"), 1, 0.09, markers("hello")) == "not"


@pytest.mark.parametrize(
    "text",
    ["آج کل بارڈر پر لوگوں کو روکتے ہیں؟", "aaj kal thane me kitne din rakhte hain", "این روزها در تورخم چی گپ اس"],
)
def test_nowadays_is_a_habit_not_today_and_yesterday(text: str) -> None:
    found = kinds(text)
    assert "general" in found and "recent" not in found, (text, found)
    assert "habitual" in markers(text), text


@pytest.mark.parametrize(
    "text", ["طورخم کھلا ہے یا بند ہے؟", "chaman wala rasta khula hai ya band", "سرحد باز است یا بسته"]
)
def test_open_or_closed_is_a_question_not_locked_up(text: str) -> None:
    assert "hypothetical" in kinds(text), text


@pytest.mark.parametrize(
    "lang,text",
    [
        ("prs", "محکمه ضمانت نداد، بچیم هنوز در زندان اس"),
        ("prs-latin", "qazi zamanat nadad, shoharam hanoz band as"),
        ("ps", "ضمانت یې رد کړ، ورور مې لا هم په جېل کې دی"),
        ("ur", "بیٹے کی ضمانت مسترد ہو گئی"),
        ("ur-latin", "abbu ki zamanat reject ho gayi aaj"),
        ("en", "the judge refused bail for my brother this morning"),
    ],
)
def test_bail_refused_is_a_held_place_not_released(lang: str, text: str) -> None:
    found = kinds(text)
    assert "held_place" in found and "resolved" not in found, (lang, found)


@pytest.mark.parametrize(
    "text", ["بیٹا شام سے گھر نہیں آیا، فون بند ہے", "shohar subah gaye the, phone nahi lag raha", "پسرم دیشب نیامد"]
)
def test_not_come_back_or_the_phone_off_is_ongoing(text: str) -> None:
    assert "ongoing" in kinds(text), text


def test_my_phone_is_off_is_not_locked_up() -> None:
    found = kinds("mera phone band hai aaj")
    assert "arrest" not in found and "ongoing" in found, found


@pytest.mark.parametrize(
    "text", ["پانچ ہزار دو نہیں تو شکایت کر دوں گا کہ تم افغانی ہو", "das hazar do nahi to shikayat kar dunga"]
)
def test_pay_or_i_complain_that_you_are_afghan_is_extortion(text: str) -> None:
    assert "extortion" in kinds(text), text
