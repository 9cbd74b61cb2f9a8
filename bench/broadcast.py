"""Broadcast engine benchmarks against a local fake Bot API and Redis database 14 (emptied).

    .venv/bin/pip install -e '.[bench]'      # PTB's AIORateLimiter, for the comparison
    .venv/bin/python -m bench.broadcast [--quick] [--workers-scan]

1. capped: 3,000 recipients at 30 msg/s to tests/fake_bot_api with its rate limit on; then a plain
   PTB loop with AIORateLimiter (defaults) to the same fake, for comparison.
2. uncapped: a lean fake (bench/fake_server.py, no validation, no limit); a bare PTB send loop vs the
   engine in one process.
   With --workers-scan: 1, 2 and 3 `rahnama broadcast worker` processes on one job, CPU-bound and
   latency-bound, interleaved rounds; their CPU per message, and how many processes 1,000 msg/s needs.
3. Redis memory per subscriber on 100,000 synthetic subscribers.
4. crash: 10 × SIGKILL a worker process mid-broadcast, restart it: who was missed, who got two.

The last line is one JSON object with the results.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import random
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from telegram import Bot
from telegram.error import RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from bench.fake_server import TOKEN
from bench.harness import PREFIX, FakeProcess, favour, fresh_redis, start_worker, subscribe_many, wait_for, worker_env
from bot.broadcast import EngineConfig, Worker, create_job, job_status
from bot.channels.telegram.aiohttp_request import AiohttpRequest
from bot.channels.telegram.sender import TelegramSender
from bot.domain import CATEGORIES, LANGUAGES
from bot.subscriptions import Subscriptions

TEXT = {"prs": "یادآوری: مهلت کارت پی‌او‌آر نزدیک است.", "ps": "یادونه: د PoR کارت موده نږدې ده.",
        "en": "Reminder: the PoR card deadline is near."}  # fmt: skip
CONCURRENCY = 32
LATENCY = 0.05  # seconds: the latency-bound worker runs


def job_done(redis: Redis, job_id: str) -> Any:
    async def check() -> bool:
        status = await job_status(redis, PREFIX, job_id)
        return status is not None and status["state"] == "done"

    return check


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


async def run_job(redis: Redis, senders: list[Any], config: EngineConfig, job_id: str) -> dict[str, Any]:
    """Drain one job with in-process workers; returns its final status."""
    stop = asyncio.Event()
    tasks = [asyncio.create_task(Worker(redis, s, config).run(stop)) for s in senders]

    await wait_for(job_done(redis, job_id), 900, f"job {job_id} done")
    stop.set()
    await asyncio.gather(*tasks)
    status = await job_status(redis, PREFIX, job_id)
    assert status is not None
    return status


async def audience_job(redis: Redis, ids: range) -> str:
    subs = Subscriptions(redis, PREFIX)
    await subscribe_many(subs, [(u, "por", "en") for u in ids])
    return await create_job(redis, PREFIX, ["por"], ["en"], TEXT, now=time.time())


async def capped(n: int) -> dict[str, Any]:
    redis = await fresh_redis()
    async with FakeProcess("spec", rate_limit=True) as fake:
        await fake.ask("users", start=1, stop=2 * n + 1)
        job_id = await audience_job(redis, range(1, n + 1))
        config = EngineConfig(prefix=PREFIX, rate=30, concurrency=CONCURRENCY)
        async with TelegramSender(Bot(TOKEN, base_url=fake.base_url)) as sender:
            status = await run_job(redis, [sender], config, job_id)
        engine = await fake.ask("stats")
        say(f"capped engine: {engine['sent']} sent at {engine['rate']:.2f} msg/s, {engine['too_many']} × 429, "
            f"job sent={status['sent']} throttled={status['throttled']}")  # fmt: skip
        await asyncio.sleep(1.1)  # the fake's sliding windows empty
        await fake.ask("reset")
        lost = await ptb_rate_limiter_loop(fake, range(n + 1, 2 * n + 1))
        baseline = await fake.ask("stats")
        say(f"PTB AIORateLimiter: {baseline['sent']} sent at {baseline['rate']:.2f} msg/s, "
            f"{baseline['too_many']} × 429, {lost} messages lost (RetryAfter raised, not resent)")  # fmt: skip
    await redis.aclose()
    return {
        "capped_rate_msg_s": round(engine["rate"], 2), "capped_429": engine["too_many"],
        "capped_sent": engine["sent"], "ptb_baseline_rate_msg_s": round(baseline["rate"], 2),
        "ptb_baseline_429": baseline["too_many"], "ptb_baseline_lost": lost,
    }  # fmt: skip


async def ptb_rate_limiter_loop(fake: FakeProcess, ids: range) -> int:
    """What a PTB bot does out of the box: every send at once through AIORateLimiter (default settings)."""
    try:
        from telegram.ext import AIORateLimiter, ExtBot
    except ImportError:
        sys.exit("install the bench extra first: .venv/bin/pip install -e '.[bench]'")
    bot = ExtBot(TOKEN, base_url=fake.base_url, rate_limiter=AIORateLimiter())
    async with bot:
        results = await asyncio.gather(*(bot.send_message(u, TEXT["en"]) for u in ids), return_exceptions=True)
    return sum(isinstance(r, RetryAfter) for r in results)


async def bare_loop(fake: FakeProcess, ids: range) -> None:
    """The fastest plain PTB loop: CONCURRENCY sends in flight, no Redis, no bookkeeping."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(user_id: int) -> None:
        async with gate:
            await bot.send_message(user_id, TEXT["en"])

    bot = Bot(TOKEN, base_url=fake.base_url, request=HTTPXRequest(connection_pool_size=CONCURRENCY + 4))
    async with bot:
        await asyncio.gather(*(one(u) for u in ids))


