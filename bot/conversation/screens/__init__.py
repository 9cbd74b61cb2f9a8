"""Screens: each turns (state, context) into a Reply, or None when the screen id is not valid."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.replies import Reply
from bot.conversation.screens import deadlines, guidance, legal_help, menu
from bot.conversation.state import UserState


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
    if kind == "deadlines" and not rest:
        return deadlines.deadlines(state, ctx)
    if kind == "help":
        return legal_help.region(rest, ctx) if rest else legal_help.regions(ctx)
    return None
