"""Reminders: opt in per document, see what you will get, opt out any time (/stop).

The conversation only decides; the channel writes the subscription (bot.conversation.effects).
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.context import Context
from bot.conversation.effects import Subscribe, Unsubscribe
from bot.conversation.navigation import go, nav_row
from bot.conversation.record_review import record_label
from bot.conversation.replies import Button, Reply
from bot.conversation.state import UserState
from bot.domain import DocumentCategory


def reminders(category_id: str, state: UserState, ctx: Context) -> Reply | None:
    category = ctx.content.category(category_id)
    if category is None:
        return None
    _ = ctx._
    name = category.name[ctx.lang] + record_label(f"category:{category.id}", ctx)  # strict: unsigned marked
    if category.id in state.subscriptions:
        text = _("You get reminders for: {category}.").format(category=name)
        action = Button(_("🔕 Stop these reminders"), f"do:unsub:{category.id}")
    else:
        coming = any(d.is_coming(ctx.today) for d in ctx.content.deadlines_for(category.id))
        text = what_you_will_get(name, ctx, coming=coming)
        action = Button(_("✅ Yes, send me reminders"), f"do:sub:{category.id}")
    own = Button(_("📅 Add my own date"), go("own"))  # visa expiry, appointment: screens/own_dates.py
    return Reply(text, lang=ctx.lang, buttons=((action,), (own,), nav_row(f"sub:{category.id}", ctx)))


def what_you_will_get(category_name: str, ctx: Context, *, coming: bool = True) -> str:
    """What subscribing brings. With no coming deadline it says so first and promises no countdown
    it could never send (`coming`: the category has a deadline today or ahead that still applies)."""
    _ = ctx._
    days = _(", ").join(ctx.number(d) for d in ctx.content.reminder_days)
    lines = [_("**Reminders for: {category}**").format(category=category_name), ""]
    if coming:
        lines.append(_("- A short reminder {days} days before each deadline for this document.").format(days=days))
    else:
        lines += [
            _("No date is announced for this document now; we will write if one is."),
            _("Information as of {date}.").format(date=ctx.date(ctx.content.as_of)),
            "",
        ]
    lines += [
        _("- A short note when a rule or a date for this document changes."),
        _("- Never at night (22:00 to 07:00, Pakistan time)."),
        _("- The first line is neutral, so your lock screen does not show what it is about."),
        "",
        _("You can stop at any time with /stop. Do you want these reminders?"),
    ]
    return "\n".join(lines)


def subscribe(category_id: str, state: UserState, ctx: Context) -> tuple[UserState, list[Reply]] | None:
    if ctx.content.category(category_id) is None:
        return None
    category = DocumentCategory(category_id)
    state = replace(state, subscriptions=state.subscriptions | {category}, screen=f"sub:{category_id}")
    _ = ctx._
    text = _("Done. You will get reminders for: {category}. Send /stop to end them.").format(
        category=ctx.content.category(category_id).name[ctx.lang]
    )
    buttons = (nav_row(f"sub:{category_id}", ctx),)
    return state, [Reply(text, lang=ctx.lang, buttons=buttons, effects=(Subscribe(category, ctx.lang),))]


def unsubscribe(category_id: str | None, state: UserState, ctx: Context) -> tuple[UserState, list[Reply]] | None:
    """One document's reminders, or all of them (category_id None, as /stop does)."""
    _ = ctx._
    if category_id is None:
        state = replace(state, subscriptions=frozenset())
        text = _("You will get no more reminders. You can still use the menu at any time.")
        effect = Unsubscribe(None)
    else:
        category = ctx.content.category(category_id)
        if category is None:
            return None
        state = replace(state, subscriptions=state.subscriptions - {category.id})
        text = _("You will get no more reminders for: {category}.").format(category=category.name[ctx.lang])
        effect = Unsubscribe(category.id)
    buttons = ((Button(_("☰ Menu"), go("menu")),),)
    return state, [Reply(text, lang=ctx.lang, buttons=buttons, effects=(effect,))]
