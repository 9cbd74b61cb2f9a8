"""Talk to a person, as pure conversation: consent, questions, effects and outcomes, with no I/O."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.channels.console import ConsoleChat
from bot.content import ContentPack
from bot.conversation import Command, Event, Forwarded, Media, Pressed, Reply, Started, Text, UserState, step
from bot.conversation.context import Deployment
from bot.conversation.events import SharedContact
from bot.conversation.referral import (
    DESCRIPTION_LIMIT,
    HelplineTerms,
    OpenReferral,
    ReferralDraft,
    ReferralNotOpened,
    ReferralOpened,
    ReferralView,
    Relayed,
    RelayToHelpline,
    WithdrawReferral,
)
from bot.conversation.replies import effects_in
from bot.conversation.screens.helpline import next_step
from bot.domain import Language
from bot.i18n.bidi import strip_bidi_controls
from bot.i18n.catalog import translator
from bot.opening_hours import OpeningHours
from bot.store import StateStore, connect
from tests.conftest import NOW

TERMS = HelplineTerms(OpeningHours.parse("09:00-17:00", "Mon-Sat"), retention_days=30)
WITH_HELPLINE = Deployment(bot_handle="rahnama_test_bot", helpline=TERMS)
WITHOUT = Deployment(bot_handle="rahnama_test_bot")
AT_NIGHT = datetime(2025, 3, 21, 20, 0, tzinfo=UTC)  # Saturday 01:00 in Karachi
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
ANSWERS = ["hl:a:urg:order", "hl:a:reg:kp", "hl:a:cat:acc", "hl:a:lng:ps", "hl:a:way:chat", "hl:a:name:0"]


def run(
    content: ContentPack,
    events: list[Event],
    state: UserState | None = None,
    *,
    deployment: Deployment = WITH_HELPLINE,
    now: datetime = NOW,
) -> tuple[UserState, list[Reply]]:
    state = state or UserState()
    replies: list[Reply] = []
    for event in events:
        state, replies = step(state, event, content, now, deployment=deployment)
        state = UserState.from_record(state.to_record()) if state.screen != "start" else state  # as if stored
    return state, replies


def actions(replies: list[Reply]) -> list[str]:
    return [b.action for r in replies for b in r.all_buttons]


def pressed(*names: str) -> list[Event]:
    return [Pressed(action=name) for name in names]


def started(lang: str = "en") -> list[Event]:
    return [Started(payload=lang)]


def plain(text: str) -> str:
    return strip_bidi_controls(text)


def test_without_a_helpline_nobody_is_offered_one(content: ContentPack) -> None:
    _, replies = run(content, started(), deployment=WITHOUT)
    assert "go:hl" not in actions(replies)
    state, replies = run(content, [*started(), Command(name="helpline")], deployment=WITHOUT)
    assert state.screen == "help" and "go:help:kp" in actions(replies)  # legal-aid contacts instead


@pytest.mark.parametrize(
    "events",
    [
        started(),  # the main menu
        [*started(), Text(text="police took my husband")],  # the emergency card
        [*started(), Text(text="qwzx vbnm")],  # a question nobody understood
    ],
    ids=["menu", "emergency", "not-understood"],
)
def test_talk_to_a_person_is_offered_where_people_need_it(content: ContentPack, events: list[Event]) -> None:
    _, replies = run(content, events)
    assert "go:hl" in actions(replies)


def test_consent_says_what_with_whom_and_how_long_and_shares_nothing(content: ContentPack) -> None:
    state, (consent,) = run(content, [*started(), Pressed(action="go:hl")])
    assert state.screen == "hl" and actions([consent]) == ["hl:yes", "hl:no"]
    for words in ("What they get", "Telegram name only if you say yes", "30 days", "/forget", "this chat"):
        assert words in consent.text
    assert "It is open now." in consent.text and not consent.effects
    state, replies = run(content, pressed("hl:no"), state)
    assert state.screen == "menu" and state.referral is None
    assert "Nothing was sent" in replies[0].text and not effects_in(replies)


def test_the_questions_lead_to_one_referral_with_exactly_the_answers(content: ContentPack) -> None:
    state, replies = run(content, [*started(), Command(name="helpline"), *pressed("hl:yes")])
    assert state.screen == "hl:urg"
    for action in ANSWERS:
        assert action in actions(replies)
        state, replies = run(content, pressed(action), state)
        assert not effects_in(replies)  # nothing leaves before Send
    state, replies = run(
        content, [Pressed(action="hl:desc"), Text(text="  I got a notice to leave by Friday  ")], state
    )
    assert state.screen == "hl:confirm"
    summary = replies[0].text
    assert "Khyber" in summary and "I got a notice to leave by Friday" in summary and "not shared" in summary
    state, replies = run(content, pressed("hl:send"), state)
    (effect,) = effects_in(replies)
    assert effect == OpenReferral(
        ReferralDraft("order", "kp", "acc", "ps", "chat", None, False, "I got a notice to leave by Friday"),
        Language.ENGLISH,
    )
    assert [r.text for r in replies] == [""]  # the outcome will say what happened
    assert state.screen == "menu" and state.referral is None
    assert "hl" not in state.to_record()  # nothing they typed stays in their state


def test_a_call_back_takes_a_shared_or_typed_number_and_clears_the_keyboard(content: ContentPack) -> None:
    state, replies = run(content, [*started("prs"), *pressed("go:hl", "hl:yes", *ANSWERS[:4], "hl:a:way:call")])
    (question,) = replies
    assert state.screen == "hl:phone" and question.request_contact
    state, replies = run(content, [Text(text="not a number")], state)
    assert state.screen == "hl:phone" and replies[0].request_contact  # asked again, button and all
    state, replies = run(content, [Text(text="۰۳۰۰ ۱۲۳۴۵۶۷")], state)  # Dari digits
    assert state.referral is not None and state.referral.phone == "+92 300 1234567"
    assert replies[0].clear_keyboard and state.screen == "hl:name"
    shared, _ = run(content, [SharedContact(phone="923331234567")], replace(state, screen="hl:phone"))
    assert shared.referral is not None and shared.referral.phone == "+92 333 1234567"


def test_the_keyboards_other_button_arrives_as_text_and_switches_to_the_chat(content: ContentPack) -> None:
    state, (question,) = run(content, [*started("ps"), *pressed("go:hl", "hl:yes", *ANSWERS[:4], "hl:a:way:call")])
    label = next(b.label for b in question.all_buttons if b.action == "hl:a:way:chat")
    state, replies = run(content, [Text(text=label)], state)
    assert state.referral is not None and state.referral.contact == "chat" and state.referral.phone is None
    assert replies[0].clear_keyboard and state.screen == "hl:name"


def test_a_number_nobody_asked_for_is_not_kept(content: ContentPack) -> None:
    before, _ = run(content, started())
    state, (reply,) = run(content, [SharedContact(phone="923001234567")], before)
    assert state == before and reply.clear_keyboard and "did not keep" in reply.text


def test_the_description_is_text_only_and_bounded(content: ContentPack) -> None:
    state, _ = run(content, [*started(), *pressed("go:hl", "hl:yes", *ANSWERS, "hl:desc")])
    state, replies = run(content, [Media(kind="voice")], state)
    assert state.screen == "hl:desc" and "text only" in replies[0].text
    state, _ = run(content, [Text(text="x" * 5000)], state)
    assert state.referral is not None and len(state.referral.description or "") == DESCRIPTION_LIMIT


def test_leaving_the_questions_drops_the_answers(content: ContentPack) -> None:
    state, _ = run(content, [*started(), *pressed("go:hl", "hl:yes", *ANSWERS[:2])])
    assert "hl" in state.to_record()
    state, _ = run(content, [Command(name="menu")], state)
    assert "hl" not in state.to_record() and state.referral is None
    state, replies = run(content, pressed("hl:a:cat:por"), state)  # an old question's button
    assert "out of date" in replies[0].text and state.screen == "menu"


@pytest.mark.parametrize("action", ["hl:a:urg:never", "hl:a:reg:nationwide", "hl:send", "hl:withdraw:1", "hl:zzz"])
def test_forged_or_early_buttons_get_the_menu(content: ContentPack, action: str) -> None:
    state, _ = run(content, [*started(), *pressed("go:hl", "hl:yes", "hl:a:urg:now")])
    state, replies = run(content, pressed(action), state)
    assert "out of date" in replies[0].text and not effects_in(replies)


def test_changing_language_mid_way_asks_the_same_question_in_the_new_language(content: ContentPack) -> None:
    state, _ = run(content, [*started(), *pressed("go:hl", "hl:yes", "hl:a:urg:now")])
    state, (question,) = run(content, [Command(name="language"), Pressed(action="lang:prs")], state)
    assert state.screen == "hl:reg" and state.referral is not None and state.referral.urgency == "now"
    assert ARABIC_SCRIPT.search(question.text) and "hl:a:reg:sindh" in actions([question])


def test_an_urgent_request_gets_the_numbers_to_call_at_once(content: ContentPack) -> None:
    _, (question,) = run(content, [*started(), *pressed("go:hl", "hl:yes", "hl:a:urg:now")])
    phones = [p for c in content.contacts_in("nationwide") for p in c.phones]
    assert all(p in question.text for p in phones)


def test_out_of_hours_says_when_to_expect_an_answer(content: ContentPack) -> None:
    _, (consent,) = run(content, [*started(), Pressed(action="go:hl")], now=AT_NIGHT)
    assert "It is closed now: expect an answer from today at 09:00." in consent.text
    assert any(p in consent.text for c in content.contacts_in("nationwide") for p in c.phones)
    sunday_evening = datetime(2025, 3, 23, 14, 0, tzinfo=UTC)  # Sunday 19:00 in Karachi
    _, (consent,) = run(content, [*started(), Pressed(action="go:hl")], now=sunday_evening)
    assert "expect an answer from tomorrow at 09:00" in consent.text


def test_with_an_open_request_the_way_in_shows_it_and_can_withdraw_it(content: ContentPack) -> None:
    view = ReferralView(42, claimed=False, contact="chat", opened=NOW)
    state, _ = run(content, started())
    state = replace(state, helpline=view)
    state, (shown,) = step(state, Pressed(action="go:hl"), content, NOW, deployment=WITH_HELPLINE)
    assert "Number 42" in shown.text and "hl:withdraw:42" in actions([shown])
    _, (again,) = step(state, Pressed(action="hl:yes"), content, NOW, deployment=WITH_HELPLINE)
    assert "Number 42" in again.text
    _, replies = step(state, Pressed(action="hl:withdraw:42"), content, NOW, deployment=WITH_HELPLINE)
    assert effects_in(replies) == (WithdrawReferral(42),)


def test_typed_messages_go_to_the_helpline_only_once_a_person_has_taken_the_request(content: ContentPack) -> None:
    state, _ = run(content, started("ps"))
    waiting = replace(state, helpline=ReferralView(7, claimed=False, contact="chat", opened=NOW))
    _, replies = step(waiting, Text(text="hello?"), content, NOW, deployment=WITH_HELPLINE)
    assert not effects_in(replies)
    taken = replace(state, helpline=ReferralView(7, claimed=True, contact="chat", opened=NOW))
    _, replies = step(taken, Text(text="police took my husband"), content, NOW, deployment=WITH_HELPLINE)
    assert effects_in(replies) == (RelayToHelpline(7, "police took my husband"),)
    _, replies = step(taken, Command(name="menu"), content, NOW, deployment=WITH_HELPLINE)
    assert not effects_in(replies)  # commands still work


def test_a_forwarded_message_in_a_helpline_chat_is_checked_and_passed_on(content: ContentPack) -> None:
    state, _ = run(content, started("prs"))
    forwarded = Forwarded(text="Pay 5000 rupees to extend your card", from_bot=False, sent_by_us=False)
    waiting = replace(state, helpline=ReferralView(7, claimed=False, contact="chat", opened=NOW))
    _, replies = step(waiting, forwarded, content, NOW, deployment=WITH_HELPLINE)
    assert not effects_in(replies) and replies[0].text  # only the "did this come from us?" answer
    taken = replace(waiting, helpline=ReferralView(7, claimed=True, contact="chat", opened=NOW))
    _, replies = step(taken, forwarded, content, NOW, deployment=WITH_HELPLINE)
    assert effects_in(replies) == (RelayToHelpline(7, "Pay 5000 rupees to extend your card"),)
    assert replies[0].text == step(waiting, forwarded, content, NOW, deployment=WITH_HELPLINE)[1][0].text


@pytest.mark.parametrize("lang", [Language.DARI, Language.PASHTO])
def test_outcomes_are_answered_in_the_persons_language(content: ContentPack, lang: Language) -> None:
    state, _ = run(content, started(lang.value))
    draft = ReferralDraft("now", "sindh", "por", lang.value, "chat", None, False, "")
    _, (sent,) = step(state, ReferralOpened(12, draft), content, NOW, deployment=WITH_HELPLINE)
    assert "۱۲" in sent.text and ARABIC_SCRIPT.search(sent.text)
    _, (busy,) = step(state, ReferralNotOpened(open_number=12), content, NOW, deployment=WITH_HELPLINE)
    assert "go:hl" in actions([busy])
    _, (failed,) = step(state, ReferralNotOpened(), content, NOW, deployment=WITH_HELPLINE)
    assert any(p in failed.text for c in content.contacts_in("nationwide") for p in c.phones)
    _, (ok,) = step(state, Relayed(delivered=True), content, NOW, deployment=WITH_HELPLINE)
    assert plain(ok.text) == translator(lang).gettext("✓ Sent to the helpline.")


def test_every_helpline_string_is_translated_into_dari_and_pashto(content: ContentPack) -> None:
    """Walk the flow in English, Dari and Pashto: no English words left in the Dari and Pashto screens."""
    for lang in (Language.DARI, Language.PASHTO):
        events = [*started(lang.value), *pressed("go:hl", "hl:yes", *ANSWERS[:4], "hl:a:way:call")]
        events += [Text(text="03001234567"), *pressed("hl:a:name:1", "hl:desc"), Text(text="متن")]
        state = UserState()
        for event in events:
            state, replies = step(state, event, content, NOW, deployment=WITH_HELPLINE)
            for reply in replies:
                english = re.sub(r"\+92[\d ]+|/forget|u_3f9a|PoR|ACC|UNHCR|[A-Z]{2,}|\(\w+\)", "", plain(reply.text))
                words = re.findall(r"[A-Za-z]{3,}", english)
                assert not words, (lang, reply.text)


def test_next_step_skips_the_phone_for_a_chat_and_asks_it_for_a_call() -> None:
    draft = ReferralDraft("now", "kp", "por", "prs", "chat")
    assert next_step(draft) == "name"
    assert next_step(replace(draft, contact="call")) == "phone"
    assert next_step(replace(draft, share_name=False, description="")) == "confirm"


def test_a_stored_draft_that_is_malformed_is_dropped() -> None:
    assert ReferralDraft.from_json('{"urgency": "tomorrow"}') is None
    assert ReferralDraft.from_json("not json") is None
    assert ReferralDraft.from_json('{"urgency": "now", "region": "kp"}') == ReferralDraft("now", "kp")


# The flow as a property: any presses and typing, anywhere in it, never raise and never leave the person stuck.
HELPLINE_STEPS = st.one_of(
    st.integers(min_value=0, max_value=20),
    st.sampled_from(
        [
            Command(name="helpline"),
            Command(name="menu"),
            Text(text="0300 1234567"),
            Text(text="hello"),
            SharedContact(phone="923001234567"),
            Media(kind="voice"),
            Pressed(action="hl:send"),
            Pressed(action="go:hl"),
        ]
    ),
)


@given(st.lists(HELPLINE_STEPS, min_size=1, max_size=30), st.sampled_from(["en", "prs", "ps"]))
def test_any_walk_through_the_questions_gets_sane_answers(content: ContentPack, steps: list, lang: str) -> None:
    state, last = step(UserState(), Started(payload=lang), content, NOW, deployment=WITH_HELPLINE)
    for item in steps:
        if isinstance(item, int):
            buttons = [b for r in last for b in r.all_buttons]
            if not buttons:
                continue
            item = Pressed(action=buttons[item % len(buttons)].action)
        state, last = step(state, item, content, NOW, deployment=WITH_HELPLINE)
        state = UserState.from_record(state.to_record())
        assert last
        for reply in last:
            assert reply.text.strip() or reply.effects
            assert all(len(b.action.encode()) <= 64 and b.label for b in reply.all_buttons)
            assert not (reply.clear_keyboard and reply.buttons)
        if isinstance(item, Pressed) and item.action.startswith("hl:a:"):
            assert not any("out of date" in r.text for r in last), item


def test_the_terminal_asks_for_a_typed_number_and_offers_no_helpline(content: ContentPack) -> None:
    out = io.StringIO()
    chat = ConsoleChat(content, StateStore(connect(None)), out, clock=lambda: NOW, deployment=WITH_HELPLINE)
    chat.show(Reply("Which number?", lang=Language.ENGLISH, request_contact="📞 Share my phone number"))
    assert "📞 Share my phone number: type your phone number" in out.getvalue()
    chat.show(Reply("", effects=(WithdrawReferral(1),)))  # effects alone print nothing
    assert out.getvalue().count("\n") == 3
    assert chat.deployment.helpline is None  # the terminal cannot reach the operators' group
