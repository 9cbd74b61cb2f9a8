"""Per-person ordering across worker processes, with nothing lost when a process dies.

Several processes behind one webhook URL may receive two updates of the same person at once.
Each update is put in that person's queue in Redis (scored by update_id) before Telegram is
answered; whoever holds the person's lock drains the queue in update_id order, and the others
return at once. An update leaves the queue only once it has been handled, so the webhook can
acknowledge Telegram at once while the answer waits for the send budget (bot/sending).

A process dies with the lock: the lock names its owner, each process says it is alive every few
seconds (`PersonQueue.keep_alive`), and every process looks for owners silent for longer than
`DEAD_AFTER_MS`; their people (`q:held:<owner>`) are taken over and drained from the update that
was being handled. That update is handled a second time, so what it had already sent before the
kill is sent again: a duplicate, never a loss.

Scripts make each step atomic; an update costs two round trips (ENTER, NEXT) when the person has
nothing else queued (the usual case).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[None]]

LOCK_MS = 600_000  # a last resort: a lock is normally released, or taken over from a dead owner
ALIVE_EVERY_S = 2.0
DEAD_AFTER_MS = 10_000  # an owner silent this long is dead: its people are taken over
QUEUE_TTL_S = 86400  # update payloads never linger in Redis longer than a day
NEXT_RETRY_FIRST_S, NEXT_RETRY_MAX_S = 0.1, 5.0  # a drain's step that Redis did not answer is tried again

# KEYS: queue, lock, owner's held set. ARGV: payload, update_id, owner, lock ms, queue ttl s, person.
# Returns the person's oldest queued update when we took the lock, else false (the holder has it).
_ENTER = """
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[5])
if not redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then return false end
redis.call('SADD', KEYS[3], ARGV[6])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
return redis.call('ZRANGE', KEYS[1], 0, 0)[1]
"""

# KEYS: queue, lock, owner's held set. ARGV: owner, lock ms, handled update_id, person.
# Drops the handled update; returns the next one, or false (queue empty: lock released; or lock lost).
_NEXT = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return false end
redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[3], ARGV[3])
local following = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if following then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return following
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[4])
return false
"""

# KEYS: queue, lock, dead owner's held set, our held set. ARGV: dead owner, us, lock ms, person.
# Takes a dead owner's person over; returns their oldest queued update, or false.
_TAKE_OVER = """
redis.call('SREM', KEYS[3], ARGV[4])
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return false end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if not oldest then
  redis.call('DEL', KEYS[2])
  return false
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('SADD', KEYS[4], ARGV[4])
redis.call('PEXPIRE', KEYS[4], ARGV[3])
return oldest
"""


