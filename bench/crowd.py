"""A flash crowd while a broadcast runs, against the spec-checking fake Bot API with Telegram's limits on.

    .venv/bin/pip install -e '.[bench]'        # PTB's AIORateLimiter, for the comparison
    .venv/bin/python -m bench.crowd [--people N] [--no-ptb]      # ~6 min with 1,000 people

N people (default 1,000) arrive within 10 s. Each goes /start → a language → documents → a document
→ a topic, pressing the buttons of the bot's messages 1–2 s after each answer arrives (people read);
every 50th person instead types an emergency ("police took my husband") after choosing a language.
Meanwhile a broadcast to 3,000 subscribers runs. The bot is `rahnama serve --workers 2` (two
processes, one send budget in Redis) fed by the fake's webhook delivery (one update per chat in
flight, 40 connections). The fake (tests/fake_bot_api, rate_limit=True: 30 msg/s overall and 1 msg/s
per chat on sliding windows, 429 beyond) runs in this process; it times every message it accepts.

Then the same crowd (without the broadcast) meets one PTB process with `AIORateLimiter` (defaults)
running the same conversation over long polling: `ptb_*`.

- first reply: from /start to the bot's first message; emergency: from the typed emergency to the card.
- ideal_s: every message the fake accepted between the first arrival and the last person's last answer
  (replies and broadcast) ÷ 30; finish_ratio: that time ÷ ideal_s.
- lost: answers a person waited for and never got (the run ends 30 s after the last message).

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import math
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from redis.asyncio import Redis

from bench.harness import REDIS_URL, favour, free_port
from bot.broadcast import create_job
from bot.config import PROJECT_ROOT
from bot.subscriptions import Subscriptions
from tests.fake_bot_api import ApiError, FakeBotAPI

TOKEN = "123456:CROWD-token-local-fake-only"
PREFIX, PTB_PREFIX = "crowd:", "crowdptb:"
SECRET = "crowd-bench-secret"
SUBSCRIBERS = range(100_001, 103_001)  # 3,000
ARRIVALS_S = 10.0
THINK_S = (1.0, 2.0)  # a person reads the answer before pressing the next button
EMERGENCY_EVERY = 50
EMERGENCY_TEXT = "police took my husband"
QUIET_END_S = 30.0  # nothing sent for this long: whoever still waits has lost an answer
LANGS = ("prs", "ps", "en")
# (button to press, a button the answer carries): the visit after the language chooser.
VISIT = [("go:docs", "go:cat:por"), ("go:cat:por", "go:topic:por:now"), ("go:topic:por:now", "go:")]


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class Watched(FakeBotAPI):
    """The fake Bot API, noting every message it accepts (when, to whom) and every 429 it answers."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inbox: dict[int, list[dict[str, Any]]] = {}
        self.arrived: dict[int, asyncio.Event] = {}
        self.times: list[tuple[float, int]] = []  # (when, chat) of every accepted message
        self.too_many = 0

    async def _execute(self, method: Any, params: dict[str, Any]) -> Any:
        try:
            result = await super()._execute(method, params)
        except ApiError as error:
            self.too_many += error.code == 429
            if error.code == 429 and os.environ.get("CROWD_DEBUG"):
                limiter = self.rate_limiter
                chat = int(params.get("chat_id", 0))
                say(f"429 chat={chat} overall={len(limiter._overall)} chat_window={len(limiter._chats.get(chat, []))}")
            raise
        if method.name == "sendMessage":
            chat = int(params["chat_id"])
            self.times.append((time.monotonic(), chat))
            self.inbox.setdefault(chat, []).append(result)
            self.event(chat).set()
        return result

    def event(self, chat: int) -> asyncio.Event:
        return self.arrived.setdefault(chat, asyncio.Event())

    def reset(self) -> None:
        self.inbox.clear()
        self.times.clear()
        self.too_many = 0

    async def next_message(self, chat: int, seen: int, wanted: str | None, timeout: float) -> tuple[int, dict]:
        """The first message to `chat` after the first `seen` ones with a button starting with `wanted`
        (None: any message); and how many the chat has had up to it."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.inbox.get(chat, [])
            for i in range(seen, len(messages)):
                if wanted is None or has_button(messages[i], wanted):
                    return i + 1, messages[i]
            seen = len(messages)
            self.event(chat).clear()
            await asyncio.wait_for(self.event(chat).wait(), max(0.001, deadline - time.monotonic()))


def has_button(message: dict[str, Any], prefix: str) -> bool:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return any(b.get("callback_data", "").startswith(prefix) for row in rows for b in row)


@dataclass
class Person:
    user_id: int
    arrives: float
    emergency: bool
    lang: str
    first_reply: float | None = None
    emergency_reply: float | None = None
    step_replies: list[float] = field(default_factory=list)
    done_at: float | None = None
    waiting: bool = False


async def visit(fake: Watched, person: Person, t0: float, rng: random.Random) -> None:
    """One person's visit; each wait ends only with the answer or the run (the caller cancels)."""
    await asyncio.sleep(max(0.0, t0 + person.arrives - time.monotonic()))
    chat, far = person.user_id, 3600.0
    person.waiting = True
    sent = time.monotonic()
    await fake.send_command(chat, "/start")
    seen, _ = await fake.next_message(chat, 0, None, far)
    person.first_reply = time.monotonic() - sent
    seen, message = await fake.next_message(chat, 0, "lang:", far)
    steps = [(f"lang:{person.lang}", "go:docs")]
    if not person.emergency:
        steps += VISIT
    for press, expect in steps:
        await asyncio.sleep(rng.uniform(*THINK_S))
        sent = time.monotonic()
        await fake.press_button(chat, message, press)
        seen, message = await fake.next_message(chat, seen, expect, far)
        person.step_replies.append(time.monotonic() - sent)
    if person.emergency:
        await asyncio.sleep(rng.uniform(*THINK_S))
        sent = time.monotonic()
        await fake.send_text(chat, EMERGENCY_TEXT)
        seen, message = await fake.next_message(chat, seen, "go:help", far)
        person.emergency_reply = time.monotonic() - sent
    person.done_at, person.waiting = time.monotonic(), False


