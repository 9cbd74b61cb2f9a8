"""Benchmark plumbing: the fake Bot API process, Redis database 14, subscribers, worker processes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sys
from typing import Any

from redis.asyncio import Redis

from bench.fake_server import TOKEN
from bot.config import PROJECT_ROOT
from bot.subscriptions import Subscriptions

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PREFIX = "bench:"


def favour(pid: int = 0) -> None:
    """Raise a process's CPU priority where we may (root): Telegram's servers do not share our CPUs, and
    on a shared machine other tenants' jobs would otherwise decide when the fake sees a request."""
    with contextlib.suppress(PermissionError):
        os.setpriority(os.PRIO_PROCESS, pid, -10)


class FakeProcess:
    """`python -m bench.fake_server` as a child process, driven over its stdin and stdout."""

    def __init__(self, kind: str, rate_limit: bool = False) -> None:
        self.args = [kind] + (["--rate-limit"] if rate_limit else [])
        self.proc: asyncio.subprocess.Process | None = None
        self.port = 0

    async def __aenter__(self) -> FakeProcess:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.fake_server", *self.args, cwd=PROJECT_ROOT,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**24,  # long replies (arrivals)
        )  # fmt: skip
        assert self.proc.stdout is not None
        favour(self.proc.pid)
        line = (await self.proc.stdout.readline()).decode()
        assert line.startswith("PORT "), line
        self.port = int(line.split()[1])
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()
        await self.proc.wait()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def ask(self, cmd: str, **kwargs: Any) -> Any:
        assert self.proc is not None and self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write((json.dumps({"cmd": cmd, **kwargs}) + "\n").encode())
        await self.proc.stdin.drain()
        return json.loads(await self.proc.stdout.readline())


def free_port() -> int:
    """A TCP port nobody listens on now (for a bot, a fake or a Redis server the benchmark starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def fresh_redis() -> Redis:
    redis = Redis.from_url(REDIS_URL, decode_responses=True)
    await redis.flushdb()
    return redis


async def subscribe_many(subs: Subscriptions, people: list[tuple[int, str, str]]) -> None:
    await subs.subscribe_many(people)


def worker_env(fake: FakeProcess, rate: float, **extra: str) -> dict[str, str]:
    return os.environ | {
        "REDIS_URL": REDIS_URL, "REDIS_PREFIX": PREFIX, "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url, "BROADCAST_RATE": str(rate), **extra,
    }  # fmt: skip


async def start_worker(env: dict[str, str]) -> asyncio.subprocess.Process:
    """`rahnama broadcast worker` as a real process, favoured like the benchmark itself."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "broadcast", "worker", env=env, cwd=PROJECT_ROOT,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    favour(proc.pid)
    return proc


async def wait_for(check: Any, timeout: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"benchmark: {what} not reached within {timeout}s")
        await asyncio.sleep(0.05)