class PersonQueue:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", lock_ms: int = LOCK_MS) -> None:
        self.redis, self.prefix, self.lock_ms = redis, prefix, lock_ms
        self.owner = secrets.token_hex(8)  # this process, as the lock holder
        self._stopping = False
        self._enter = redis.register_script(_ENTER)
        self._next = redis.register_script(_NEXT)
        self._take_over = redis.register_script(_TAKE_OVER)

    def _keys(self, person: int, owner: str | None = None) -> list[str]:
        return [f"{self.prefix}q:{person}", f"{self.prefix}qlock:{person}", self._held(owner or self.owner)]

    def _held(self, owner: str) -> str:  # set: the people whose lock this owner holds (expires with the lock)
        return f"{self.prefix}q:held:{owner}"

    @property
    def _owners(self) -> str:  # zset: owner -> when it last said it is alive (ms)
        return f"{self.prefix}q:owners"

    async def enter(self, person: int, update_id: int, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue one update; the update to handle first if we now hold the person, else None."""
        member = json.dumps(payload, separators=(",", ":"))
        args = [member, update_id, self.owner, self.lock_ms, QUEUE_TTL_S, person]
        first = await self._enter(keys=self._keys(person), args=args)
        return json.loads(first) if first else None

    async def drain(self, person: int, first: dict[str, Any], handle: Handler) -> int:
        """Handle `first` and whatever the person has queued after it, in order; how many were handled.

        A handler that raises loses only its own update (logged): the person's later ones still come."""
        current: dict[str, Any] | None = first
        handled = 0
        while current is not None:
            try:
                await handle(current)
            except Exception as error:
                log.error("update dropped after an error: %s", type(error).__name__)
            handled += 1
            following = await self._after(person, current["update_id"])
            if self._stopping:
                break  # `following` stays queued, ours until `retire` hands it to another process
            current = json.loads(following) if following else None
        return handled

    def stop_draining(self) -> None:
        """A clean stop: each drain ends after the update in hand, and stops waiting for a Redis that does
        not answer (it used to try forever, and a stop with Redis gone never ended)."""
        self._stopping = True

    async def _after(self, person: int, handled: int) -> Any:
        """NEXT for a handled update, tried until Redis answers: a drain that gave up here would keep the
        person's lock (its owner is alive, so nobody takes over) and every later update of theirs would wait
        for LOCK_MS. A slow moment (a busy machine past the client's socket timeout) must not cost that."""
        wait = NEXT_RETRY_FIRST_S
        while True:
            try:
                return await self._next(keys=self._keys(person), args=[self.owner, self.lock_ms, handled, person])
            except RedisError as error:
                if self._stopping:  # the lock expires or is taken over: that update may be handled again
                    log.warning("queue step failed (%s) while stopping; left as it is", type(error).__name__)
                    return None
                log.warning("queue step failed (%s); again in %.1f s", type(error).__name__, wait)
            await asyncio.sleep(wait)
            wait = min(wait * 2, NEXT_RETRY_MAX_S)

    async def submit(self, person: int, update_id: int, payload: dict[str, Any], handle: Handler) -> int:
        """Queue one update and drain the person's queue if nobody else is; returns how many we handled."""
        first = await self.enter(person, update_id, payload)
        return 0 if first is None else await self.drain(person, first, handle)

    # --- a process that died ---------------------------------------------------------------------------

    async def alive(self) -> None:
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.zadd(self._owners, {self.owner: int(time.time() * 1000)})
            pipe.expire(self._owners, QUEUE_TTL_S)  # process ids only; gone a day after the last process
            await pipe.execute()

    async def take_over_dead(self) -> list[tuple[int, dict[str, Any]]]:
        """Take over the people of owners silent for DEAD_AFTER_MS: (person, first update) to drain."""
        silent_since = int(time.time() * 1000) - DEAD_AFTER_MS
        taken: list[tuple[int, dict[str, Any]]] = []
        for dead in await self.redis.zrangebyscore(self._owners, "-inf", silent_since):
            for person in await self.redis.smembers(self._held(dead)):
                keys = [*self._keys(int(person))[:2], self._held(dead), self._held(self.owner)]
                oldest = await self._take_over(keys=keys, args=[dead, self.owner, self.lock_ms, person])
                if oldest:
                    taken.append((int(person), json.loads(oldest)))
            if not await self.redis.scard(self._held(dead)):
                await self.redis.zrem(self._owners, dead)
        if taken:
            log.warning("took over %d people from a process that stopped", len(taken))
        return taken

    async def keep_alive(self, handle: Handler, stop: asyncio.Event) -> None:
        """Say this process is alive, and drain the people of processes that are not, until `stop`."""
        drains: set[asyncio.Task[int]] = set()
        while not stop.is_set():
            try:
                await self.alive()
                for person, first in await self.take_over_dead():
                    drain = asyncio.create_task(self.drain(person, first, handle))
                    drains.add(drain)
                    drain.add_done_callback(drains.discard)
            except RedisError as error:
                log.warning("ordering keep-alive failed: %s", type(error).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), ALIVE_EVERY_S)
        if drains:
            await asyncio.gather(*drains, return_exceptions=True)

    async def retire(self) -> None:
        """A clean stop: this owner is gone, whatever it still holds is anyone's at once."""
        with contextlib.suppress(RedisError):
            await self.redis.zadd(self._owners, {self.owner: 0})
