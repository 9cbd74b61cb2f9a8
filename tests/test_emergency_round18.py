"""Round 18 (bench/README.md, "Round 18"): v17's calm messages that were asked, read after it was measured: a release,
relief, a worry, a past story, something seen online and an everyday errand, each said in words the cue lists did not
have. (v17's "kagaz nadaram" and "bina documents" are in tests/test_documents.py, beside the other category cues.)

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from bot.cli.ask import answer
from bot.content import ContentPack
from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        "police bachem ra bord laikin begah pas ovordesh",  # Dari: police took my son, brought him back by evening
        "my uncle was back with the family by sunday",
        "she is out of the holding centre now",
        "sab log wapis aa gaye thane se",  # Urdu: everyone came back from the thana
        "بھائی رات کو گھر پہنچ گیا",  # Urdu: brother reached home at night
        "wror me parun khushe shway",  # Pashto: my brother was released yesterday
        "chacha ko zamanat par chora gaya",  # Urdu: uncle was let go on bail
    ],
)
def test_a_release_is_resolved(text: str) -> None:
    assert "resolved" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "bachem hala khoshal as",  # Dari: my son is happy now
        "he was scared at first but he's doing ok",
        "in our street it's quiet",
        "hum log yahan araam se hain",  # Urdu: we are at ease here
        "dalta kher de, ta sanga ye",  # Pashto: all is well here, how are you
        "پولیس آمد ولی ده ما کاری نداشت",  # Dari: police came but had nothing to do with us
        "shahr hala aram shoda",  # Dari: the city has calmed down now
        "hum yahan safe hain",  # Urdu: we are safe here
    ],
)
def test_calm_words_are_relief(text: str) -> None:
    assert "relief" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "هره شپه خوب وینم چې پولیس مې زوی بیايي",  # Pashto: every night I dream police take my son
        "main sochti hoon agar police aa gayi to kya karungi",  # Urdu: I keep thinking, if police come, what will I do
        "har wakht fikar kawam che police ba rashi",  # Pashto: I always worry that police will come
    ],
)
def test_a_dream_or_a_worry_is_hypothetical(text: str) -> None:
    assert "hypothetical" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "لس کاله وړاندې پلار مې نیول شوی و",  # Pashto: ten years ago my father was arrested
        "jab main chhota tha abbu ko thane le gaye the",  # Urdu: when I was small they took dad to the thana
        "when i was little they deported my uncle",
    ],
)
def test_years_back_or_a_childhood_is_long_ago(text: str) -> None:
    assert "long_ago" in kinds(text), text


def test_online_news_is_elsewhere_and_an_errand_is_benign() -> None:
    assert "elsewhere" in kinds("youtube pe dekha ke Quetta mein pakar dhakar hai")  # Urdu: seen on YouTube
    assert "elsewhere" in kinds("the anchor said thousands are held")
    assert "benign" in kinds("can i get a sim card without a PoR card")
    assert "benign" in kinds("بارڈر پر گمرک والے کتنے پیسے لیتے ہیں")  # Urdu: how much do customs take at the border


def test_a_current_arrest_with_these_words_is_still_an_emergency(content: ContentPack) -> None:
    # The new words are not stronger than what is happening now: a son taken at the thana, and "I worry", still opens
    # the card at once.
    result = answer("police abhi mere bete ko thane le gayi, bohat fikar hai, please help", content, explain=True)
    assert result["urgency"] == "emergency"
