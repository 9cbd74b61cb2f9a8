"""The PTB adapter: a `Sender` over a python-telegram-bot `Bot`, errors mapped to our outcomes."""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from telegram import Bot, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bot.broadcast.outcomes import Blocked, ChatNotFound, RateLimited, Rejected, Transient
from bot.config import Settings

# Notes a message sent to a person (for "Clear this chat" and "did this come from us?"); never raises.
Delivered = Callable[[int, Sequence[Message]], Awaitable[None]]


class TelegramSender:
    def __init__(self, bot: Bot, delivered: Delivered | None = None) -> None:
        self.bot = bot
        self.delivered = delivered

    async def send(self, chat_id: int, text: str) -> None:
        try:
            message = await self.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        except RetryAfter as error:
            raise RateLimited(_seconds(error)) from None
        except Forbidden:  # blocked by the user, deactivated account
            raise Blocked() from None
        except BadRequest as error:
            # PTB capitalises Telegram's "Bad Request: chat not found" into "Chat not found".
            if "chat not found" in error.message.lower():
                raise ChatNotFound() from None
            raise Rejected(error.message) from None
        except NetworkError as error:  # TimedOut is a NetworkError; PTB reports 5xx as NetworkError too
            raise Transient(type(error).__name__) from None
        except TelegramError as error:  # anything else Telegram said: retrying a few times is the safe side
            raise Transient(type(error).__name__) from None
        if self.delivered is not None:
            await self.delivered(chat_id, [message])

    async def __aenter__(self) -> TelegramSender:
        await self.bot.initialize()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.bot.shutdown()


def _seconds(error: RetryAfter) -> float:
    # PTB 22 warns that retry_after becomes a timedelta; accept both without the warning.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def telegram_sender(settings: Settings) -> TelegramSender:
    """A sender for `rahnama broadcast worker`: its own connection pool, sized for the concurrency."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.file_base_url,
        request=HTTPXRequest(connection_pool_size=settings.broadcast_concurrency + 4),
    )
    return TelegramSender(bot, _safechat_of(settings).delivered)


def _safechat_of(settings: Settings):  # type: ignore[no-untyped-def]
    # The worker process notes what it sends as the bot does (bot/channels/telegram/safechat.py).
    from redis.asyncio import Redis

    from bot.channels.telegram.safechat import SafeChat

    return SafeChat.configured(settings, Redis.from_url(settings.redis_url or "", decode_responses=True))
