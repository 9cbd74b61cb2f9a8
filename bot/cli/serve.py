"""`rahnama serve`: the bot in webhook mode behind FastAPI and uvicorn (bot/web).

It refuses to start without TELEGRAM_BOT_TOKEN, WEBHOOK_SECRET, PUBLIC_URL and REDIS_URL. Redis is
required (not the embedded store) because workers must share people's state, their update order and
the broadcast queue: two processes each with its own in-memory store would be two bots that forget.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from bot.cli.bot_commands import load_checked, open_store
from bot.config import Settings

if TYPE_CHECKING:  # the web stack loads only for `serve`, not for every command
    from fastapi import FastAPI

    from bot.web.app import RouterFactory

REQUIRED = {
    "TELEGRAM_BOT_TOKEN": "telegram_bot_token",
    "WEBHOOK_SECRET": "webhook_secret",
    "PUBLIC_URL": "public_url",
    "REDIS_URL": "redis_url",
}


def missing_settings(settings: Settings) -> list[str]:
    return [env for env, field in REQUIRED.items() if not getattr(settings, field)]


def admin_routers(settings: Settings) -> list[RouterFactory]:
    """The reviewers' workspace (its own logins), and the admin API and page only when ADMIN_TOKEN is set."""
    from bot.web.review import review_router

    if settings.admin_token is None:
        return [review_router]
    from bot.web.admin import admin_router

    return [admin_router, review_router]


def app_from_environment() -> FastAPI:
    """uvicorn's factory: each worker process reads the environment and builds its own app."""
    from bot.web.app import create_app

    settings = Settings()
    content = load_checked(settings)
    return create_app(settings, content, open_store(settings), routers=admin_routers(settings), freeze_after_start=True)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> None:
    import uvicorn

    if missing := missing_settings(settings):
        sys.exit(f"rahnama serve needs {', '.join(missing)} (see bot/cli/serve.py); nothing was started")
    if not settings.public_url.startswith("https://"):
        sys.exit("PUBLIC_URL must be an https:// address: Telegram only posts updates over HTTPS")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", settings.webhook_secret.get_secret_value()):
        sys.exit("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
    uvicorn.run(
        "bot.cli.serve:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,  # our logging (bot/logs.py): no texts, no ids
        access_log=False,  # paths and client addresses are not worth keeping
        proxy_headers=True,
    )


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="run the bot in webhook mode with health, metrics (and admin) endpoints")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(func=cmd_serve)
