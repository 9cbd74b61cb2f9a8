"""The admin app served by a real uvicorn in a thread, on a free port, with its own Redis client and event loop."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from redis import Redis as SyncRedis
from redis.asyncio import Redis

from bot.content import ContentPack
from tests.admin_app import Served, admin_app
from tests.conftest import REDIS_TEST_URL


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_admin(pack: ContentPack, content_dir: Path | None = None) -> Iterator[tuple[str, Served]]:
    """(base URL, what the bot holds); the test database is emptied before and after."""
    SyncRedis.from_url(REDIS_TEST_URL).flushdb()
    served = Served(pack)
    # Connections are made lazily, inside the server's own event loop.
    app, _ = admin_app(Redis.from_url(REDIS_TEST_URL, decode_responses=True), served, content_dir=content_dir)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the admin server did not start"
        time.sleep(0.02)  # waiting for our own server to listen, not timing a test
    try:
        yield f"http://127.0.0.1:{port}", served
    finally:
        server.should_exit = True
        thread.join(10)
        SyncRedis.from_url(REDIS_TEST_URL).flushdb()
