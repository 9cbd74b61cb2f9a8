"""The emergency model beside the cues (bot.understanding.emergency_model, bot.understanding.urgency).

The hand examples are written for these tests; none comes from bench/data/emergency.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from bot.understanding.emergency import assess
from bot.understanding.emergency_model import MODEL_PATH, estimate, features, load
from bot.understanding.normalise import tokenise
from bot.understanding.urgency import judge

SOMEONE_TAKEN = [
    ("prs", "ماما جانمه همی چند ساعت پیش پولیس برد تهانه"),
    ("prs-latin", "mamayem ra police chand saat pesh bord thana"),
    ("ps", "زما تره پولیسو همدا اوس ونیو، مرسته وکړئ"),
    ("ps-latin", "zama tra police hamda os wniwo, mrasta wakrai"),
    ("ur", "پولیس ابھی میرے چچا کو پکڑ کر تھانے لے گئی ہے"),
    ("ur-latin", "police abhi mere chacha ko pakad kar thane le gayi hai"),
    ("en", "police just picked up my uncle from the shop, he's at the station now"),
]
CALM = [
    ("prs", "کارت پی او آر خود ره چطور تمدید کنم"),
    ("prs", "اگه پولیس مره بگیره حق دارم وکیل بگیرم"),
    ("prs-latin", "kart por khod ra chetor tamdid konom"),
    ("ps", "د پي او ار کارت څنګه تمدید کړم"),
    ("ps-latin", "da por card tsanga tamdid kram"),
    ("ur", "میرے پی او آر کارڈ کی مدت کب ختم ہو رہی ہے"),
    ("ur-latin", "mere por card ki muddat kab khatam ho rahi hai"),
    ("en", "my neighbour was arrested two years ago and released after a week"),
    ("en", "thanks a lot for the info"),
]


def test_the_shipped_model_loads_with_ordered_bands_and_was_trained_on_dev_data_only() -> None:
    model = load()
    assert 0 < model.unsure_at <= model.emergency_at < 1
    assert len(model.weights) > 1000 and any(key.startswith("k:") for key in model.weights)
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as stream:
        trained_on = json.load(stream)["trained_on"]
    # test_v5 was measured once, then folded into dev (round 6), test_v6 (round 7), test_v7 (round 8), test_v8
    # (round 9), test_v9 (round 10), test_v10 (round 11), test_v11 (round 12), test_v12 (round 13), test_v13 (round
    # 14), test_v14 (round 15), test_v15 (round 16), test_v16 (round 17), test_v17 (round 18), test_v18 (round 19);
    # test_v19 (round 20), test_v20 (round 21); train_v9 … train_v15, train_v20 and train_v21 (rounds 9 to 15, 20, 21)
    # were written as training data; never fresh50 … fresh50_v19 or a later blind split (test_v21 …)
    assert trained_on == ["dev.jsonl"] + [f"test_v{i}.jsonl" for i in range(1, 9)] + [
        "train_v9.jsonl",
        "test_v9.jsonl",
        "train_v10.jsonl",
        "test_v10.jsonl",
        "train_v11.jsonl",
        "test_v11.jsonl",
        "train_v12.jsonl",
        "test_v12.jsonl",
        "train_v13.jsonl",
        "test_v13.jsonl",
        "train_v14.jsonl",
        "test_v14.jsonl",
        "train_v15.jsonl",
        "test_v15.jsonl",
        "test_v16.jsonl",
        "test_v17.jsonl",
        "test_v18.jsonl",
        "test_v19.jsonl",
        "train_v20.jsonl",
        "test_v20.jsonl",
        "train_v21.jsonl",
    ]
    assert not any(name.startswith("fresh50") for name in trained_on)


@pytest.mark.parametrize("lang,text", SOMEONE_TAKEN)
def test_someone_taken_now_reaches_the_card_in_every_language(lang: str, text: str) -> None:
    found = judge(text)
    assert found.verdict != "not", (lang, found)


@pytest.mark.parametrize("lang,text", CALM)
def test_document_questions_past_arrests_and_thanks_do_not(lang: str, text: str) -> None:
    found = judge(text)
    assert found.verdict == "not", (lang, found)


def test_one_or_two_words_open_the_card_only_when_the_cues_agree() -> None:
    assert judge("police").verdict == "unsure"
    assert judge("").verdict == "not" and judge("🙂").verdict == "not"


def test_the_model_says_which_features_pushed_it() -> None:
    text = "police took my brother to the thana last night"
    found = estimate(features(tokenise(text), assess(text)))
    assert found.probability > 0.9
    assert found.top and all(weight != 0 for _, weight in found.top)
    assert any(feature.startswith("k:") for feature, _ in found.top)


def test_ask_explain_shows_the_probability_and_the_features() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--explain", "cops took my cousin this morning"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["urgency"] == "emergency" and answer["probability"] > 0.5
    assert answer["model"] and all(len(pair) == 2 for pair in answer["model"])
    assert {"take", "victim"} <= {cue["kind"] for cue in answer["cues"]}


def test_a_greeting_is_not_asked_whether_it_is_happening_now() -> None:
    for text in ("hello", "hello?", "hi there", "salam"):
        assert judge(text).verdict == "not", text


def test_a_pack_phrase_in_a_general_question_does_not_open_the_card_unasked() -> None:
    # "will they deport PoR holders too?": the pack phrase and the cues' "emergency", but the model
    # reads a general question; before PHRASE_AT the phrase alone opened the card.
    found = judge("aya por card daran ra ham deport mekonan", phrase="deport")
    assert found.cues.verdict == "emergency" and found.verdict == "not"
