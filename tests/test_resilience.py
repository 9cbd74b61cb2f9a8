"""Resilience end to end: Redis stops and comes back under a running bot; Telegram fails for a moment.

The Redis here is a real redis-server of the test's own, on a free port, with an append-only file,
stopped and started again on the same port like a restarted container.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from telegram.ext import Application

from bot.channels.outage import StoreBreaker, keep_running
from bot.content import ContentPack
from bot.domain import DocumentCategory, Language
from bot.i18n.bidi import strip_bidi_controls
from bot.i18n.catalog import translator
from bot.langid import detect
from bot.store import connect
from bot.subscriptions import Subscriptions
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_harness import PREFIX, buttons, running_bot

NOTICE = "⚠️ Your settings could not be saved right now."
NOT_NOW = "Sorry, I cannot do that right now because of a technical problem. Please try again in a few minutes."
ERASED = "Everything we kept about you is erased. Send /start if you want to use Rahnama again."


def said(lang: Language, msgid: str) -> str:
    return translator(lang).gettext(msgid)


def text_of(message: dict) -> str:
    return strip_bidi_controls(message["text"])


class SpareRedis:
    """A redis-server owned by one test: stop() and start() keep its port and its append-only file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        probe = Redis(port=self.port)
        try:
            for _ in range(200):  # waits for the server to accept connections (at most ~10 s), not for timing
                try:
                    if await probe.ping():
                        return
                except RedisConnectionError:
                    await asyncio.sleep(0.05)
            raise AssertionError("redis-server did not start")
        finally:
            await probe.aclose()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()  # SIGTERM: Redis finishes writing its append-only file first
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
async def spare_redis(tmp_path: Path) -> AsyncIterator[SpareRedis]:
    server = SpareRedis(tmp_path)
    await server.start()
    try:
        yield server
    finally:
        server.stop()


async def reply_to(fake: FakeBotAPI, chat_id: int, send) -> dict:  # type: ignore[no-untyped-def]
    """Do one thing and return the bot's one new message (fails if it sent none within 5 s)."""
    before = len(fake.sent_messages(chat_id))
    await send()
    messages = await fake.wait_for_messages(chat_id, before + 1)
    return messages[before]


async def test_redis_down_the_bot_answers_statelessly_in_their_language_and_recovers_with_nothing_lost(
    fake: FakeBotAPI, content: ContentPack, spare_redis: SpareRedis, caplog: pytest.LogCaptureFixture
) -> None:
    redis = connect(spare_redis.url)  # the production client, with its short timeouts
    subs = Subscriptions(redis, PREFIX)
    dari = fake.user(2001, language_code="en")  # the phone says English; the person chose Dari
    pashto = fake.user(2002, language_code="ps")
    caplog.set_level(logging.INFO)
    async with running_bot(fake, content, redis) as app:
        handler = app.bot_data["rahnama"]
        handler.breaker.cooldown_s = 0  # try Redis on every update, so recovery needs no waiting

        # Before: a Dari speaker subscribes to PoR reminders.
        category = await reply_to(fake, dari.id, lambda: fake.send_command(dari, "/start", "prs_por"))
        offer = await reply_to(fake, dari.id, lambda: fake.press_button(dari, category, "go:sub:por"))
        await reply_to(fake, dari.id, lambda: fake.press_button(dari, offer, "do:sub:por"))
        assert await subs.categories_of(dari.id) == {DocumentCategory.POR}

        spare_redis.stop()

        # During: a button under a Dari message is answered in Dari, with the notice.
        docs = await reply_to(fake, dari.id, lambda: fake.press_button(dari, category, "go:docs"))
        assert detect(text_of(docs)) == "prs" and said(Language.DARI, NOTICE) in text_of(docs)
        por = await reply_to(fake, dari.id, lambda: fake.press_button(dari, docs, "go:cat:por"))
        assert content.category("por").name["prs"] in text_of(por)
        # What needs Redis does not claim success: no subscription, and /forget does not say "erased".
        offer = await reply_to(fake, dari.id, lambda: fake.press_button(dari, por, "go:sub:por"))
        assert text_of(offer) == said(Language.DARI, NOT_NOW)
        # A typed command carries no language: it is answered in the phone's (English here).
        confirm = await reply_to(fake, dari.id, lambda: fake.send_command(dari, "/forget"))
        done = await reply_to(fake, dari.id, lambda: fake.press_button(dari, confirm, "do:forget"))
        assert text_of(done) == NOT_NOW and ERASED not in text_of(done)
        # Someone new is answered in the language their phone names, at once: no chooser loop.
        menu = await reply_to(fake, pashto.id, lambda: fake.send_command(pashto, "/start"))
        assert said(Language.PASHTO, "Choose a topic:") in text_of(menu)
        assert said(Language.PASHTO, NOTICE) in text_of(menu)
        assert any(b["callback_data"] == "go:docs" for b in buttons(menu))

        await spare_redis.start()

        # After: saved again, no notice, and the subscription made before the outage is still there.
        por = await reply_to(fake, dari.id, lambda: fake.press_button(dari, docs, "go:cat:por"))
        assert said(Language.DARI, NOTICE) not in text_of(por)
        assert await redis.hget(f"{PREFIX}user:{dari.id}", "screen") == "cat:por"
        assert await subs.categories_of(dari.id) == {DocumentCategory.POR}
        menu = await reply_to(fake, pashto.id, lambda: fake.send_command(pashto, "/start"))
        assert said(Language.PASHTO, NOTICE) not in text_of(menu)
        # The background loops rode out the outage.
        assert not handler._broadcasts.done() and not handler._reminders.done()
        assert handler.breaker.down is False
    await redis.aclose()
    failures = [r for r in caplog.records if r.getMessage().startswith("update failed")]
    assert failures == []
    outage_logs = [r.getMessage() for r in caplog.records if "Redis unreachable" in r.getMessage()]
    assert outage_logs == ["Redis unreachable (ConnectionError): answering without saved state"]


