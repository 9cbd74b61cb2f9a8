"""Round 11 (bench/README.md, "Round 11 (test_v10 folded into dev; a training set train_v11)"): calm messages about a
raid or a check somewhere else that say the writer's own people are fine, nobody was taken or came, or it is still
calm here, in words the relief cues did not have.

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.understanding.urgency import judge
from tests.cue_kinds import kinds

RELIEF = [
    ("prs", "در پشاور گرفت و گیر بود ولی ما خیر استیم"),
    ("prs", "کاکایم در کراچی است، میگه پولیس آمده بود ولی کسی ره نبردن"),
    ("prs-latin", "police da sarak bud, kasi ra nabordan, khairiyat astim"),
    ("ps", "په کراچۍ کې چاپې دي، موږ سره څه ونشول"),
    ("ps-latin", "peshawar ke operation de kho dalta sa na shta"),
    ("ps", "په مردان کې یې خلک نیولي، دلته تر اوسه ارامي ده"),
    ("ur", "خالہ کے علاقے میں چھاپہ تھا، ہم تو ٹھیک ہیں"),
    ("ur-latin", "Attock mein chapay pare, hamare yahan kuch nahi, hum to theek hain"),
    ("en", "cousins said police went round their block in Quetta, we're fine here"),
    ("en", "they checked the whole street next to ours, nobody was taken"),
]


@pytest.mark.parametrize(("lang", "text"), RELIEF)
def test_we_are_fine_nobody_taken_or_calm_here_is_relief(lang: str, text: str) -> None:
    assert "relief" in kinds(text), (lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "خیر استیم؟ پولیس برادرم ره دیشب برد",  # asked whether they are fine, then what happened
        "hum to theek hain magar police abbu ko le gayi",
        "we're fine but they took my brother an hour ago",
    ],
)
def test_relief_does_not_hide_someone_taken_now(text: str) -> None:
    """Relief is a counter-cue, not a veto: someone of the writer's own taken now still reaches the card (at once, or
    after "Is this happening now?"). Since round 12 a "but" before what was done drops the relief before it
    (tests/test_emergency_round12.py); the first message has none, and keeps its relief."""
    assert judge(text).verdict in ("emergency", "unsure"), text


def test_relief_asked_about_before_the_event_still_counts() -> None:
    # round 13: without a time word; "… دیشب برد" (took him last night) is a turn after the relief, which drops it
    assert "relief" in kinds("خیر استیم؟ پولیس برادرم ره برد")


@pytest.mark.parametrize("text", ["give the number of lawyer", "number of lawyer give"])
def test_the_card_does_not_open_unasked_when_not_one_cue_fired(text: str) -> None:
    """The round-11 model gives these over 0.98 from English words it learnt from emergencies that ask for a lawyer's
    number; with nothing done to anyone in them, the chat asks instead of opening the card."""
    found = judge(text)
    assert not found.cues.cues
    assert found.verdict == "unsure", (found.verdict, found.probability)


@pytest.mark.parametrize("text", ["my passport expired", "pasport ma khalas shodagi"])
def test_a_message_without_one_cue_and_barely_over_the_floor_is_not_asked(text: str) -> None:
    """The round-11 model gives these 0.01-0.05; nothing is done to anyone in them, so the chat does not ask "Is this
    happening now?"."""
    found = judge(text)
    assert not found.cues.cues
    assert found.verdict == "not", (found.verdict, found.probability)


def test_a_message_without_one_cue_that_the_model_rates_higher_is_still_asked() -> None:
    """The rule above is for the floor only: a cue-less message the model rates higher is still asked."""
    found = judge("give the number of lawyer")
    assert found.verdict == "unsure" and found.probability >= 0.05
