"""/forget: confirm, then erase everything we keep about the person, and say so."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.effects import ForgetMe
from bot.conversation.navigation import go
from bot.conversation.replies import Button, Reply
from bot.conversation.state import UserState


def confirm_forget(ctx: Context) -> Reply:
    _ = ctx._
    text = "\n".join(
        [
            _("**Erase everything about you?**"),
            "",
            _("We will delete your language and menu choices, your reminders and any helpline request."),
            _("This cannot be undone. Messages in this chat stay on your phone unless you delete them."),
        ]
    )
    buttons = ((Button(_("🗑 Yes, erase everything"), "do:forget"),), (Button(_("No, keep it"), go("menu")),))
    return Reply(text, lang=ctx.lang, buttons=buttons)


def forget(ctx: Context) -> tuple[UserState, list[Reply]]:
    _ = ctx._
    text = _("Everything we kept about you is erased. Send /start if you want to use Rahnama again.")
    return UserState(), [Reply(text, lang=ctx.lang, effects=(ForgetMe(),))]
