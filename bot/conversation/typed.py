"""Typed questions: answer the topic when sure, offer choices when not, say so when nothing fits.

Emergencies ("police took my husband", "they are taking us") go straight to the emergency card; when
the detector is unsure, one question "Is this happening now?" comes first (bot/conversation/urgent.py).
Detection only suggests a language ("You wrote in Pashto — switch?"); the person's own choice wins.
"""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.navigation import go
from bot.conversation.replies import Button, Reply
from bot.conversation.screens import emergency_card, screen_for_topic
from bot.conversation.screens.menu import LANGUAGE_NAMES
from bot.conversation.screens.talk import talk_row
from bot.conversation.state import UserState
from bot.conversation.urgent import NO, calm_answer, happening_now
from bot.domain import Language
from bot.i18n.catalog import translator
from bot.understanding import CONFIDENT, route

# Routing looks at the start of a message: questions are short, and a 4,096-character paste
# must not cost more than a question.
ROUTED_PREFIX = 600


def answer_typed(state: UserState, text: str, ctx: Context) -> tuple[str | None, list[Reply]]:
    """The screen to remember (None: stay) and the replies for a typed message."""
    found = route(text[:ROUTED_PREFIX], ctx.content)
    if found.emergency:
        return "sos", [emergency_card(ctx)]
    confident = screen_for_topic(found.topic, state, ctx.content) if found.topic else None
    if found.urgency == "unsure":
        return None, [happening_now(ctx, calm_answer(found, confident))]
    replies: list[Reply] = []
    screen: str | None = None
    if found.topic and found.confidence >= CONFIDENT:
        screen = confident
        replies.append(_render(screen, state, ctx))
    elif found.topic:
        replies.append(_choices(tuple(t for t, _ in found.alternatives), state, ctx))
    else:
        replies.append(_not_understood(ctx))
    suggestion = _language_suggestion(found.language, ctx.lang)
    return screen, replies + ([suggestion] if suggestion else [])


def answer_not_now(state: UserState, action: str, ctx: Context) -> tuple[str | None, list[Reply]]:
    """ "No, it is not happening now": the answer the message would have had (see urgent.calm_answer)."""
    where = action.removeprefix(NO)
    if where.startswith("go:"):
        return where.removeprefix("go:"), []  # the machine shows the screen
    topics = tuple(t for t in where.removeprefix("t:").split(",") if ctx.content.topic(t) is not None)
    return None, [_choices(topics, state, ctx) if topics else _not_understood(ctx)]


def _render(screen: str, state: UserState, ctx: Context) -> Reply:
    from bot.conversation.screens import render

    reply = render(screen, state, ctx)
    assert reply is not None, screen  # screen_for_topic only names screens that exist
    return reply


def _choices(topics: tuple[str, ...], state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    rows = []
    for topic_id in topics:
        topic = ctx.content.topic(topic_id)
        if topic is not None:
            rows.append((Button(topic.texts[ctx.lang].title[:60], go(screen_for_topic(topic_id, state, ctx.content))),))
    rows.append((Button(_("☰ Menu"), go("menu")), Button(_("⚖️ Legal help"), go("help"))))
    rows.extend(talk_row(ctx))
    return Reply(_("I am not sure what you are asking. Is it one of these?"), lang=ctx.lang, buttons=tuple(rows))


def _not_understood(ctx: Context) -> Reply:
    _ = ctx._
    text = _("I did not understand your question. Please choose from the menu, or find free legal help.")
    buttons = ((Button(_("☰ Menu"), go("menu")), Button(_("⚖️ Legal help"), go("help"))), *talk_row(ctx))
    return Reply(text, lang=ctx.lang, buttons=buttons)


def _language_suggestion(detected: str | None, chosen: Language) -> Reply | None:
    """Offer the language they wrote in, asked in that language; never switch silently."""
    if detected not in Language._value2member_map_ or detected == chosen.value:
        return None
    lang = Language(detected)
    _ = translator(lang).gettext
    text = _("You wrote in {language}. Do you want to switch to {language}?").format(language=LANGUAGE_NAMES[lang])
    keep = translator(chosen).gettext("No, keep {language}").format(language=LANGUAGE_NAMES[chosen])
    return Reply(
        text, lang=lang, buttons=((Button(LANGUAGE_NAMES[lang], f"lang:{lang.value}"),), (Button(keep, "go:menu"),))
    )
