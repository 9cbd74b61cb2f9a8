"""Round 15 (bench/README.md, "Round 15"): calm messages of v14 that were asked, read after it was measured: a release,
a raid somewhere else, an arrest long ago, each said in words the cue lists did not have; and a general question the
model barely doubts.

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.understanding.emergency import assess
from bot.understanding.emergency_model import features_and_form
from bot.understanding.normalise import tokenise
from bot.understanding.urgency import CUES_OVERRULED_AT, QUESTION_ASK_AT, settled
from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        "kakayem ra az thana rukhsat kadan, hala khana ast",  # Dari: they discharged my uncle from the thana
        "برادرم دیروز از حاجی کمپ برآمد، خدا ره شکر",  # Dari: my brother came out of Haji Camp yesterday
        "bachem sobh az camp bromad",  # Dari: my son came out of the camp this morning
        "they let him out of the lockup an hour ago, we are driving home",
        "thane walon ne raat ko bhai ko jaane diya",  # Urdu: the thana people let my brother go at night
        "پولیسو د ورور کارت بیرته ورکړ",  # Pashto: the police gave my brother's card back
    ],
)
def test_a_release_in_new_words_is_resolved(text: str) -> None:
    assert "resolved" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "پخوا یې زما تره په تهانه کې ساتلی و",  # Pashto: once, long before, they held my uncle at the thana
        "back when we lived in Quetta they took my dad for a night",
        "my cousin was deported in the first wave",
    ],
)
def test_long_before_is_long_ago(text: str) -> None:
    assert "long_ago" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "police came to the next mohalla, nobody's been taken from ours",
        "ساتھ والی گلی میں پولیس آئی تھی مگر کسی کو نہیں لے کر گئی",  # Urdu: ... but took nobody
        "سهار په بازار کې ناکه وه، اوس هیڅ نشته",  # Pashto: a checkpoint in the bazaar this morning, now nothing
        "Peshawar ke police raghle wa, dalta chup de",  # Pashto: police came in Peshawar, here it is quiet
    ],
)
def test_calm_after_a_check_elsewhere_is_relief(text: str) -> None:
    assert "relief" in kinds(text), text


def test_a_general_question_the_model_barely_doubts_is_not_asked_but_ones_own_is() -> None:
    # Round 15 (urgency.QUESTION_ASK_AT): the same low probability, read with the message's own cues and form
    # (Round 19: own is a question whose cues do not add up to "emergency" on their own; one that does, "will they
    # deport my brother too?", is not asked below urgency.CUES_OVERRULED_AT: tests/test_emergency_round19.py.)
    general = "aya por card daran ra ham deport mekonan"  # Dari: will they deport PoR holders too?
    own = "aya bachem ra ham mebarand"  # Dari: will they take my son too?
    for text, phrase, expected in ((general, "deport", "not"), (own, None, "unsure")):
        cues, tokens = assess(text, phrase), tokenise(text)
        form = features_and_form(tokens, cues, text)[1]
        assert "question" in form, text
        assert settled("unsure", cues, len(tokens), QUESTION_ASK_AT / 2, form) == expected, text
    cues, tokens = assess(general, "deport"), tokenise(general)
    form = features_and_form(tokens, cues, general)[1]
    assert cues.verdict == "emergency"  # with the pack phrase: so from round 19 it is asked from CUES_OVERRULED_AT
    assert settled("unsure", cues, len(tokens), CUES_OVERRULED_AT, form) == "unsure"
