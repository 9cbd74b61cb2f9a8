"""My document: the category list, a category's menu, and the vetted guidance texts."""

from __future__ import annotations

from bot.content import ContentPack, Topic
from bot.conversation.context import Context
from bot.conversation.navigation import SLOTS, go, nav_row
from bot.conversation.replies import Button, Reply
from bot.conversation.state import UserState


def categories(state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    rows = []
    for category in ctx.content.categories:
        mark = "✓ " if state.category == category.id else ""
        rows.append((Button(mark + category.label[ctx.lang], go(f"cat:{category.id}")),))
    rows.append(nav_row("docs", ctx))
    return Reply(_("Which document do you have?"), lang=ctx.lang, buttons=tuple(rows))


def slot_labels(ctx: Context) -> dict[str, str]:
    _ = ctx._
    return {
        "now": _("What it means now"),
        "todo": _("What to do"),
        "rights": _("Rights if police stop you"),
    }


def category(category_id: str, ctx: Context) -> Reply | None:
    category = ctx.content.category(category_id)
    if category is None:
        return None
    _ = ctx._
    labels = slot_labels(ctx)
    rows = [(Button(labels[slot], go(f"topic:{category.id}:{slot}")),) for slot in SLOTS]
    rows.append((Button(_("📅 Deadlines"), go("deadlines")), Button(_("⚖️ Legal help"), go("help"))))
    rows.append(nav_row(f"cat:{category.id}", ctx))
    text = "**{}**\n\n{}".format(category.name[ctx.lang], _("What do you want to know?"))
    return Reply(text, lang=ctx.lang, buttons=tuple(rows))


def topic(category_id: str, slot: str, ctx: Context) -> Reply | None:
    category = ctx.content.category(category_id)
    if category is None or slot not in SLOTS:
        return None
    found = ctx.content.topic(category.topics[slot])
    if found is None:
        return None
    labels = slot_labels(ctx)
    others = [s for s in SLOTS if s != slot]
    rows = [tuple(Button(labels[s], go(f"topic:{category.id}:{s}")) for s in others)]
    rows.append((Button(ctx._("⚖️ Legal help"), go("help")),))
    rows.append(nav_row(f"topic:{category.id}:{slot}", ctx))
    return Reply(topic_text(found, ctx), lang=ctx.lang, buttons=tuple(rows))


def topic_text(topic: Topic, ctx: Context) -> str:
    """A guidance text with its title, its review label and its "as of" date, never without them."""
    _ = ctx._
    text = topic.texts[ctx.lang]
    checked = ctx.date(topic.as_of)
    label = _("Not yet reviewed by a lawyer; last checked against sources on {date}.").format(date=checked)
    if text.translation == "draft":
        label = _("Draft translation.") + " " + label
    return f"**{text.title}**\n\n{text.body.strip()}\n\n_{label}_"


def pack_date_line(content: ContentPack, ctx: Context) -> str:
    return ctx._("Information as of {date}.").format(date=ctx.date(content.as_of))
