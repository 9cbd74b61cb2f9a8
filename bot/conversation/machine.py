"""The conversation as a pure state machine: `step(state, event, content, now) -> (state, replies)`.

No I/O here: channels load the state, call `step`, save the new state and render the replies.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.content import ContentPack
from bot.conversation import notices, screens
from bot.conversation.context import Context, Deployment
from bot.conversation.events import (
    Command,
    Edited,
    Event,
    Flooded,
    Forwarded,
    Media,
    NotPrivate,
    Pressed,
    Started,
    Text,
)
from bot.conversation.replies import Reply
from bot.conversation.screens import helpline, own_dates, privacy, provenance, reminders, settings
from bot.conversation.screens.emergency import emergency_card
from bot.conversation.screens.menu import hinted_language, language_chooser, main_menu
from bot.conversation.state import UserState
from bot.conversation.typed import ROUTED_PREFIX, answer_typed
from bot.domain import DocumentCategory, Language
from bot.langid import detect
from bot.understanding import route

Result = tuple[UserState, list[Reply]]

# Screens that can be shown again after the language changes; others fall back to the menu.
_NAVIGATION_COMMANDS = {"menu": "menu", "help": "usage", "settings": "settings"}


def step(
    state: UserState, event: Event, content: ContentPack, now: datetime, *, deployment: Deployment = Deployment()
) -> Result:
    if isinstance(event, NotPrivate):
        lang = state.lang or hinted_language(event.hint) or Language.ENGLISH
        return state, [notices.not_private(Context(content, now, lang, deployment))]
    if isinstance(event, Flooded):
        lang = state.lang or hinted_language(event.hint) or Language.ENGLISH
        return state, [notices.flooded(Context(content, now, lang, deployment))]
    if isinstance(event, Started):
        return _start(state, event, content, now, deployment)
    if isinstance(event, Pressed) and event.action.startswith("lang:"):
        return _choose_language(state, event.action.removeprefix("lang:"), content, now, deployment)
    if isinstance(event, Command) and event.name == "language":
        # The screen stays what it was, so the new language can show it again.
        return state, [language_chooser(state.lang or event.hint)]
    if isinstance(event, Command) and event.name == "forget":
        lang = state.lang or hinted_language(event.hint) or Language.ENGLISH
        return state, [privacy.confirm_forget(Context(content, now, lang, deployment))]
    if isinstance(event, Pressed) and event.action == "do:forget":
        lang = state.lang or hinted_language(event.hint) or Language.ENGLISH
        return privacy.forget(Context(content, now, lang, deployment))
    if state.lang is None:
        return _before_language(state, event, content, now, deployment)
    return _in_language(state, event, Context(content, now, state.lang, deployment))


def _before_language(
    state: UserState, event: Event, content: ContentPack, now: datetime, deployment: Deployment
) -> Result:
    """Ask for the language first; but someone typing an emergency gets the card at once, in the
    language they wrote in (English when it is none of ours), and then the question."""
    if isinstance(event, Forwarded):  # answer the check at once, in the language we can guess, then ask
        lang = hinted_language(event.hint) or Language.ENGLISH
        answers = provenance.answer(event, Context(content, now, lang, deployment))
        return replace(state, screen="lang"), [*answers, language_chooser(event.hint)]
    if isinstance(event, Text):
        written = detect(event.text[:ROUTED_PREFIX])
        hint = written if written in Language._value2member_map_ else event.hint
        if route(event.text[:ROUTED_PREFIX], content).emergency:
            lang = Language(written) if written in Language._value2member_map_ else Language.ENGLISH
            card = emergency_card(Context(content, now, lang, deployment))
            return replace(state, screen="lang"), [card, language_chooser(hint)]
        return replace(state, screen="lang"), [language_chooser(hint)]
    return replace(state, screen="lang"), [language_chooser(event.hint)]


def _in_language(state: UserState, event: Event, ctx: Context) -> Result:
    referral = helpline.handle(state, event, ctx)  # talk to a person: its questions, relay and outcomes
    if referral is not None:
        return referral
    if isinstance(event, Pressed):
        return _press(state, event.action, ctx)
    if isinstance(event, Command):
        if event.name == "stop":
            return reminders.unsubscribe(None, state, ctx) or (state, [])
        screen = _NAVIGATION_COMMANDS.get(event.name)
        if screen is None:
            return state, [notices.unknown_command(ctx)]
        return show(state, screen, ctx)
    if isinstance(event, Text) and state.screen.startswith("own:add:"):
        typed_date = own_dates.typed(state, event.text, ctx)
        if typed_date:
            return typed_date
    if isinstance(event, Text):
        screen, replies = answer_typed(state, event.text, ctx)
        if screen is None:
            return state, replies
        return replace(state, screen=screen, category=_category_of(screen) or state.category), replies
    if isinstance(event, Forwarded):
        return state, provenance.answer(event, ctx)
    if isinstance(event, Media):
        return state, [notices.media(event.kind, ctx)]
    if isinstance(event, Edited):
        return state, [notices.edited(ctx)]

    return state, [notices.media("other", ctx)]


def show(state: UserState, screen: str, ctx: Context) -> Result:
    """Render a screen and remember it (and the category it belongs to)."""
    reply = screens.render(screen, state, ctx)
    if reply is None:
        return replace(state, screen="menu"), [notices.stale_button(ctx), main_menu(ctx)]
    category = _category_of(screen) or state.category
    return replace(state, screen=screen, category=category), [reply]


def _press(state: UserState, action: str, ctx: Context) -> Result:
    if action == "go:lang":
        return state, [language_chooser(ctx.lang)]
    if action.startswith("go:"):
        return show(state, action.removeprefix("go:"), ctx)
    if action == settings.CLEAR:
        return settings.clear_chat(state, ctx)
    if action in ("do:discreet:on", "do:discreet:off"):
        return settings.set_discreet(action == "do:discreet:on", state, ctx)
    if action.startswith("do:sub:"):
        done = reminders.subscribe(action.removeprefix("do:sub:"), state, ctx)
        if done:
            return done
    if action.startswith("do:own:"):
        done = own_dates.press(action, state, ctx)
        if done:
            return done
    if action.startswith("do:unsub:"):
        done = reminders.unsubscribe(action.removeprefix("do:unsub:"), state, ctx)
        if done:
            return done
    return replace(state, screen="menu"), [notices.stale_button(ctx), main_menu(ctx)]


def _start(state: UserState, event: Started, content: ContentPack, now: datetime, deployment: Deployment) -> Result:
    """/start with an optional deep-link payload of a language id and/or a category id (`ps_acc`)."""
    lang, category = _parse_payload(event.payload)
    lang = lang or state.lang
    if lang is None:
        chooser = language_chooser(event.hint)
        return replace(state, screen="lang", pending_category=category), [chooser]
    ctx = Context(content, now, lang, deployment)
    state = replace(state, lang=lang, pending_category=None)
    if category:
        return show(state, f"cat:{category.value}", ctx)
    return replace(state, screen="menu"), [main_menu(ctx, welcome=True)]


def _choose_language(
    state: UserState, value: str, content: ContentPack, now: datetime, deployment: Deployment
) -> Result:
    try:
        lang = Language(value)
    except ValueError:
        lang = state.lang or Language.ENGLISH
        ctx = Context(content, now, lang, deployment)
        return replace(state, screen="menu"), [notices.stale_button(ctx), main_menu(ctx)]
    ctx = Context(content, now, lang, deployment)
    first_time = state.lang is None
    state = replace(state, lang=lang)
    if state.pending_category:
        return show(replace(state, pending_category=None), f"cat:{state.pending_category.value}", ctx)
    if first_time or state.screen in ("start", "lang", "menu"):
        return replace(state, screen="menu"), [main_menu(ctx, welcome=first_time)]
    return show(state, state.screen, ctx)  # the same screen, now in the chosen language


def _parse_payload(payload: str) -> tuple[Language | None, DocumentCategory | None]:
    lang = category = None
    for part in payload.strip().lower().replace("-", "_").split("_"):
        if part in Language._value2member_map_:
            lang = Language(part)
        elif part in DocumentCategory._value2member_map_:
            category = DocumentCategory(part)
    return lang, category


def _category_of(screen: str) -> DocumentCategory | None:
    kind, _, rest = screen.partition(":")
    if kind in ("cat", "topic", "card"):
        value = rest.partition(":")[0]
        return DocumentCategory(value) if value in DocumentCategory._value2member_map_ else None
    return None
