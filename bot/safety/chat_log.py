"""Message ids of a private chat, so "Clear this chat" can delete them from the phone.

Telegram lets a bot delete messages in a private chat (its own and the person's) for 48 hours,
so ids are kept exactly that long and no more; nothing but the ids is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.redis_batch import Batch, Decode, alone, nothing

DELETABLE_FOR = timedelta(hours=48)
KEEP_AT_MOST = 1000  # a person does not need more cleared; it bounds memory per chat


class ChatLog:
    def __init__(self, redis: Redis, prefix: str = "rahnama:") -> None:
        self.redis, self.prefix = redis, prefix

    def _key(self, chat_id: int) -> str:
        return f"{self.prefix}msgs:{chat_id}"

    async def add(self, chat_id: int, message_ids: list[int], now_s: float) -> None:
        await alone(self.redis, lambda batch: self.add_into(batch, chat_id, message_ids, now_s))

    def add_into(self, batch: Batch, chat_id: int, message_ids: list[int], now_s: float) -> Callable[[], None]:
        """`add`, with the other commands of `batch` (bot/redis_batch.py)."""
        key = self._key(chat_id)

        def queue(pipe: Pipeline) -> Decode[None]:
            if not message_ids:
                return nothing
            pipe.zadd(key, {str(mid): now_s for mid in message_ids})
            pipe.zremrangebyscore(key, "-inf", now_s - DELETABLE_FOR.total_seconds())
            pipe.zremrangebyrank(key, 0, -KEEP_AT_MOST - 1)
            pipe.expire(key, DELETABLE_FOR)
            return nothing

        return batch.add(queue)

    async def take(self, chat_id: int, now_s: float) -> list[int]:
        """The ids still deletable, oldest first; the record is emptied."""
        key = self._key(chat_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrangebyscore(key, now_s - DELETABLE_FOR.total_seconds(), "+inf")
            pipe.delete(key)
            ids, _ = await pipe.execute()
        return [int(i) for i in ids]

    async def forget(self, chat_id: int) -> None:
        await self.redis.delete(self._key(chat_id))
