"""Answering while the store is unreachable: the same conversation, without saved state.

The channel calls `stateless_step` instead of `step` when it could not load or save the person's
state. Menu and content screens need nothing saved: every button names its screen (`go:cat:por`)
and Back is derived from the screen id. What is missing is the language, so the channel's best
guess (`event.hint`, e.g. the language of the message whose button was pressed) stands in for it.
What cannot work without the store must not pretend to: subscribing, stopping reminders, erasing
("erased" would be a lie), the reminders screens (they would show no subscriptions) and the
helpline questions (each answer would be forgotten) get "not now, try later" instead. Every other
answer carries a one-line notice that settings could not be saved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.content import ContentPack
from bot.conversation.context import Context, Deployment
from bot.conversation.events import Event
from bot.conversation.machine import Result, step
from bot.conversation.navigation import go
from bot.conversation.replies import Button, Reply, effects_in
from bot.conversation.screens.menu import hinted_language
from bot.conversation.state import UserState

# Screens whose truth or next step lives in the store: reminders (`sub:`) and the helpline questions (`hl:`).
_STORE_SCREENS = ("sub", "hl")


def stateless_step(
    state: UserState, event: Event, content: ContentPack, now: datetime, *, deployment: Deployment = Deployment()
) -> Result:
    """`step` for when the store is down: `state` is whatever could be loaded (often nothing)."""
    if state.lang is None and (guess := hinted_language(event.hint)) is not None:
        state = replace(state, lang=guess)
    new_state, replies = step(state, event, content, now, deployment=deployment)
    lang = new_state.lang or state.lang
    if lang is None:  # only the language chooser: it asks in all three languages and needs nothing saved
        return new_state, replies
    ctx = Context(content, now, lang, deployment)
    if effects_in(replies) or new_state.screen.partition(":")[0] in _STORE_SCREENS:
        return state, [not_now(ctx)]
    return new_state, with_notice(replies, ctx)


def not_now(ctx: Context) -> Reply:
    """What cannot be done without the store: say so honestly, and offer what still works."""
    _ = ctx._
    text = _("Sorry, I cannot do that right now because of a technical problem. Please try again in a few minutes.")
    buttons = ((Button(_("☰ Menu"), go("menu")), Button(_("⚖️ Legal help"), go("help"))),)
    return Reply(text, lang=ctx.lang, buttons=buttons)


def with_notice(replies: list[Reply], ctx: Context) -> list[Reply]:
    """The notice goes under the last answer that has text, so it costs no extra message."""
    _ = ctx._
    notice = _("⚠️ Your settings could not be saved right now.")
    for i in range(len(replies) - 1, -1, -1):
        if replies[i].text:
            return [*replies[:i], replace(replies[i], text=f"{replies[i].text}\n\n_{notice}_"), *replies[i + 1 :]]
    return [*replies, Reply(notice, lang=ctx.lang)]
