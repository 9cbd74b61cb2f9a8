"""My document: the category list, a category's menu, and the vetted guidance texts."""

from __future__ import annotations

from bot.content import Category, ContentPack, Topic
from bot.conversation.context import Context
from bot.conversation.navigation import SLOTS, go, nav_row
from bot.conversation.record_review import record_label, records_note
from bot.conversation.replies import Button, Reply
from bot.conversation.screens.settings import clear_row
from bot.conversation.state import UserState
from bot.conversation.vetting import review_label, servable, under_review, with_age_line


def categories(state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    rows = []
    for category in ctx.content.categories:
        mark = "✓ " if state.category == category.id else ""
        rows.append((Button(mark + category.label[ctx.lang], go(f"cat:{category.id}")),))
    rows.append(nav_row("docs", ctx))
    note = records_note([f"category:{c.id}" for c in ctx.content.categories], ctx)  # strict: names unsigned
    return Reply(_("Which document do you have?") + note, lang=ctx.lang, buttons=tuple(rows))


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
    rows += [(Button(title, go(f"topic:{category.id}:{topic_id}")),) for topic_id, title in _more(category, ctx)]
    rows.append((Button(_("📅 Deadlines"), go("deadlines")), Button(_("⚖️ Legal help"), go("help"))))
    reminders = Button(_("🔔 Reminders"), go(f"sub:{category.id}"))
    rows.append((reminders, Button(_("📄 Summary card"), go(f"card:{category.id}"))))
    rows.append(nav_row(f"cat:{category.id}", ctx))
    label = record_label(f"category:{category.id}", ctx)  # strict mode marks words nobody signed off
    text = "**{}**{}\n\n{}".format(category.name[ctx.lang], label, _("What do you want to know?"))
    return Reply(text, lang=ctx.lang, buttons=tuple(rows))


def _more(category: Category, ctx: Context) -> list[tuple[str, str]]:
    """(topic id, button title) of the category's further topics; a title is part of the vetted text,
    so strict mode offers only the topics it may show."""
    found = (ctx.content.topic(topic_id) for topic_id in category.more)
    texts = [(t.id, t.texts[ctx.lang]) for t in found if t is not None]
    return [(topic_id, text.title) for topic_id, text in texts if servable(text, ctx)]


def topic(category_id: str, slot: str, ctx: Context) -> Reply | None:
    """`slot` is a menu role (now, todo, rights) or the id of one of the category's `more` topics."""
    category = ctx.content.category(category_id)
    if category is None or (slot not in SLOTS and slot not in category.more):
        return None
    found = ctx.content.topic(category.topics[slot] if slot in SLOTS else slot)
    if found is None:
        return None
    labels = slot_labels(ctx)
    others = [s for s in SLOTS if s != slot]
    rows = [tuple(Button(labels[s], go(f"topic:{category.id}:{s}")) for s in others)]
    rows.append((Button(ctx._("⚖️ Legal help"), go("help")),))
    rows.append(nav_row(f"topic:{category.id}:{slot}", ctx))
    return topic_reply(found, ctx, tuple(rows))


def topic_reply(topic: Topic, ctx: Context, buttons: tuple[tuple[Button, ...], ...], *, suffix: str = "") -> Reply:
    """The reply that shows a vetted text: the text and the version it showed, or in strict mode,
    when nobody has signed it off, the "being reviewed" notice. Every screen that shows a topic
    goes through here; once the pack is overdue for review it opens with how old it is."""
    text = topic.texts[ctx.lang]
    if topic.id in ctx.content.sensitive_topics:  # an answer nobody checking the phone should find
        buttons = (*buttons[:-1], clear_row(ctx), *buttons[-1:])  # above Back/Menu, which stay last
    if servable(text, ctx):
        body, shown = topic_text(topic, ctx), ((topic.id, text.sha256),)
    else:
        body, shown = under_review(ctx), ()
    body = f"{body}\n\n{suffix}" if suffix else body
    return Reply(with_age_line(body, ctx), lang=ctx.lang, buttons=buttons, shown=shown, asked=(topic.id,))


def topic_text(topic: Topic, ctx: Context) -> str:
    """A guidance text with its title, its review label and its "as of" date, never without them."""
    text = topic.texts[ctx.lang]
    return compose(text.title, text.body, review_label(topic, text, ctx))


def compose(title: str, body: str, label: str) -> str:
    return f"**{title}**\n\n{body.strip()}\n\n_{label}_"


def pack_date_line(content: ContentPack, ctx: Context) -> str:
    return ctx._("Information as of {date}.").format(date=ctx.date(content.as_of))