async def uncapped(n: int, rounds: int = 3) -> dict[str, Any]:
    redis = await fresh_redis()
    async with FakeProcess("lean") as fake:
        # Alternate the two loops, so that a change in the machine's load hits both alike; keep the medians.
        bare_rates, engine_rates, bare_cpu, engine_cpu = [], [], [], []
        for r in range(rounds):
            ids = range(r * n + 1, (r + 1) * n + 1)
            await fake.ask("reset")
            used = time.process_time()
            await bare_loop(fake, ids)
            bare_cpu.append(1000 * (time.process_time() - used) / n)
            bare_rates.append((await fake.ask("stats"))["rate"])
            await fake.ask("reset")
            job_id = await audience_job(redis, ids)
            config = EngineConfig(prefix=PREFIX, rate=1e6, concurrency=CONCURRENCY)
            # As a worker sends: the Telegram channel's sender over aiohttp (bot/channels/telegram/sender.py).
            request = AiohttpRequest(connection_pool_size=CONCURRENCY + 4)
            used = time.process_time()
            async with TelegramSender(Bot(TOKEN, base_url=fake.base_url, request=request)) as sender:
                await run_job(redis, [sender], config, job_id)
            engine_cpu.append(1000 * (time.process_time() - used) / n)
            engine_rates.append((await fake.ask("stats"))["rate"])
            say(f"round {r + 1}: bare PTB loop {bare_rates[-1]:.0f} msg/s, {bare_cpu[-1]:.2f} ms CPU/msg; "
                f"engine {engine_rates[-1]:.0f} msg/s, {engine_cpu[-1]:.2f} ms CPU/msg")  # fmt: skip
        bare, engine = statistics.median(bare_rates), statistics.median(engine_rates)
        cpu, bare_ms = statistics.median(engine_cpu), statistics.median(bare_cpu)
        say(f"uncapped, medians of {rounds} rounds of {n}: bare {bare:.0f}, engine {engine:.0f} msg/s "
            f"({engine / bare:.0%}); CPU per message: engine {cpu:.2f} ms, bare PTB loop {bare_ms:.2f} ms")  # fmt: skip
    await redis.aclose()
    # One process per core: a core sends 1000 / cpu msg/s, so 1,000 msg/s needs this many processes.
    return {
        "uncapped_rate_msg_s": round(engine, 1), "bare_send_rate_msg_s": round(bare, 1),
        "uncapped_share_of_bare": round(engine / bare, 3), "worker_cpu_ms_per_msg": round(cpu, 2),
        "bare_cpu_ms_per_msg": round(bare_ms, 2), "processes_for_1000_msg_s": math.ceil(cpu),
    }  # fmt: skip