async def test_the_bot_starts_while_redis_is_down_and_saves_once_it_is_up(
    fake: FakeBotAPI, content: ContentPack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = SpareRedis(tmp_path)  # not started yet
    redis = connect(server.url)
    user = fake.user(2003, language_code="fa")
    caplog.set_level(logging.INFO)
    try:
        async with running_bot(fake, content, redis) as app:
            handler = app.bot_data["rahnama"]
            handler.breaker.cooldown_s = 0
            menu = await reply_to(fake, user.id, lambda: fake.send_command(user, "/start"))
            assert said(Language.DARI, NOTICE) in text_of(menu)
            await server.start()
            # Nothing was saved during the outage, so the language is asked once; then it is kept.
            chooser = await reply_to(fake, user.id, lambda: fake.press_button(user, menu, "go:docs"))
            await reply_to(fake, user.id, lambda: fake.press_button(user, chooser, "lang:prs"))
            assert await redis.hget(f"{PREFIX}user:{user.id}", "lang") == "prs"
            assert not handler._reminders.done()
    finally:
        server.stop()
        await redis.aclose()
    assert not [r for r in caplog.records if r.getMessage().startswith("update failed")]


def test_the_breaker_skips_redis_for_a_cooldown_then_tries_again() -> None:
    now = [100.0]
    breaker = StoreBreaker(cooldown_s=5, clock=lambda: now[0])
    assert breaker.worth_trying()
    breaker.failed(RedisConnectionError())
    assert breaker.down and not breaker.worth_trying()
    now[0] += 5
    assert breaker.worth_trying()  # one update tries; it fails again, so the cooldown restarts
    breaker.failed(RedisConnectionError())
    assert not breaker.worth_trying()
    now[0] += 5
    breaker.worked()
    assert not breaker.down and breaker.worth_trying()


async def test_a_background_loop_that_loses_redis_is_started_again() -> None:
    stop = asyncio.Event()
    runs: list[int] = []

    async def loop() -> None:
        runs.append(1)
        if len(runs) < 3:
            raise RedisConnectionError("Connection refused")
        stop.set()

    await asyncio.wait_for(keep_running("test loop", loop, stop, first_pause_s=0), timeout=5)
    assert len(runs) == 3


# --- Telegram failing for a moment --------------------------------------------------------------------


class Waits:
    """Stands in for asyncio.sleep in the retry policy: records each wait and returns at once."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
async def bot_with_recorded_waits(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> AsyncIterator[tuple[Application, Waits]]:
    waits = Waits()
    async with running_bot(fake, content, redis_client) as app:
        app.bot.reply_retry.sleep = waits
        yield app, waits


def send_attempts(fake: FakeBotAPI, chat_id: int) -> list:  # type: ignore[type-arg]
    return [r for r in fake.requests if r.method == "sendMessage" and str(r.params.get("chat_id")) == str(chat_id)]


async def test_5xx_on_a_reply_is_retried_and_the_person_gets_it_once(
    fake: FakeBotAPI, bot_with_recorded_waits: tuple[Application, Waits]
) -> None:
    _, waits = bot_with_recorded_waits
    user = fake.user(2101, language_code="ps")
    fake.fail_next("sendMessage", 500, "Internal Server Error", times=1)
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=1)
    menu = await reply_to(fake, user.id, lambda: fake.send_command(user, "/start", "ps"))
    assert said(Language.PASHTO, "Choose a topic:") in text_of(menu)
    assert [r.error_code for r in send_attempts(fake, user.id)] == [500, 502, None]
    assert len(fake.sent_messages(user.id)) == 1
    assert len(waits.seconds) == 2 and waits.seconds[1] > waits.seconds[0] > 0  # exponential backoff


async def test_429_on_a_reply_waits_what_telegram_asks_then_sends(
    fake: FakeBotAPI, bot_with_recorded_waits: tuple[Application, Waits]
) -> None:
    _, waits = bot_with_recorded_waits
    user = fake.user(2102, language_code="fa")
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    await reply_to(fake, user.id, lambda: fake.send_command(user, "/start", "prs"))
    assert waits.seconds == [2.0]  # and the send budget held every process's sends as long (test_send_budget.py)
    assert len(fake.sent_messages(user.id)) == 1


async def test_a_timed_out_reply_is_sent_again(
    fake: FakeBotAPI, bot_with_recorded_waits: tuple[Application, Waits]
) -> None:
    app, waits = bot_with_recorded_waits
    # A read timeout much shorter than the fake's delay (PTB's request keeps its httpx client private).
    app.bot.request._client.timeout = httpx.Timeout(5.0, read=0.2)
    user = fake.user(2103, language_code="en")
    fake.delay_next("sendMessage", 2.0)
    menu = await reply_to(fake, user.id, lambda: fake.send_command(user, "/start", "en"))
    assert "Choose a topic:" in text_of(menu)
    assert len(waits.seconds) == 1
    assert len(fake.sent_messages(user.id)) == 1


async def test_a_retried_reply_keeps_its_place_before_the_next_answer(
    fake: FakeBotAPI, bot_with_recorded_waits: tuple[Application, Waits]
) -> None:
    user = fake.user(2104, language_code="en")
    menu = await reply_to(fake, user.id, lambda: fake.send_command(user, "/start", "en"))
    fake.fail_next("sendMessage", 503, "Service Unavailable", times=2)
    await fake.press_button(user, menu, "go:docs")
    await fake.press_button(user, menu, "go:about")
    docs, about = (await fake.wait_for_messages(user.id, 3))[1:]
    assert any(b["callback_data"].startswith("go:cat:") for b in buttons(docs))
    assert not any(b["callback_data"].startswith("go:cat:") for b in buttons(about))
    assert len(fake.sent_messages(user.id)) == 3


async def test_a_400_is_not_retried(
    fake: FakeBotAPI, bot_with_recorded_waits: tuple[Application, Waits], caplog: pytest.LogCaptureFixture
) -> None:
    _, waits = bot_with_recorded_waits
    user = fake.user(2105, language_code="en")
    fake.fail_next("sendMessage", 400, "Bad Request: message text is empty")
    with caplog.at_level(logging.ERROR):
        await fake.send_command(user, "/start", "en")
        await fake.wait_for_request("sendMessage", lambda r: str(r.params.get("chat_id")) == str(user.id))
        # The next update is answered, so the first one has been handled (PTB handles them in order).
        await reply_to(fake, user.id, lambda: fake.send_command(user, "/menu"))
    assert [r.error_code for r in send_attempts(fake, user.id)] == [400, None]
    assert waits.seconds == []
    assert any(r.getMessage().startswith("update failed: BadRequest") for r in caplog.records)
