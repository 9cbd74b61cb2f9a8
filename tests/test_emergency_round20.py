"""Round 20 (bench/README.md, "Round 20"): "since the night / day before last" is a time of an event that goes on;
Latin words of their own that share a cue's consonant skeleton no longer read as that cue (`cue_index._NOT_VARIANTS`);
and a message with nothing done in it is asked about only from `urgency.NOTHING_DONE_ASK_AT`.

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.understanding.cue_index import CueIndex
from bot.understanding.emergency import assess
from bot.understanding.emergency_cues import CORE_KINDS
from bot.understanding.normalise import tokenise
from bot.understanding.urgency import NOTHING_DONE_ASK_AT, settled
from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        # Dari: my nephew has been at the thana since the night before last
        "برادرزاده ام از پریشب در تهانه است",
        # Dari, in Latin letters: my father has been at Haji Camp since the day before yesterday
        "padar e ma az pariroz da haji camp as",
        # Urdu: my husband has been at the thana since the day before yesterday
        "میرے شوہر پرسوں سے تھانے میں ہیں",
        "mere bhai parson se thane me hain",
    ],
)
def test_since_the_night_before_last_is_a_held_time(text: str) -> None:
    found = kinds(text)
    assert {"held_place", "ongoing"} <= found, found


def test_a_calm_opening_does_not_hide_someone_held_since_the_night_before_last() -> None:
    # Dari: hello, how are you? We are all well, thank God, the exams went well. Only one thing: my husband has been at
    # the thana since the night before last
    text = "سلام چطور استین؟ ما همه خوب استیم الحمدلله، امتحانا هم خوب تیر شد. فقط یک چیز، شوهرم از پریشب ده تهانه است"
    found = kinds(text)
    assert {"held_place", "ongoing"} <= found and "relief" not in found, found


@pytest.mark.parametrize(
    ("text", "not_read_as"),
    [
        ("can a person go to the office for me?", "held_place"),  # "person" is not "prison"
        ("our worker has a PoR card, is that enough?", "demand"),  # "worker" is not Pashto "warkra" (give)
        ("on saturday we went to the market", "recent"),  # "Saturday" is not "yesterday"
        ("when does the new registration start", "home"),  # "start" is not "street"
    ],
)
def test_a_word_of_its_own_is_not_a_spelling_of_a_cue(text: str, not_read_as: str) -> None:
    assert not_read_as not in kinds(text), kinds(text)


def test_spellings_of_a_cue_still_match_by_skeleton() -> None:
    """The words of their own are left out of the skeleton comparison; the romanised spellings it is for still fit."""
    index = CueIndex({"held_place": ("prison",), "recent": ("yesterday",)})
    found = index.find(("prisan", "person", "yestarday", "saturday"))
    assert [(f.kind, f.words) for f in found] == [("held_place", "prisan"), ("recent", "yestarday")]


@pytest.mark.parametrize(
    "text",
    [
        "is my ACC card still valid",
        # Urdu: my daughter's school says no admission without a B-form, we have no card
        "بیٹی کے اسکول والے کہتے ہیں بی فارم کے بغیر داخلہ نہیں ہوگا، ہمارے پاس کارڈ نہیں",
    ],
)
def test_nothing_done_to_anyone_is_asked_only_from_its_own_bar(text: str) -> None:
    """Cues fired, but none of something done (no arrest, take, held place …): below NOTHING_DONE_ASK_AT the chat
    does not ask whether it is happening; from it, it asks as before."""
    cues = assess(text)
    assert cues.cues and not {cue.kind for cue in cues.cues} & CORE_KINDS
    words = len(tokenise(text))
    assert settled("unsure", cues, words, NOTHING_DONE_ASK_AT - 0.005) == "not"
    assert settled("unsure", cues, words, NOTHING_DONE_ASK_AT) == "unsure"


def test_something_done_is_still_asked_below_that_bar() -> None:
    """The bar is for messages with nothing done in them: "they took my brother" at the band's floor is asked."""
    cues = assess("they took my brother")
    assert {cue.kind for cue in cues.cues} & CORE_KINDS
    assert settled("unsure", cues, 4, NOTHING_DONE_ASK_AT - 0.015) == "unsure"


def test_a_cue_made_of_such_a_word_still_matches_it_as_typed() -> None:
    """A listed cue with one of those words in it ("last saturday") compares that word as typed, as the text's."""
    assert "last_week" in kinds("they took him last saturday, he came back on monday")
    index = CueIndex({"last_week": ("last saturday",)})
    assert [f.words for f in index.find(("last", "saturday"))] == ["last saturday"]