async def workers_scan(n: int, counts: tuple[int, ...] = (1, 2, 3), rounds: int = 2) -> dict[str, Any]:
    """k worker processes on one job, rounds interleaved so the machine's load hits every k alike (medians)."""
    redis = await fresh_redis()
    cpu_bound: dict[int, list[float]] = {k: [] for k in counts}
    latency_bound: dict[int, list[float]] = {k: [] for k in counts}
    cpu_ms: list[float] = []
    async with FakeProcess("lean") as fake:
        say("worker processes, CPU-bound (the fake answers at once; 2 cores for fake, Redis and workers):")
        for _ in range(rounds):
            for k in counts:
                rate, per_message = await processes(redis, fake, k, 2 * n, CONCURRENCY)
                cpu_bound[k].append(rate)
                cpu_ms.append(per_message)
        say(f"worker processes, latency-bound (answers after {LATENCY * 1000:.0f} ms, 8 sends in flight each):")
        await fake.ask("latency", seconds=LATENCY)
        for _ in range(rounds):
            for k in counts:
                latency_bound[k].append((await processes(redis, fake, k, n, 8))[0])
    await redis.aclose()
    cpu_per_message = statistics.median(cpu_ms)
    # One process per core: a core gives 1000 / cpu_per_message msg/s, so 1,000 msg/s needs this many.
    needed = math.ceil(1000 * cpu_per_message / 1000)  # msg/s × ms per message ÷ 1,000 ms per core-second
    say(f"worker CPU per message {cpu_per_message:.2f} ms (median of runs): one core ~{1000 / cpu_per_message:.0f} "
        f"msg/s, so 1,000 msg/s needs ~{needed} worker processes on {needed} free cores")  # fmt: skip
    return {
        "workers_rate_msg_s": {str(k): round(statistics.median(v), 1) for k, v in cpu_bound.items()},
        "workers_latency_bound_rate_msg_s": {str(k): round(statistics.median(v), 1) for k, v in latency_bound.items()},
        "workers_scan_cpu_ms_per_msg": round(cpu_per_message, 2), "workers_scan_processes_for_1000_msg_s": needed,
    }  # fmt: skip


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def processes(redis: Redis, fake: FakeProcess, k: int, n: int, concurrency: int) -> tuple[float, float]:
    """k worker processes drain one job of n recipients; the rate the fake saw, and worker CPU ms per message."""
    await redis.flushdb()
    await fake.ask("reset")
    env = worker_env(fake, 1e6, BROADCAST_CONCURRENCY=str(concurrency))
    workers = [await start_worker(env) for _ in range(k)]

    async def ready() -> bool:  # each worker's Bot calls getMe once it is up
        return (await fake.ask("stats"))["get_me"] >= k

    await wait_for(ready, 60, f"{k} workers up")
    job_id = await audience_job(redis, range(1, n + 1))

    started = sum(cpu_seconds(w.pid) for w in workers)  # start-up (imports, getMe) is not sending
    await wait_for(job_done(redis, job_id), 300, f"job with {k} workers")
    used = sum(cpu_seconds(w.pid) for w in workers) - started
    for w in workers:
        w.send_signal(signal.SIGTERM)
    await asyncio.gather(*(w.wait() for w in workers))
    stats = await fake.ask("stats")
    per_message = 1000 * used / max(1, stats["sent"])
    say(f"  {k} worker process(es): {stats['sent']} at {stats['rate']:.0f} msg/s, {per_message:.2f} ms CPU/msg")
    return round(stats["rate"], 1), per_message


