"""Broadcast jobs: create, start (snapshot the audience), status, cancel, forget a recipient.

A job's audience is either document categories (the subscribers, snapshotted when a worker starts
the job) or a list of people fixed when it is created (`audience` = `people`: a correction for
those who received a wrong text, a reminder of someone's own date), written straight to `todo`.

A job is the hash `bc:job:{id}`: `categories`, `languages` (comma separated), `msg:{lang}` (JSON
list of the message's HTML parts under the neutral first line of discreet mode), `plain:{lang}` (the
same as written, for people who turned discreet mode off), `state` (pending|running|done|cancelled),
`class` (its SendClass in the send budget: notices and reminders go before broadcasts), `created`,
`started`, `finished`, `not_after` and `not_before` (epoch seconds: no sending after / before),
`total`, and counters (`sent`, `blocked`, `chat_not_found`, `rejected`, `network`, `no_message`, `late`,
`cancelled`, `throttled`, `retried`, `reclaimed`, `duplicates`). Jobs stay for `keep` after they end, then expire.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis

from bot.broadcast.keys import JobKeys, Keys
from bot.broadcast.planner import priority
from bot.broadcast.queue import RecipientQueue
from bot.domain import LANGUAGES, DocumentCategory, Language
from bot.rendering import to_telegram_html
from bot.safety.discreet import NEW_MESSAGE, opened
from bot.sending.classes import SendClass
from bot.subscriptions import Subscriptions

COUNTERS = (
    "sent", "blocked", "chat_not_found", "rejected", "network", "no_message", "late", "cancelled",
    "throttled", "retried", "reclaimed", "duplicates",
)  # fmt: skip
START_LOCK_MS = 60_000
KEEP_SECONDS = 7 * 86400

# KEYS: job, todo, out, active. ARGV: now (s), total, no_message, job id, keep (s).
# The snapshot is complete: the job runs, unless it was cancelled meanwhile (then the snapshot goes) or another
# worker began it (then its lists are the running job's and stay).
_BEGIN = """
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'running' then return 0 end
if state ~= 'pending' then
  redis.call('DEL', KEYS[2], KEYS[3])
  return 0
end
redis.call('HSET', KEYS[1], 'state', 'running', 'started', ARGV[1], 'total', ARGV[2], 'no_message', ARGV[3])
if redis.call('LLEN', KEYS[2]) == 0 then
  redis.call('HSET', KEYS[1], 'state', 'done', 'finished', ARGV[1])
  redis.call('ZREM', KEYS[4], ARGV[4])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  redis.call('EXPIRE', KEYS[3], ARGV[5])
