"""Running the real PTB Application against the fake Bot API, and acting in it as people do.

`running_bot(...)` starts the bot over long polling with any settings (and an injected clock);
`act(...)` does one thing as a user and waits for the bot's message that answers it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from redis.asyncio import Redis
from telegram.ext import Application

from bot.channels.telegram.app import build_application
from bot.config import Settings
from bot.content import ContentPack
from bot.i18n.bidi import strip_bidi_controls
from bot.store import StateStore
from tests.conftest import FAKE_BOT_TOKEN, REDIS_TEST_URL
from tests.fake_bot_api import FakeBotAPI

TOKEN = FAKE_BOT_TOKEN
PREFIX = "e2e:"


@asynccontextmanager
async def running_bot(
    fake: FakeBotAPI,
    content: ContentPack,
    redis_client: Redis,
    *,
    clock: Callable[[], datetime] | None = None,
    flood_limit: int | None = 1000,
    **settings: Any,
) -> AsyncIterator[Application]:
    """`flood_limit`: updates per person per window; tests act at machine speed, far above a person's."""
    settings.setdefault("redis_prefix", PREFIX)  # the broadcast and reminder workers read it from the settings
    config = Settings(
        telegram_bot_token=TOKEN, telegram_api_base_url=fake.base_url, redis_url=REDIS_TEST_URL, **settings
    )
    application = build_application(config, content, StateStore(redis_client, config.redis_prefix))
    handler = application.bot_data["rahnama"]
    if clock is not None:
        handler.clock = clock
    if flood_limit is not None and hasattr(handler, "flood"):
        handler.flood.limit = flood_limit
    await application.initialize()
    await application.post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()


def buttons(message: dict) -> list[dict]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def has_button(prefix: str) -> Callable[[dict], bool]:
    return lambda message: any(b.get("callback_data", "").startswith(prefix) for b in buttons(message))


def says(part: str) -> Callable[[dict], bool]:
    """The message contains `part` (bidi isolation marks aside: Latin runs in RTL texts get them)."""
    return lambda message: strip_bidi_controls(part) in strip_bidi_controls(message.get("text", ""))


def to_chat(chat_id: int) -> Callable[[Any], bool]:
    return lambda record: record.ok and str(record.params.get("chat_id")) == str(chat_id)


async def act(
    fake: FakeBotAPI, chat_id: int, send: Callable[[], Awaitable[object]], expect: Callable[[dict], bool]
) -> dict:
    """Do one thing and return the first message the bot then sends to `chat_id` that `expect` accepts."""
    since = len(fake.requests)
    await send()
    record = await fake.wait_for_request("sendMessage", lambda r: to_chat(chat_id)(r) and expect(r.result), since=since)
    return record.result


def requests_to(fake: FakeBotAPI, chat_id: int) -> list[Any]:
    """Every call the bot made about a chat (sending, editing, asking about members, topics…)."""
    return [r for r in fake.requests if str(r.params.get("chat_id")) == str(chat_id)]