async def memory(n: int) -> dict[str, Any]:
    redis = await fresh_redis()
    subs = Subscriptions(redis, PREFIX)
    rng = random.Random(7)
    ids = rng.sample(range(100_000_000, 8_000_000_000), n)  # Telegram-like ids, 5 to 10 digits
    people = []
    for user_id in ids:
        lang = rng.choices([x.value for x in LANGUAGES], weights=[5, 4, 1])[0]
        for category in rng.sample([c.value for c in CATEGORIES], rng.choice([1, 1, 1, 2])):
            people.append((user_id, category, lang))
    before = int((await redis.info("memory"))["used_memory"])
    await subscribe_many(subs, people)
    after = int((await redis.info("memory"))["used_memory"])
    keys = [k async for k in redis.scan_iter(f"{PREFIX}subs:*", count=1000)]
    usage = sum([int(await redis.memory_usage(k, samples=0) or 0) for k in keys])
    encodings = {await redis.object("encoding", k) for k in keys}
    assert await subs.count() == n
    await redis.flushdb()
    await redis.aclose()
    per, per_keys = (after - before) / n, usage / n
    say(f"memory: {n} subscribers ({len(people)} subscriptions), INFO used_memory delta {per:.1f} B/subscriber, "
        f"MEMORY USAGE of the {len(keys)} keys {per_keys:.1f} B/subscriber, encodings {sorted(encodings)}")  # fmt: skip
    return {"bytes_per_subscriber": round(per, 1), "bytes_per_subscriber_memory_usage": round(per_keys, 1)}


async def crash(trials: int, n: int) -> dict[str, Any]:
    redis = await fresh_redis()
    rng = random.Random(11)
    missed = duplicates = 0
    async with FakeProcess("lean") as fake:
        env = worker_env(fake, 300, BROADCAST_LEASE_SECONDS="1", BROADCAST_CONCURRENCY="8")
        for trial in range(trials):
            await redis.flushdb()
            await fake.ask("reset")
            job_id = await audience_job(redis, range(1, n + 1))
            kill_after = rng.randrange(n // 10, n * 8 // 10)
            first = await start_worker(env)

            async def reached(target: int = kill_after) -> bool:
                return (await fake.ask("stats"))["sent"] >= target

            await wait_for(reached, 60, "sends before the kill")
            first.send_signal(signal.SIGKILL)
            await first.wait()
            second = await start_worker(env)

            await wait_for(job_done(redis, job_id), 60, "job done after restart")
            second.send_signal(signal.SIGTERM)
            await second.wait()
            counts = await fake.ask("counts")
            lost = sum(1 for u in range(1, n + 1) if counts.get(str(u), 0) == 0)
            twice = sum(c - 1 for c in counts.values())
            missed, duplicates = missed + lost, duplicates + twice
            say(f"crash trial {trial + 1}: killed after ≥{kill_after} sends, missed {lost}, duplicates {twice}")
    await redis.aclose()
    return {"crash_trials": trials, "crash_missed": missed, "crash_duplicates": duplicates}


async def main(quick: bool, scan: bool = False) -> None:
    favour()
    # AIORateLimiter logs every RetryAfter it gives up on, with a traceback; we count them instead.
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
    results: dict[str, Any] = {}
    started = time.monotonic()
    results |= await capped(300 if quick else 3000)
    results |= await uncapped(500 if quick else 3000)
    if scan:
        results |= await workers_scan(500 if quick else 1500)
    results |= await memory(100_000)
    results |= await crash(3 if quick else 10, 400)
    results["seconds"] = round(time.monotonic() - started)
    print(json.dumps(results))


if __name__ == "__main__":
    try:
        asyncio.run(main("--quick" in sys.argv, scan="--workers-scan" in sys.argv))
    except TelegramError as error:
        sys.exit(f"benchmark failed: {error!r}")
