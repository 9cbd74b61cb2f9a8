"""Per-person flood control, shared by every worker through Redis.

Fixed windows (default 20 updates per 10 s): cheap (one INCR per update) and good enough to
stop a stuck client or a script; the first update over the limit gets one polite notice, the
rest of that window is ignored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.redis_batch import Batch, alone


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # the first update over the limit: tell the person once
    DROP = "drop"


class FloodGate:
    def __init__(
        self,
        redis: Redis,
        prefix: str = "rahnama:",
        limit: int = 20,
        window_s: int = 10,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.redis, self.prefix, self.limit, self.window_s, self.clock = redis, prefix, limit, window_s, clock

    async def forget(self, user_id: int | str) -> None:
        window = int(self.clock() // self.window_s)
        await self.redis.delete(*(f"{self.prefix}flood:{user_id}:{w}" for w in (window - 1, window)))

    async def check(self, user_id: int | str) -> Verdict:
        return await alone(self.redis, lambda batch: self.check_into(batch, user_id))

    def check_into(self, batch: Batch, user_id: int | str) -> Callable[[], Verdict]:
        """Count this update in the person's window, with the other commands of `batch` (redis_batch.py)."""
        key = f"{self.prefix}flood:{user_id}:{int(self.clock() // self.window_s)}"

        def queue(pipe: Pipeline) -> Callable[[list[int]], Verdict]:
            pipe.incr(key)
            pipe.expire(key, self.window_s * 2)
            return lambda replies: self._verdict(replies[0])

        return batch.add(queue)

    def _verdict(self, count: int) -> Verdict:
        if count <= self.limit:
            return Verdict.ALLOW
        return Verdict.NOTIFY if count == self.limit + 1 else Verdict.DROP
