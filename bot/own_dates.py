"""People's own dates (visa expiry, appointment): kept minimally, reminded of once, erased with them.

Layout (prefix `rahnama:` by default):

- `own:{user_id}`: a hash, field = slot (1..3), value = `kind|YYYY-MM-DD|lang|d1,d2,...`: the kind, the
  day, the language of the reminder and the days-before offsets that were scheduled (so deleting the
  date removes exactly its scheduled items). The key expires `KEEP_AFTER` after its latest date.
- `reminders:own`: a sorted set of due items, member `{user_id}:{slot}:{YYYYMMDD}:{days}`, scored by
  the due time (10:00 in Pakistan, `days` before the day). A Lua script pops due members atomically,
  so with several bot processes each reminder becomes exactly one broadcast job (to one person).
  The day in the member means a reminder of a date that was deleted or replaced in its slot is dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.broadcast.jobs import create_job
from bot.conversation.own_date import KINDS, MAX_OWN_DATES, OwnDate
from bot.domain import Language
from bot.i18n.catalog import translator
from bot.i18n.dates import PAKISTAN_TZ, format_date
from bot.i18n.digits import localize_digits
from bot.redis_batch import Batch, Decode
from bot.reminder_times import due_at, is_quiet, quiet_from
from bot.safety.discreet import A_REMINDER
from bot.sending.classes import SendClass

KEEP_AFTER = timedelta(days=3)  # a little after the day, then the record goes by itself

# Pop up to ARGV[2] members due by ARGV[1], in one step.
_CLAIM = """
local due = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then redis.call('zrem', KEYS[1], unpack(due)) end
return due
"""


class OwnDates:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", clock: Callable[[], float] = time.time) -> None:
        self.redis = redis
        self.prefix = prefix
        self.clock = clock
        self.due_key = f"{prefix}reminders:own"
        self._claim = redis.register_script(_CLAIM)

    def key(self, user_id: int) -> str:
        return f"{self.prefix}own:{int(user_id)}"

    async def _records(self, user_id: int) -> dict[int, tuple[OwnDate, str, list[int]]]:
        return _records_from(await self.redis.hgetall(self.key(user_id)))

    def dates_into(self, batch: Batch, user_id: int) -> Callable[[], tuple[OwnDate, ...]]:
        """`dates_of`, with the other commands of `batch` (bot/redis_batch.py)."""

        def queue(pipe: Pipeline) -> Decode[tuple[OwnDate, ...]]:
            pipe.hgetall(self.key(user_id))
            return lambda replies: self._ahead(_records_from(replies[0]))

        return batch.add(queue)

    async def dates_of(self, user_id: int) -> tuple[OwnDate, ...]:
        """Their dates still ahead (or today), by day."""
        return self._ahead(await self._records(user_id))

    def _ahead(self, records: dict[int, tuple[OwnDate, str, list[int]]]) -> tuple[OwnDate, ...]:
        today = datetime.fromtimestamp(self.clock(), PAKISTAN_TZ).date()
        return tuple(sorted((d for d, _, _ in records.values() if d.day >= today), key=lambda d: (d.day, d.slot)))

    async def add(self, user_id: int, kind: str, day: date, lang: Language, days_before: Iterable[int]) -> int | None:
        """Keep a date and schedule its reminders still ahead; its slot, or None when all slots are taken."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of date {kind!r}")
        records = await self._records(user_id)
        today = datetime.fromtimestamp(self.clock(), PAKISTAN_TZ).date()
        for slot, (old, _, offsets) in list(records.items()):
            if old.day < today:  # passed: its slot is free again
                await self._drop(user_id, slot, old.day, offsets)
                del records[slot]
        if any(d.kind == kind and d.day == day for d, _, _ in records.values()):
            return next(s for s, (d, _, _) in records.items() if d.kind == kind and d.day == day)
        free = [s for s in range(1, MAX_OWN_DATES + 1) if s not in records]
        if not free:
            return None
        slot, now = free[0], self.clock()
        ahead = sorted({d for d in days_before if due_at(day, d).timestamp() > now}, reverse=True)
        members = {_member(user_id, slot, day, d): due_at(day, d).timestamp() for d in ahead}
        latest = max([day] + [d.day for d, _, _ in records.values()])
        expire_at = int(datetime.combine(latest + KEEP_AFTER, datetime.min.time(), PAKISTAN_TZ).timestamp())
        value = f"{kind}|{day.isoformat()}|{Language(lang).value}|{','.join(map(str, ahead))}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self.key(user_id), str(slot), value)
            pipe.expireat(self.key(user_id), expire_at)
            if members:
                pipe.zadd(self.due_key, members)
            await pipe.execute()
        return slot

    async def delete(self, user_id: int, slot: int) -> None:
        """Forget one date and its scheduled reminders."""
        record = (await self._records(user_id)).get(int(slot))
        if record is not None:
            await self._drop(user_id, slot, record[0].day, record[2])

    async def _drop(self, user_id: int, slot: int, day: date, offsets: list[int]) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hdel(self.key(user_id), str(slot))
            if offsets:
                pipe.zrem(self.due_key, *[_member(user_id, slot, day, d) for d in offsets])
            await pipe.execute()

    async def forget(self, user_id: int) -> None:
        """Every date of the person and every reminder scheduled for them."""
        for slot, (old, _, offsets) in (await self._records(user_id)).items():
            await self._drop(user_id, slot, old.day, offsets)
        await self.redis.delete(self.key(user_id))

    async def claim_due(self, now: datetime, limit: int = 100) -> list[str]:
        if is_quiet(now):
            return []
        return list(await self._claim(keys=[self.due_key], args=[now.timestamp(), limit]))

    async def fire(self, member: str, now: datetime) -> str | None:
        """Turn a claimed reminder into a broadcast job to its one person; its job id (None: date gone)."""
        user, slot, day, days = member.split(":")
        record = (await self._records(int(user))).get(int(slot))
        if record is None or record[0].day.strftime("%Y%m%d") != day:
            return None  # deleted, or replaced by another date in the same slot
        own, lang, _ = record
        if due_at(own.day, int(days)).date() != now.astimezone(PAKISTAN_TZ).date():
            return None  # missed its day (every process was down): "in 30 days" would now be wrong
        text = own_reminder_text(own, int(days), Language(lang))
        quiet = quiet_from(now)
        return await create_job(
            self.redis, self.prefix, (), [lang], {lang: text}, now=now.timestamp(), not_after=quiet.timestamp(),
            people=[(int(user), lang)], opening=A_REMINDER, send_class=SendClass.NOTICE,
        )  # fmt: skip


