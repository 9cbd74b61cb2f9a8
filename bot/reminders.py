"""Deadline reminders: planned from the content pack, scheduled in Redis, fired once across workers.

Each (deadline, days-before) pair is one member of a sorted set scored by its due time: 10:00 in
Pakistan on the day `days` before the deadline, inside waking hours. Any process may schedule
(idempotent: members already fired are remembered) and any may claim; a Lua script pops due
members atomically, so with two processes each reminder becomes exactly one broadcast job.
The job itself is sent by the broadcast engine at the shared rate, before quiet hours begin.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import date, datetime

from redis.asyncio import Redis

from bot.broadcast.jobs import create_job
from bot.content import ContentPack, Deadline, RuleStatus
from bot.content.review import ReviewState
from bot.domain import LANGUAGES, Language
from bot.i18n.catalog import translator
from bot.i18n.dates import PAKISTAN_TZ, format_date
from bot.i18n.digits import localize_digits
from bot.own_dates import OwnDates
from bot.reminder_times import QUIET_FROM, QUIET_UNTIL, SEND_AT, due_at, is_quiet, quiet_from
from bot.safety.discreet import A_REMINDER, opened
from bot.sending.classes import SendClass

__all__ = ["QUIET_FROM", "QUIET_UNTIL", "SEND_AT", "Reminders", "due_at", "is_quiet", "run_reminders"]

# Pop up to ARGV[2] members due by ARGV[1] and mark them fired, in one step.
_CLAIM = """
local due = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  redis.call('zrem', KEYS[1], member)
  redis.call('sadd', KEYS[2], member)
end
return due
"""


def planned(content: ContentPack, now: datetime) -> dict[str, datetime]:
    """member "<deadline id>:<days>" -> due time, for reminders still ahead of `now`."""
    plan = {}
    for deadline in content.deadlines:
        if deadline.rule not in (None, RuleStatus.IN_FORCE):  # suspended, replaced or ended: nothing to count down
            continue
        for days in content.reminder_days:
            when = due_at(deadline.date, days)
            if when > now:
                plan[f"{deadline.id}:{days}"] = when
    return plan


class Reminders:
    def __init__(self, redis: Redis, prefix: str = "rahnama:") -> None:
        self.redis = redis
        self.due_key, self.fired_key = f"{prefix}reminders", f"{prefix}reminders:fired"
        self.prefix = prefix
        self._claim = redis.register_script(_CLAIM)
        self.own = OwnDates(redis, prefix)  # people's own dates: same rules, their own schedule
        self.strict = False  # CONTENT_STRICT: a deadline title nobody signed off is sent marked "not yet reviewed"

    async def schedule(self, content: ContentPack, now: datetime) -> int:
        """Add the pack's future reminders (again is harmless); returns how many are new."""
        plan = planned(content, now)
        fired = await self.redis.smismember(self.fired_key, list(plan)) if plan else []
        fresh = {member: when.timestamp() for (member, when), done in zip(plan.items(), fired, strict=True) if not done}
        return int(await self.redis.zadd(self.due_key, fresh, nx=True)) if fresh else 0

    async def claim_due(self, now: datetime, limit: int = 20) -> list[str]:
        if is_quiet(now):
            return []
        return list(await self._claim(keys=[self.due_key, self.fired_key], args=[now.timestamp(), limit]))

    async def fire(self, content: ContentPack, member: str, now: datetime) -> str | None:
        """Turn a claimed reminder into a broadcast job for the deadline's categories; its job id."""
        deadline_id, _, days = member.rpartition(":")
        deadline = next((d for d in content.deadlines if d.id == deadline_id), None)
        if deadline is None or not days.isdigit():
            return None  # the deadline left the pack after it was scheduled
        if due_at(deadline.date, int(days)).date() != now.astimezone(PAKISTAN_TZ).date():
            return None  # missed its day (every process was down): "in 7 days" would now be wrong
        quiet = quiet_from(now)
        # As written; the job adds the neutral first line for people in discreet mode (bot.safety.discreet).
        today = now.astimezone(PAKISTAN_TZ).date()
        unreviewed = {lang: self.strict and not _signed(content, deadline, lang, today) for lang in LANGUAGES}
        messages = {
            lang.value: reminder_text(deadline, int(days), lang, discreet=False, unreviewed=unreviewed[lang])
            for lang in LANGUAGES
        }
        return await create_job(
            self.redis, self.prefix, deadline.categories, None, messages, now=now.timestamp(),
            not_after=quiet.timestamp(), opening=A_REMINDER, send_class=SendClass.NOTICE,
        )  # fmt: skip


def _signed(content: ContentPack, deadline: Deadline, lang: Language, today: date) -> bool:
    record = content.record(f"deadline:{deadline.id}", lang.value)
    return record is not None and record.review.state_on(today) is ReviewState.SIGNED


def reminder_text(
    deadline: Deadline, days: int, lang: Language, *, discreet: bool = True, unreviewed: bool = False
) -> str:
    """Discreet: a neutral first line, as a lock screen shows only that and a phone may be checked.
    `unreviewed`: strict mode, and nobody signed off the deadline's words in this language."""
    t = translator(lang)
    when = t.ngettext("In {n} day, on {date}:", "In {n} days, on {date}:", days)
    label = " (" + t.gettext("not yet reviewed") + ")" if unreviewed else ""
    body = (
        when.format(n=localize_digits(str(days), lang), date=format_date(deadline.date, lang))
        + " "
        + deadline.title[lang.value]
        + label
    )
    text = f"{body}\n\n" + t.gettext("Open the menu for what this means and what you can do: /menu")
    return opened(text, lang, discreet=discreet, kind=A_REMINDER)


async def run_reminders(
    reminders: Reminders, content: Callable[[], ContentPack], clock: Callable[[], datetime], stop: asyncio.Event
) -> None:
    """Every minute: schedule what the pack plans, fire what is due. Runs in every bot process."""
    while not stop.is_set():
        now = clock()
        pack = content()
        await reminders.schedule(pack, now)
        for member in await reminders.claim_due(now):
            await reminders.fire(pack, member, now)
        for member in await reminders.own.claim_due(now):
            await reminders.own.fire(member, now)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=60)
