"""One send budget in Redis for every process: a token bucket, priority classes and the 429 pause.

Each process has one `SendBudget`. Its senders wait in local queues, one per class (SendClass), in
arrival order; a single dispatcher task asks Redis for slots on their behalf, highest class first,
with one Lua script call for up to `BATCH` waiters. The script (atomic, so any number of processes
share it):

- refills the bucket: at most one token, so never a burst (Telegram counts a sliding one-second
  window); a caller may take slots up to `horizon` ahead and is told how long to wait for each,
  so one late wake-up costs nobody a slot;
- records what this process has waiting per class (`send:want:<class>`, expiring in a second, so a
  dead process's demand goes by itself) and grants a class only while no other process waits in a
  higher one: lower classes take only what higher ones leave;
- keeps each class's floor (classes.FLOORS): a class that has had nothing for 1/floor seconds gets
  one slot anyway, one slot past the horizon, so nothing waits for good and nobody loses a slot (each
  class's oldest waiter is always among those offered);
- takes the chat's turn for paced classes (bot/sending/pacing.py) in the same step, so a slot never
  goes to a chat that must wait, and marks the chat for classes that do not wait;
- honours the pause: a 429's `retry_after`, set by whichever process saw it, holds every process.

The spacing adapts to the round trip. Telegram stamps a message when it arrives, we when we send it; if
one message is delayed by more than the spacing leaves spare against a message a second later, both fall
in the same second and the 31st is refused. So the budget paces at rate / (1 + margin): the margin is the
headroom (SEND_HEADROOM, for what no round trip shows: clocks, the way out against the way back) plus how
much the round trips of a process's recent sends varied (newest `SPREAD_SAMPLES`, at most `SPREAD_CAP`);
the widest margin any process reports holds for all of them for `MARGIN_HOLD_S`:
a quiet line keeps nearly the whole rate, a busy or distant one gives up as much as it wobbles. (In the
crowd benchmark the fixed 1.5% drew 429s whenever the loaded machine's round trips varied by more.)

If Redis fails, waiters are let through (a reply matters more than the budget): Telegram's own 429s
and their retries are then the only brake, as before the budget existed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.sending.classes import FLOORS, SendClass
from bot.sending.pacing import IN_FLIGHT_MS, SPACING_MS, ChatPacing

log = logging.getLogger(__name__)

BATCH = 16  # waiters offered to Redis per call
DEMAND_TTL_MS = 1000  # a process's recorded demand lapses this long after its last call
PRIORITY_POLL = 0.02  # seconds: how soon a process held back by another's higher class asks again
# A message sent later than its slot (a busy event loop, a collection) would arrive closer than 1/rate
# to the messages after it, and Telegram's sliding window counts it with the next second's. Lateness
# beyond this is taken from the bucket, so the slots after it move back by as much.
LATE_S = 0.010  # within the headroom (15 ms at 30/s): only lateness past it is charged
CLASSES = tuple(SendClass)
SPREAD_SAMPLES = 60  # round trips the margin looks at: about two seconds of sending at full rate
SPREAD_CAP = 0.25  # never slower than rate / 1.25, whatever one stalled request took
MARGIN_HOLD_S = 2.0  # the widest margin a process reports holds for every process this long (it reports on
# every call while its own round trips still show the wobble)
# How late this task used its last slot (acquire sets it, round_trip reads it: the same task).
_lateness: ContextVar[float] = ContextVar("send_lateness", default=0.0)

# KEYS: bucket, pause, want:0..4, then one chat key per candidate. ARGV: now (µs), rate (/s), horizon (µs),
# process id, demand ttl (ms), in-flight (ms), candidates n, waiting per class ×5, floor per class ×5,
# lateness (µs: slots this process used late, taken from the bucket), this process's margin, how long the
# widest margin holds (µs), then per candidate: class, mode
# ('p' paced: take the chat's turn; 'm' mark it; '-' no chat).
# Returns {status, wait (ms), result per candidate}: status 1, or -1 paused (wait = its ms left); a
# result ≥ 0 is the grant's delay (µs), -1 not now (wait > 0: for a token; 0: a higher class elsewhere),
# ≤ -2: the chat is busy for (-result - 2) ms.
_ACQUIRE = """
local now, horizon = tonumber(ARGV[1]), tonumber(ARGV[3])
local pid, ttl, inflight, n = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local late, mine, hold = tonumber(ARGV[18]), tonumber(ARGV[19]), tonumber(ARGV[20])
local nowms = math.floor(now / 1000)
local want, floors, others, first_other = {}, {}, {}, 5
for c = 0, 4 do
  want[c], floors[c] = tonumber(ARGV[8 + c]), tonumber(ARGV[13 + c])
  local key = KEYS[3 + c]
  redis.call('ZREMRANGEBYSCORE', key, '-inf', nowms)
  local count = redis.call('ZCARD', key)
  if redis.call('ZSCORE', key, pid) then count = count - 1 end
  if count > 0 and first_other == 5 then first_other = c end
