"""Round 16 (bench/README.md, "Round 16"): calm messages of v15 that were asked, read after it was measured: a worry
or a dream, a past winter, a release, a raid somewhere else that left the writer alone, a broadcaster's report, each
said in words the cue lists did not have.

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        "خدانخواستہ اگر پولیس والد صاحب کو لے جائے تو ہم کیا کریں",  # Urdu: God forbid, if the police take father …
        "khuda na khasta bhai ko utha len to kis ko call karun",  # Urdu: God forbid they pick up my brother …
        "خدای مه کړه زما زوی ونیسي نو څه وکړم",  # Pashto: God forbid they arrest my son, what do I do
        "I had a nightmare that they loaded us on a truck",
        "دیشب خواب دیدم که پولیس آمده دروازه ره میزنه",  # Dari: last night I dreamt police came knocking
    ],
)
def test_god_forbid_or_a_dream_is_hypothetical(text: str) -> None:
    assert "hypothetical" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "پچھلی سردیوں میں بھائی کو دو دن تھانے میں رکھا تھا",  # Urdu: last winter they kept my brother two days
        "pichli sardiyon mein abbu ko naake pe pakda tha",  # Urdu: last winter they caught dad at a checkpoint
    ],
)
def test_last_winter_in_urdu_is_long_ago(text: str) -> None:
    assert "long_ago" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "زما ورور پرون له تهانې راخوشې شو",  # Pashto: my brother was released from the thana yesterday
        "chacha me bail shway, kor ta raghlay",  # Pashto: my uncle got bail, came home
        "وکیل صاحب نے ماموں کو حوالات سے نکلوایا",  # Urdu: the lawyer got my uncle out of the lockup
        "hum bhai ko thane se wapas le aaye",  # Urdu: we brought my brother back from the thana
    ],
)
def test_a_release_in_new_words_is_resolved(text: str) -> None:
    assert "resolved" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "hafta pesh da bazar police bood, ma ra kasi kar nadasht",  # Dari: police at the bazaar, nobody bothered us
        "پرون په بازار کې چاپه وه، موږ ته څه ونه شول",  # Pashto: a raid in the bazaar yesterday, nothing happened to us
        "da shahar na police raghle, kho sok ye na wo niwalay",  # Pashto: police came to town but arrested nobody
        "Karachi me pakar dhakar hai, hum Lahore me theek hain",  # Urdu: arrests in Karachi, we are fine in Lahore
    ],
)
def test_left_alone_after_a_raid_is_relief(text: str) -> None:
    assert "relief" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "did you see the BBC piece about deportations from Attock",
        "بی بی سی پر افغانوں کی گرفتاریوں کی رپورٹ دیکھی",  # Urdu: saw the BBC report on arrests of Afghans
        "is there an article about the Haji Camp conditions",
    ],
)
def test_a_broadcaster_or_an_article_is_elsewhere(text: str) -> None:
    assert "elsewhere" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "police took my brother an hour ago, I am scared",
        "پولیس همین حالا بچیمه برد، میترسم",  # Dari: the police took my son just now, I am afraid
        "abhi abhi abbu ko utha kar le gaye, dar lag raha hai",  # Urdu: they just took dad away, I am scared
    ],
)
def test_fear_beside_an_event_adds_no_counter_cue(text: str) -> None:
    # Round 16 lists a fear told as a dream or "God forbid", not fear itself: on the dev data "I am afraid" came with
    # ten emergencies (a card taken, police at the door) as often as with calm worries
    assert not kinds(text) & {"hypothetical", "long_ago", "resolved", "relief", "elsewhere"}, text
