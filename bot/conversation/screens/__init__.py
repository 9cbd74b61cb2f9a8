"""Screens: each turns (state, context) into a Reply, or None when the screen id is not valid."""

from __future__ import annotations

from bot.content import ContentPack
from bot.conversation.context import Context
from bot.conversation.navigation import SLOTS, nav_row
from bot.conversation.replies import Reply
from bot.conversation.screens import (
    card,
    deadlines,
    guidance,
    helpline,
    legal_help,
    menu,
    own_dates,
    privacy,
    reminders,
    settings,
)
from bot.conversation.screens.emergency import emergency_card
from bot.conversation.state import UserState

__all__ = ["emergency_card", "render", "screen_for_topic"]


def render(screen: str, state: UserState, ctx: Context) -> Reply | None:
    kind, _, rest = screen.partition(":")
    if kind == "menu" and not rest:
        return menu.main_menu(ctx)
    if kind == "usage" and not rest:
        return menu.usage(ctx)
    if kind == "about" and not rest:
        return menu.about(ctx)
    if kind == "docs" and not rest:
        return guidance.categories(state, ctx)
    if kind == "cat":
        return guidance.category(rest, ctx)
    if kind == "topic":
        category, _, slot = rest.partition(":")
        return guidance.topic(category, slot, ctx)
    if kind == "card":
        return card.card(rest, ctx)
    if kind == "deadlines" and not rest:
        return deadlines.deadlines(state, ctx)
    if kind == "help":
        return legal_help.region(rest, ctx) if rest else legal_help.regions(ctx)
    if kind == "read":
        return _read(rest, ctx)
    if kind == "sub":
        return reminders.reminders(rest, state, ctx)
    if kind == "own":
        return own_dates.render(rest, state, ctx)
    if kind == "sos" and not rest:
        return emergency_card(ctx)
    if kind == "hl":
        return helpline.render(rest, state, ctx)
    if kind == "settings" and not rest:
        return settings.settings(state, ctx)
    if kind == "forget" and not rest:
        return privacy.confirm_forget(ctx)
    return None


def _read(topic_id: str, ctx: Context) -> Reply | None:
    """A topic reached from a typed question that belongs to no single document (e.g. About)."""
    topic = ctx.content.topic(topic_id)
    if topic is None:
        return None
    return guidance.topic_reply(topic, ctx, (nav_row(f"read:{topic_id}", ctx),))


def screen_for_topic(topic_id: str, state: UserState, content: ContentPack) -> str:
    """The menu screen that shows a topic: inside the person's own document where it belongs there."""
    categories = list(content.categories)
    if state.category:  # their own document first
        categories.sort(key=lambda c: c.id != state.category)
    for category in categories:
        for slot in SLOTS:
            if category.topics[slot] == topic_id:
                return f"topic:{category.id}:{slot}"
        if topic_id in category.more:
            return f"topic:{category.id}:{topic_id}"
    return f"read:{topic_id}"
