"""Per-person ordering across worker processes.

Several processes behind one webhook URL may receive two updates of the same person at once.
Each update is put in that person's queue in Redis (scored by update_id); whoever holds the
person's lock drains the queue in update_id order, and the others return at once.
A crashed holder's lock expires; its queued updates are drained with the person's next update.

Two scripts make each step atomic, so an update is handled with two Redis round trips when the
person has nothing else queued (the usual case) instead of eight:
- ENTER queues the update and takes the lock if it is free; with the lock and an empty queue the
  update is handled straight from memory (it never goes to Redis), else the oldest is popped;
- NEXT pops the next update for the lock's holder, or, the queue being empty, releases the lock in
  the same step, so an update queued a moment later finds the lock free and is never stranded.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis

Handler = Callable[[dict[str, Any]], Awaitable[None]]

# KEYS: queue, lock. ARGV: payload, update_id, token, lock ms, queue ttl s.
# Returns 0: queued, someone else holds the lock; 1: ours, handle it; or the oldest queued payload.
_ENTER = """
if not redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  return 0
end
if redis.call('ZCARD', KEYS[1]) == 0 then return 1 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return redis.call('ZPOPMIN', KEYS[1])[1]
"""

# KEYS: queue, lock. ARGV: token, lock ms. Returns the next payload, or false (lock released or lost).
_NEXT = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return false end
local popped = redis.call('ZPOPMIN', KEYS[1])
if popped[1] then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return popped[1]
end
redis.call('DEL', KEYS[2])
return false
"""


class PersonQueue:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", lock_ms: int = 30_000) -> None:
        self.redis, self.prefix, self.lock_ms = redis, prefix, lock_ms
        self._enter = redis.register_script(_ENTER)
        self._next = redis.register_script(_NEXT)

    async def submit(self, person: int, update_id: int, payload: dict[str, Any], handle: Handler) -> int:
        """Queue one update and drain the person's queue if nobody else is; returns how many we handled."""
        keys = [f"{self.prefix}q:{person}", f"{self.prefix}qlock:{person}"]
        token = secrets.token_hex(8)
        member = json.dumps(payload, separators=(",", ":"))
        # Update payloads never linger in Redis longer than a day.
        entered = await self._enter(keys=keys, args=[member, update_id, token, self.lock_ms, 86400])
        if entered == 0:
            return 0  # the holder will handle ours too
        current: dict[str, Any] | None = payload if entered == 1 else json.loads(entered)
        handled = 0
        try:
            while current is not None:
                await handle(current)
                handled += 1
                current = None
                following = await self._next(keys=keys, args=[token, self.lock_ms])
                if following:
                    current = json.loads(following)
        except BaseException:
            # Leave the rest for the person's next update rather than holding the lock until it expires.
            await self.redis.eval(_RELEASE, 1, keys[1], token)
            raise
        return handled


# Compare-and-delete: release the lock only if we still hold it.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
