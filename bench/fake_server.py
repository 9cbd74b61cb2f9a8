"""A Bot API fake in its own process, so it does not share a CPU or an event loop with what it measures.

    python -m bench.fake_server spec [--rate-limit]   # tests/fake_bot_api: validates every call
    python -m bench.fake_server lean                  # getMe and sendMessage only, no validation

It prints `PORT <n>` and then answers JSON commands on stdin, one per line:
`{"cmd": "users", "start": 1, "stop": 3001}` (spec: create private chats), `{"cmd": "stats"}`,
`{"cmd": "counts"}` (messages per chat), `{"cmd": "arrivals", "chats": [1, 2]}` (when each message to those
chats came, in time.monotonic(): one clock for every process on the machine), `{"cmd": "reset"}`,
`{"cmd": "latency", "seconds": 0.05}`
(lean: answer each sendMessage that much later, like a distant server; concurrency then decides the rate).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections import Counter
from typing import Any

from aiohttp import web

TOKEN = "123456:BENCH-token-local-fake-only"


class Record:
    """What the benchmark reads back: successful sends with their times, 429s, getMe calls."""

    def __init__(self) -> None:
        self.latency = 0.0
        self.reset()

    def reset(self) -> None:
        self.times: list[float] = []
        self.chats: Counter[int] = Counter()
        self.arrivals: dict[int, list[float]] = {}  # chat -> when each message came (time.monotonic)
        self.edits = 0
        self.last_edit = 0.0
        self.too_many = 0
        self.get_me = 0

    def sent(self, chat_id: int) -> None:
        now = time.monotonic()
        self.times.append(now)
        self.chats[chat_id] += 1
        self.arrivals.setdefault(chat_id, []).append(now)

    def edited(self) -> None:
        self.edits += 1
        self.last_edit = time.monotonic()

    def stats(self) -> dict[str, Any]:
        t = self.times
        rate = (len(t) - 1) / (t[-1] - t[0]) if len(t) > 1 and t[-1] > t[0] else 0.0
        last = max(t[-1] if t else 0.0, self.last_edit)  # the last message sent or edited
        return {"sent": len(t), "edits": self.edits, "rate": rate, "too_many": self.too_many, "get_me": self.get_me,
                "last": last}  # fmt: skip


async def spec_server(record: Record, rate_limit: bool) -> tuple[Any, int]:
    sys.path.insert(0, ".")
    from tests.fake_bot_api import ApiError, FakeBotAPI

    class Recording(FakeBotAPI):
        async def _execute(self, method: Any, params: dict[str, Any]) -> Any:
            try:
                result = await super()._execute(method, params)
            except ApiError as error:
                record.too_many += error.code == 429
                raise
            if method.name == "sendMessage":
                record.sent(int(params["chat_id"]))
            elif method.name == "getMe":
                record.get_me += 1
            return result

    fake = Recording(token=TOKEN, rate_limit=rate_limit)
    await fake.start()
    assert fake.port is not None
    return fake, fake.port


async def lean_server(record: Record) -> tuple[Any, int]:
    bot = {"id": 123456, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}

    async def handle(request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        if method == "getme":
            record.get_me += 1
            return web.json_response({"ok": True, "result": bot})
        if method != "sendmessage":
            if method.startswith("editmessage"):
                record.edited()  # a button's answer: the benchmark's clock counts it too
            return web.json_response({"ok": True, "result": True})
        params = await request.post() if request.content_type != "application/json" else await request.json()
        chat_id = int(params["chat_id"])
        if record.latency:
            await asyncio.sleep(record.latency)
        record.sent(chat_id)
        message = {"message_id": len(record.times), "date": int(time.time()), "text": params["text"],
                   "chat": {"id": chat_id, "type": "private", "first_name": "x"}, "from": bot}  # fmt: skip
        return web.json_response({"ok": True, "result": message})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runner.addresses[0][1]


async def control(record: Record, fake: Any) -> None:
    reader = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        command = json.loads(line)
        reply: Any = {"ok": True}
        if command["cmd"] == "users":
            for user_id in range(command["start"], command["stop"]):
                fake.user(user_id)
        elif command["cmd"] == "stats":
            reply = record.stats()
        elif command["cmd"] == "arrivals":
            reply = {str(c): record.arrivals.get(c, []) for c in command["chats"]}
        elif command["cmd"] == "counts":
            reply = {str(k): v for k, v in record.chats.items()}
        elif command["cmd"] == "reset":
            record.reset()
        elif command["cmd"] == "latency":
            record.latency = float(command["seconds"])
        print(json.dumps(reply), flush=True)


async def main(kind: str, rate_limit: bool) -> None:
    # A worker killed mid-request (the crash benchmark) is expected: no tracebacks for it.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    record = Record()
    fake, port = await (spec_server(record, rate_limit) if kind == "spec" else lean_server(record))
    print(f"PORT {port}", flush=True)
    await control(record, fake)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], "--rate-limit" in sys.argv))
