"""The web server end to end: uvicorn serving bot/web, the fake Bot API delivering updates to its webhook."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.broadcast.jobs import create_job
from bot.channels.telegram.app import ALLOWED_UPDATES
from bot.channels.telegram.safebot import SafeBot
from bot.channels.telegram.webhook_reply import ReplyHolder, install_holder, uninstall_holder
from bot.config import PROJECT_ROOT, Settings
from bot.content import ContentPack
from bot.conversation.referral import ReferralDraft
from bot.domain import Language
from bot.helpline.store import ReferralStore
from bot.store import StateStore
from bot.subscriptions import Subscriptions
from bot.web.app import create_app
from tests.conftest import FAKE_BOT_TOKEN, REDIS_TEST_URL
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_harness import act, has_button, says
from tests.test_safechat_e2e import chat_ids, deleted_ids, to_settings
from tests.test_telegram_e2e import ARABIC_SCRIPT, converse, navigate, press
from tests.web_harness import serving

TOKEN = FAKE_BOT_TOKEN
SECRET = "webhook-Secret_0123456789"
PUBLIC_URL = "https://rahnama.example.org"
PREFIX = "web:"


def web_settings(fake: FakeBotAPI, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": fake.base_url,
        "redis_url": REDIS_TEST_URL,
        "redis_prefix": PREFIX,
        "public_url": PUBLIC_URL,
        "webhook_secret": SECRET,
        "webhook_max_connections": 12,
    }
    return Settings(**(values | overrides))


@dataclass
class Web:
    url: str
    app: FastAPI
    http: httpx.AsyncClient


@asynccontextmanager
async def start_web(fake: FakeBotAPI, content: ContentPack, redis: Redis, **overrides: object) -> AsyncIterator[Web]:
    app = create_app(web_settings(fake, **overrides), content, StateStore(redis, PREFIX))
    app.state.application.bot_data["rahnama"].flood.limit = 1000  # tests act at machine speed
    async with serving(app) as url, httpx.AsyncClient(base_url=url) as http:
        await fake.deliver_webhooks(url)
        yield Web(url, app, http)


@pytest.fixture
async def web(fake: FakeBotAPI, content: ContentPack, redis_client: Redis) -> AsyncIterator[Web]:
    async with start_web(fake, content, redis_client) as running:
        yield running


@pytest.fixture
async def web_replying(fake: FakeBotAPI, content: ContentPack, redis_client: Redis) -> AsyncIterator[Web]:
    """With WEBHOOK_REPLY_IN_RESPONSE on: an update's last message goes back in the webhook response."""
    async with start_web(fake, content, redis_client, webhook_reply_in_response=True) as running:
        yield running