end
return 1
"""


@dataclass(frozen=True)
class JobDef:
    """What a worker needs to send a job."""

    job_id: str
    state: str
    messages: dict[str, list[str]]  # language id -> HTML parts, for people in discreet mode (the default)
    not_after: float | None
    not_before: float | None = None  # scheduled for later: no worker starts it before this time
    plain: dict[str, list[str]] = field(default_factory=dict)  # the same without the neutral first line
    send_class: SendClass = SendClass.BROADCAST  # its place in the send budget (bot/sending)

    def parts(self, lang: str, discreet: bool = True) -> list[str]:
        """What a person gets: under the neutral first line unless they turned discreet mode off."""
        if not discreet and lang in self.plain:
            return self.plain[lang]
        return self.messages.get(lang) or []


def render_messages(
    messages: Mapping[str, str], *, discreet: bool = False, opening: str = NEW_MESSAGE
) -> dict[str, list[str]]:
    """Message texts (the content pack's Markdown subset) as Telegram HTML parts under 4,096 characters;
    `discreet`: under the neutral first line (bot.safety.discreet)."""
    rendered = {}
    for lang, text in messages.items():
        language = Language(lang)
        rendered[language.value] = to_telegram_html(opened(text, language, discreet=discreet, kind=opening), language)
    return rendered


async def create_job(
    redis: Redis,
    prefix: str,
    categories: Iterable[DocumentCategory | str],
    languages: Iterable[Language | str] | None,
    messages: Mapping[str, str],
    *,
    now: float,
    not_after: float | None = None,
    not_before: float | None = None,
    opening: str = NEW_MESSAGE,
    people: Iterable[tuple[int, str]] | None = None,
    send_class: SendClass = SendClass.BROADCAST,
) -> str:
    """A pending job; a worker snapshots its audience when it starts it (not before `not_before`). Its id.

    Each message is kept twice: under the neutral first line `opening` (bot.safety.discreet) for
    people in discreet mode, and as written for those who turned it off.
    With `people` ((user id, language id) pairs) the audience is exactly them and `categories` is ignored.
    `send_class`: NOTICE for reminders and notices, which go before broadcasts in the send budget."""
    keys = Keys(prefix)
    cats = [] if people is not None else sorted({DocumentCategory(c).value for c in categories})
    langs = [x.value for x in LANGUAGES if languages is None or x.value in {Language(y).value for y in languages}]
    if (not cats and people is None) or not langs:
        raise ValueError("a broadcast needs at least one category and one language")
    job_id = str(await redis.incr(keys.seq))
    record: dict[str, str] = {"id": job_id, "categories": ",".join(cats), "languages": ",".join(langs)}
    record |= {"state": "pending", "created": repr(now), "class": str(int(send_class))}
    if not_after is not None:
        record["not_after"] = repr(not_after)
    if not_before is not None:
        record["not_before"] = repr(not_before)
    discreet = render_messages(messages, discreet=True, opening=opening)
    record |= {f"msg:{lang}": json.dumps(parts) for lang, parts in discreet.items()}
    record |= {f"plain:{lang}": json.dumps(parts) for lang, parts in render_messages(messages).items()}
    jk = JobKeys(prefix, job_id)
    todo, silent = _people(people or (), langs, discreet) if people is not None else ([], {})
    if people is not None:
        record |= {"audience": "people", "total": str(len(todo) + len(silent)), "no_message": str(len(silent))}
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hset(jk.job, mapping=record)
        if todo:
            pipe.rpush(jk.todo, *todo)
        if silent:
            pipe.hset(jk.out, mapping=silent)
        pipe.zadd(keys.active, {job_id: priority(not_after, now)})
        pipe.zadd(keys.all, {job_id: now})
        pipe.zremrangebyscore(keys.all, "-inf", now - KEEP_SECONDS - 86400)  # expired jobs leave the index
        await pipe.execute()
    return job_id


def _people(
    people: Iterable[tuple[int, str]], langs: list[str], messages: Mapping[str, list[str]]
) -> tuple[list[str], dict[str, str]]:
    """Recipients to send to, and those with no text in their language (counted, never sent another one)."""
    todo: list[str] = []
    silent: dict[str, str] = {}
    for user_id, lang in dict(people).items():  # each person once
        if lang not in langs:
            continue
        member = f"{int(user_id)}:{lang}"
        if lang in messages:
            todo.append(member)
        else:
            silent[member] = "no_message"
    return todo, silent


async def load_job(redis: Redis, prefix: str, job_id: str) -> JobDef | None:
    record = await redis.hgetall(JobKeys(prefix, job_id).job)
    if not record:
        return None
    messages = {k[4:]: json.loads(v) for k, v in record.items() if k.startswith("msg:")}
    plain = {k[6:]: json.loads(v) for k, v in record.items() if k.startswith("plain:")}
    not_after = float(record["not_after"]) if record.get("not_after") else None
    not_before = float(record["not_before"]) if record.get("not_before") else None
    send_class = SendClass(int(record.get("class", SendClass.BROADCAST)))
    return JobDef(job_id, record["state"], messages, not_after, not_before, plain, send_class)


async def start_job(redis: Redis, subs: Subscriptions, job: JobDef, now: float) -> bool:
    """Snapshot the audience into the job's todo list.

    False if another worker is doing it or has done it, or if it is too early."""
    if job.not_before is not None and now < job.not_before:
        return False  # scheduled: the audience is taken when it starts, so late subscribers are included
    jk = JobKeys(subs.prefix, job.job_id)
    if not await redis.set(jk.starting, "1", nx=True, px=START_LOCK_MS):
        return False
    try:
        fields = ("categories", "languages", "audience", "total", "no_message", "state")
        record = await redis.hmget(jk.job, *fields)
        if record[5] != "pending":
            # `job` was read while pending, and another worker began it since and let go of the lock: what is
            # in `todo` now is its running audience, not leftovers.
            return False
        if record[2] == "people":  # the recipients were written when it was created
            begin = redis.register_script(_BEGIN)
            keys = [jk.job, jk.todo, jk.out, Keys(subs.prefix).active]
            return bool(await begin(keys=keys, args=[repr(now), record[3], record[4], job.job_id, KEEP_SECONDS]))
        await redis.delete(jk.todo, jk.out)  # leftovers of a worker that died while starting
        total = no_message = 0
        todo: list[str] = []
        silent: dict[str, str] = {}  # no text in their language: no fallback in another one
        async for user_id, lang in subs.audience(record[0].split(","), record[1].split(",")):
            total += 1
            member = f"{user_id}:{lang}"
            if lang in job.messages:
                todo.append(member)
            else:
                silent[member] = "no_message"
            if len(todo) + len(silent) >= 1000:
                await redis.pexpire(jk.starting, START_LOCK_MS)  # a large audience: keep the lock while at it
                await _append(redis, jk, todo, silent)
                no_message += len(silent)
                todo, silent = [], {}
        await _append(redis, jk, todo, silent)
        no_message += len(silent)
        begin = redis.register_script(_BEGIN)
        keys = [jk.job, jk.todo, jk.out, Keys(subs.prefix).active]
        return bool(await begin(keys=keys, args=[repr(now), total, no_message, job.job_id, KEEP_SECONDS]))
    finally:
        await redis.delete(jk.starting)


async def _append(redis: Redis, jk: JobKeys, todo: list[str], silent: dict[str, str]) -> None:
    async with redis.pipeline(transaction=False) as pipe:
        if todo:
            pipe.rpush(jk.todo, *todo)
        if silent:
            pipe.hset(jk.out, mapping=silent)
        await pipe.execute()


async def active_jobs(redis: Redis, prefix: str) -> list[str]:
    """Pending and running job ids, nearest deadline first."""
    return list(await redis.zrange(Keys(prefix).active, 0, -1))


async def job_status(redis: Redis, prefix: str, job_id: str) -> dict[str, Any] | None:
    """Everything about a job except its messages and recipients; None if unknown or expired."""
    jk = JobKeys(prefix, job_id)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hgetall(jk.job)
        pipe.llen(jk.todo)
        pipe.zcard(jk.retry)
        pipe.zcard(jk.lease)
        record, todo, retry, in_flight = await pipe.execute()
    if not record:
        return None
    status: dict[str, Any] = {k: record.get(k) for k in ("id", "state")}
    status["categories"] = [c for c in record["categories"].split(",") if c]
    status["audience"] = record.get("audience", "categories")
    status["languages"] = record["languages"].split(",")
    status["messages"] = sorted(k[4:] for k in record if k.startswith("msg:"))
    for k in ("created", "started", "finished", "not_after", "not_before"):
        status[k] = float(record[k]) if record.get(k) else None
    status["total"] = int(record["total"]) if "total" in record else None
    status |= {k: int(record.get(k, 0)) for k in COUNTERS}
    status["remaining"] = todo + retry + in_flight
    status["in_flight"] = in_flight
    status["waiting_retry"] = retry
    return status


async def cancel_job(redis: Redis, prefix: str, job_id: str, now: float) -> bool:
    return await RecipientQueue(redis, Keys(prefix), KEEP_SECONDS).cancel(job_id, now)


async def forget_recipient(redis: Redis, prefix: str, user_id: int) -> None:
    """Remove a person from every kept job (the queues and the per-recipient outcomes)."""
    members = [f"{user_id}:{lang.value}" for lang in LANGUAGES]
    for job_id in await redis.zrange(Keys(prefix).all, 0, -1):
        jk = JobKeys(prefix, job_id)
        async with redis.pipeline(transaction=True) as pipe:
            for member in members:
                pipe.lrem(jk.todo, 0, member)
            pipe.zrem(jk.retry, *members)
            pipe.zrem(jk.lease, *members)
            pipe.hdel(jk.out, *members)
            pipe.hdel(jk.tries, *members)
            await pipe.execute()