def crowd(n: int, seed: int = 7) -> list[Person]:
    rng = random.Random(seed)
    return [Person(i, rng.uniform(0, ARRIVALS_S), i % EMERGENCY_EVERY == 7, LANGS[i % 3]) for i in range(1, n + 1)]


async def run_crowd(fake: Watched, people: list[Person], t0: float) -> None:
    """Every visit, until all are done or nothing has been sent for QUIET_END_S."""
    rng = random.Random(11)
    tasks = [asyncio.create_task(visit(fake, p, t0, random.Random(rng.random()))) for p in people]
    last_count, last_change = 0, time.monotonic()
    while not all(t.done() for t in tasks):
        await asyncio.sleep(0.5)
        if len(fake.times) != last_count:
            last_count, last_change = len(fake.times), time.monotonic()
        elif time.monotonic() - last_change > QUIET_END_S and time.monotonic() > t0 + ARRIVALS_S:
            break
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    errors = [r for r in results if isinstance(r, Exception) and not isinstance(r, asyncio.CancelledError)]
    if errors:
        say(f"  {len(errors)} visits failed, e.g. {errors[0]!r}")


def figures(fake: Watched, people: list[Person], t0: float) -> dict[str, Any]:
    answered = [p for p in people if p.done_at is not None]
    end = max((p.done_at for p in answered), default=t0)
    sent = [chat for when, chat in fake.times if t0 <= when <= end]
    expected = sum(3 if p.emergency else 5 for p in people)  # answers each visit waits for
    got = sum(1 + len(p.step_replies) + (p.emergency_reply is not None) for p in people if p.first_reply)
    ideal = len(sent) / 30
    if os.environ.get("CROWD_DEBUG"):
        per_second: dict[int, list[int]] = {}
        for when, chat in fake.times:
            if t0 <= when <= end:
                per_second.setdefault(int(when - t0), [0, 0])[chat in SUBSCRIBERS] += 1
        say(" ".join(f"{k}:{v[0]}+{v[1]}" for k, v in sorted(per_second.items())))
    if os.environ.get("CROWD_DEBUG"):
        stuck: dict[str, int] = {}
        for p in people:
            if p.done_at is None:
                where = "first" if p.first_reply is None else f"step{len(p.step_replies)}{'E' if p.emergency else ''}"
                stuck[where] = stuck.get(where, 0) + 1
        say(f"stuck: {stuck}")
    firsts = sorted(p.first_reply for p in people if p.first_reply is not None)
    emergencies = sorted(p.emergency_reply for p in people if p.emergency_reply is not None)
    steps = sorted(s for p in people for s in p.step_replies)
    return {
        "people": len(people),
        "answered": len(answered),
        "lost": expected - got,
        "count_429": fake.too_many,
        "first_reply_p50_s": round(quantile(firsts, 0.5), 2),
        "first_reply_p99_s": round(quantile(firsts, 0.99), 2),
        "step_reply_p50_s": round(quantile(steps, 0.5), 2),
        "emergency_people": sum(p.emergency for p in people),
        "emergency_reply_p50_s": round(quantile(emergencies, 0.5), 2),
        "emergency_reply_max_s": round(max(emergencies, default=math.nan), 2),
        "ideal_s": round(ideal, 1),
        "actual_s": round(end - t0, 1),
        "finish_ratio": round((end - t0) / ideal, 3) if ideal else None,
        "broadcast_sent_during_crowd": sum(chat in SUBSCRIBERS for chat in sent),
    }


