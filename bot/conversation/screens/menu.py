"""The language chooser, the main menu, /help and About."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.navigation import go, nav_row
from bot.conversation.replies import Button, Reply, md_escape
from bot.conversation.screens.guidance import topic_reply
from bot.conversation.screens.talk import talk_row
from bot.domain import LANGUAGES, Language
from bot.i18n.catalog import translator

# Each language's name in its own script, so anyone can find theirs.
LANGUAGE_NAMES = {Language.DARI: "دری", Language.PASHTO: "پښتو", Language.ENGLISH: "English"}
HINTS = {"fa": Language.DARI, "prs": Language.DARI, "ps": Language.PASHTO, "en": Language.ENGLISH}


def hinted_language(hint: str | None) -> Language | None:
    """Telegram's language_code as a hint: fa → Dari, ps → Pashto, en → English; ur and others → ask."""
    if not hint:
        return None
    return HINTS.get(hint.lower().replace("_", "-").split("-")[0])


def language_chooser(hint: str | None) -> Reply:
    """Ask in all three languages, the hinted one first, since we do not know theirs yet."""
    first = hinted_language(hint)
    order = sorted(LANGUAGES, key=lambda lang: lang != first)
    lines = [translator(lang).gettext("Choose your language:") for lang in order]
    buttons = tuple((Button(LANGUAGE_NAMES[lang], f"lang:{lang.value}"),) for lang in order)
    return Reply("\n".join(lines), lang=first, buttons=buttons)


def main_menu(ctx: Context, *, welcome: bool = False) -> Reply:
    _ = ctx._
    text = _("Choose a topic:")
    if welcome:
        text = (
            _(
                "Rahnama gives Afghans in Pakistan information about documents, deadlines and rights, "
                "with sources and dates. It is not legal advice, and it never asks for money."
            )
            + "\n\n"
            + text
        )
    buttons = (
        (Button(_("🪪 My document"), go("docs")),),
        (Button(_("📅 Deadlines"), go("deadlines")),),
        (Button(_("⚖️ Legal help"), go("help")),),
        *talk_row(ctx),
        (Button(_("🌐 Language"), go("lang")), Button(_("ℹ️ About"), go("about"))),
        (Button(_("⚙️ Settings"), go("settings")),),
    )
    return Reply(text, lang=ctx.lang, buttons=buttons)


def usage(ctx: Context) -> Reply:
    _ = ctx._
    text = "\n".join(
        [
            _("How to use Rahnama:"),
            "",
            _("- Press the buttons under my messages."),
            _("- /menu shows the main menu."),
            _("- /language changes the language."),
            _("- /start starts again."),
            _("- /stop ends reminders."),
            _("- /settings: discreet mode, clear this chat, and more."),
            _("- /forget erases everything we keep about you."),
            "",
            _("This is general information, not legal advice."),
        ]
    )
    return Reply(text, lang=ctx.lang, buttons=(nav_row("usage", ctx),))


def about(ctx: Context) -> Reply:
    _ = ctx._
    topic = ctx.content.topic("about")
    handle_line = ""
    if ctx.bot_handle:
        handle = md_escape("@" + ctx.bot_handle.lstrip("@"))
        handle_line = _("Our only official account in Telegram is {handle}.").format(handle=handle)
    buttons = (nav_row("about", ctx),)
    if topic is None:  # the loader requires the topic; this only keeps the screen answering
        return Reply(handle_line or _("Choose a topic:"), lang=ctx.lang, buttons=buttons)
    return topic_reply(topic, ctx, buttons, suffix=handle_line)
