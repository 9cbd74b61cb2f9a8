"""The form of a message (bot.understanding.emergency_form): a question, one with no time in it, a habit, something
over, other people. The examples are written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.understanding.emergency import assess
from bot.understanding.emergency_form import form
from bot.understanding.normalise import tokenise


def markers(text: str) -> frozenset[str]:
    return form(text, tokenise(text), {cue.kind for cue in assess(text).cues})


@pytest.mark.parametrize(
    "text",
    [
        "can the police take my card away?",
        "آیا پولیس میتانه کارت مره بگیره",
        "aya police metana kartma bigira",
        "ایا پولیس کولی شي کارت واخلي",
        "کیا پولیس کارڈ لے سکتی ہے",
        "kya police card le sakti hai",
    ],
)
def test_a_question_is_marked_in_every_language(text: str) -> None:
    assert {"question", "opens_question"} <= markers(text), text


@pytest.mark.parametrize(
    "text",
    [
        "police took my brother last night",
        "دیشب پولیس برادرم ره برد",
        "abhi police bhai ko le gayi",
        "پرون پولیسو ورور مې ونیو",
    ],
)
def test_a_report_is_not_a_question(text: str) -> None:
    assert not markers(text) & {"question", "opens_question", "habitual", "past_over"}, text


@pytest.mark.parametrize(
    "text,marker",
    [
        ("do they usually take women too in a raid", "habitual"),
        ("وقتی که چاپه میشه زنها ره هم میبرن", "habitual"),
        ("chhape me aurton ko bhi le jate hain", "habitual"),
        ("کله چې چاپه وي ښځې هم بیايي", "habitual"),
        ("بھائی کو تھانے لے گئے تھے", "past_over"),
        ("bhai ko thane le gaye the", "past_over"),
        ("bradaram ra thana borda budan", "past_over"),
        ("I heard police are picking up Afghans in Karachi", "others_only"),
        ("شنیدم پولیس افغانها ره در کراچی میگیره", "others_only"),
    ],
)
def test_habits_things_over_and_other_people_are_marked(text: str, marker: str) -> None:
    assert marker in markers(text), text


def test_ask_explain_prints_the_form_markers() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--explain", "kya police card le sakti hai?"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert {"question", "opens_question"} <= set(answer["form"])


@pytest.mark.parametrize(
    "text",
    [
        # round 7: question words that are everyday words too make no question in the middle of a report
        "wror me wai che police pa shpa zama tra botlo",  # Pashto che: that
        "mama me wayal chi police kaka ye niwalay dai",  # Pashto chi: that
        "دیروز پولیس چند افغان ره از بازار گرفت، برادرم هم بود",  # Dari چند: several
        "shab police chand nafar ra az kocha e ma bord",  # Dari chand: several
        "FIA wale bhai ko thane le gaye",  # Urdu wale: the ones
        "پولیس نے ابو کو گرفتار کیا",  # Urdu کیا: did
        "police ne chacha ko giraftar kia",  # Urdu kia: did
    ],
)
def test_an_everyday_word_that_can_ask_makes_no_question_in_a_report(text: str) -> None:
    assert "question" not in markers(text), text


@pytest.mark.parametrize(
    "text",
    [
        "chand nafar ra borden?",
        "che waqt police mayan",
        "کیا پولیس گھر آ سکتی ہے",
        "kia police ghar aa sakti hai",
    ],
)
def test_the_same_words_still_ask_when_they_open_the_message_or_with_a_question_mark(text: str) -> None:
    assert "question" in markers(text), text


@pytest.mark.parametrize(
    "text",
    [
        "they took my brother last night, what do we do?",
        "دیشب پولیس برادرمه برد، حالی چی کنیم؟",
        "dishab police bradaram ra bord, hala chi konim?",
        "پرون شپه پولیسو زما ورور بوتلو، اوس څه وکړو؟",
        "parun shpa police zama wror botlo, os sa wkro?",
        "پولیس ابو کو ابھی تھانے لے گئی ہے، ہم کیا کریں؟",
        "police abhi abbu ko thane le gayi hai, hum kya karein?",
    ],
)
def test_a_question_about_someone_taken_now_is_marked_as_one(text: str) -> None:
    assert {"question", "question_event"} <= markers(text), text


@pytest.mark.parametrize(
    "text",
    [
        "can the police take my card away?",
        "آیا پولیس میتانه کارت مره بگیره",
        "kya police card le sakti hai",
        "what are my rights if the police arrest me?",
    ],
)
def test_a_question_in_general_is_not_a_question_about_an_event(text: str) -> None:
    assert "question_event" not in markers(text), text
