"""Which version of each text every person was sent, so a correction reaches exactly the people who
received the wrong one: recorded in the real Redis by the terminal and the Telegram channels."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta

from redis.asyncio import Redis
from telegram.ext import Application

from bot.channels.console import ConsoleChat
from bot.content import ContentPack
from bot.conversation import Started
from bot.store import StateStore
from tests.conftest import NOW
from tests.fake_bot_api import FakeBotAPI
from tests.test_telegram_e2e import bot_app, converse, navigate  # noqa: F401 (fixtures)

OLD, NEW = "a" * 64, "b" * 64


async def test_recipients_of_finds_exactly_the_people_sent_that_version(redis_client: Redis) -> None:
    store = StateStore(redis_client, "t:")
    await store.record_shown(101, [("por-now", OLD)])
    await store.record_shown(102, [("por-now", OLD), ("acc-now", NEW)])
    await store.record_shown(103, [("por-now", NEW)])
    await store.record_shown(104, [("acc-now", OLD)])
    await store.record_shown(105, [("por-now", OLD)])
    await store.record_shown(105, [("por-now", NEW)])  # later sent the corrected version
    assert await store.recipients_of("por-now", OLD) == {101, 102}
    assert await store.recipients_of("por-now", NEW) == {103, 105}
    assert await store.recipients_of("acc-now", OLD) == {104}
    assert await store.recipients_of("visa-now", OLD) == set()


async def test_shown_versions_use_one_key_per_person_that_expires_and_is_forgotten(redis_client: Redis) -> None:
    store = StateStore(redis_client, "t:", ttl=timedelta(days=180))
    await store.record_shown(7, [("about", OLD), ("rights-police", NEW)])
    assert await redis_client.keys("t:*") == ["t:shown:7"]
    assert await redis_client.hgetall("t:shown:7") == {"about": OLD, "rights-police": NEW}
    assert timedelta(days=179) < timedelta(seconds=await redis_client.ttl("t:shown:7")) <= timedelta(days=180)
    await store.forget(7)
    assert await redis_client.keys("t:*") == []
    assert await store.recipients_of("about", OLD) == set()


async def test_recording_nothing_creates_no_key_and_other_prefixes_are_not_scanned(redis_client: Redis) -> None:
    await StateStore(redis_client, "t:").record_shown(8, [])
    assert await redis_client.keys("*") == []
    await StateStore(redis_client, "other:").record_shown(9, [("about", OLD)])
    assert await StateStore(redis_client, "t:").recipients_of("about", OLD) == set()


async def test_the_terminal_chat_records_the_version_it_showed(content: ContentPack, redis_client: Redis) -> None:
    store = StateStore(redis_client, "t:")
    chat = ConsoleChat(content, store, io.StringIO(), user_id="4242", clock=lambda: NOW)
    await chat.send(Started(payload="prs_acc"))
    await chat.send(chat.event_for("1"))  # "What it means now"
    sha = content.topic("acc-now").text("prs").sha256
    assert await redis_client.hgetall("t:shown:4242") == {"acc-now": sha}
    assert await store.recipients_of("acc-now", sha) == {4242}


async def test_telegram_records_the_version_it_sent(
    fake: FakeBotAPI,  # noqa: F811 - the end-to-end fixtures, imported above
    bot_app: Application,  # noqa: F811
    redis_client: Redis,
    content: ContentPack,
) -> None:
    user = fake.user(3001, first_name="S", language_code="ps")
    (category,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "ps_undocumented"))
    assert await redis_client.keys("e2e:shown:*") == []  # a menu shows no vetted text
    await navigate(fake, user, lambda: fake.press_button(user, category, "go:topic:undocumented:todo"))
    sha = content.topic("undocumented-todo").text("ps").sha256
    for _ in range(100):  # recorded right after the message went out: wait for that moment
        if await redis_client.exists("e2e:shown:3001"):
            break
        await asyncio.sleep(0.05)
    assert await redis_client.hgetall("e2e:shown:3001") == {"undocumented-todo": sha}
    assert await StateStore(redis_client, "e2e:").recipients_of("undocumented-todo", sha) == {3001}
