"""Updates per second through the webhook, CPU per update, and latency at 300 updates/s; beside a bare PTB echo bot.

    .venv/bin/python bench/webhook.py [--people 300] [--seconds 8]     # ~1.5 min; last line: JSON summary

Ours runs as deployed: `rahnama serve --workers N`, one worker per core (`--workers 1` for one process),
every message as its own request (`--reply-in-response` to put the last one in the webhook response).

Each bot runs as its own process (`rahnama serve`; bench/echo_webhook.py), with the lean Bot API fake
(bench/fake_server.py) in another and a Redis server of its own on a free port. This process plays
Telegram: it posts updates with the secret, one update of a person at a time (Telegram's webhook
queues are per chat), many people at once, and carries out a method found in a webhook response.
The updates follow the e2e conversations: /start, the language chooser, the menu, documents, a
category, its guidance, a typed question (Dari, Pashto or English), /help.

- throughput: every person's conversation, `--concurrency` webhook calls in flight, until the last answer
  reached the fake. Ours answers Telegram's call at once and sends the answer when the send budget has a
  slot (at `--budget-rate` messages/s, each chat's messages a second apart), so the clock stops at the
  fake's last message, for both bots;
- CPU per update: the bot process's user+system time over that run (/proc), divided by the updates;
  `cost_ratio` is ours / echo's, which is what holds on a noisy shared machine;
- latency at 300/s: updates started on a fixed schedule for `--seconds`, each the first update of a new
  person (/start, a typed question, /help), timed from its scheduled moment to the arrival at the fake
  of the first message of its answer; `ack_p99_ms_at_*`: how long Telegram's webhook call waited.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fake_server import TOKEN  # noqa: E402
from bench.harness import FakeProcess, favour, free_port  # noqa: E402
from bot.config import PROJECT_ROOT  # noqa: E402

SECRET = "bench-webhook-secret"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
QUESTIONS = {
    "prs": "کارت پی او آر من ختم شده حالا چه کنم",
    "ps": "زما د پی او ار کارت ختم شو اوس څه وکړم",
    "en": "my PoR card expired what should I do",
}
# BENCH_PROFILE=/tmp/ours.prof: run our bot under cProfile (slower; for finding where the time goes).
PROFILE = ["-m", "cProfile", "-o", os.environ["BENCH_PROFILE"]] if os.environ.get("BENCH_PROFILE") else []
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- the updates ---------------------------------------------------------------------------------
class Updates:
    def __init__(self) -> None:
        self.next_id = 1

    def _wrap(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        self.next_id += 1
        return {"update_id": self.next_id, kind: body}

    def text(self, person: int, text: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self.next_id,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": person, "type": "private", "first_name": "P"},
            "from": {"id": person, "is_bot": False, "first_name": "P", "language_code": "fa"},
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self._wrap("message", message)

    def press(self, person: int, data: str) -> dict[str, Any]:
        user = {"id": person, "is_bot": False, "first_name": "P", "language_code": "fa"}
        message = {
            "message_id": 1,
            "date": int(time.time()),
            "text": "…",
            "from": {"id": 1, "is_bot": True, "first_name": "B"},
            "chat": {"id": person, "type": "private", "first_name": "P"},
        }
        query = {"id": str(self.next_id), "from": user, "message": message, "chat_instance": "1", "data": data}
        return self._wrap("callback_query", query)

    def first_contact(self, person: int) -> dict[str, Any]:
        """Someone's first update: /start, a typed question (Dari, Pashto or English) or /help."""
        kind = person % 5
        if kind == 0:
            return self.text(person, "/start")
        if kind == 4:
            return self.text(person, "/help")
        return self.text(person, QUESTIONS[("prs", "ps", "en")[kind - 1]])

    def conversation(self, person: int) -> list[dict[str, Any]]:
        """One person's visit, as in tests/test_telegram_e2e.py, in one of the three languages."""
        lang = ("prs", "ps", "en")[person % 3]
        return [
            self.text(person, "/start"),
            self.press(person, f"lang:{lang}"),
            self.press(person, "go:docs"),
            self.press(person, "go:cat:por"),
            self.press(person, "go:topic:por:now"),
            self.text(person, QUESTIONS[lang]),
            self.press(person, "go:menu"),
            self.text(person, "/help"),
        ]


