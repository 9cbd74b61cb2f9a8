"""The conversation while the store is down (bot/conversation/degraded.py): pure, no Redis, no Telegram."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.content import ContentPack
from bot.conversation import Command, Event, Pressed, Started, Text, UserState
from bot.conversation.context import Deployment
from bot.conversation.degraded import stateless_step
from bot.conversation.referral import HelplineTerms
from bot.domain import Language
from bot.i18n.catalog import translator
from bot.opening_hours import OpeningHours
from tests.conftest import NOW

HINTS = {Language.DARI: "fa", Language.PASHTO: "ps", Language.ENGLISH: "en"}
NOTICE = "⚠️ Your settings could not be saved right now."
NOT_NOW = "Sorry, I cannot do that right now because of a technical problem. Please try again in a few minutes."
HELPLINE = Deployment(helpline=HelplineTerms(OpeningHours.parse("09:00-17:00", "Mon-Sat"), retention_days=30))


@pytest.mark.parametrize("lang", list(Language))
@pytest.mark.parametrize("event", [Started(), Pressed("go:docs"), Pressed("go:cat:por"), Command("menu")])
def test_menus_and_guidance_answer_in_the_hinted_language_with_the_notice(
    content: ContentPack, lang: Language, event: Event
) -> None:
    event = replace(event, hint=HINTS[lang])
    _, replies = stateless_step(UserState(), event, content, NOW)
    assert replies and all(reply.lang == lang for reply in replies)
    assert replies[-1].text.endswith(f"_{translator(lang).gettext(NOTICE)}_")
    assert not any(reply.effects for reply in replies)


@pytest.mark.parametrize("lang", list(Language))
@pytest.mark.parametrize("action", ["do:sub:por", "do:unsub:por", "do:forget", "go:sub:por", "go:hl"])
def test_what_needs_the_store_says_not_now_and_asks_for_nothing(
    content: ContentPack, lang: Language, action: str
) -> None:
    state = UserState(lang=lang)
    new_state, replies = stateless_step(state, Pressed(action), content, NOW, deployment=HELPLINE)
    assert [reply.text for reply in replies] == [translator(lang).gettext(NOT_NOW)]
    assert not any(reply.effects for reply in replies) and new_state == state


def test_with_no_hint_the_language_is_asked_and_choosing_it_answers(content: ContentPack) -> None:
    _, (chooser,) = stateless_step(UserState(), Text("salaam"), content, NOW)
    assert {b.action for b in chooser.all_buttons} == {"lang:prs", "lang:ps", "lang:en"}
    _, (menu,) = stateless_step(UserState(), Pressed("lang:ps"), content, NOW)
    assert menu.lang == Language.PASHTO and translator(Language.PASHTO).gettext(NOTICE) in menu.text
