"""Which vetted texts may be shown, and how each is labelled.

The review state of every text is computed when the pack loads (bot.content.signoffs); here only
its expiry date is compared with today in Pakistan. In strict mode only `signed` texts are shown;
anything else becomes a short "being reviewed" notice with free legal-help numbers, never the text
of another language. In default mode every text is shown with a label that says how far it has
been reviewed and when it was last checked against its sources.
"""

from __future__ import annotations

from bot.content import Topic, TopicText
from bot.content.review import ReviewState, Role
from bot.conversation.context import Context
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


def under_review(ctx: Context) -> str:
    """What strict mode says instead of a text nobody has signed off: where to get help now."""
    _ = ctx._
    lines = [_("This answer is being reviewed and cannot be shown yet."), "", _("For free legal help now:")]
    contacts = [c for c in ctx.content.contacts_in("nationwide") if c.phones]
    lines += [f"- **{md_escape(c.organisation)}**: {', '.join(md_escape(p) for p in c.phones)}" for c in contacts]
    if any(c.stale for c in contacts):
        lines += ["", _("These numbers come from older sources and may have changed.")]
    lines += ["", _("More numbers are under ⚖️ Legal help.")]
    return "\n".join(lines)


def notice_under_review(ctx: Context) -> str:
    """One line for a short note (such as the one about phone numbers) that is not signed off yet."""
    return ctx._("Our note about these numbers is being reviewed. Check a number before you rely on it.")


def record_signed(record_id: str, ctx: Context) -> bool:
    """Whether the words of a category, deadline or contact record are signed off in this language."""
    record = ctx.content.record(record_id, ctx.lang)
    return record is not None and record.review.state_on(today_in_pakistan(ctx.now)) is ReviewState.SIGNED


def record_label(record_id: str, ctx: Context) -> str:
    """What follows a record's words where they are shown: nothing, or in strict mode, when nobody has
    signed them off, a visible "not yet reviewed" (strict mode shows nothing unsigned without a label)."""
    if not ctx.deployment.strict or record_signed(record_id, ctx):
        return ""
    return " _({})_".format(ctx._("not yet reviewed"))


def records_note(record_ids: list[str], ctx: Context) -> str:
    """One line for a screen whose buttons carry record words (document names), in strict mode when
    any of them is unsigned; '' otherwise."""
    if not ctx.deployment.strict or all(record_signed(record_id, ctx) for record_id in record_ids):
        return ""
    return "\n\n_{}_".format(ctx._("The names on these buttons are not yet reviewed."))