def _member(user_id: int, slot: int, day: date, days_before: int) -> str:
    return f"{int(user_id)}:{slot}:{day.strftime('%Y%m%d')}:{days_before}"


def own_reminder_text(own: OwnDate, days: int, lang: Language) -> str:
    """What the date was; the job puts the neutral first line above it (discreet mode, bot.safety.discreet)."""
    t = translator(lang)
    when = t.ngettext("In {n} day, on {date}:", "In {n} days, on {date}:", days)
    what = {
        "visa": t.gettext("the end of your visa (the date you gave us)."),
        "appointment": t.gettext("your appointment (the date you gave us)."),
    }[own.kind]
    body = when.format(n=localize_digits(str(days), lang), date=format_date(own.day, lang)) + " " + what
    return f"{body}\n\n" + t.gettext("Open the menu for what this means and what you can do: /menu")


def _records_from(raw: dict[str, str]) -> dict[int, tuple[OwnDate, str, list[int]]]:
    """A person's hash of dates: slot -> "kind|day|lang|offsets"."""
    found = {}
    for slot, value in raw.items():
        kind, day, lang, offsets = value.split("|")
        days = [int(d) for d in offsets.split(",") if d]
        found[int(slot)] = (OwnDate(int(slot), kind, date.fromisoformat(day)), lang, days)
    return found
