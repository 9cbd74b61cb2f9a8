"""What the Telegram channel keeps so a person can clear the chat and check a forwarded message.

- Every message of a private chat, the person's and the bot's, is noted by id (only the id) for the
  48 hours Telegram lets a bot delete it (bot/safety/chat_log.py); "Clear this chat" deletes them.
- Every text the bot sends is remembered as a keyed hash for PROVENANCE_DAYS (bot/safety/provenance.py),
  so a forwarded message can be checked. Those keys are global: they say nothing about who got what,
  and a check records nothing about who asked.

Recording must never cost the person their answer: a Redis failure here is logged and passed over.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError
from telegram import Bot, Message
from telegram.error import TelegramError

from bot.config import Settings
from bot.conversation.events import Forwarded
from bot.redis_batch import Batch
from bot.safety.chat_log import ChatLog
from bot.safety.provenance import SentTexts

log = logging.getLogger(__name__)

DELETE_BATCH = 100  # deleteMessages takes 1-100 ids


def provenance_key(settings: Settings) -> bytes:
    """A key of its own for the sent-text hashes, derived from PSEUDONYM_KEY, else from the bot token.

    It must be the same in every process and after a restart: with a random key a genuine message
    would be called fake. Derived, so the pseudonym key itself is never used for two purposes."""
    secret = settings.pseudonym_key or settings.telegram_bot_token
    base = secret.get_secret_value().encode() if secret else b"rahnama-embedded"
    return hmac.new(base, b"rahnama:sent-texts", hashlib.sha256).digest()


class SafeChat:
    def __init__(
        self, redis: Redis, prefix: str, key: bytes, keep: timedelta, clock: Callable[[], float] = time.time
    ) -> None:
        self.log = ChatLog(redis, prefix)
        self.texts = SentTexts(redis, key, prefix, keep)
        self.clock = clock

    @classmethod
    def configured(cls, settings: Settings, redis: Redis, prefix: str | None = None) -> SafeChat:
        keep = timedelta(days=settings.provenance_days)
        return cls(redis, settings.redis_prefix if prefix is None else prefix, provenance_key(settings), keep)

    def received_into(self, batch: Batch, chat_id: int, message_id: int) -> Callable[[], None]:
        """The person's own message, deletable for 48 hours: noted with their other reads and writes
        (bot/redis_batch.py), so a failure is the update's (answered without Redis, outage.py)."""
        return self.log.add_into(batch, chat_id, [message_id], self.clock())

    async def delivered(self, chat_id: int, messages: Sequence[Message], *, note_ids: bool = True) -> None:
        """Messages the bot sent to a person: their ids (to clear) and their texts' hashes (to vouch for).

        `note_ids=False` after /forget: the person's chat log was just erased and must stay so."""
        batch = Batch(self.log.redis)
        self.delivered_into(batch, chat_id, messages, note_ids=note_ids)
        try:
            await batch.run()
        except RedisError as error:
            log.warning("sent messages not recorded: %s", type(error).__name__)

    def delivered_into(self, batch: Batch, chat_id: int, messages: Sequence[Message], *, note_ids: bool) -> None:
        """`delivered`, in `batch`: the caller runs it and handles a failure."""
        if note_ids:
            self.log.add_into(batch, chat_id, [m.message_id for m in messages], self.clock())
        self.texts.remember_into(batch, [m.text for m in messages if m.text])

    async def checked(self, event: Forwarded) -> Forwarded:
        """The forwarded message with whether we sent exactly its text."""
        if not event.text.strip():
            return event
        try:
            return replace(event, sent_by_us=await self.texts.was_sent(event.text))
        except RedisError as error:
            log.warning("provenance not checked: %s", type(error).__name__)
            return event

    async def clear(self, bot: Bot, chat_id: int) -> int:
        """Delete every message still deletable in the chat; how many ids were asked for."""
        ids = await self.log.take(chat_id, self.clock())
        for start in range(0, len(ids), DELETE_BATCH):
            batch = ids[start : start + DELETE_BATCH]
            try:
                await bot.delete_messages(chat_id, batch)
            except TelegramError as error:
                # One undeletable message (just past 48 h) fails the whole call: delete the rest one by one.
                log.info("deleteMessages refused (%s): deleting one by one", type(error).__name__)
                await _one_by_one(bot, chat_id, batch)
        log.info("chat cleared", extra={"event": "chat_cleared", "count": len(ids)})
        return len(ids)

    async def forget(self, user_id: int) -> None:
        await self.log.forget(user_id)


async def _one_by_one(bot: Bot, chat_id: int, ids: list[int]) -> None:
    for message_id in ids:
        try:
            await bot.delete_message(chat_id, message_id)
        except TelegramError as error:
            log.info("message not deleted: %s", type(error).__name__)
