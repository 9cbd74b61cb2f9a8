"""In the chat: an emergency in a message, a caption or a forward reaches the card; when unsure, one question."""

from __future__ import annotations

from bot.content import ContentPack
from bot.conversation import Forwarded, Media, Pressed, Reply, Started, Text, UserState, step
from bot.conversation.context import Deployment
from bot.domain import Language
from tests.conftest import NOW
from tests.test_conversation import run

TAKEN_NOW = "پولیس همین حالا پسرم ره گرفته میبره"  # Dari: police are taking my son right now
TAKEN_PS = "پرون شپه یې زما ورور بوتلو کمپ ته"  # Pashto: last night they took my brother to the camp
UNSURE_PRS = "پسرم گم شده"  # Dari: my son is missing (taken? lost?)
UNSURE_EN = "police here"  # two words: the chat asks rather than guesses


def is_card(reply: Reply, content: ContentPack, lang: Language) -> bool:
    return reply.lang is lang and content.topic("rights-police").texts[lang.value].title in reply.text


def actions(reply: Reply) -> list[str]:
    return [b.action for b in reply.all_buttons]


def test_unsure_before_a_language_asks_one_question_in_the_language_written(content: ContentPack) -> None:
    state, (question,) = run(content, [Text(text=UNSURE_PRS)])
    assert question.lang is Language.DARI and len(question.all_buttons) == 2
    assert question.text == "آیا این همین حالا اتفاق می‌افتد؟"
    state, (card, chooser) = step(state, Pressed(action=question.all_buttons[0].action), content, NOW)
    assert is_card(card, content, Language.DARI)
    assert state.lang is None and chooser.all_buttons[0].action == "lang:prs"


def test_no_before_a_language_leads_to_the_language_question(content: ContentPack) -> None:
    state, (question,) = run(content, [Text(text=UNSURE_PRS)])
    _, (chooser,) = step(state, Pressed(action=question.all_buttons[1].action), content, NOW)
    assert all(action.startswith("lang:") for action in actions(chooser))


def test_unsure_in_english_yes_opens_the_card(content: ContentPack) -> None:
    state, (question,) = run(content, [Started(payload="en"), Text(text=UNSURE_EN)])
    assert question.text == "Is this happening now?"
    assert [b.label for b in question.all_buttons] == ["Yes, now", "No"]
    state, (card,) = step(state, Pressed(action=question.all_buttons[0].action), content, NOW)
    assert state.screen == "sos" and is_card(card, content, Language.ENGLISH)


def test_unsure_no_gives_the_answer_the_message_would_have_had(content: ContentPack) -> None:
    # an action at an office, no time: unsure; a PoR question otherwise. Round 6: "they took my por card" alone
    # opens the card, as every split's labelling rule has it (a card taken by someone, the person at risk). Round 9:
    # the round-9 model gives "they took my por card at the office" 0.87, over `emergency_at` 0.85 (the card at
    # once); the NADRA office, an office that takes cards, is still asked (0.64)
    text = "they took my por card at the nadra office"
    state, (question,) = run(content, [Started(payload="en"), Text(text=text)])
    assert question.text == "Is this happening now?"
    state, replies = step(state, Pressed(action=question.all_buttons[1].action), content, NOW)
    shown = " ".join(r.text for r in replies) + " ".join(a for r in replies for a in actions(r))
    assert "por" in shown.lower() and not any(is_card(r, content, Language.ENGLISH) for r in replies)


def test_a_voice_note_caption_with_an_emergency_opens_the_card(content: ContentPack) -> None:
    state, replies = run(content, [Media(kind="voice", caption=TAKEN_PS)])
    card, chooser = replies
    assert is_card(card, content, Language.PASHTO) and chooser.all_buttons[0].action == "lang:ps"
    _, (card,) = run(content, [Started(payload="prs"), Media(kind="voice", caption=TAKEN_NOW)])
    assert is_card(card, content, Language.DARI)


def test_a_voice_note_without_an_emergency_is_still_a_voice_note(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="en"), Media(kind="voice", caption="my card")])
    assert "cannot read voice messages" in reply.text


def test_a_forwarded_emergency_opens_the_card_before_the_check(content: ContentPack) -> None:
    _, replies = run(content, [Started(payload="prs"), Forwarded(text=TAKEN_NOW)])
    assert is_card(replies[0], content, Language.DARI)
    assert any("❌" in r.text for r in replies[1:])  # the "did this come from us?" answer still follows
    _, replies = run(content, [Forwarded(text=TAKEN_PS)])
    assert is_card(replies[0], content, Language.PASHTO)
    assert all(a.startswith("lang:") for a in actions(replies[-1]))


def test_a_forwarded_unsure_message_is_checked_and_asks(content: ContentPack) -> None:
    state = UserState(lang=Language.ENGLISH, screen="menu")
    _, replies = step(state, Forwarded(text=UNSURE_EN), content, NOW, deployment=Deployment())
    assert replies[-1].text == "Is this happening now?"
    assert any("❌" in r.text for r in replies[:-1])


def test_a_forged_or_stale_answer_button_does_not_crash(content: ContentPack) -> None:
    state, _ = run(content, [Started(payload="ps")])
    for action in ("now:yes:xx", "now:no:t:nope,,", "now:no:go:nowhere", "now:no:"):
        _, replies = step(state, Pressed(action=action), content, NOW)
        assert replies and all(r.lang is Language.PASHTO for r in replies)
