""" "Did this come from us?": keyed hashes of every text the bot sent, kept for a limited time.

Scammers forward fake "official" messages. A person can forward a message to the bot and ask;
we answer from a keyed hash of the text alone (never the text itself), so the store reveals
nothing about what anyone was told.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import re
from collections.abc import Callable
from datetime import timedelta

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.i18n.bidi import strip_bidi_controls
from bot.redis_batch import Batch, Decode, alone, nothing

_TAG = re.compile(r"<[^>]+>")


def visible_text(telegram_html: str) -> str:
    """The text Telegram shows (and forwards) for an HTML message we sent."""
    return html.unescape(_TAG.sub("", telegram_html))


def fingerprint(text: str, key: bytes) -> str:
    # Telegram trims and may re-wrap whitespace; isolates are invisible: compare what people see.
    canonical = " ".join(strip_bidi_controls(text).split())
    digest = hmac.new(key, canonical.encode(), hashlib.sha256).digest()[:20]
    # Base32 (a-z, 2-7): 160 bits in 32 characters, and no 0, 1, 8 or 9, so a global fingerprint key
    # never looks like, nor turns up in a search for, a person's numeric id.
    return base64.b32encode(digest).decode().lower()


class SentTexts:
    def __init__(self, redis: Redis, key: bytes, prefix: str = "rahnama:", keep: timedelta = timedelta(days=90)):
        self.redis, self.key, self.prefix, self.keep = redis, key, prefix, keep

    async def remember(self, texts: list[str]) -> None:
        await alone(self.redis, lambda batch: self.remember_into(batch, texts))

    def remember_into(self, batch: Batch, texts: list[str]) -> Callable[[], None]:
        """`remember`, with the other commands of `batch` (bot/redis_batch.py)."""
        keys = [f"{self.prefix}sent:{fingerprint(text, self.key)}" for text in texts]

        def queue(pipe: Pipeline) -> Decode[None]:
            for key in keys:
                pipe.set(key, 1, ex=self.keep)
            return nothing

        return batch.add(queue)

    async def was_sent(self, text: str) -> bool:
        return bool(await self.redis.exists(f"{self.prefix}sent:{fingerprint(text, self.key)}"))