def quantile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)]


async def started(proc: subprocess.Popen[bytes], check: Any, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start (see /tmp/bench-crowd-*.log)")
        await asyncio.sleep(0.2)


async def stop(proc: subprocess.Popen[bytes], timeout: float = 40) -> None:
    """SIGTERM, then SIGKILL after `timeout`. Waited for without blocking the loop: the fake Bot API runs in
    it and answers the bot's last calls while it shuts down (a blocking wait left them unanswered until the
    kill, and the run seemed to hang after printing its figures)."""
    proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def spawn(args: list[str], env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    log = open(f"/tmp/bench-crowd-{name}.log", "wb")  # noqa: SIM115  # its errors, if any
    proc = subprocess.Popen([sys.executable, *args], env=env, cwd=PROJECT_ROOT, stdout=log, stderr=log)
    favour(proc.pid)
    return proc


async def ours(fake: Watched, people: list[Person], redis: Redis) -> dict[str, Any]:
    port = free_port()
    env = os.environ | {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "REDIS_URL": REDIS_URL,
        "REDIS_PREFIX": PREFIX,
        "PUBLIC_URL": "https://crowd.bench.invalid",
        "WEBHOOK_SECRET": SECRET,
        "BROADCAST_RATE": "30",
    }  # SEND_HEADROOM: the default, unless set in the environment
    proc = spawn(["-m", "bot", "serve", "--workers", "2", "--port", str(port)], env, "ours")
    try:
        async with aiohttp.ClientSession() as http:

            async def ready() -> bool:
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                        return response.status == 200 and bool(fake.state.webhook.get("url"))
                return False

            await started(proc, ready, "rahnama serve --workers 2")
        await asyncio.sleep(2)  # the second worker sets the webhook too
        await fake.deliver_webhooks(f"http://127.0.0.1:{port}")
        job = await create_job(redis, PREFIX, ["por"], ["en"], {"en": "News: the PoR deadline moved."}, now=time.time())
        await wait_until(lambda: any(chat in SUBSCRIBERS for _, chat in fake.times), 60)
        say(f"broadcast {job} running; {len(people)} people arrive within {ARRIVALS_S:.0f} s")
        fake.too_many = 0
        return await measured(fake, people)
    finally:
        await stop(proc)


async def ptb(fake: Watched, people: list[Person]) -> dict[str, Any]:
    env = os.environ | {"TELEGRAM_API_BASE_URL": fake.base_url}
    proc = spawn(["-m", "bench.crowd", "--ptb-bot"], env, "ptb")
    try:

        async def polling() -> bool:
            return any(r.method == "getUpdates" for r in fake.requests)

        await started(proc, polling, "the PTB bot")
        say(f"PTB + AIORateLimiter: {len(people)} people arrive within {ARRIVALS_S:.0f} s")
        return await measured(fake, people)
    finally:
        await stop(proc)


async def measured(fake: Watched, people: list[Person]) -> dict[str, Any]:
    """The crowd arrives from now; its figures once everyone is answered or nothing more comes."""
    t0 = time.monotonic()
    with quiet_collector():
        await run_crowd(fake, people, t0)
    return figures(fake, people, t0)


@contextlib.contextmanager
def quiet_collector() -> Any:
    """The fake plays Telegram, whose servers do not pause for our garbage collection: no full collections
    in this process while the crowd runs (they take tens of ms over the fake's state and would stamp
    the messages that arrived meanwhile as one burst)."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


async def wait_until(check: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark: condition not reached")
        await asyncio.sleep(0.05)


def ptb_bot() -> None:
    """The comparison: our conversation in one PTB process whose sends go through AIORateLimiter."""
    from telegram import Update
    from telegram.ext import AIORateLimiter, Application, ExtBot, TypeHandler

    from bot.channels.telegram.app import ALLOWED_UPDATES, TelegramBot
    from bot.cli.bot_commands import load_checked
    from bot.config import Settings
    from bot.store import StateStore

    logging.basicConfig(level=logging.CRITICAL)
    settings = Settings(telegram_bot_token=TOKEN, redis_url=REDIS_URL, redis_prefix=PTB_PREFIX)
    store = StateStore(Redis.from_url(REDIS_URL, decode_responses=True), PTB_PREFIX)
    handler = TelegramBot(settings, load_checked(settings), store)
    bot = ExtBot(TOKEN, base_url=settings.telegram_api_base_url, rate_limiter=AIORateLimiter())
    application = Application.builder().bot(bot).concurrent_updates(True).build()
    application.add_handler(TypeHandler(Update, handler.on_update))
    application.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=0)


async def main(args: argparse.Namespace) -> None:
    favour()
    logging.getLogger("aiohttp").setLevel(logging.CRITICAL)
    redis = Redis.from_url(REDIS_URL, decode_responses=True)
    await redis.flushdb()
    started_at = time.monotonic()
    results: dict[str, Any] = {}
    async with Watched(token=TOKEN, rate_limit=True) as fake:
        people = crowd(args.people)
        for p in people:
            fake.user(p.user_id, f"P{p.user_id}", language_code="fa")
        for user_id in SUBSCRIBERS:
            fake.user(user_id, "S")
        await Subscriptions(redis, PREFIX).subscribe_many([(u, "por", "en") for u in SUBSCRIBERS])
        results |= await ours(fake, people, redis)
        say(json.dumps(results))
    if not args.no_ptb:
        await asyncio.sleep(1.1)  # the fake's windows empty
        async with Watched(token=TOKEN, rate_limit=True) as fake:
            people = crowd(args.people)
            for p in people:
                fake.user(p.user_id, f"P{p.user_id}", language_code="fa")
            theirs = await ptb(fake, people)
            say("PTB: " + json.dumps(theirs))
        results |= {"ptb_count_429": theirs["count_429"], "ptb_lost": theirs["lost"],
                    "ptb_finish_ratio": theirs["finish_ratio"], "ptb_answered": theirs["answered"],
                    "ptb_first_reply_p99_s": theirs["first_reply_p99_s"]}  # fmt: skip
    await redis.flushdb()
    await redis.aclose()
    results["seconds"] = round(time.monotonic() - started_at)
    print(json.dumps(results))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000, help="people in the crowd (default 1000)")
    parser.add_argument("--no-ptb", action="store_true", help="skip the PTB + AIORateLimiter comparison")
    parser.add_argument("--ptb-bot", action="store_true", help=argparse.SUPPRESS)  # the comparison's bot process
    arguments = parser.parse_args()
    if arguments.ptb_bot:
        ptb_bot()
    else:
        asyncio.run(main(arguments))
