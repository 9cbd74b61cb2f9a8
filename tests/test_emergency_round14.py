"""Round 14 (bench/README.md, "Round 14"): v13's two misses, read after it was measured: a turn said as "another
thing" and Dari "pulling people out" of their houses.

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        # Dari: thank God the rent is sorted and we are fine. Another thing: police took my cousin from the bazaar now
        "شکر کرایه خانه جور شد ما خوب استیم. یک گپ دیگه، همین حالا پولیس بچه کاکایم ره از بازار گرفت",
        "alhamdulillah bachon ki fees jama ho gayi, sab theek hai. ek aur baat, abhi police bhai ko utha kar le gayi",
        "all fine here thanks, the clinic gave mum her tablets. one more thing, police just took my uncle at the stop",
    ],
)
def test_another_thing_is_a_turn_that_cancels_the_calm_before_it(text: str) -> None:
    found = kinds(text)
    assert "contrast" in found and not found & {"relief", "resolved", "benign"}, (text, found)


@pytest.mark.parametrize(
    "text",
    ["polisa hamsaya ha ra yak yak mekashan birun", "پولیس مردم ره از خانه ها بیرون میکشن"],
)
def test_pulling_people_out_is_taking_them(text: str) -> None:
    assert "take" in kinds(text), text
