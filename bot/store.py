"""The one place that talks to Redis: per-user conversation state.

With REDIS_URL unset we use an embedded in-process Redis (fakeredis), so `rahnama chat` and
`make run` need no server, and there is still only one code path. Nothing is cached in the
process: every update reads the state afresh, so a second worker sees the same person.
"""

from __future__ import annotations

from datetime import timedelta

import fakeredis
from redis.asyncio import Redis

from bot.conversation.state import UserState


def connect(url: str | None) -> Redis:
    """A Redis client for REDIS_URL, or the embedded store when there is none."""
    if url:
        return Redis.from_url(url, decode_responses=True)
    return fakeredis.FakeAsyncRedis(decode_responses=True)


class StateStore:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", ttl: timedelta = timedelta(days=180)) -> None:
        self.redis = redis
        self.prefix = prefix
        self.ttl = ttl

    def _key(self, user_id: int | str) -> str:
        return f"{self.prefix}user:{user_id}"

    async def load(self, user_id: int | str) -> UserState:
        record = await self.redis.hgetall(self._key(user_id))
        return UserState.from_record(record) if record else UserState()

    async def save(self, user_id: int | str, state: UserState) -> None:
        key = self._key(user_id)
        # One transaction: the old fields go, the new ones arrive, and the inactivity clock restarts.
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            pipe.hset(key, mapping=state.to_record())
            pipe.expire(key, self.ttl)
            await pipe.execute()

    async def forget(self, user_id: int | str) -> None:
        await self.redis.delete(self._key(user_id))