end
local function record_demand()
  for c = 0, 4 do
    if want[c] > 0 then
      redis.call('ZADD', KEYS[3 + c], nowms + ttl, pid)
      redis.call('PEXPIRE', KEYS[3 + c], 60000)
    else redis.call('ZREM', KEYS[3 + c], pid) end
  end
end
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then
  record_demand()
  return {-1, paused}
end
local b = redis.call('HMGET', KEYS[1], 't', 'ts', 'g0', 'g1', 'g2', 'g3', 'g4', 'm', 'mu')
-- The widest margin any process saw holds for everyone for `hold` µs: a message of one process that arrives
-- late shares Telegram's second with the others' messages, whose own round trips may be quiet.
local margin, margin_until = tonumber(b[8]) or 0, tonumber(b[9]) or 0
if margin_until <= now or mine >= margin then margin, margin_until = mine, now + hold end
local rate = tonumber(ARGV[2]) / (1 + margin) / 1e6
local tokens, ts = tonumber(b[1]) or 1, tonumber(b[2]) or now
if now > ts then
  tokens = math.min(1, tokens + (now - ts) * rate)
  ts = now
end
-- A caller whose call reached Redis after a later caller's (its `now` is behind the bucket's time)
-- counts its delays from the bucket's time, or its slots would fall before ones already given.
local behind = ts - now
tokens = tokens - late * rate
local last = {}
for c = 0, 4 do last[c] = tonumber(b[3 + c]) or 0 end
local floor = -rate * horizon
local reply = {1, 0}
local short = false
for i = 1, n do
  local c, mode, key = tonumber(ARGV[19 + 2 * i]), ARGV[20 + 2 * i], KEYS[7 + i]
  local result = -1
  local owed = floors[c] > 0 and now - last[c] >= 1e6 / floors[c]
  if c > first_other and not owed then
    result = -1
  elseif tokens - 1 < floor - (owed and 1 or 0) then
    short = true
  else
    local busy = (mode == 'p') and redis.call('PTTL', key) or -2
    if busy > 0 then
      result = -2 - busy
    else
      local delay = behind + math.max(0, math.ceil((1 - tokens) / rate))
      tokens = tokens - 1
      last[c] = now
      want[c] = math.max(0, want[c] - 1)
      if mode ~= '-' then redis.call('SET', key, '1', 'PX', inflight + math.ceil(delay / 1000)) end
      result = delay
    end
  end
  reply[#reply + 1] = result
end
if short then reply[2] = math.max(1, math.ceil((behind + (floor + 1 - tokens) / rate) / 1000)) end
record_demand()
local function us(x) return string.format('%.0f', x) end  -- tostring keeps 14 digits: not µs
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', us(ts), 'm', tostring(margin), 'mu', us(margin_until),
  'g0', us(last[0]), 'g1', us(last[1]), 'g2', us(last[2]), 'g3', us(last[3]), 'g4', us(last[4]))
redis.call('PEXPIRE', KEYS[1], 3600000)
return reply
"""

# KEYS: pause key. ARGV: ms. Lengthens the pause, never shortens one another process set.
_PAUSE = """
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
"""


class BudgetObserver(Protocol):
    """Told about waits and 429s (Prometheus in the web server); must not block or raise."""

    def waited(self, send_class: SendClass, seconds: float) -> None: ...

    def rate_limited(self, seconds: float) -> None: ...


@dataclass(frozen=True)
class BudgetKeys:
    """The budget's Redis keys, in one place."""

    prefix: str = "rahnama:"

    @property
    def bucket(self) -> str:  # hash: tokens, timestamp, last grant per class (µs)
        return f"{self.prefix}send:bucket"

    @property
    def pause(self) -> str:  # string with a PX expiry: a 429 told everyone to wait
        return f"{self.prefix}send:pause"

    def want(self, send_class: SendClass) -> str:  # zset: process id -> when its demand lapses (ms)
        return f"{self.prefix}send:want:{int(send_class)}"


