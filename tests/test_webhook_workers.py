"""Two real `rahnama serve` processes behind one bot: shared state, and one person's updates kept in order."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from redis.asyncio import Redis

from bot.config import PROJECT_ROOT
from bot.content import ContentPack
from bot.i18n.bidi import strip_bidi_controls
from tests.conftest import REDIS_TEST_URL
from tests.fake_bot_api import FakeBotAPI
from tests.test_webhook import PUBLIC_URL, SECRET, TOKEN, metric

HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
# Deep links whose screens tell each other apart: a category's name in a language.
LINKS = [("por", "en"), ("acc", "ps"), ("visa", "prs"), ("asylum", "en"), ("por", "ps"), ("acc", "prs"),
         ("resettlement", "en"), ("undocumented", "ps"), ("visa", "en"), ("asylum", "prs")]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def workers(fake: FakeBotAPI, redis_client: Redis) -> Iterator[list[str]]:
    """Two `rahnama serve` processes sharing Redis and the fake Bot API; their base URLs."""
    env = dict(os.environ) | {
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url, "REDIS_URL": REDIS_TEST_URL,
        "REDIS_PREFIX": "workers:", "PUBLIC_URL": PUBLIC_URL, "WEBHOOK_SECRET": SECRET,
        # Every message as a request, so that this test alone decides the order the fake sees them in
        # (a message in a webhook response is sent when the test gets round to it).
        "WEBHOOK_REPLY_IN_RESPONSE": "false",
    }  # fmt: skip
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(port)],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for port in ports
    ]
    try:
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def _until_ready(http: httpx.AsyncClient, url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if (await http.get(url + "/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{url} did not become ready"
        await asyncio.sleep(0.1)


async def _received(http: httpx.AsyncClient, urls: list[str]) -> float:
    """Updates the workers have taken in so far (each counts an update before queueing it)."""
    total = 0.0
    for url in urls:
        text = (await http.get(url + "/metrics")).text
        total += sum(metric(text, f'rahnama_updates_total{{kind="{kind}"}}') for kind in ("message", "callback_query"))
    return total


async def test_two_workers_keep_one_persons_updates_in_order_and_share_state(
    fake: FakeBotAPI, workers: list[str], content: ContentPack
) -> None:
    user = fake.user(3001, first_name="W", language_code="en")
    async with httpx.AsyncClient(timeout=30) as http:
        for url in workers:
            await _until_ready(http, url)
        updates = []
        for category, lang in LINKS:
            updates.append(await fake.send_command(user, "/start", f"{lang}_{category}"))
        fake.updates.pending.clear()  # the test delivers them itself, alternately to the two workers
        # A slow Telegram keeps each update in hand for a while, so the next one surely arrives at the
        # other worker meanwhile (an update is otherwise handled faster than this test can post the next).
        fake.delay_next("sendMessage", 0.3, times=len(LINKS))

        # Update k is posted as soon as a worker has taken in update k-1, not when it has been answered:
        # the two workers handle this person's updates at the same time.
        answered_when_returned: list[tuple[int, int]] = []  # (k, messages the person had by then)
        posts = []
        for k, update in enumerate(updates):
            if k:
                while await _received(http, workers) < k:
                    await asyncio.sleep(0.002)
            post = asyncio.create_task(http.post(workers[k % 2] + "/telegram/webhook", json=update, headers=HEADERS))
            post.add_done_callback(lambda _, k=k: answered_when_returned.append((k, len(fake.sent_messages(user)))))
            posts.append(post)
        assert [(await post).status_code for post in posts] == [200] * len(LINKS)
        # A call that returned before its own update was answered left it to whoever held the person's lock.
        handed_over = sum(1 for k, answered in answered_when_returned if answered <= k)
        sent = await fake.wait_for_messages(user, len(LINKS), timeout=20)

        texts = [strip_bidi_controls(m["text"]) for m in sent]
        for (category, lang), text in zip(LINKS, texts, strict=True):
            assert strip_bidi_controls(content.category(category).name[lang]) in text
        assert handed_over >= 1, "the workers never overlapped: the test did not test ordering"

        # The last link (handled by worker 2, update 10) chose Dari; worker 1 now answers /help in Dari.
        help_update = await fake.send_command(user, "/help")
        fake.updates.pending.clear()
        response = await http.post(workers[0] + "/telegram/webhook", json=help_update, headers=HEADERS)
        assert response.status_code == 200
        (help_reply,) = (await fake.wait_for_messages(user, len(LINKS) + 1))[len(LINKS) :]
        assert any("\u0600" <= ch <= "\u06ff" for ch in help_reply["text"])
