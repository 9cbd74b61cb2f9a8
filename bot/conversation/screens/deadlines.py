"""Deadlines: each with its status, its date and a countdown, or whether the rule behind it still
applies: a rule in force is never called "passed" just because the day it started is behind us."""

from __future__ import annotations

from bot.content import Deadline, RuleStatus
from bot.conversation.context import Context
from bot.conversation.navigation import nav_row
from bot.conversation.record_review import record_label
from bot.conversation.replies import Reply
from bot.conversation.screens.guidance import pack_date_line
from bot.conversation.state import UserState
from bot.conversation.vetting import with_age_line


def deadlines(state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    records = sorted(ctx.content.deadlines, key=lambda d: d.date, reverse=True)
    if state.category:
        # The person's own category first: that is the deadline they came for.
        records.sort(key=lambda d: state.category not in d.categories)
    blocks = [_("**Deadlines** (newest first)")]
    blocks += [deadline_block(record, ctx) for record in records]
    blocks.append("_{}_ {}".format(pack_date_line(ctx.content, ctx), _("Dates change often: check before you act.")))
    text = with_age_line("\n\n".join(blocks), ctx)
    return Reply(text, lang=ctx.lang, buttons=(nav_row("deadlines", ctx),))


def status_label(status: str, ctx: Context) -> str:
    _ = ctx._
    return {
        "announced": _("announced"),
        "extended": _("extended"),
        "passed": _("passed"),
        "suspended": _("suspended"),
    }.get(status, status)


def rule_line(record: Deadline, ctx: Context) -> str:
    """Whether the rule behind a deadline still applies, e.g. "In force since 1 September 2025."."""
    _ = ctx._
    when = ctx.date(record.date)
    return {
        RuleStatus.IN_FORCE: _("In force since {date}."),
        RuleStatus.SUSPENDED: _("Suspended (its date: {date})."),
        RuleStatus.SUPERSEDED: _("Replaced by a later rule (its date: {date})."),
        RuleStatus.ENDED: _("Ended on {date}."),
    }[record.rule].format(date=when)


def deadline_block(record: Deadline, ctx: Context) -> str:
    _ = ctx._
    days = ctx.days_until(record.date)
    label = record_label(f"deadline:{record.id}", ctx)  # strict mode marks words nobody signed off
    if record.rule is not None and not record.is_coming(ctx.today):
        return f"**{record.title[ctx.lang]}**{label}\n{rule_line(record, ctx)}"
    when = ctx.date(record.date)
    if days < 0:
        countdown = _("Passed on {date}.").format(date=when)
    elif days == 0:
        countdown = _("Today: {date}.").format(date=when)
    else:
        countdown = ctx.ngettext("{date}: {n} day left.", "{date}: {n} days left.", days).format(
            date=when, n=ctx.number(days)
        )
    return "**{}**{}\n{} {}\n{}".format(
        record.title[ctx.lang], label, _("Status:"), status_label(record.status, ctx), countdown
    )
