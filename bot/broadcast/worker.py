"""Sender processes: claim recipients, wait for their slots in the send budget, send, record outcomes.

Any number of workers (processes, or `drain_forever` tasks inside `rahnama run` / `serve`) drain the
same jobs: claims are atomic (queue.py); every message waits for a slot of the one send budget
(bot/sending/budget.py) in its job's class, below the bot's replies, so a broadcast slows down while
a crowd is being answered and speeds up after it. Jobs are served nearest deadline first; a pending
job is started (its audience snapshotted) when it is next in line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.broadcast.jobs import KEEP_SECONDS, JobDef, active_jobs, load_job, start_job
from bot.broadcast.keys import Keys
from bot.broadcast.outcomes import Blocked, ChatNotFound, RateLimited, Rejected, Sender, Transient
from bot.broadcast.queue import RETRY, THROTTLED, Claim, RecipientQueue
from bot.config import Settings
from bot.sending import SendBudget
from bot.sending.pacing import ChatPacing
from bot.store import is_discreet
from bot.subscriptions import Subscriptions

log = logging.getLogger(__name__)

RELEASED = "released"  # waited too long for a slot: back to the job for later, nothing sent


@dataclass(frozen=True)
class EngineConfig:
    prefix: str = "rahnama:"
    rate: float = 30.0  # Telegram's limit, messages/second, for all workers together
    # The send budget paces at rate / (1 + headroom + the measured spread of round trips): Telegram (and
    # the fake) count a sliding one-second window (bot/sending/budget.py).
    headroom: float = 0.01
    concurrency: int = 32  # sends in flight per worker
    lease_seconds: float = 60.0
    max_attempts: int = 5  # network errors, timeouts, 5xx: then "failed: network"
    backoff_seconds: float = 2.0  # first retry after ~2 s, doubling up to max_backoff
    max_backoff_seconds: float = 300.0
    idle_poll: float = 0.25  # how often an idle worker looks for work
    subscription_ttl_days: int = 180

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> EngineConfig:
        config = cls(
            prefix=settings.redis_prefix,
            rate=settings.broadcast_rate,
            headroom=settings.send_headroom,
            concurrency=settings.broadcast_concurrency,
            lease_seconds=settings.broadcast_lease_seconds,
            subscription_ttl_days=settings.state_ttl_days,
        )
        return replace(config, **overrides)


class Worker:
    def __init__(
        self,
        redis: Redis,
        sender: Sender,
        config: EngineConfig | None = None,
        clock: Callable[[], float] = time.time,
        budget: SendBudget | None = None,
    ) -> None:
        config = config or EngineConfig()
        self.redis = redis
        self.sender = sender
        self.config = config
        self.clock = clock
        keys = Keys(config.prefix)
        # The process's one budget, shared with its replies (`run`, `serve`), or the worker's own.
        self._own_budget = budget is None
        self.budget = budget or SendBudget(redis, config.prefix, config.rate, config.headroom, clock)
        self.queue = RecipientQueue(redis, keys, KEEP_SECONDS)
        self.subs = Subscriptions(redis, config.prefix, timedelta(days=config.subscription_ttl_days), clock)
        self.pacing = ChatPacing(redis, config.prefix)  # one message per second per chat (pacing.py)
        self._jobs: dict[str, JobDef] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        # Recipients claimed but still waiting for a slot: about what the budget grants before the next
        # claim, so that while replies take the budget a worker does not sit on leased recipients.
        self._claim_cap = max(1, math.ceil(self.budget.effective_rate * self.budget.horizon))
        self._unslotted = 0
        self._waiting: set[asyncio.Task[Any]] = set()  # sends waiting for their first slot
        self._progress = asyncio.Event()
        # Longest wait for a slot before a recipient goes back to the job (well inside its lease).
        self._slot_timeout = max(1.0, config.lease_seconds / 3)

    async def run(self, stop: asyncio.Event) -> None:
        """Drain jobs until `stop` is set; then finish the sends already started."""
        try:
            while not stop.is_set():
                try:
                    busy = await self._dispatch(stop)
                except RedisError as error:
                    log.warning("broadcast worker: Redis error %s; retrying", type(error).__name__)
                    busy = False
                if not busy:
                    await sleep_or_stop(stop, self.config.idle_poll)
        finally:
            for task in self._waiting:  # stopping: what has no slot yet goes back to its job now
                task.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            if self._own_budget:
                await self.budget.close()

    async def _dispatch(self, stop: asyncio.Event) -> bool:
        await self._room()
        wanted = min(self.config.concurrency - len(self._tasks), self._claim_cap - self._unslotted)
        claim = await self._claim(max(1, wanted))
        if claim is None:
            return False
        job = self._jobs[claim.job_id]
        for member, tries in claim.members:
            self._spawn(self._deliver(job, claim.expiry, member, tries))
        return True

    async def _room(self) -> None:
        # Room for a batch: a quarter of the sends in flight free, and the claimed ones mostly slotted.
        wanted = max(1, self.config.concurrency // 4)
        while self._tasks and (
            self.config.concurrency - len(self._tasks) < wanted or self._unslotted >= self._claim_cap
        ):
            self._progress.clear()
            progress = asyncio.ensure_future(self._progress.wait())
            await asyncio.wait({*self._tasks, progress}, return_when=asyncio.FIRST_COMPLETED)
            progress.cancel()

    async def _claim(self, n: int) -> Claim | None:
        active = await active_jobs(self.redis, self.config.prefix)
        self._jobs = {job_id: job for job_id, job in self._jobs.items() if job_id in active}
        for job_id in active:
            job = await self._job(job_id)
            if job is not None and job.state == "pending":
                if await start_job(self.redis, self.subs, job, self.clock()):
                    log.info("broadcast %s started", job_id)
                job = await self._job(job_id)
            if job is None or job.state != "running":
                continue
            claim = await self.queue.claim(job_id, self.clock(), self.config.lease_seconds, n)
            if claim is not None:
                return claim
        return None

    async def _job(self, job_id: str) -> JobDef | None:
        # Messages never change; only a running job's definition is worth caching.
        cached = self._jobs.get(job_id)
        if cached is not None and cached.state == "running":
            return cached
        job = await load_job(self.redis, self.config.prefix, job_id)
        if job is not None:
            self._jobs[job_id] = job
        return job

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, job: JobDef, expiry: int, member: str, tries: int) -> None:
        user_id, lang = member.rsplit(":", 1)
        outcome, due = await self._send(job, int(user_id), lang, tries)
        try:
            if outcome == RELEASED:
                await self.queue.release(job.job_id, self.clock(), expiry, [member])
                return
            paced = [self.pacing.key(int(user_id))]  # a second from now for this chat, with the outcome
            await self.queue.ack(job.job_id, self.clock(), expiry, [(member, outcome, due)], paced)
            if outcome == "blocked":
                await self.subs.unsubscribe(int(user_id))
        except RedisError as error:
            # The lease will expire and the recipient be claimed again: a possible duplicate, never a loss.
            log.warning("broadcast outcome not recorded: %s", type(error).__name__)

    async def _slot(self, job: JobDef, user_id: int, first: bool) -> bool:
        """Wait for this message's slot; the first part of a message may give up and go back to the job."""
        task = asyncio.current_task()
        if first and task is not None:
            self._unslotted += 1
            self._waiting.add(task)
        try:
            timeout = self._slot_timeout if first else None
            return await self.budget.acquire(job.send_class, user_id, timeout=timeout)
        except asyncio.CancelledError:
            if not first or task is None:
                raise
            task.uncancel()  # our own stop (run): nothing was sent, the recipient is released
            return False
        finally:
            if first and task is not None:
                self._unslotted -= 1
                self._waiting.discard(task)
            self._progress.set()

    async def _send(self, job: JobDef, user_id: int, lang: str, tries: int) -> tuple[str, float]:
        """(outcome, when to try again for retries). Never raises."""
        parts = job.parts(lang, await is_discreet(self.redis, self.config.prefix, user_id))
        try:
            for i, part in enumerate(parts):
                if not await self._slot(job, user_id, first=i == 0):
                    return RELEASED, 0.0
                try:
                    with self.budget.timed():  # the budget's margin (bot/sending)
                        await self.sender.send(user_id, part)
                finally:
                    if i < len(parts) - 1:  # the next part waits a second for this chat (the budget's turn)
                        await self.pacing.mark(user_id)
            return ("sent", 0.0) if parts else ("rejected", 0.0)
        except RateLimited as error:
            await self.budget.pause(error.retry_after)
            return THROTTLED, self.clock() + error.retry_after
        except Blocked:
            return "blocked", 0.0
        except ChatNotFound:
            return "chat_not_found", 0.0
        except Rejected:
            return "rejected", 0.0
        except Transient:
            return self._retry_or_fail(tries)
        except Exception as error:  # a bug or an unexpected library error: bounded retries, never a crash
            log.warning("broadcast send failed: %s", type(error).__name__)
            return self._retry_or_fail(tries)

    def _retry_or_fail(self, tries: int) -> tuple[str, float]:
        if tries + 1 >= self.config.max_attempts:
            return "network", 0.0
        backoff = min(self.config.max_backoff_seconds, self.config.backoff_seconds * 2**tries)
        return RETRY, self.clock() + backoff * random.uniform(0.8, 1.2)  # jitter: retries do not come back in step


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    if seconds <= 0:
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=max(0.001, seconds))


