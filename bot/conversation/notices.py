"""Short answers for what the bot cannot act on: always in the person's language, with a way on."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.navigation import go
from bot.conversation.replies import Button, Reply, md_escape


def _menu_buttons(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    _ = ctx._
    return ((Button(_("☰ Menu"), go("menu")), Button(_("⚖️ Legal help"), go("help"))),)


def media(kind: str, ctx: Context) -> Reply:
    _ = ctx._
    names = {
        "sticker": _("stickers"),
        "photo": _("photos"),
        "voice": _("voice messages"),
        "video": _("videos"),
        "document": _("files"),
        "location": _("locations"),
        "contact": _("contacts"),
    }
    what = names.get(kind, _("this kind of message"))
    text = _("I cannot read {what}. Please use the buttons.").format(what=what)
    return Reply(text, lang=ctx.lang, buttons=_menu_buttons(ctx))


def flooded(ctx: Context) -> Reply:
    _ = ctx._
    return Reply(_("You are sending messages very fast. Please wait a few seconds, then try again."), lang=ctx.lang)


def edited(ctx: Context) -> Reply:
    _ = ctx._
    text = _("I only read new messages. Please send it again as a new message, or use the menu.")
    return Reply(text, lang=ctx.lang, buttons=_menu_buttons(ctx))


def stale_button(ctx: Context) -> Reply:
    _ = ctx._
    text = _("That button is out of date. Here is the menu again.")
    return Reply(text, lang=ctx.lang, buttons=((Button(_("☰ Menu"), go("menu")),),))


def unknown_command(ctx: Context) -> Reply:
    _ = ctx._
    text = _("I do not know that command. These work: /menu, /language, /help.")
    return Reply(text, lang=ctx.lang, buttons=_menu_buttons(ctx))


def not_private(ctx: Context) -> Reply:
    """In groups and channels we give no guidance: questions there are seen by everyone."""
    _ = ctx._
    text = _("For your safety I only answer in a private chat. Please write to me directly.")
    if ctx.bot_handle:
        text += " " + md_escape("https://t.me/" + ctx.bot_handle.lstrip("@"))
    return Reply(text, lang=ctx.lang)
