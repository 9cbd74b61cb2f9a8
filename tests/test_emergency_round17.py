"""Round 17 (bench/README.md, "Round 17"): v16's miss and calm messages that were asked, read after it was measured: a
release still to come, which means the person is held now; a past winter or childhood; a release, a raid elsewhere or
a reel, each said in words the cue lists did not have; a police character certificate.

Every sentence is written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import pytest

from tests.cue_kinds import kinds


@pytest.mark.parametrize(
    "text",
    [
        "wror me pa jail ke dy, kala ba azad shi?",  # Pashto: my brother is in jail, when will he be freed?
        "زما ورور په تهانه کې دی، نه پوهیږو کله به خوشې شي",  # Pashto: … we don't know when he will be released
        "bradaram da thana as, nami gan ki kai azad mesha",  # Dari: at the thana, nobody says when he is freed
        "abbu thane me hain, pata nahi kab riha hoga",  # Urdu: dad is at the thana, don't know when he'll be released
        "they said he will be released after the hearing, he is still at the station",
    ],
)
def test_a_release_still_to_come_is_ongoing_not_resolved(text: str) -> None:
    found = kinds(text)
    assert "ongoing" in found and "resolved" not in found, text


@pytest.mark.parametrize(
    "text",
    [
        "bhai ko kal chhod diya, ab ghar pe hai",  # Urdu: they let my brother go yesterday, he is home now
        "my brother was released yesterday",
        "bradaram diroz rai shod",  # Dari: my brother was released yesterday
        "د کلي هلکان ټول بیرته راغلل",  # Pashto: the village boys all came back
    ],
)
def test_a_release_that_happened_stays_resolved(text: str) -> None:
    assert "resolved" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "زمستان پار کاکایم ره دو روز در تهانه نگه کدن",  # Dari: last winter they kept my uncle two days at the thana
        "when i was a child police took my father to the camp",
        "kaala kegi che plar me niwalay wo",  # Pashto: it has been years since my father was arrested
        "pichle ramzan me chacha ko thane le gaye the",  # Urdu: last Ramzan they took my uncle to the thana
    ],
)
def test_a_winter_a_childhood_or_years_back_is_long_ago(text: str) -> None:
    assert "long_ago" in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "ek reel me dikhaya ke Karachi me afghan pakde ja rahe hain",  # Urdu: a reel showed Afghans arrested in Karachi
        "geo news pe aaya ke camp band ho rahe hain",  # Urdu: Geo News says the camps are closing
    ],
)
def test_a_reel_or_geo_news_is_elsewhere(text: str) -> None:
    assert "elsewhere" in kinds(text), text


def test_a_raid_elsewhere_that_took_none_of_ours_is_relief_and_a_certificate_is_benign() -> None:
    assert "relief" in kinds("dishab da bazar chapa bood, kasi e ma ra nagereft")  # Dari: took none of ours
    assert "relief" in kinds("در بازار پولیس آمد ولی هیچ گپ نیس")  # Dari: police came to the bazaar, no trouble
    assert "benign" in kinds("thane se character certificate kaise banwaun")  # Urdu: a police character certificate
