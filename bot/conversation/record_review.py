"""Whether the words of a category, deadline or contact record are signed off, and how strict mode
marks them where they are shown. Apart from bot.conversation.vetting so that the number lines
(bot.conversation.numbers), which vetting itself uses, can mark their contacts too.
"""

from __future__ import annotations

from bot.content.review import ReviewState
from bot.conversation.context import Context
from bot.i18n.dates import today_in_pakistan


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
