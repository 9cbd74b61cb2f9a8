""" "Did this come from us?": the answer to a forwarded message.

The channel compares the forwarded text with keyed hashes of what the bot sent (bot.safety.provenance)
and puts the result on the event; here it is said plainly, always with the official handle and the
reminder that help is free. A forward from anyone else (a group, a channel, a person claiming to be
legal aid) gets "we cannot vouch for it" and the contacts we checked.
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.context import Context
from bot.conversation.events import Forwarded
from bot.conversation.navigation import go
from bot.conversation.replies import Button, Reply, md_escape
from bot.conversation.screens.legal_help import regions


def answer(event: Forwarded, ctx: Context) -> list[Reply]:
    _ = ctx._
    if not event.text.strip():
        lines = [_("This forwarded message has no text, so I cannot check whether it came from us.")]
    elif event.sent_by_us and event.from_bot:
        lines = [_("✅ Yes: Rahnama sent exactly this text.")]
    elif event.sent_by_us:
        lines = [
            _("Rahnama sent this exact text, but this copy was forwarded from another account."),
            _("Trust only messages that come from our own account."),
        ]
    else:
        days = ctx.deployment.provenance_days
        lines = [
            ctx.ngettext(
                "❌ No: Rahnama has not sent exactly this text in the last {n} day.",
                "❌ No: Rahnama has not sent exactly this text in the last {n} days.",
                days,
            ).format(n=ctx.number(days)),
            _("Be careful: it may be changed or fake. Do not act on it and do not send money."),
        ]
    lines += ["", *_reminders(ctx)]
    buttons = ((Button(_("☰ Menu"), go("menu")), Button(_("⚖️ Legal help"), go("help"))),)
    replies = [Reply("\n".join(lines), lang=ctx.lang, buttons=buttons)]
    if not event.from_bot and not event.sent_by_us:
        # It claims to be from someone else, perhaps a legal-aid group: we cannot vouch for it, so we
        # point to the contacts we checked instead.
        vouch = _("We cannot vouch for messages from other groups or people. These are the contacts we checked:")
        contacts = regions(ctx)
        replies.append(replace(contacts, text=f"{vouch}\n\n{contacts.text}"))
    return replies


def _reminders(ctx: Context) -> list[str]:
    _ = ctx._
    lines = []
    if ctx.bot_handle:
        handle = md_escape("@" + ctx.bot_handle.lstrip("@"))
        lines.append(_("Our only official account in Telegram is {handle}.").format(handle=handle))
    lines.append(_("Help from Rahnama and from legal-aid groups is free. Never pay anyone for it."))
    return lines