async def sweep_subscriptions(redis: Redis, config: EngineConfig, stop: asyncio.Event, every: float = 3600) -> None:
    """Hourly, one process (whoever takes the lock) deletes subscriptions of people gone silent."""
    subs = Subscriptions(redis, config.prefix, timedelta(days=config.subscription_ttl_days))
    while not stop.is_set():
        try:
            if await redis.set(f"{config.prefix}subs:sweep", "1", nx=True, ex=int(every)):
                removed = await subs.expire_inactive()
                log.info("expired %d inactive subscriptions", removed)
        except RedisError as error:
            log.warning("subscription sweep failed: %s", type(error).__name__)
        await sleep_or_stop(stop, every)


async def drain_forever(
    redis: Redis,
    sender: Sender,
    settings: Settings,
    stop_event: asyncio.Event,
    budget: SendBudget | None = None,
    **overrides: Any,
) -> None:
    """Send broadcasts until `stop_event` is set (then finish the sends in flight and return).

    Start it as a task inside `rahnama run` / `serve` (with the process's `budget`, shared with its
    replies), or run it in `rahnama broadcast worker`; `overrides` replace EngineConfig fields.
    """
    config = EngineConfig.from_settings(settings, **overrides)
    sweeper = asyncio.create_task(sweep_subscriptions(redis, config, stop_event))
    try:
        await Worker(redis, sender, config, budget=budget).run(stop_event)
    finally:
        await sweeper
