"""The bot's public face per language: command menu, description and short description.

Telegram shows these by the person's app language: `fa` for Dari (and Iranian Persian), `ps`, `en`;
the default (no language_code) is English.
"""

from __future__ import annotations

from telegram import Bot, BotCommand

from bot.domain import LANGUAGES, Language
from bot.i18n.catalog import translator


def commands(lang: Language) -> list[BotCommand]:
    _ = translator(lang).gettext
    return [
        BotCommand("start", _("Start again")),
        BotCommand("menu", _("Main menu")),
        BotCommand("language", _("Change language")),
        BotCommand("help", _("How to use this bot")),
        BotCommand("settings", _("Settings: discreet mode, clear this chat")),
        BotCommand("stop", _("Stop reminders")),
        BotCommand("forget", _("Erase everything about you")),
    ]


def description(lang: Language) -> str:
    _ = translator(lang).gettext
    return _(
        "Information for Afghans in Pakistan about documents (PoR, ACC, visa), deadlines, "
        "rights if police stop you, and free legal help. Each answer shows its sources' date. "
        "Not legal advice. We never ask for money."
    )


def short_description(lang: Language) -> str:
    return translator(lang).gettext("Documents, deadlines, rights and free legal help for Afghans in Pakistan.")


async def publish_profile(bot: Bot) -> None:
    for lang in LANGUAGES:
        code = lang.telegram_code
        await bot.set_my_commands(commands(lang), language_code=code)
        await bot.set_my_description(description(lang), language_code=code)
        await bot.set_my_short_description(short_description(lang), language_code=code)
    await bot.set_my_commands(commands(Language.ENGLISH))
    await bot.set_my_description(description(Language.ENGLISH))
    await bot.set_my_short_description(short_description(Language.ENGLISH))
