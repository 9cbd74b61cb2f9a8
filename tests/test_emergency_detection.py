"""Emergency detection (bot.understanding.emergency): combined cues, in every language and script.

The examples are written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.content import ContentPack
from bot.understanding import route
from bot.understanding.emergency import assess

HAPPENING = [
    ("prs", "پولیس همین حالا پسرم ره گرفته میبره"),
    ("prs", "دیشب شوهرم ره بردن به حاجی کمپ"),
    ("prs", "کارت مره پولیس پاره کرد"),
    ("prs-latin", "police alan bacham ra greft"),
    ("prs-latin", "diroz shoharam ra bordan haji camp"),
    ("ps", "زما زوی یې اوس ونیو"),
    ("ps", "پرون شپه یې زما ورور بوتلو کمپ ته"),
    ("ps-latin", "zoy me police os wanewo"),
    ("ps-latin", "bega ye wror me botlo"),
    ("ur", "ابھی پولیس میرے بیٹے کو پکڑ کر لے جا رہی ہے"),
    ("ur", "کل رات میرے شوہر کو تھانے لے گئے"),
    ("ur-latin", "abhi police mere bete ko pakad ke le ja rahi hai"),
    ("ur-latin", "kal raat mere shohar ko thane le gaye"),
    ("en", "police just took my son, please help"),
    ("en", "cops took my husband last night still at the station"),
    ("en", "police asking money says he will lock me up if i dont pay"),
]

NOT_HAPPENING = [
    ("prs", "حقوق مه چیست اگه پولیس بگیره"),
    ("prs", "سه سال پیش مرا به تهانه بردن، آیا سابقه دارم"),
    ("prs-latin", "agar police begira chi konom"),
    ("ps", "که پولیس ونیسي څه وکړم"),
    ("ps-latin", "ka police wanisi tsa wakram"),
    ("ur", "اگر پولیس پکڑے تو کیا کروں"),
    ("ur", "خبروں میں سنا کہ لاہور میں چھاپے پڑے"),
    ("ur-latin", "agar police pakde to kya karun"),
    ("en", "what are my rights if the police arrest me"),
    ("en", "the police came to check cards and left"),
    ("en", "my son went to school"),
]

ONE_QUESTION = [  # an action and one other cue: the chat asks whether it is happening now
    ("prs", "پسرم ره بردن"),
    ("ps", "زوی مې بوتلو"),
    ("ur-latin", "bete ko le gaye"),
    ("en", "they took my son"),
    ("en", "arrested"),
]


@pytest.mark.parametrize("lang,text", HAPPENING)
def test_someone_taken_or_held_now_is_an_emergency(lang: str, text: str) -> None:
    assert assess(text).verdict == "emergency", assess(text)


@pytest.mark.parametrize("lang,text", NOT_HAPPENING)
def test_questions_past_events_and_news_are_not_emergencies(lang: str, text: str) -> None:
    assert assess(text).verdict == "not", assess(text)


@pytest.mark.parametrize("lang,text", ONE_QUESTION)
def test_too_little_to_be_sure_is_unsure_not_a_guess(lang: str, text: str) -> None:
    assert assess(text).verdict == "unsure", assess(text)


def test_the_cues_say_why() -> None:
    found = assess("دیشب شوهرم ره بردن به حاجی کمپ")
    kinds = {cue.kind: cue.words for cue in found.cues}
    assert kinds == {"recent": "دیشب", "victim": "شوهرم", "take": "بردن", "held_place": "حاجی کمپ"}


def test_an_if_governs_what_follows_it_not_what_came_before() -> None:
    assert assess("if police take my brother what do i do").verdict == "not"
    assert assess("police took my brother last night, what if they deport him").verdict == "emergency"


def test_the_router_opens_the_card_only_on_an_emergency_and_says_when_unsure(content: ContentPack) -> None:
    assert route("cops took my husband last night still at the station", content).emergency
    assert route("they took my son", content).emergency
    unsure = route("police here", content)
    assert not unsure.emergency and unsure.urgency == "unsure"
    calm = route("when does my por card expire", content)
    assert calm.urgency == "not" and calm.category == "por"


def test_ask_explain_prints_the_cues_that_fired() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--explain", "police took my brother to the thana"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["emergency"] is True and answer["urgency"] == "emergency"
    assert {"actor", "take", "victim", "held_place"} <= {cue["kind"] for cue in answer["cues"]}
    assert answer["score"] >= 3


# Round 4: the verdict the chat acts on (cues + model, `route(...).urgency`) on hard negatives, which mention
# police, borders, money, deportation, Haji Camp or cards without anything happening now to the writer's
# people, and on emergencies said without the obvious words. Written for these tests, not from the data.
HARD_NEGATIVES = [
    ("en", "what are our rights if police stop us at a checkpoint"),
    ("en", "will they deport PoR holders after june"),
    ("en", "my brother was arrested two years ago and released, can he travel now"),
    ("en", "saw on tv that police took afghans in karachi"),
    ("prs", "برادرم پارسال گرفتار شد، بعد رها شد، حالا سابقه داره؟"),
    ("prs-latin", "shenidom da karachi chapa mezanan, rast as?"),
    # round 11's model asked this one (0.016, marked xfail then); round 13's gave it under 0.01 again; round 17's gave
    # 0.0102, just over the band's floor (0.01), and it was marked xfail again; round 18's gives 0.0048.
    ("ps", "پرون زما ورور خوشې شو، اوس څه وکړو"),
    ("ur", "ٹی وی پر دیکھا کہ پنڈی میں افغانوں کو پکڑا گیا، ہم ٹھیک ہیں"),
    ("ur-latin", "kisi ko pakren to aam tor pe kitne din thane me rakhte hain"),
]

EMERGENCIES_WITHOUT_THE_OBVIOUS_WORDS = [
    ("en", "my dad is in haji camp since this morning, they wont let us see him"),
    ("en", "police tore my card just now and say pay or we take you"),
    ("prs", "برادرم ره همین حالا پولیس گرفت و به تهانه برد"),
    ("prs-latin", "shoharam ra dishab bordan thana, hanoz nayamada"),
    ("ps", "پولیسو زما ورور ونیو او تهانې ته یې بوتلو"),
    ("ps-latin", "police zma wror os wniwo thana ta ye botlo"),
    ("ur", "پولیس نے ابھی میرے بھائی کو پکڑ لیا اور تھانے لے گئے"),
    ("ur-latin", "police ne abhi bhai ko pakad liya thane le gaye"),
]


@pytest.mark.parametrize("lang,text", HARD_NEGATIVES)
def test_hard_negatives_are_not_asked_whether_it_is_happening(content: ContentPack, lang: str, text: str) -> None:
    found = route(text, content)
    assert found.urgency == "not", (found.urgency, found.probability, found.cues)


@pytest.mark.parametrize("lang,text", EMERGENCIES_WITHOUT_THE_OBVIOUS_WORDS)
def test_emergencies_reach_the_card_or_the_question(content: ContentPack, lang: str, text: str) -> None:
    found = route(text, content)
    assert found.urgency in ("emergency", "unsure"), (found.probability, found.cues)


def test_released_and_seen_on_television_are_counter_cues() -> None:
    assert "resolved" in {cue.kind for cue in assess("parun zma wror khushe sho").cues}
    assert "elsewhere" in {cue.kind for cue in assess("tv pe dekha pindi me afghano ko pakra gaya").cues}
    assert "held_place" in {cue.kind for cue in assess("کاکایم در بندیخانه است").cues}
