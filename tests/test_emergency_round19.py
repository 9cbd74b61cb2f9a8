"""Round 19 (bench/README.md, "Round 19"): the calm of a long message's opening no longer hides a current event told
later without a "but" (`emergency._before_event`), and a message whose cues add up to "emergency" is not asked about
when the model is near sure it is calm (`urgency.CUES_OVERRULED_AT`).

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.understanding.emergency import assess
from bot.understanding.urgency import CUES_OVERRULED_AT, settled
from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        "hi brother hope you are well, we are all fine thank god, the kids started school. my husband has been at the"
        " thana since yesterday",
        # Dari: hello, we are all fine, thank God, my sister's wedding went well too. My husband is at the thana since
        # yesterday
        "salam, hama ma khub astim shukr, toi khaharam ham khub gozasht. shohar e ma az diroz dar thana ast",
        # Urdu: peace be upon you, all is well here, thank God, the children are fine, the shop runs well. My brother is
        # at Haji Camp since last night
        "السلام علیکم، یہاں سب خیریت ہے الحمدللہ، بچے ٹھیک ہیں، دکان بھی اچھی چل رہی ہے۔"
        " میرا بھائی کل رات سے حاجی کیمپ میں ہے",
        # Pashto: hello brother, all is well with us, thank God, the children are fine. My brother is at the thana since
        # yesterday
        "salam wrora, mung ta kher de alhamdulillah, maashoman kha di. zama wror la parun na pa thana ke de",
    ],
)
def test_the_calm_of_an_opening_does_not_count_against_a_later_event(text: str) -> None:
    found = kinds(text)
    assert "held_place" in found and not found & {"relief", "benign", "resolved"}, found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the calm is about what was done before the event: he came home, then the thana is told as the past
        ("we are fine thank god, my brother came home last night after two nights at the thana, what now", "relief"),
        # a past story keeps its time: the opening's times are not dropped
        ("two years ago they took me to the thana for a week, now I want a visa", "long_ago"),
        # the calm told just before the event qualifies it
        (
            "thank god we are all fine here, the police took my cousin yesterday in another city but they let him go",
            "resolved",
        ),
    ],
)
def test_calm_that_is_about_the_event_stays(text: str, kept: str) -> None:
    assert kept in kinds(text), kinds(text)


def test_emergency_words_the_model_is_near_sure_of_are_not_asked_about() -> None:
    """Cues that add up to "emergency" in a calm message (arrests told about another city; a question about one's own
    brother): below CUES_OVERRULED_AT the chat does not ask; from it, it asks as before; a deportation order that has
    come opens the card whatever the model gives."""
    calm = assess("in Quetta they arrested my cousin and took him to the thana last night")
    assert calm.verdict == "emergency"
    assert settled("unsure", calm, 14, CUES_OVERRULED_AT - 0.005) == "not"
    assert settled("unsure", calm, 14, CUES_OVERRULED_AT) == "unsure"
    own = assess("aya bradar e mara ham deport mekonan", "deport")  # Dari: will they deport my brother too?
    assert own.verdict == "emergency"
    assert settled("unsure", own, 6, CUES_OVERRULED_AT - 0.005) == "not"
    order = assess("today my brother got a deportation order", "deportation order")  # the router finds the phrase
    assert order.verdict == "emergency"
    assert settled("unsure", order, 7, CUES_OVERRULED_AT - 0.005) == "emergency"