# --- processes -----------------------------------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


class Bot:
    def __init__(self, name: str, args: list[str], env: dict[str, str], ready_path: str) -> None:
        self.name, self.args, self.env, self.ready_path = name, args, env, ready_path
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = open(f"/tmp/bench-webhook-{name}.log", "wb")  # noqa: SIM115  # its errors, if any

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, http: aiohttp.ClientSession) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, *self.args, "--port", str(self.port)],
            env=self.env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        favour(self.proc.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                async with http.get(self.url + self.ready_path) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
        raise TimeoutError(f"{self.name} did not start")

    def stop(self) -> None:
        if self.proc is not None:
            # uvicorn re-raises the signal after its shutdown; SIGINT lets cProfile write its file first.
            self.proc.send_signal(signal.SIGINT if PROFILE else signal.SIGTERM)
            self.proc.wait(timeout=30)

    def cpu(self) -> float:
        """CPU of the bot's whole process tree (uvicorn's workers are children of `serve --workers N`)."""
        assert self.proc is not None
        return sum(cpu_seconds(pid) for pid in process_tree(self.proc.pid))


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return pids


# --- playing Telegram ----------------------------------------------------------------------------
class Telegram:
    def __init__(self, http: aiohttp.ClientSession, bot: Bot, fake: FakeProcess) -> None:
        self.http, self.bot, self.fake = http, bot, fake
        self.acks: list[float] = []  # how long each webhook call took to be answered
        self.forwarded: set[asyncio.Task[None]] = set()
        self.responses_with_method = 0

    async def deliver(self, update: dict[str, Any], since: float | None = None) -> None:
        started = time.monotonic() if since is None else since
        async with self.http.post(self.bot.url + "/telegram/webhook", json=update, headers=HEADERS) as response:
            body = await response.read()
            assert response.status == 200, response.status
        self.acks.append(time.monotonic() - started)
        if body and response.content_type == "application/json":
            self.responses_with_method += 1
            task = asyncio.create_task(self._carry_out(json.loads(body)))
            self.forwarded.add(task)
            task.add_done_callback(self.forwarded.discard)

    async def _carry_out(self, call: dict[str, Any]) -> None:
        """What Telegram does with a method in a webhook response: call it (the bot never hears back)."""
        method = call.pop("method")
        async with self.http.post(f"{self.fake.base_url}{TOKEN}/{method}", json=call) as response:
            await response.read()

    async def settle(self) -> None:
        while self.forwarded:
            await asyncio.gather(*list(self.forwarded))


async def run_closed(telegram: Telegram, conversations: list[list[dict[str, Any]]], concurrency: int) -> None:
    """Every conversation, each person's updates one after another, `concurrency` calls at once."""
    todo = iter(conversations)

    async def lane() -> None:
        for conversation in todo:
            for update in conversation:
                await telegram.deliver(update)

    await asyncio.gather(*(lane() for _ in range(concurrency)))
    await telegram.settle()


async def run_fixed_rate(
    telegram: Telegram, updates: list[dict[str, Any]], rate: float, connections: int
) -> dict[int, float]:
    """Start one update every 1/rate s (open loop), each from a person not waiting for anything, with at
    most `connections` calls in flight as Telegram keeps to (setWebhook's max_connections). Returns when
    each person's update was due: latency counts from then, so waiting for a connection is in it."""
    due_at: dict[int, float] = {}
    busy: set[asyncio.Task[None]] = set()
    slots = asyncio.Semaphore(connections)
    # This process plays Telegram, whose servers do not stop to collect garbage: a full collection here
    # (the prepared updates are many objects) paused the sender for ~30 ms and counted as our latency.
    gc.collect()
    gc.disable()
    try:
        start = time.monotonic()
        for count, update in enumerate(updates):
            due = start + count / rate
            if due > time.monotonic():
                await asyncio.sleep(due - time.monotonic())
            due_at[chat_of(update)] = due

            async def one(update: dict[str, Any] = update, due: float = due) -> None:
                async with slots:
                    await telegram.deliver(update, since=due)

            task = asyncio.create_task(one())
            busy.add(task)
            task.add_done_callback(busy.discard)
        await asyncio.gather(*list(busy))
        await telegram.settle()
    finally:
        gc.enable()
    return due_at


def chat_of(update: dict[str, Any]) -> int:
    body = update.get("message") or update["callback_query"]["message"]
    return int(body["chat"]["id"])


# --- measuring -----------------------------------------------------------------------------------
async def arrivals(fake: FakeProcess, chats: list[int]) -> dict[int, list[float]]:
    """When each message to these chats reached the fake (time.monotonic)."""
    return {int(chat): times for chat, times in (await fake.ask("arrivals", chats=chats)).items()}


async def answered(fake: FakeProcess, expected: dict[int, int], timeout: float = 300) -> dict[int, list[float]]:
    """Wait until each chat has its expected number of messages; their arrival times. The answers follow
    the webhook's reply (queued, then sent as the send budget allows), so there is nothing else to wait on;
    a stretch of silence is no sign of the end (a loaded machine starves the bot for seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        got = await arrivals(fake, list(expected))
        short = [chat for chat, n in expected.items() if len(got[chat]) < n]
        if not short:
            return got
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(short)} of {len(expected)} chats still wait for an answer")
        await asyncio.sleep(0.2)


async def messages_per_conversation(fake: FakeProcess, people: list[int], settle_s: float = 5.0) -> dict[int, int]:
    """Messages a whole conversation brings, per language (person % 3), read off the warm-up once it has
    been quiet for `settle_s`."""
    last, since = None, time.monotonic()
    while time.monotonic() - since < settle_s:
        counts = {chat: len(times) for chat, times in (await arrivals(fake, people)).items()}
        if counts != last:
            last, since = counts, time.monotonic()
        await asyncio.sleep(0.2)
    assert last is not None
    return {lang: max(n for chat, n in last.items() if chat % 3 == lang) for lang in range(3)}


def percentile(samples: list[float], q: float) -> float:
    return samples[int(q * (len(samples) - 1))]


async def measure(
    bot: Bot, fake: FakeProcess, http: aiohttp.ClientSession, args: argparse.Namespace, first: int
) -> dict[str, Any]:
    updates = Updates()
    updates.next_id = first * 100
    warm = [first + p for p in range(30)]
    await run_closed(Telegram(http, bot, fake), [updates.conversation(p) for p in warm], 10)
    per_language = await messages_per_conversation(fake, warm)

    people = [first + 1000 + p for p in range(args.people)]
    count = len(people) * len(updates.conversation(0))
    before, cpu_before, started = await fake.ask("stats"), bot.cpu(), time.monotonic()
    telegram = Telegram(http, bot, fake)
    await run_closed(telegram, [updates.conversation(p) for p in people], args.concurrency)
    got = await answered(fake, {p: per_language[p % 3] for p in people})
    wall = max(max(times) for times in got.values()) - started  # until the last answer reached the fake
    cpu = bot.cpu() - cpu_before
    after = await fake.ask("stats")

    figures: dict[str, Any] = {}
    for run, (rate, seconds) in enumerate(((args.rate, args.seconds), (args.low_rate, 4.0)), start=1):
        paced = Telegram(http, bot, fake)
        fresh = [updates.first_contact(first + 1_000_000 * run + p) for p in range(int(rate * seconds))]
        due_at = await run_fixed_rate(paced, fresh, rate, connections=40)
        first_answer = await answered(fake, {chat: 1 for chat in due_at})
        latencies = sorted(min(first_answer[chat]) - due for chat, due in due_at.items())
        acks = sorted(paced.acks)
        figures |= {
            f"p50_ms_at_{rate:g}": 1000 * statistics.median(latencies),
            f"p99_ms_at_{rate:g}": 1000 * percentile(latencies, 0.99),
            f"ack_p99_ms_at_{rate:g}": 1000 * percentile(acks, 0.99),
        }
    return {
        "updates": count,
        "updates_per_s": count / wall,
        "cpu_ms_per_update": 1000 * cpu / count,
        "messages_sent": after["sent"] - before["sent"],
        "messages_edited": after["edits"] - before["edits"],
        "in_webhook_response": telegram.responses_with_method,
        **figures,
    }


async def main(args: argparse.Namespace) -> None:
    redis_port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    # Every process here gets the same raised priority: the bots', the fake's and Redis's, and this one,
    # which plays Telegram (its own machines). Unequal, the favoured bot starved the others on 2 cores
    # for tens of milliseconds, and their waits showed up as the bot's latency.
    favour()
    favour(redis.pid)
    results: dict[str, dict[str, Any]] = {}
    try:
        async with FakeProcess("lean") as fake, aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            base = os.environ | {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url}
            ours_env = base | {
                "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
                "PUBLIC_URL": "https://bench.invalid",
                "WEBHOOK_SECRET": SECRET,
                "BOT_HANDLE": "bench_bot",
                "WEBHOOK_REPLY_IN_RESPONSE": "true" if args.reply_in_response else "false",
                # Telegram's 30 messages/s would hold 300 updates/s to 30: this measures what the process can do,
                # at the rate of paid broadcasts (the send budget still paces, and keeps each chat's 1/s).
                "BROADCAST_RATE": str(args.budget_rate),
            }
            bots = [
                Bot("echo", ["-m", "bench.echo_webhook"], base, "/healthz"),
                Bot("ours", [*PROFILE, "-m", "bot", "serve", "--workers", str(args.workers)], ours_env, "/readyz"),
            ]
            bots = [b for b in bots if b.name in args.bots]
            for index, bot in enumerate(bots):
                await bot.start(http)
                try:
                    results[bot.name] = await measure(bot, fake, http, args, first=(index + 1) * 10_000_000)
                finally:
                    bot.stop()
                print(
                    bot.name,
                    json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in results[bot.name].items()}),
                    flush=True,
                )
    finally:
        redis.terminate()
        redis.wait()
    if set(results) != {"ours", "echo"}:
        return
    ours, echo = results["ours"], results["echo"]
    summary = {
        "updates_per_s": round(ours["updates_per_s"], 1),
        "echo_updates_per_s": round(echo["updates_per_s"], 1),
        "cost_ratio": round(ours["cpu_ms_per_update"] / echo["cpu_ms_per_update"], 3),
        "p50_ms_at_300": round(ours[f"p50_ms_at_{args.rate:g}"], 2),
        "p99_ms_at_300": round(ours[f"p99_ms_at_{args.rate:g}"], 2),
        "echo_p99_ms_at_300": round(echo[f"p99_ms_at_{args.rate:g}"], 2),
        "budget_rate": args.budget_rate,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=300, help="conversations in the throughput run (8 updates each)")
    parser.add_argument("--concurrency", type=int, default=48, help="people in flight in the throughput run")
    parser.add_argument("--rate", type=float, default=300.0, help="updates per second in the latency run")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of the latency run")
    parser.add_argument("--low-rate", type=float, default=50.0, help="a second, easy rate (4 s), for comparison")
    parser.add_argument("--budget-rate", type=float, default=1000.0, help="ours: BROADCAST_RATE (messages/s)")
    parser.add_argument("--bots", nargs="+", default=["echo", "ours"], help="measure only these")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes of ours (serve --workers): one a core"
    )
    parser.add_argument(
        "--reply-in-response", action="store_true", help="WEBHOOK_REPLY_IN_RESPONSE=true (off by default, as in serve)"
    )
    asyncio.run(main(parser.parse_args()))
