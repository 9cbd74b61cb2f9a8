"""`rahnama broadcast create|status|cancel|worker|changes|correction`: broadcasts (see bot/broadcast/).

`changes` and `correction` build their jobs in bot/change_notices.py."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from redis.asyncio import Redis

from bot.broadcast import cancel_job, create_job, drain_forever, job_status
from bot.broadcast.jobs import active_jobs
from bot.broadcast.planner import PlannedJob, latest_safe_start, plan, send_duration
from bot.broadcast.progress import estimates
from bot.change_notices import (
    already_sent,
    correction_audience,
    create_correction_job,
    create_notice_jobs,
    plan_notices,
)
from bot.config import Settings
from bot.domain import CATEGORIES, LANGUAGES
from bot.store import StateStore
from bot.subscriptions import Subscriptions

KARACHI = ZoneInfo("Asia/Karachi")


def _redis(settings: Settings) -> Redis:
    if not settings.redis_url:
        sys.exit(
            "rahnama broadcast needs REDIS_URL: without it the store is embedded in this one process, "
            "so no worker would ever see the broadcast"
        )
    return Redis.from_url(settings.redis_url, decode_responses=True)


def _ids(value: str, known: tuple[Any, ...], what: str) -> list[str]:
    ids = [x.strip() for x in value.split(",") if x.strip()]
    valid = [k.value for k in known]
    if not ids or any(x not in valid for x in ids):
        raise argparse.ArgumentTypeError(f"{what} must be among {', '.join(valid)} (comma separated), got {value!r}")
    return ids


def _deadline(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=KARACHI)


def _messages(path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        sys.exit(f"cannot read {path}: {error}")
    valid = {lang.value for lang in LANGUAGES}
    if not isinstance(data, dict) or not data:
        sys.exit(f"{path}: expected a mapping of language id ({', '.join(sorted(valid))}) to message text")
    problems = [f"unknown language {k!r}" for k in data if k not in valid]
    problems += [f"{k}: no text" for k, v in data.items() if not isinstance(v, str) or not v.strip()]
    if problems:
        sys.exit(f"{path}:\n" + "\n".join(f"  - {p}" for p in problems))
    return {str(k): str(v) for k, v in data.items()}


def cmd_create(args: argparse.Namespace, settings: Settings) -> None:
    messages = _messages(args.message)
    languages = args.languages or [lang.value for lang in LANGUAGES]
    for lang in languages:
        if lang not in messages:
            print(f"warning: no message in {lang}: its subscribers get nothing (no_message)", file=sys.stderr)
    asyncio.run(_create(args, settings, messages, languages))


async def _create(args: argparse.Namespace, settings: Settings, messages: dict[str, str], languages: list[str]) -> None:
    redis = _redis(settings)
    try:
        now = time.time()
        not_after = args.not_after.timestamp() if args.not_after else None
        wanted = {k: v for k, v in messages.items() if k in languages}
        not_before = args.not_before.timestamp() if args.not_before else None
        job_id = await create_job(
            redis, settings.redis_prefix, args.categories, languages, wanted,
            now=now, not_after=not_after, not_before=not_before,
        )  # fmt: skip
        print(job_id, flush=True)
        await _report_plan(redis, settings, job_id, args.not_after)
    finally:
        await redis.aclose()


async def _audience_size(subs: Subscriptions, categories: list[str], languages: list[str]) -> int:
    return sum([1 async for _ in subs.audience(categories, languages)])


async def _queued(redis: Redis, settings: Settings, subs: Subscriptions) -> list[PlannedJob]:
    """Every pending or running job with what is left to send (pending ones: their audience now)."""
    queued = []
    for job_id in await active_jobs(redis, settings.redis_prefix):
        status = await job_status(redis, settings.redis_prefix, job_id)
        if status is None:
            continue
        remaining = status["remaining"]
        if status["state"] == "pending" and status["audience"] == "categories":
            remaining = await _audience_size(subs, status["categories"], status["languages"])
        deadline = datetime.fromtimestamp(status["not_after"], UTC) if status["not_after"] else None
        queued.append(PlannedJob(job_id, remaining, datetime.fromtimestamp(status["created"], UTC), deadline))
    return queued


async def _report_plan(redis: Redis, settings: Settings, job_id: str, not_after: datetime | None) -> None:
    """On stderr: audience, duration, latest safe start, and who would be late behind the jobs served first."""
    subs = Subscriptions(redis, settings.redis_prefix)
    rate = settings.broadcast_rate
    queued = {job.job_id: job for job in await _queued(redis, settings, subs)}
    order = [p.job_id for p in plan(queued.values(), rate, datetime.now(UTC))]
    if job_id not in order:
        return
    mine = plan(queued.values(), rate, datetime.now(UTC))[order.index(job_id)]
    size = queued[job_id].remaining
    ahead = sum(queued[other].remaining for other in order[: order.index(job_id)])
    lines = [f"audience now: {size} people; {_duration(send_duration(size, rate).total_seconds())} at {rate:g} msg/s"]
    if not_after is not None:
        safe = latest_safe_start(not_after, size, rate, ahead=ahead)
        lines.append(
            f"deadline {not_after.astimezone(KARACHI):%Y-%m-%d %H:%M} Karachi time; latest safe start "
            f"{safe.astimezone(KARACHI):%Y-%m-%d %H:%M:%S} ({ahead} messages of nearer deadlines go first)"
        )
    if mine.late:
        lines.append(f"warning: at {rate:g} msg/s about {mine.late} people would not be reached before the deadline")
    print("\n".join(lines), file=sys.stderr)


def cmd_status(args: argparse.Namespace, settings: Settings) -> None:
    status = asyncio.run(_status(settings, args.id))
    if status is None:
        sys.exit(f"no broadcast {args.id} (unknown, or expired after it ended)")
    print(json.dumps(status, ensure_ascii=False, sort_keys=True) if args.json else progress_line(status))


async def _status(settings: Settings, job_id: str) -> dict[str, Any] | None:
    redis = _redis(settings)
    try:
        status = await job_status(redis, settings.redis_prefix, job_id)
    finally:
        await redis.aclose()
    if status is not None:
        status |= estimates(status, settings.broadcast_rate, time.time())
    return status


def progress_line(status: dict[str, Any], width: int = 24) -> str:
    total = status["total"]
    remaining = status["remaining"]
    share = 0.0 if total is None else 1.0 if total == 0 else 1 - remaining / total
    bar = "#" * round(share * width) + "-" * (width - round(share * width))
    failed = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in status["failed"].items())
    parts = [
        f"broadcast {status['id']} {status['state']} [{bar}] {share:4.0%}",
        f"sent {status['sent']}",
        f"failed: {failed}",
        f"no message {status['no_message']}",
        f"remaining {remaining}",
    ]
    if status["state"] == "pending":
        parts.append("waiting for a worker")
    elif status["state"] == "running":
        parts.append(f"ETA {_duration(status['eta_seconds'])}")
    if status["late"] or status["projected_late"]:
        parts.append(f"late {status['projected_late']}")
    if status["cancelled"]:
        parts.append(f"cancelled {status['cancelled']}")
    return " · ".join(parts)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h {rest // 60:02d}m {rest % 60:02d}s" if hours else f"{rest // 60}m {rest % 60:02d}s"


def cmd_cancel(args: argparse.Namespace, settings: Settings) -> None:
    async def cancel() -> bool:
        redis = _redis(settings)
        try:
            return await cancel_job(redis, settings.redis_prefix, args.id, time.time())
        finally:
            await redis.aclose()

    if not asyncio.run(cancel()):
        sys.exit(f"broadcast {args.id} is not pending or running")
    print(f"broadcast {args.id} cancelled")


def cmd_worker(args: argparse.Namespace, settings: Settings) -> None:
    # The Telegram channel's sender, handed to the engine (which imports no channel).
    from bot.channels.telegram.safechat import SafeChat
    from bot.channels.telegram.sender import telegram_sender

    if settings.telegram_bot_token is None:
        sys.exit("TELEGRAM_BOT_TOKEN is not set")
    redis = _redis(settings)
    logging.getLogger("bot.broadcast").setLevel(logging.INFO)
    # The worker notes what it sends as the bot does ("Clear this chat", "did this come from us?").
    delivered = SafeChat.configured(settings, redis, settings.redis_prefix).delivered
    asyncio.run(_work(redis, telegram_sender(settings, delivered), settings))


async def _work(redis: Redis, sender: Any, settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)  # finish the sends in flight, release the rest, exit
    try:
        async with sender:
            await drain_forever(redis, sender, settings, stop)
    finally:
        await redis.aclose()


def _since(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


def cmd_changes(args: argparse.Namespace, settings: Settings) -> None:
    """Plan (and unless --dry-run, queue) one "what changed" notice per affected document category."""
    from bot.cli.content import _load

    pack = _load(settings)
    today = datetime.now(KARACHI).date()
    notices, general = plan_notices(pack, args.since, strict=settings.content_strict, today=today)
    redis = None if args.dry_run and not settings.redis_url else _redis(settings)
    created = asyncio.run(_changes(redis, settings, notices, args.dry_run))
    print(
        f"changes since {args.since}: {len(notices)} notice(s)" + (" (dry run: nothing queued)" if args.dry_run else "")
    )
    for notice in notices:
        print(f"\n[{notice.category}] {', '.join(f'{c.kind} {c.id}' for c in notice.changes)}")
        print(f"  job: {created.get(notice.category, '-')}")
        for lang, why in notice.withheld.items():
            print(f"  not sent in {lang}: {why}")
        for lang, text in notice.messages.items():
            print(f"  --- {lang} ---\n" + "\n".join("  " + line for line in text.splitlines()))
    for change in general:
        print(f"\nnot sent (concerns no document): {change.kind} {change.id}")


async def _changes(redis: Redis | None, settings: Settings, notices: list, dry_run: bool) -> dict[str, str]:
    if redis is None:
        return {}
    try:
        if dry_run:
            found = {n.category: await already_sent(redis, settings.redis_prefix, n) for n in notices}
            return {category: f"already sent as {job}" for category, job in found.items() if job}
        return await create_notice_jobs(redis, settings.redis_prefix, notices, time.time())
    finally:
        await redis.aclose()


def cmd_correction(args: argparse.Namespace, settings: Settings) -> None:
    """A job to exactly the people who were sent version SHA of a topic."""
    messages = _messages(args.message)
    asyncio.run(_correction(args, settings, messages))


async def _correction(args: argparse.Namespace, settings: Settings, messages: dict[str, str]) -> None:
    redis = _redis(settings)
    try:
        people = await correction_audience(StateStore(redis, settings.redis_prefix), args.topic, args.sha)
        by_lang = {lang.value: sum(1 for _, x in people if x == lang.value) for lang in LANGUAGES}
        print(f"recipients of {args.topic} @ {args.sha[:12]}: {len(people)} " + str(by_lang), file=sys.stderr)
        for lang, n in by_lang.items():
            if n and lang not in messages:
                print(f"warning: no message in {lang}: {n} people get nothing (no_message)", file=sys.stderr)
        if args.dry_run:
            return
        if not people:
            sys.exit("nobody was sent that version: no job created")
        print(await create_correction_job(redis, settings.redis_prefix, people, messages, time.time()), flush=True)
    finally:
        await redis.aclose()


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("broadcast", help="tell every subscriber of some categories (needs REDIS_URL)")
    actions = parser.add_subparsers(dest="action", required=True)

    create = actions.add_parser("create", help="queue a broadcast; prints its id")
    create.add_argument("--categories", required=True, type=lambda v: _ids(v, CATEGORIES, "categories"))
    create.add_argument("--languages", type=lambda v: _ids(v, LANGUAGES, "languages"), help="default: all")
    create.add_argument("--message", required=True, type=Path, help="YAML: language id -> text (Markdown subset)")
    create.add_argument("--not-after", type=_deadline, help="ISO time; nobody is sent after it (no offset: Karachi)")
    create.add_argument("--not-before", type=_deadline, help="ISO time; sending starts then (no offset: Karachi)")
    create.set_defaults(func=cmd_create)

    status = actions.add_parser("status", help="progress of a broadcast")
    status.add_argument("id")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_status)

    cancel = actions.add_parser("cancel", help="stop a broadcast: nobody not yet sent gets it")
    cancel.add_argument("id")
    cancel.set_defaults(func=cmd_cancel)

    actions.add_parser("worker", help="send broadcasts until SIGTERM").set_defaults(func=cmd_worker)

    changes = actions.add_parser("changes", help='queue "what changed" notices for changes since a date')
    changes.add_argument("--since", required=True, type=_since, help="YYYY-MM-DD")
    changes.add_argument("--dry-run", action="store_true", help="print the notices, queue nothing")
    changes.set_defaults(func=cmd_changes)

    correction = actions.add_parser("correction", help="send a correction to who received a topic version")
    correction.add_argument("--topic", required=True)
    correction.add_argument("--sha", required=True, help="SHA-256 of the wrong version (rahnama content status)")
    correction.add_argument("--message", required=True, type=Path, help="YAML: language id -> text")
    correction.add_argument("--dry-run", action="store_true", help="count the recipients, queue nothing")
    correction.set_defaults(func=cmd_correction)