@dataclass(eq=False)
class _Waiter:
    send_class: SendClass
    chat_id: int | None
    since: float
    future: asyncio.Future[float]
    ready_at: float = 0.0  # monotonic: its chat is busy until then
    due: float = 0.0  # monotonic: when its slot is


@dataclass
class SendBudget:
    redis: Redis
    prefix: str = "rahnama:"
    rate: float = 30.0  # messages/second for every process together (BROADCAST_RATE)
    # The part of the margin no round trip shows (module docstring): 10 ms a second. With the spread of a
    # quiet line (3–6 ms) the bucket runs at ~29.5/s; the crowd benchmark drew no 429 at 0.01 or 0.015.
    headroom: float = 0.01  # SEND_HEADROOM
    clock: Callable[[], float] = time.time
    observer: BudgetObserver | None = None
    process_id: str = field(default_factory=lambda: secrets.token_hex(6))

    def __post_init__(self) -> None:
        self.keys = BudgetKeys(self.prefix)
        self.pacing = ChatPacing(self.redis, self.prefix)
        self._round_trips: deque[float] = deque(maxlen=SPREAD_SAMPLES)
        # Slots are taken about two intervals ahead (at least 50 ms) so one late wake-up costs nothing.
        self.horizon = max(2.0 / self.effective_rate, 0.05)
        self._acquire = self.redis.register_script(_ACQUIRE)
        self._pause = self.redis.register_script(_PAUSE)
        self._queues: dict[SendClass, deque[_Waiter]] = {c: deque() for c in CLASSES}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._paused_until = 0.0
        self._late_us = 0  # lateness not yet told to Redis

    @property
    def margin(self) -> float:
        """The share of a second kept spare against round-trip jitter (module docstring)."""
        trips = self._round_trips
        spread = max(trips) - min(trips) if len(trips) > 1 else 0.0
        return self.headroom + min(spread, SPREAD_CAP)

    @property
    def effective_rate(self) -> float:
        return self.rate / (1 + self.margin)

    # --- what senders call ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def timed(self) -> Iterator[None]:
        """Wrap the request of a message sent in a slot: its round trip, when Telegram answers, feeds the margin.
        (A failed request says nothing about the line's wobble: a timeout would only slow everyone.)"""
        began = time.monotonic()
        yield
        self.round_trip(time.monotonic() - began)

    def round_trip(self, seconds: float) -> None:
        """A message sent in a slot of this budget got Telegram's answer (or an error) `seconds` after the
        slot was handed over (call it from the task that called `acquire`). How late the slot was used counts
        too: a message sent late arrives late."""
        self._round_trips.append(seconds + _lateness.get())

    async def acquire(self, send_class: SendClass, chat_id: int | None, timeout: float | None = None) -> bool:
        """Wait for a slot for one message to `chat_id`; False if `timeout` passed first (nothing taken)."""
        loop = asyncio.get_running_loop()
        waiter = _Waiter(send_class, chat_id, time.monotonic(), loop.create_future())
        self._queues[send_class].append(waiter)
        self._start(loop)
        self._wake.set()
        try:
            async with asyncio.timeout(timeout):  # not wait_for: see _dispatch
                delay = await asyncio.shield(waiter.future)
        except TimeoutError:
            if not waiter.future.done():
                self._drop(waiter)
                return False
            delay = waiter.future.result()  # granted in the same moment: use it
        except asyncio.CancelledError:
            self._drop(waiter)  # granted meanwhile: that one slot goes unused
            raise
        if delay > 0:  # the slot was counted from when we asked: wait until then, not `delay` from now
            await asyncio.sleep(max(0.0, waiter.due - time.monotonic()))
        late = time.monotonic() - waiter.due
        _lateness.set(max(0.0, late))  # part of this send's round trip (round_trip)
        if late > LATE_S:
            self._late_us += int((late - LATE_S) * 1e6)
            self._wake.set()
        if self.observer is not None:
            self.observer.waited(send_class, time.monotonic() - waiter.since)
        return True

    def _drop(self, waiter: _Waiter) -> None:
        if not waiter.future.done():
            waiter.future.cancel()
        with contextlib.suppress(ValueError):
            self._queues[waiter.send_class].remove(waiter)

    async def pause(self, seconds: float) -> None:
        """Everyone, in every process, stops sending for `seconds` (Telegram's retry_after)."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        if self.observer is not None:
            self.observer.rate_limited(seconds)
        try:
            await self._pause(keys=[self.keys.pause], args=[max(1, int(seconds * 1000))])
        except RedisError as error:
            log.warning("send pause not shared: %s", type(error).__name__)

    async def paused_for(self) -> float:
        return max(0, int(await self.redis.pttl(self.keys.pause))) / 1000

    def waiting(self, send_class: SendClass) -> int:
        """Senders of this process waiting for a slot (the metrics' gauge)."""
        return len(self._queues[send_class])

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])  # raises nothing of the task's, and lets our own cancellation through

    # --- the dispatcher ------------------------------------------------------------------------------

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._wake = asyncio.Event()
            self._task = loop.create_task(self._dispatch(), name="send-budget")

    async def _dispatch(self) -> None:
        while True:
            try:
                wait = await self._round()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # never leave senders waiting on a dead dispatcher
                log.error("send budget failed: %s", type(error).__name__)
                wait = 0.1
            self._wake.clear()
            if wait is None or wait > 0:
                # Not asyncio.wait_for: on Python 3.11, woken and cancelled in the same moment, it returns
                # and the cancellation is lost (python/cpython#86296): the dispatcher ran on forever.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(wait):
                        await self._wake.wait()

    def _ready(self, now: float) -> tuple[list[_Waiter], list[int], float | None]:
        """Up to BATCH waiters whose chats are free, highest class first; how many are ready per class;
        and when the next busy one becomes ready."""
        ready: list[_Waiter] = []
        counts = [0] * len(CLASSES)
        soonest: float | None = None
        for send_class in CLASSES:
            queue = self._queues[send_class]
            while queue and queue[0].future.done():
                queue.popleft()
            for waiter in queue:
                if waiter.ready_at > now:
                    soonest = waiter.ready_at if soonest is None else min(soonest, waiter.ready_at)
                    continue
                counts[send_class] += 1
                # Each class's oldest is offered even past BATCH: it may be owed its floor.
                if len(ready) < BATCH or counts[send_class] == 1:
                    ready.append(waiter)
        return ready, counts, soonest

    async def _round(self) -> float | None:
        """One call to Redis for the waiters ready now; returns how long to sleep (None: until woken)."""
        now = time.monotonic()
        if now < self._paused_until:
            return self._paused_until - now
        ready, counts, soonest = self._ready(now)
        if not ready and not self._late_us:
            return None if soonest is None else max(0.001, soonest - now)
        keys = [self.keys.bucket, self.keys.pause, *(self.keys.want(c) for c in CLASSES)]
        args: list[str | int] = [int(self.clock() * 1e6), repr(self.rate), int(self.horizon * 1e6)]
        args += [self.process_id, DEMAND_TTL_MS, IN_FLIGHT_MS, len(ready), *counts]
        args += [repr(FLOORS[c]) for c in CLASSES]
        late, self._late_us = self._late_us, 0
        args += [late, repr(self.margin), int(MARGIN_HOLD_S * 1e6)]
        for waiter in ready:
            chat = waiter.chat_id
            keys.append(self.pacing.key(chat) if chat is not None else self.keys.bucket)
            args += [int(waiter.send_class), "-" if chat is None else ("p" if waiter.send_class.paced else "m")]
        try:
            reply = await self._acquire(keys=keys, args=args)
        except RedisError as error:
            self._late_us += late  # fail open: answer people rather than wait for Redis
            log.warning("send budget unavailable (%s): sending without it", type(error).__name__)
            for waiter in ready:
                if not waiter.future.done():
                    waiter.due = time.monotonic()
                    waiter.future.set_result(0.0)
            return 0.5 if len(ready) == BATCH else 0
        status, wait_ms = int(reply[0]), int(reply[1])
        if status == -1:
            self._paused_until = time.monotonic() + wait_ms / 1000
            return wait_ms / 1000
        held_back = False
        for waiter, result in zip(ready, reply[2:], strict=True):
            result = int(result)
            if result >= 0:
                with contextlib.suppress(ValueError):
                    self._queues[waiter.send_class].remove(waiter)
                if not waiter.future.done():
                    waiter.due = now + result / 1e6
                    waiter.future.set_result(result / 1e6)
            elif result <= -2:
                waiter.ready_at = now + (-result - 2) / 1000
            else:
                held_back = True
        if wait_ms > 0:
            return wait_ms / 1000
        if not ready:
            return None if soonest is None else max(0.001, soonest - now)
        return PRIORITY_POLL if held_back else 0


__all__ = ["IN_FLIGHT_MS", "SPACING_MS", "BudgetKeys", "BudgetObserver", "SendBudget"]
