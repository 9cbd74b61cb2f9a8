"""A category's summary card: the screen asks the channel to send it (bot/cards builds it).

Screen ids: `card:<category>` (the phone picture), `…:discreet` (no document name, no words for police
or deportation), `…:pdf` (the A4 page as a document); e.g. `card:por:discreet:pdf`.
"""

from __future__ import annotations

from bot.content import TopicText
from bot.conversation.context import Context
from bot.conversation.navigation import go, nav_row
from bot.conversation.replies import Button, CardRequest, Reply
from bot.conversation.vetting import servable

FLAGS = ("discreet", "pdf")


def card(rest: str, ctx: Context) -> Reply | None:
    category_id, *flags = rest.split(":")
    category = ctx.content.category(category_id)
    if category is None or category_id not in ctx.content.cards.picks:
        return None
    if any(flag not in FLAGS for flag in flags) or len(set(flags)) != len(flags):
        return None
    discreet, pdf = "discreet" in flags, "pdf" in flags
    _ = ctx._
    if discreet:
        caption = _("The discreet card: it does not name your document.")
    else:
        caption = _("Your summary card. Keep it, print it or pass it on: its code opens this bot.")
    variant = f"{category_id}:discreet" if discreet else category_id
    row = [] if pdf else [Button(_("📄 PDF to print"), go(f"card:{variant}:pdf"))]
    other = category_id if discreet else f"{category_id}:discreet"
    row.append(Button(_("📄 Full card") if discreet else _("🤫 Discreet card"), go(f"card:{other}")))
    texts = [ctx.content.topics[category.topics[role]].texts[ctx.lang] for role in ("now", "todo")]
    return Reply(
        caption,
        lang=ctx.lang,
        buttons=(tuple(row), nav_row(f"card:{rest}", ctx)),
        card=CardRequest(category_id, discreet=discreet, pdf=pdf),
        shown=_quoted(texts, ctx),
    )


def _quoted(texts: list[TopicText], ctx: Context) -> tuple[tuple[str, str], ...]:
    """The versions the card quotes, so a correction reaches who kept one."""
    return tuple((t.topic_id, t.sha256) for t in texts if servable(t, ctx))
