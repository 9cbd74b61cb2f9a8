"""The broadcast engine's `Sender` over python-telegram-bot: errors mapped to the engine's outcomes.

It lives with the Telegram channel and is handed to the engine (bot/broadcast), which imports no
channel. Its requests go over aiohttp (aiohttp_request.py), the same lean path as webhook mode.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from telegram import Bot, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.broadcast.outcomes import Blocked, ChatNotFound, RateLimited, Rejected, Transient
from bot.channels.telegram.aiohttp_request import AiohttpRequest
from bot.channels.telegram.retry import retry_after_seconds
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
            raise RateLimited(retry_after_seconds(error)) from None
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


def telegram_sender(settings: Settings, delivered: Delivered | None = None) -> TelegramSender:
    """A sender with its own Bot and connection pool (sized for the concurrency), over aiohttp."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.file_base_url,
        request=AiohttpRequest(connection_pool_size=settings.broadcast_concurrency + 4),
    )
    return TelegramSender(bot, delivered)
