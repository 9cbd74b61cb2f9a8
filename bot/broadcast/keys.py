"""Redis key names of the broadcast engine, in one place (prefix `rahnama:` by default)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    prefix: str = "rahnama:"

    @property
    def seq(self) -> str:  # INCR: job ids
        return f"{self.prefix}bc:seq"

    @property
    def active(self) -> str:  # zset: pending and running jobs, score = planner priority
        return f"{self.prefix}bc:active"

    @property
    def all(self) -> str:  # zset: every kept job, score = created
        return f"{self.prefix}bc:all"


@dataclass(frozen=True)
class JobKeys:
    prefix: str
    job_id: str

    def _k(self, part: str) -> str:
        return f"{self.prefix}bc:job:{self.job_id}{part}"

    @property
    def job(self) -> str:  # hash: definition, messages, state, timestamps, counters
        return self._k("")

    @property
    def todo(self) -> str:  # list of "user_id:lang": the snapshot not yet claimed
        return self._k(":todo")

    @property
    def retry(self) -> str:  # zset member -> time (ms) it may be tried again
        return self._k(":retry")

    @property
    def lease(self) -> str:  # zset member -> lease expiry (ms): claimed by a worker, in flight
        return self._k(":lease")

    @property
    def out(self) -> str:  # hash member -> outcome code: per-recipient final state
        return self._k(":out")

    @property
    def tries(self) -> str:  # hash member -> failed network attempts so far
        return self._k(":tries")

    @property
    def starting(self) -> str:  # lock held by the worker that materialises the snapshot
        return self._k(":starting")

    def all(self) -> list[str]:
        return [self.job, self.todo, self.retry, self.lease, self.out, self.tries, self.starting]
