"""Per-person ordering across worker processes.

Several processes behind one webhook URL may receive two updates of the same person at once.
Each update is put in that person's queue in Redis (scored by update_id); whoever holds the
person's lock drains the queue in update_id order, and the others return at once. After
releasing the lock the holder looks again, so an update queued in that instant is not stranded.
A crashed holder's lock expires; its queued updates are drained with the person's next update.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis

Handler = Callable[[dict[str, Any]], Awaitable[None]]

# Compare-and-delete: release the lock only if we still hold it.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class PersonQueue:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", lock_ms: int = 30_000) -> None:
        self.redis, self.prefix, self.lock_ms = redis, prefix, lock_ms
        self._release = redis.register_script(_RELEASE)

    async def submit(self, person: int, update_id: int, payload: dict[str, Any], handle: Handler) -> int:
        """Queue one update and drain the person's queue if nobody else is; returns how many we handled."""
        queue = f"{self.prefix}q:{person}"
        await self.redis.zadd(queue, {json.dumps(payload, separators=(",", ":")): update_id})
        await self.redis.expire(queue, 86400)  # update payloads never linger longer than a day
        handled = 0
        while True:
            token = secrets.token_hex(8)
            lock = f"{self.prefix}qlock:{person}"
            if not await self.redis.set(lock, token, nx=True, px=self.lock_ms):
                return handled  # the holder will handle ours too
            try:
                handled += await self._drain(queue, lock, token, handle)
            finally:
                await self._release(keys=[lock], args=[token])
            if not await self.redis.zcard(queue):
                return handled

    async def _drain(self, queue: str, lock: str, token: str, handle: Handler) -> int:
        handled = 0
        while popped := await self.redis.zpopmin(queue, 1):
            member, _ = popped[0]
            await self.redis.pexpire(lock, self.lock_ms)
            await handle(json.loads(member))
            handled += 1
        return handled