def metric(text: str, name: str) -> float:
    """The value of one sample line, e.g. `rahnama_updates_total{kind="message"}`; 0 when absent."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_start_sets_the_webhook_with_secret_allowed_updates_and_max_connections(
    fake: FakeBotAPI, web: Web
) -> None:
    record = await fake.wait_for_request("setWebhook")
    assert record.params["url"] == PUBLIC_URL + "/telegram/webhook"
    assert record.params["secret_token"] == SECRET
    assert record.params["allowed_updates"] == ALLOWED_UPDATES
    assert record.params["max_connections"] == 12
    assert not any(r.method == "deleteWebhook" for r in fake.requests)


async def test_wrong_or_missing_secret_is_refused_with_403_and_counted(fake: FakeBotAPI, web: Web) -> None:
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}}}
    wrong = await web.http.post("/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "no"})
    missing = await web.http.post("/telegram/webhook", json=update)
    assert (wrong.status_code, missing.status_code) == (403, 403)
    metrics = (await web.http.get("/metrics")).text
    assert metric(metrics, 'rahnama_webhook_rejected_total{reason="secret"}') == 2
    assert metric(metrics, 'rahnama_updates_total{kind="message"}') == 0  # nothing reached the bot
    assert [r for r in fake.requests if r.method == "sendMessage"] == []


async def test_updates_that_can_never_be_handled_are_dropped_with_200_not_retried(fake: FakeBotAPI, web: Web) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    bodies = [b"{not json", b"[1, 2]", b'{"update_id": "7"}', b'{"update_id": 8, "message": {"chat": 5}}']
    for body in bodies:
        assert (await web.http.post("/telegram/webhook", content=body, headers=headers)).status_code == 200
    huge = b'{"update_id": 9, "pad": "' + b"x" * 300_000 + b'"}'
    assert (await web.http.post("/telegram/webhook", content=huge, headers=headers)).status_code == 200
    metrics = (await web.http.get("/metrics")).text
    assert metric(metrics, 'rahnama_webhook_rejected_total{reason="malformed"}') == 3
    assert metric(metrics, 'rahnama_webhook_rejected_total{reason="unparsable"}') == 1
    assert metric(metrics, 'rahnama_webhook_rejected_total{reason="too_large"}') == 1
    assert (await web.http.get("/healthz")).status_code == 200  # and the server is fine


async def test_a_dari_conversation_through_the_webhook_reaches_por_guidance(
    fake: FakeBotAPI, web_replying: Web
) -> None:
    user = fake.user(2001, first_name="A", language_code="fa")
    (chooser,) = await converse(fake, user, lambda: fake.send_command(user, "/start"))
    (menu,) = await press(fake, user, chooser, "دری")
    assert ARABIC_SCRIPT.search(menu["text"])
    (docs,) = await converse(fake, user, lambda: fake.press_button(user, menu, "go:docs"))
    (por,) = await converse(fake, user, lambda: fake.press_button(user, docs, "go:cat:por"))
    guidance = await navigate(fake, user, lambda: fake.press_button(user, por, "go:topic:por:now"))
    assert "۲۰۲۶" in guidance[-1]["text"] or "۲۰۲۵" in guidance[-1]["text"]
    # Each of these updates has one message, which travels in the webhook response; the callback
    # answers go as requests. Telegram (here the fake) validated both the same way.
    sends = [r for r in fake.requests if r.method == "sendMessage" and str(r.params["chat_id"]) == "2001"]
    assert len(sends) == 5 and all(r.http_method == "WEBHOOK-RESPONSE" for r in sends)
    answered = [r for r in fake.requests if r.method == "answerCallbackQuery"]
    assert len(answered) == 4 and all(r.ok for r in answered)
    assert all(status == 200 for _, status in fake._deliveries[0].responses)


async def test_only_the_last_message_is_held_and_the_order_of_calls_is_kept(fake: FakeBotAPI) -> None:
    user = fake.user(2002, first_name="B", language_code="en")
    bot = SafeBot(TOKEN, base_url=fake.base_url)
    async with bot:
        holder = ReplyHolder(chat_id=2002, update_id=77)
        token = install_holder(holder)
        try:
            first = await bot.send_message(2002, "one")
            await bot.send_message(2002, "two")
            await bot.send_chat_action(2002, "typing")  # any other call sends the held message first
            await bot.send_message(2002, "three")
        finally:
            uninstall_holder(token)
        assert first.message_id == 0  # a stand-in: nothing reads the ids of messages to the person
        assert holder.take_response_body(76) is None  # not this call's update: it stays held
        body = holder.take_response_body(77)
    assert body == {"method": "sendMessage", "chat_id": 2002, "text": "three"}
    assert [m["text"] for m in fake.sent_messages(user)] == ["one", "two"]
    await fake.call_from_webhook_response(body)
    assert [m["text"] for m in fake.sent_messages(user)] == ["one", "two", "three"]
    calls = [r.method for r in fake.requests if r.method != "getMe"]
    assert calls == ["sendMessage", "sendMessage", "sendChatAction", "sendMessage"]


async def test_clear_this_chat_through_the_webhook_deletes_every_reply(fake: FakeBotAPI, web: Web) -> None:
    """By default no reply travels in a webhook response, whose message id the bot would never learn."""
    user = fake.user(2010, language_code="en")
    settings = await to_settings(fake, user.id)
    question = "my PoR card expired, what now?"
    await act(fake, user.id, lambda: fake.send_text(user.id, question), has_button("go:"))
    before = chat_ids(fake, user.id)
    assert len(before) >= 6  # /start, menu, /settings, settings, the question, its answer(s)

    since = len(fake.requests)
    last = await act(fake, user.id, lambda: fake.press_button(user, settings, "do:clear"), says("menu"))
    assert sorted(deleted_ids(fake, since)) == sorted(before)  # the bot's replies too, every one
    assert chat_ids(fake, user.id) == {last["message_id"]}


async def test_with_reply_in_response_off_every_message_is_a_request(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    async with start_web(fake, content, redis_client, webhook_reply_in_response=False):
        user = fake.user(2003, first_name="C", language_code="ps")
        (chooser,) = await converse(fake, user, lambda: fake.send_command(user, "/start"))
        await press(fake, user, chooser, "پښتو")
        assert {r.http_method for r in fake.requests if r.method == "sendMessage"} == {"POST"}


async def test_healthz_and_readyz_report_alive_and_ready(web: Web) -> None:
    assert (await web.http.get("/healthz")).json() == {"status": "alive"}
    ready = await web.http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"redis": True, "content": True, "catalogues": True, "telegram": True}


async def test_metrics_count_updates_replies_topics_latency_broadcasts_and_referrals(
    fake: FakeBotAPI, web: Web, redis_client: Redis
) -> None:
    user = fake.user(2010, first_name="D", language_code="fa")
    (category,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "prs_por"))
    await navigate(fake, user, lambda: fake.press_button(user, category, "go:topic:por:now"))
    await Subscriptions(redis_client, PREFIX).subscribe(2010, "por", "prs")
    messages = {"prs": "یادآوری", "ps": "یادونه", "en": "Hi"}
    await create_job(redis_client, PREFIX, ["por"], None, messages, now=time.time())
    # Discreet mode (the default) puts a neutral first line above the text.
    await fake.wait_for_request("sendMessage", lambda r: "یادآوری" in (r.params.get("text") or ""), timeout=15)
    draft = ReferralDraft(urgency="now", region="kp", category="por", language="prs", contact="chat")
    await ReferralStore(redis_client, PREFIX).open(2011, draft, Language("prs"), None, datetime.now(UTC))

    text = (await web.http.get("/metrics")).text
    assert metric(text, 'rahnama_updates_total{kind="message"}') == 1
    assert metric(text, 'rahnama_updates_total{kind="callback_query"}') == 1
    assert metric(text, 'rahnama_replies_total{lang="prs"}') >= 2
    assert metric(text, 'rahnama_topic_views_total{topic="por-now"}') == 1
    assert metric(text, "rahnama_update_seconds_count") == 2
    assert metric(text, 'rahnama_broadcast_messages{outcome="sent"}') == 1
    assert metric(text, "rahnama_open_referrals") == 1
    assert "2010" not in text and "2011" not in text  # no person in any label


async def test_readyz_is_503_naming_redis_when_redis_is_gone(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    try:
        own = Redis.from_url(f"redis://127.0.0.1:{port}/0", decode_responses=True)
        await _until(lambda: _pings(own))
        app = create_app(web_settings(fake), content, StateStore(own, PREFIX))
        async with serving(app) as url, httpx.AsyncClient(base_url=url) as http:
            assert (await http.get("/readyz")).status_code == 200
            server.terminate()
            server.wait()
            gone = await http.get("/readyz")
            assert gone.status_code == 503
            assert gone.json()["failed"] == ["redis"]
            assert (await http.get("/healthz")).status_code == 200  # alive, just not ready
            assert (await http.get("/metrics")).status_code == 200  # its own counters still
    finally:
        server.kill()
        server.wait()


def test_serve_refuses_to_start_without_a_webhook_secret() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("WEBHOOK_SECRET",)}
    env |= {"TELEGRAM_BOT_TOKEN": TOKEN, "PUBLIC_URL": PUBLIC_URL, "REDIS_URL": REDIS_TEST_URL}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60,
        cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert done.returncode != 0
    assert "WEBHOOK_SECRET" in done.stderr and "nothing was started" in done.stderr


def test_serve_refuses_a_plain_http_public_url() -> None:
    env = dict(os.environ) | {
        "TELEGRAM_BOT_TOKEN": TOKEN, "PUBLIC_URL": "http://example.org", "REDIS_URL": REDIS_TEST_URL,
        "WEBHOOK_SECRET": SECRET,
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve"], env=env, capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT
    )
    assert done.returncode != 0 and "https://" in done.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _pings(redis: Redis) -> bool:
    try:
        return bool(await redis.ping())
    except Exception:
        return False


async def _until(check, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def test_the_aiohttp_transport_maps_refusals_and_network_failures_to_ptbs_errors(fake: FakeBotAPI) -> None:
    from telegram.error import BadRequest, NetworkError

    from bot.channels.telegram.aiohttp_request import AiohttpRequest

    user = fake.user(2020, first_name="E", language_code="en")
    async with SafeBot(TOKEN, base_url=fake.base_url, request=AiohttpRequest()) as bot:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="go:menu")]])
        sent = await bot.send_message(2020, "<b>hi</b>", parse_mode="HTML", reply_markup=keyboard)
        assert sent.message_id > 0 and fake.sent_messages(user)[-1]["text"] == "hi"
        fake.fail_next("sendMessage", 400, "Bad Request: chat not found")
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.send_message(2020, "again")
    nowhere = SafeBot(TOKEN, base_url=f"http://127.0.0.1:{_free_port()}/bot", request=AiohttpRequest())
    with pytest.raises(NetworkError):
        async with nowhere:
            await nowhere.send_message(2020, "lost")
