"""Deadlines and rates: when a broadcast must start, which goes first, who would be reached late.

Pure functions: the worker orders jobs with `priority`, the CLI reports with `plan`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# Jobs without a deadline sort after every job with one (1e11 s is the year 5138), oldest first.
NO_DEADLINE = 1e11
# Spare time for retries, 429 pauses and multi-part messages: start this much earlier than the bare estimate.
DEFAULT_MARGIN = 0.1


def priority(not_after: float | None, created: float) -> float:
    """Score in the active-jobs zset: the nearest deadline is served first, then the oldest job."""
    return not_after if not_after is not None else NO_DEADLINE + created


def send_duration(recipients: int, rate: float, parts: float = 1.0) -> timedelta:
    """Time to send `parts` messages to each recipient at `rate` messages/second."""
    return timedelta(seconds=recipients * parts / rate)


def latest_safe_start(
    not_after: datetime, recipients: int, rate: float, *, ahead: int = 0, margin: float = DEFAULT_MARGIN
) -> datetime:
    """The last moment to start so that everyone hears before `not_after`.

    `ahead` counts recipients of jobs with nearer deadlines, which share the same rate and go first.
    """
    return not_after - send_duration(recipients + ahead, rate) * (1 + margin)


@dataclass(frozen=True)
class PlannedJob:
    job_id: str
    remaining: int
    created: datetime
    not_after: datetime | None = None
    parts: float = 1.0  # messages per recipient


@dataclass(frozen=True)
class Projection:
    job_id: str
    starts: datetime
    finishes: datetime
    late: int  # recipients who would not be reached before not_after (they are not sent at all)


def plan(jobs: Iterable[PlannedJob], rate: float, now: datetime) -> list[Projection]:
    """Project jobs sent one after another at `rate`, nearest deadline first."""

    def key(job: PlannedJob) -> float:
        return priority(job.not_after.timestamp() if job.not_after else None, job.created.timestamp())

    projections, t = [], now
    for job in sorted(jobs, key=key):
        finishes = t + send_duration(job.remaining, rate, job.parts)
        late = 0
        if job.not_after is not None and finishes > job.not_after:
            window = max(0.0, (job.not_after - t).total_seconds())
            late = job.remaining - min(job.remaining, int(window * rate / job.parts))
            finishes = max(t, job.not_after)  # sending stops at the deadline
        projections.append(Projection(job.job_id, t, finishes, late))
        t = finishes
    return projections
