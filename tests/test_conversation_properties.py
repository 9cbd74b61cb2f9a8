"""Property tests: any sequence of events, in any language, from any state.

Never raises, always answers, answers in the person's language once they chose one, and every
button offered leads to a real screen (never to the "out of date" notice). The suite runs a few
hundred sequences; `bench/properties.py` runs 10,000 with the same test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content import ContentPack
from bot.conversation import (
    Command,
    Edited,
    Forwarded,
    Media,
    NotPrivate,
    Pressed,
    Reply,
    Started,
    Text,
    UserState,
    step,
)
from bot.conversation.context import Context, Deployment
from bot.conversation.notices import stale_button
from bot.domain import Language
from tests.conftest import NOW

settings.register_profile("suite", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("bench", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

ODD_TEXT = st.one_of(
    st.text(max_size=50),
    st.sampled_from(["", " ", "\u202eevil", "\u200b\u200c\u200d", "۱۲۳", "٣٤", "🙂" * 500, "x" * 4096, "/start"]),
)
HINTS = st.sampled_from([None, "fa", "ps", "en", "ur", "de", "", "fa-IR", "PS"])
PAYLOADS = st.one_of(
    st.sampled_from(["", "prs", "ps_acc", "en_por", "por", "undocumented_ps", "xx"]), st.text(max_size=64)
)
COMMANDS = st.one_of(st.sampled_from(["menu", "help", "language", "forget", "stop", "settings"]), st.text(max_size=20))

# An event, or an instruction to press the n-th button of the last replies (the common case).
STEPS = st.one_of(
    st.integers(min_value=0, max_value=20),
    st.builds(Started, payload=PAYLOADS, hint=HINTS),
    st.builds(Command, name=COMMANDS, args=st.text(max_size=10), hint=HINTS),
    st.builds(Text, text=ODD_TEXT, hint=HINTS),
    st.builds(Pressed, action=st.one_of(st.text(max_size=70), st.sampled_from(["go:", "lang:", "go:cat:por:x"]))),
    st.builds(Media, kind=st.sampled_from(["sticker", "photo", "voice", "location", "poll", "other", ""])),
    st.builds(Edited, hint=HINTS),
    st.builds(Forwarded, text=ODD_TEXT, from_bot=st.booleans(), sent_by_us=st.booleans(), hint=HINTS),
    st.builds(NotPrivate, chat_kind=st.sampled_from(["group", "supergroup", "channel"]), hint=HINTS),
)


def is_switch_offer(reply: Reply) -> bool:
    return reply.lang is not None and f"lang:{reply.lang.value}" in [b.action for b in reply.all_buttons]


def is_stale_notice(reply: Reply, content: ContentPack, lang: Language) -> bool:
    return reply.text == stale_button(Context(content, NOW, lang)).text


@given(st.lists(STEPS, min_size=1, max_size=25))
def test_any_sequence_of_events_gets_sane_answers(content: ContentPack, steps: list) -> None:
    state, last = UserState(), []
    for item in steps:
        if isinstance(item, int):
            buttons = [b for r in last for b in r.all_buttons]
            if not buttons:
                continue
            item = Pressed(action=buttons[item % len(buttons)].action)
            offered = True
        else:
            offered = False
        before = state
        state, last = step(state, item, content, NOW, deployment=Deployment(bot_handle="rahnama_bot"))
        assert last, f"no reply to {item!r}"
        for reply in last:
            assert reply.text.strip()
            assert all(len(b.action.encode()) <= 64 and b.label for b in reply.all_buttons)
        if isinstance(item, NotPrivate):
            assert state == before  # nothing from a group changes the private conversation
        elif state.lang is not None:
            # Their language, except an offer to switch to the language they wrote in, made in that language.
            assert all(r.lang in (state.lang, None) or is_switch_offer(r) for r in last), item
        if offered and state.lang is not None:
            assert not any(is_stale_notice(r, content, state.lang) for r in last), f"button {item.action} was stale"
