"""Settings: language, reminders, discreet mode, "Clear this chat" and "Forget me", in one place.

Actions: `go:settings` (this screen, also /settings), `do:discreet:on|off`, `do:clear`, and
`go:forget` (the /forget confirmation). Clearing is carried out by the channel (effects.ClearChat).
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.context import Context
from bot.conversation.effects import ClearChat
from bot.conversation.navigation import go, nav_row
from bot.conversation.replies import Button, Reply
from bot.conversation.state import UserState

CLEAR = "do:clear"


def settings(state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    if state.discreet:
        discreet = _("Discreet mode is on: reminders and news start with a neutral line that says nothing.")
        toggle = Button(_("🤫 Discreet mode: on (turn off)"), "do:discreet:off")
    else:
        discreet = _("Discreet mode is off: the first line of reminders and news says what they are about.")
        toggle = Button(_("🔔 Discreet mode: off (turn on)"), "do:discreet:on")
    text = "\n\n".join(
        [
            _("**Settings**"),
            discreet,
            _("Clear this chat deletes our messages and yours from the last 48 hours from this phone."),
        ]
    )
    reminders = go(f"sub:{state.category.value}") if state.category else go("docs")  # reminders are per document
    buttons = (
        (Button(_("🌐 Language"), go("lang")), Button(_("🔔 Reminders"), reminders)),
        (toggle,),
        (Button(_("🧹 Clear this chat"), CLEAR),),
        (Button(_("🗑 Forget me"), go("forget")),),
        nav_row("settings", ctx),
    )
    return Reply(text, lang=ctx.lang, buttons=buttons)


def set_discreet(on: bool, state: UserState, ctx: Context) -> tuple[UserState, list[Reply]]:
    state = replace(state, discreet=on, screen="settings")
    return state, [settings(state, ctx)]


def clear_row(ctx: Context) -> tuple[Button, ...]:
    """Offered in Settings and under sensitive answers."""
    return (Button(ctx._("🧹 Clear this chat"), CLEAR),)


def clear_chat(state: UserState, ctx: Context) -> tuple[UserState, list[Reply]]:
    """Delete the chat, then leave one neutral message behind.

    Why one message and not none: the chat itself stays in the person's chat list either way (a bot
    cannot delete a chat), and an empty chat gives them no way back. Why nothing more: a message
    saying "chat cleared" would itself tell whoever checks the phone that something was hidden. So
    the message reads like any menu prompt and carries only the Menu button; nothing in it names a
    document, the police or the law.
    """
    _ = ctx._
    reply = Reply(
        _("Press the button to open the menu."),
        lang=ctx.lang,
        buttons=((Button(_("☰ Menu"), go("menu")),),),
        effects=(ClearChat(),),
    )
    return replace(state, screen="menu"), [reply]
