"""Which vetted texts may be shown, and how each is labelled.

The review state of every text is computed when the pack loads (bot.content.signoffs); here only
its expiry date is compared with today in Pakistan. In strict mode only `signed` texts are shown;
anything else becomes a short "being reviewed" notice with free legal-help numbers, never the text
of another language. In default mode every text is shown with a label that says how far it has
been reviewed and when it was last checked against its sources.
"""

from __future__ import annotations

from bot.content import ContactKind, Topic, TopicText
from bot.content.review import ReviewState, Role
from bot.conversation.context import Context
from bot.conversation.numbers import by_answering, phones_text
from bot.conversation.replies import md_escape
from bot.domain import Language
from bot.i18n.dates import today_in_pakistan


def state_of(text: TopicText, ctx: Context) -> ReviewState:
    return text.review.state_on(today_in_pakistan(ctx.now))


def servable(text: TopicText, ctx: Context) -> bool:
    return not ctx.deployment.strict or state_of(text, ctx) is ReviewState.SIGNED


def review_label(topic: Topic, text: TopicText, ctx: Context, state: ReviewState | None = None) -> str:
    """The line under a guidance text: its review state in words and the day it was checked."""
    _ = ctx._
    checked = ctx.date(topic.as_of)
    state = state or state_of(text, ctx)
    if state is ReviewState.SIGNED:
        return _("Checked by a legal reviewer. Information as of {date}.").format(date=checked)
    if state is ReviewState.STALE:
        label = _("Changed since its review and being checked again; last checked against sources on {date}.")
        return label.format(date=checked)
    if state is ReviewState.EXPIRED:
        label = _("Its review is out of date and being renewed; last checked against sources on {date}.")
        return label.format(date=checked)
    if Role.LEGAL not in text.review.current_roles:
        label = _("Not yet reviewed by a lawyer; last checked against sources on {date}.").format(date=checked)
        return label if text.lang is Language.ENGLISH else _("Draft translation.") + " " + label
    label = _("Draft translation, not yet reviewed by a native speaker; last checked against sources on {date}.")
    return label.format(date=checked)


def age_line(ctx: Context) -> str | None:
    """Once the pack is past its review date: how many months old it is, and to check before acting.
    None while it is not overdue. Guidance answers, the deadlines and the emergency card open with it."""
    age = ctx.content.age_on(ctx.today)
    if not age.overdue:
        return None
    months = max(age.months, 1)
    line = ctx.ngettext(
        "⚠️ This information is {n} month old. Check with free legal aid before you act.",
        "⚠️ This information is {n} months old. Check with free legal aid before you act.",
        months,
    )
    return line.format(n=ctx.number(months))


def with_age_line(text: str, ctx: Context) -> str:
    line = age_line(ctx)
    return f"**{line}**\n\n{text}" if line else text


def under_review(ctx: Context) -> str:
    """What strict mode says instead of a text nobody has signed off: where to get help now (legal
    aid only: a complaint line is no help in a hurry)."""
    _ = ctx._
    lines = [_("This answer is being reviewed and cannot be shown yet."), "", _("For free legal help now:")]
    contacts = [c for c in ctx.content.contacts if c.phones and c.kind is ContactKind.LEGAL_AID]
    lines += [f"- **{md_escape(c.organisation)}**: {phones_text(c, ctx)}" for c in by_answering(contacts, ctx)]
    if any(c.stale for c in contacts):
        lines += ["", _("These numbers come from older sources and may have changed.")]
    lines += ["", _("More numbers are under ⚖️ Legal help.")]
    return "\n".join(lines)


def notice_under_review(ctx: Context) -> str:
    """One line for a short note (such as the one about phone numbers) that is not signed off yet."""
    return ctx._("Our note about these numbers is being reviewed. Check a number before you rely on it.")
