"""Typed questions: answer the topic when sure, offer choices when not, say so when nothing fits.

Emergencies ("police took my husband", "they are taking us") go straight to the emergency card.
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
from bot.domain import Language
from bot.i18n.catalog import translator
from bot.understanding import CONFIDENT, Route, route

# Routing looks at the start of a message: questions are short, and a 4,096-character paste
# must not cost more than a question.
ROUTED_PREFIX = 600


def answer_typed(state: UserState, text: str, ctx: Context) -> tuple[str | None, list[Reply]]:
    """The screen to remember (None: stay) and the replies for a typed message."""
    found = route(text[:ROUTED_PREFIX], ctx.content)
    if found.emergency:
        return "sos", [emergency_card(ctx)]
    replies: list[Reply] = []
    screen: str | None = None
    if found.topic and found.confidence >= CONFIDENT:
        screen = screen_for_topic(found.topic, state, ctx.content)
        reply = _render(screen, state, ctx)
        replies.append(reply)
    elif found.topic:
        replies.append(_choices(found, state, ctx))
    else:
        replies.append(_not_understood(ctx))
    suggestion = _language_suggestion(found.language, ctx.lang)
    return screen, replies + ([suggestion] if suggestion else [])


def _render(screen: str, state: UserState, ctx: Context) -> Reply:
    from bot.conversation.screens import render

    reply = render(screen, state, ctx)
    assert reply is not None, screen  # screen_for_topic only names screens that exist
    return reply


def _choices(found: Route, state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    rows = []
    for topic_id, _score in found.alternatives:
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
