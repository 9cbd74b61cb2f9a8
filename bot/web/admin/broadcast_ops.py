"""Broadcasts for staff: create (validated like the CLI), list, progress, cancel; reminders; audience counts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.broadcast.jobs import cancel_job, create_job, job_status
from bot.broadcast.keys import Keys
from bot.broadcast.progress import estimates
from bot.domain import CATEGORIES, LANGUAGES
from bot.reminders import Reminders
from bot.subscriptions import Subscriptions
from bot.web.admin.models import (
    BLANKS,
    Audience,
    AudienceRow,
    BroadcastCreate,
    BroadcastStatus,
    ReminderSchedule,
    ScheduledReminder,
)
from bot.web.admin.services import AdminServices

LIST_LIMIT = 50  # the newest jobs; jobs are kept a week after they end


class BroadcastRefused(ValueError):
    """The request is well-formed but cannot be done now (e.g. a deadline already past)."""


async def create_broadcast(services: AdminServices, request: BroadcastCreate) -> BroadcastStatus:
    now = services.clock()
    if request.not_after is not None and request.not_after <= now:
        raise BroadcastRefused("not_after is in the past: nobody would be sent anything")
    if request.not_before and request.not_after and request.not_after <= request.not_before:
        raise BroadcastRefused("not_after must be later than not_before")
    job_id = await create_job(
        services.redis, services.prefix, request.categories, request.languages,
        {lang.value: text.strip(BLANKS) for lang, text in request.messages.items()}, now=now.timestamp(),
        not_after=request.not_after.timestamp() if request.not_after else None,
        not_before=request.not_before.timestamp() if request.not_before else None,
    )  # fmt: skip
    status = await broadcast_status(services, job_id)
    assert status is not None  # just written
    return status


async def broadcast_status(services: AdminServices, job_id: str) -> BroadcastStatus | None:
    if not job_id.isdigit():
        return None
    raw = await job_status(services.redis, services.prefix, job_id)
    if raw is None:
        return None
    return _status(raw, services.settings.broadcast_rate, services.clock().timestamp())


def _status(raw: dict[str, Any], rate: float, now: float) -> BroadcastStatus:
    raw = raw | estimates(raw, rate, now)
    total = raw["total"]
    progress = 0.0 if total is None else 1.0 if total == 0 else max(0.0, min(1.0, 1 - raw["remaining"] / total))
    if raw["state"] in ("done", "cancelled"):
        progress = 1.0
    times = {k: _moment(raw[k]) for k in ("created", "started", "finished", "not_before", "not_after")}
    return BroadcastStatus.model_validate(raw | times | {"progress": progress})


def _moment(seconds: float | None) -> datetime | None:
    return datetime.fromtimestamp(seconds, UTC) if seconds is not None else None


async def list_broadcasts(services: AdminServices, limit: int = LIST_LIMIT) -> list[BroadcastStatus]:
    """Newest first; jobs whose record expired are skipped."""
    ids = await services.redis.zrevrange(Keys(services.prefix).all, 0, limit - 1)
    found = [await broadcast_status(services, job_id) for job_id in ids]
    return [status for status in found if status is not None]


async def cancel_broadcast(services: AdminServices, job_id: str) -> bool:
    """True if it was pending or running and is now cancelled."""
    return job_id.isdigit() and await cancel_job(services.redis, services.prefix, job_id, services.clock().timestamp())


async def reminder_schedule(services: AdminServices) -> ReminderSchedule:
    reminders = Reminders(services.redis, services.prefix)
    due = await services.redis.zrange(reminders.due_key, 0, -1, withscores=True)
    deadlines = {d.id: d for d in services.content().deadlines}
    scheduled = []
    for member, score in due:
        deadline_id, _, days = str(member).rpartition(":")
        deadline = deadlines.get(deadline_id)
        scheduled.append(
            ScheduledReminder(
                deadline=deadline_id,
                days_before=int(days) if days.isdigit() else 0,
                due=datetime.fromtimestamp(score, UTC),
                title=dict(deadline.title) if deadline else None,
            )
        )
    return ReminderSchedule(scheduled=scheduled, fired=await services.redis.scard(reminders.fired_key))


async def audience(services: AdminServices) -> Audience:
    """Subscriber counts from the counters the subscriptions keep: aggregates only, never who."""
    subs = Subscriptions(services.redis, services.prefix)
    rows = []
    for category in CATEGORIES:
        by_language = {lang: await subs.count(category, lang) for lang in LANGUAGES}
        rows.append(AudienceRow(category=category, by_language=by_language, total=sum(by_language.values())))
    people = {lang: await subs.count(None, lang) for lang in LANGUAGES}
    return Audience(categories=rows, people_by_language=people, people=sum(people.values()))
