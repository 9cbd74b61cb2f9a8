"""The way to a person ("Talk to a person"), offered by other screens when the deployment has a helpline.

A module of its own so that the menu, the emergency card and the typed-question answers can offer it
without importing the referral flow (which uses the menu itself).
"""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.navigation import go
from bot.conversation.replies import Button


def talk_row(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    """One row with the button, or no row at all when there is no helpline."""
    return ((Button(ctx._("🙋 Talk to a person"), go("hl")),),) if ctx.deployment.helpline else ()
