"""`rahnama run` (Telegram, long polling) and `rahnama chat` (terminal); start-up checks shared by commands."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import timedelta

from bot.config import Settings
from bot.content import ContentError, ContentPack, load_pack
from bot.domain import Language
from bot.i18n import catalog
from bot.store import StateStore, connect


def load_checked(settings: Settings) -> ContentPack:
    """Start-up checks that must fail loudly: catalogues and the content pack."""
    catalog.install(settings.locales_dir)
    try:
        return load_pack(settings.content_dir)
    except ContentError as error:
        sys.exit("content pack is invalid:\n" + "\n".join(f"  - {p}" for p in error.problems))


def open_store(settings: Settings) -> StateStore:
    return StateStore(connect(settings.redis_url), settings.redis_prefix, timedelta(days=settings.state_ttl_days))


def cmd_run(args: argparse.Namespace, settings: Settings) -> None:
    from bot.channels.telegram.app import ALLOWED_UPDATES, build_application

    if settings.telegram_bot_token is None:
        sys.exit("TELEGRAM_BOT_TOKEN is not set; use `rahnama chat` for the terminal chat")
    content = load_checked(settings)
    application = build_application(settings, content, open_store(settings))
    # run_polling stops cleanly on SIGINT and SIGTERM.
    application.run_polling(allowed_updates=ALLOWED_UPDATES)


def cmd_chat(args: argparse.Namespace, settings: Settings) -> None:
    from bot.channels.console import run_console

    content = load_checked(settings)
    asyncio.run(run_console(content, open_store(settings), args.lang, settings.deployment))


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("run", help="run the Telegram bot (long polling)").set_defaults(func=cmd_run)
    chat = sub.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--lang", choices=[lang.value for lang in Language], help="start in this language")
    chat.set_defaults(func=cmd_chat)
