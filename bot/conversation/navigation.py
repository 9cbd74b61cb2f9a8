"""Screen ids and button actions: the small vocabulary carried in callback data.

Screen ids: `lang`, `menu`, `usage`, `docs`, `cat:<category>`, `topic:<category>:<slot>` (a slot is
`now`, `todo`, `rights` or one of the category's `more` topic ids),
`card:<category>[:discreet][:pdf]` (its summary card),
`deadlines`, `help`, `help:<region>`, `about`, `settings`, `forget` (the /forget confirmation), `own…`
(screens/own_dates.py).
Actions: `go:<screen>` and `lang:<language>`.
Every action is short ASCII so it fits Telegram's 64-byte callback_data.
"""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.replies import Button

SLOTS = ("now", "todo", "rights")


def go(screen: str) -> str:
    return f"go:{screen}"


def parent(screen: str) -> str:
    """Where Back leads: derived from the screen id, so no history needs storing."""
    kind, _, rest = screen.partition(":")
    if kind in ("topic", "card"):
        return "cat:" + rest.partition(":")[0]
    if kind == "cat":
        return "docs"
    if kind == "sub":
        return "cat:" + rest
    if kind == "help" and rest:
        return "help"
    if kind == "forget":
        return "settings"
    if kind == "own" and rest:
        return "own"
    return "menu"


def nav_row(screen: str, ctx: Context) -> tuple[Button, ...]:
    _ = ctx._
    return (Button(_("« Back"), go(parent(screen))), Button(_("☰ Menu"), go("menu")))
