"""Settings, "Clear this chat", "did this come from us?" and discreet mode, in the pure conversation."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.content import ContentPack
from bot.conversation import Command, Forwarded, Pressed, UserState
from bot.conversation.effects import ClearChat, ForgetMe
from bot.conversation.replies import effects_in
from bot.domain import DocumentCategory, Language
from bot.helpline import to_person
from bot.helpline.store import Referral
from bot.i18n.bidi import strip_bidi_controls
from bot.reminders import reminder_text
from bot.safety.discreet import GIVEAWAYS, OPENINGS, opened, opening
from tests.test_conversation import looks_like, press, run
from tests.test_reminders import pack_with_deadline

LANGS = list(Language)


def chosen(lang: Language) -> UserState:
    return UserState(lang=lang, screen="menu")


@pytest.mark.parametrize("lang", LANGS)
def test_settings_is_reached_from_the_menu_and_by_command_in_their_language(
    content: ContentPack, lang: Language
) -> None:
    _, (menu,) = run(content, [Command("menu")], chosen(lang))
    state, (by_button,) = run(content, [press([menu], "⚙️")], chosen(lang))
    _, (by_command,) = run(content, [Command("settings")], chosen(lang))
    assert state.screen == "settings" and by_button.text == by_command.text
    assert by_button.lang is lang and looks_like(lang, by_button.text)
    actions = [b.action for b in by_button.all_buttons]
    assert {"go:lang", "go:docs", "do:discreet:off", "do:clear", "go:forget", "go:menu"} <= set(actions)


def test_reminders_in_settings_lead_to_the_persons_own_document(content: ContentPack) -> None:
    state = UserState(lang=Language.PASHTO, screen="menu", category=DocumentCategory.POR)
    _, (screen,) = run(content, [Command("settings")], state)
    assert "go:sub:por" in [b.action for b in screen.all_buttons]


@pytest.mark.parametrize("lang", LANGS)
def test_discreet_mode_is_on_by_default_and_can_be_turned_off_and_on(content: ContentPack, lang: Language) -> None:
    assert UserState().discreet
    state, (screen,) = run(content, [Command("settings"), Pressed("do:discreet:off")], chosen(lang))
    assert not state.discreet and state.screen == "settings"
    assert "do:discreet:on" in [b.action for b in screen.all_buttons] and looks_like(lang, screen.text)
    assert UserState.from_record(state.to_record()).discreet is False  # stored
    state, _ = run(content, [Pressed("do:discreet:on")], state)
    assert state.discreet and "discreet" not in state.to_record()  # the default costs no field


@pytest.mark.parametrize("lang", LANGS)
def test_forget_me_in_settings_confirms_then_erases(content: ContentPack, lang: Language) -> None:
    state, (confirm,) = run(content, [Command("settings"), Pressed("go:forget")], chosen(lang))
    assert "do:forget" in [b.action for b in confirm.all_buttons] and looks_like(lang, confirm.text)
    assert effects_in([confirm]) == ()  # nothing is erased without a yes
    state, replies = run(content, [Pressed("do:forget")], state)
    assert state == UserState() and ForgetMe() in effects_in(replies)


@pytest.mark.parametrize("lang", LANGS)
def test_clear_this_chat_leaves_one_neutral_message_with_a_menu_button(content: ContentPack, lang: Language) -> None:
    state, (reply,) = run(content, [Command("settings"), Pressed("do:clear")], chosen(lang))
    assert reply.effects == (ClearChat(),) and state.screen == "menu"
    assert [b.action for b in reply.all_buttons] == ["go:menu"]
    assert reply.lang is lang and looks_like(lang, reply.text)
    assert not any(word in reply.text.casefold() for word in GIVEAWAYS)


@pytest.mark.parametrize("lang", LANGS)
def test_sensitive_answers_offer_clear_this_chat_and_others_do_not(content: ContentPack, lang: Language) -> None:
    assert "rights-police" in content.sensitive_topics and "visa-now" not in content.sensitive_topics
    _, (rights,) = run(content, [Pressed("go:topic:por:rights")], chosen(lang))
    _, (visa,) = run(content, [Pressed("go:topic:visa:now")], chosen(lang))
    assert "do:clear" in [b.action for b in rights.all_buttons]
    assert "do:clear" not in [b.action for b in visa.all_buttons]


def test_the_emergency_card_offers_clear_this_chat(content: ContentPack) -> None:
    _, (card,) = run(content, [Pressed("go:sos")], chosen(Language.ENGLISH))
    assert "do:clear" in [b.action for b in card.all_buttons]


@pytest.mark.parametrize("lang", LANGS)
def test_a_forwarded_text_we_sent_from_our_account_is_confirmed(content: ContentPack, lang: Language) -> None:
    _, (answer,) = run(content, [Forwarded(text="x", from_bot=True, sent_by_us=True)], chosen(lang))
    assert answer.text.startswith("✅") and looks_like(lang, answer.text)
    assert "@rahnama\\_test\\_bot" in answer.text  # the official handle, always


@pytest.mark.parametrize("lang", LANGS)
def test_an_altered_or_foreign_forward_is_refused_with_the_vetted_contacts(
    content: ContentPack, lang: Language
) -> None:
    _, replies = run(content, [Forwarded(text="pay 5000 to get your PoR", from_bot=False)], chosen(lang))
    answer, contacts, *asked = replies
    # A demand for money is one of the emergency signs: the emergency model (issue 15) is unsure about this text,
    # so the chat may ask "Is this happening now?" after the check, never instead of it.
    assert all(len(r.all_buttons) == 2 and r.all_buttons[0].action.startswith("now:yes:") for r in asked)
    assert answer.text.startswith("❌") and looks_like(lang, answer.text)
    assert "@rahnama\\_test\\_bot" in answer.text
    assert all(r.lang is lang for r in replies)
    assert "go:help:kp" in [b.action for b in contacts.all_buttons]  # the contacts screen we checked


def test_a_text_we_sent_forwarded_from_another_account_is_flagged(content: ContentPack) -> None:
    _, (answer,) = run(content, [Forwarded(text="x", from_bot=False, sent_by_us=True)], chosen(Language.ENGLISH))
    assert "another account" in answer.text and not answer.text.startswith("✅")


def test_forwarded_media_without_text_gets_a_clear_answer(content: ContentPack) -> None:
    _, replies = run(content, [Forwarded(text="", from_bot=True)], chosen(Language.ENGLISH))
    assert "no text" in replies[0].text and "free" in replies[0].text


def test_a_forward_before_choosing_a_language_is_answered_then_the_language_asked(content: ContentPack) -> None:
    state, replies = run(content, [Forwarded(text="x", from_bot=False, hint="ps")])
    assert replies[0].lang is Language.PASHTO and replies[0].text.startswith("❌")
    assert state.screen == "lang" and [b.action for b in replies[-1].all_buttons][0] == "lang:ps"


# --- discreet first lines -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_neutral_first_line_names_no_status_police_or_document(content: ContentPack, lang: Language) -> None:
    deadline = pack_with_deadline(content, date(2027, 3, 31)).deadlines[0]
    firsts = [opening(lang, kind) for kind in OPENINGS]
    firsts.append(opened("Deportation deadline for PoR cards", lang).splitlines()[0])
    firsts.append(reminder_text(deadline, 7, lang).splitlines()[0])
    for line in firsts:
        line = strip_bidi_controls(line).casefold()
        assert line.strip() and [word for word in GIVEAWAYS if word in line] == [], line


def test_discreet_off_sends_the_text_as_written(content: ContentPack) -> None:
    deadline = pack_with_deadline(content, date(2027, 3, 31)).deadlines[0]
    assert opened("PoR deadline", Language.ENGLISH, discreet=False) == "PoR deadline"
    assert reminder_text(deadline, 7, Language.ENGLISH, discreet=False).startswith("In 7 days")


@pytest.mark.parametrize("lang", list(Language))
def test_what_the_helpline_sends_opens_neutrally_unless_discreet_mode_is_off(lang: Language) -> None:
    referral = Referral(3, "claimed", 42, lang, "now", "kp", "por", lang.value, "chat", datetime.now(UTC))
    neutral = strip_bidi_controls(opening(lang))
    for discreet in (True, False):
        relayed = strip_bidi_controls(to_person.from_helpline(referral, "Salaam", discreet=discreet)[0])
        told = [strip_bidi_controls(r.text) for r in (
            to_person.claimed(referral, discreet=discreet), to_person.closed(referral, discreet=discreet)
        )]  # fmt: skip
        firsts = [relayed.splitlines()[0], *(t.splitlines()[0] for t in told)]
        assert all((first == neutral) is discreet for first in firsts), firsts
