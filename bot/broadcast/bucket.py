"""One token bucket in Redis shared by every sender process, plus the global 429 pause.

The bucket holds at most one token (no bursts: Telegram counts messages on a sliding one-second
window, so a burst over the rate is a 429). A caller may reserve tokens up to `horizon` ahead: it
is told how long to wait for each one and sleeps locally. Because the next slot is computed on
the bucket's timeline, a caller that wakes up a millisecond late does not lose that millisecond
for everyone, which is what makes 98% of the limit reachable without ever exceeding it.

A 429 sets the pause key for `retry_after`; while it exists the bucket grants nothing to anyone.
Slots reserved before the pause (at most `horizon` of sending) may still go out; they get a 429
in turn and are retried.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from redis.asyncio import Redis

from bot.broadcast.keys import Keys

# KEYS: bucket hash, pause key. ARGV: now (µs), rate (tokens/s), capacity, wanted, horizon (µs).
# Returns {granted, wait_ms, delay_us...}: the wait is for the next token when none was granted.
_RESERVE = """
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused} end
local now, rate, cap = tonumber(ARGV[1]), tonumber(ARGV[2]) / 1e6, tonumber(ARGV[3])
local want, horizon = tonumber(ARGV[4]), tonumber(ARGV[5])
local b = redis.call('HMGET', KEYS[1], 't', 'ts')
local tokens, ts = tonumber(b[1]) or cap, tonumber(b[2]) or now
if now > ts then
  tokens = math.min(cap, tokens + (now - ts) * rate)
  ts = now
end
local floor = -rate * horizon
local granted = math.max(0, math.min(want, math.floor(tokens - floor)))
local reply = {granted, 0}
for i = 0, granted - 1 do
  reply[#reply + 1] = math.max(0, math.ceil((i + 1 - tokens) / rate))
end
tokens = tokens - granted
if granted == 0 then reply[2] = math.ceil((floor + 1 - tokens) / rate / 1000) end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], 3600000)
return reply
"""

# KEYS: pause key. ARGV: ms. Lengthens the pause, never shortens one another worker set.
_PAUSE = """
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
"""


@dataclass(frozen=True)
class Reservation:
    delays: list[float]  # seconds from now until each granted token may be used
    wait: float  # when nothing was granted: seconds until asking again makes sense


class TokenBucket:
    def __init__(
        self, redis: Redis, keys: Keys, rate: float, clock: Callable[[], float] = time.time, capacity: float = 1.0
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.rate = rate
        self.capacity = capacity
        self.clock = clock
        # Reserve about two sending intervals ahead (at least 50 ms) so one late wake-up costs nothing.
        self.horizon = max(2.0 / rate, 0.05)
        self._reserve = redis.register_script(_RESERVE)
        self._pause = redis.register_script(_PAUSE)

    async def reserve(self, wanted: int) -> Reservation:
        args = [int(self.clock() * 1e6), repr(self.rate), repr(self.capacity), wanted, int(self.horizon * 1e6)]
        reply = await self._reserve(keys=[self.keys.bucket, self.keys.pause], args=args)
        granted, wait_ms = int(reply[0]), int(reply[1])
        return Reservation([int(d) / 1e6 for d in reply[2 : 2 + granted]], wait_ms / 1000)

    async def pause(self, seconds: float) -> None:
        """Everyone stops sending for `seconds` (Telegram's retry_after)."""
        await self._pause(keys=[self.keys.pause], args=[max(1, int(seconds * 1000))])

    async def paused_for(self) -> float:
        ms = await self.redis.pttl(self.keys.pause)
        return max(0, int(ms)) / 1000
