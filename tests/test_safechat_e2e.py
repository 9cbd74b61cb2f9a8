"""End to end: "Clear this chat", "did this come from us?" and Settings → Forget me, against the fake Bot API."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from telegram.ext import Application

from bot.broadcast.jobs import create_job
from bot.content import ContentPack
from bot.domain import Language
from bot.safety.chat_log import DELETABLE_FOR
from bot.safety.discreet import opened
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_harness import PREFIX, act, buttons, has_button, running_bot, says


@pytest.fixture
async def bot_app(fake: FakeBotAPI, content: ContentPack, redis_client: Redis) -> AsyncIterator[Application]:
    async with running_bot(fake, content, redis_client, redis_prefix=PREFIX) as application:
        yield application


async def to_settings(fake: FakeBotAPI, user_id: int, lang: str = "en") -> dict:
    await act(fake, user_id, lambda: fake.send_command(user_id, "/start", lang), has_button("go:"))
    return await act(fake, user_id, lambda: fake.send_command(user_id, "/settings"), has_button("do:clear"))


def chat_ids(fake: FakeBotAPI, chat_id: int) -> set[int]:
    return set(fake.state.messages.get(chat_id, {}))


def deleted_ids(fake: FakeBotAPI, since: int = 0) -> list[int]:
    calls = [r for r in fake.requests[since:] if r.ok and r.method in ("deleteMessages", "deleteMessage")]
    return [i for r in calls for i in r.params.get("message_ids", [r.params.get("message_id")])]


async def test_clear_this_chat_deletes_exactly_the_bots_and_the_persons_messages(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(3001, language_code="en")
    settings = await to_settings(fake, user.id)
    question = "my PoR card expired, what now?"  # the person's own words, on the phone
    await act(fake, user.id, lambda: fake.send_text(user.id, question), has_button("go:"))
    before = chat_ids(fake, user.id)
    assert len(before) >= 6  # /start, menu, /settings, settings, the question, its answer(s)

    since = len(fake.requests)
    last = await act(fake, user.id, lambda: fake.press_button(user, settings, "do:clear"), says("menu"))

    assert sorted(deleted_ids(fake, since)) == sorted(before)  # every one, and nothing else
    assert chat_ids(fake, user.id) == {last["message_id"]}  # one neutral message with a Menu button is left
    assert [b["callback_data"] for b in buttons(last)] == ["go:menu"]
    # Updates are handled one after another: once /menu is answered, the clearing update is fully done.
    await act(fake, user.id, lambda: fake.send_command(user.id, "/menu"), has_button("go:"))
    noted = {int(i) for i in await redis_client.zrange(f"{PREFIX}msgs:{user.id}", 0, -1)}
    assert last["message_id"] in noted and not noted & before  # the neutral message is noted; no stale ids


async def test_clearing_deletes_broadcasts_too_and_survives_one_message_past_48_hours(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(3002, language_code="en")
    await act(fake, user.id, lambda: fake.send_command(user.id, "/start", "en_por"), has_button("go:sub:por"))
    category = fake.sent_messages(user.id)[-1]
    offer = await act(fake, user.id, lambda: fake.press_button(user, category, "go:sub:por"), has_button("do:sub"))
    await act(fake, user.id, lambda: fake.press_button(user, offer, "do:sub:por"), says("Done"))
    await create_job(redis_client, PREFIX, ["por"], None, {"en": "The rule changed."}, now=time.time())
    news = (await fake.wait_for_messages(user.id, 4, timeout=15))[-1]
    assert news["text"] == opened("The rule changed.", Language.ENGLISH)
    first = min(chat_ids(fake, user.id))
    fake.state.messages[user.id][first]["date"] -= int(DELETABLE_FOR.total_seconds()) + 60  # Telegram: too old

    since = len(fake.requests)
    menu = await act(fake, user.id, lambda: fake.send_command(user.id, "/settings"), has_button("do:clear"))
    await act(fake, user.id, lambda: fake.press_button(user, menu, "do:clear"), says("menu"))

    assert news["message_id"] in deleted_ids(fake, since)  # the broadcast was noted and is gone
    left = chat_ids(fake, user.id)
    assert first in left and len(left) == 2  # the one Telegram refuses stays; the new neutral message
    fake.requests = [r for r in fake.requests if r.description != "Bad Request: message can't be deleted"]


async def test_a_forwarded_message_is_checked_against_what_we_sent(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(3003, language_code="en")
    settings = await to_settings(fake, user.id)

    answer = await act(fake, user.id, lambda: fake.forward_to_bot(user, message=settings), says("Yes"))
    assert "@rahnama_test_bot" in answer["text"] and "free" in answer["text"]

    altered = settings["text"].replace("48", "24")
    channel = fake.channel(-1009, "Legal Aid Pakistan")
    forward = lambda: fake.forward_to_bot(user, altered, from_chat=channel)  # noqa: E731
    await act(fake, user.id, forward, has_button("go:help:kp"))  # then the contacts we checked
    no = fake.sent_messages(user.id)[-2]
    assert no["text"].startswith("❌ No") and "@rahnama_test_bot" in no["text"]

    copied = await act(
        fake, user.id, lambda: fake.forward_to_bot(user, settings["text"]), says("another account")
    )  # our exact text, forwarded from someone else's account
    assert not copied["text"].startswith("✅")
    await act(fake, user.id, lambda: fake.forward_to_bot(user), says("no text"))  # a photo without caption
    assert [k async for k in redis_client.scan_iter(f"{PREFIX}sent:*")]  # hashes only, no one's id
    assert not [k async for k in redis_client.scan_iter(f"{PREFIX}sent:*{user.id}*")]


async def test_settings_then_forget_me_leaves_no_key_of_the_person(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(3004, language_code="ps")
    settings = await to_settings(fake, user.id, "ps")
    off = await act(fake, user.id, lambda: fake.press_button(user, settings, "do:discreet:off"), has_button("do:"))
    assert await redis_client.hget(f"{PREFIX}user:{user.id}", "discreet") == "0"
    assert await redis_client.exists(f"{PREFIX}msgs:{user.id}")
    confirm = await act(fake, user.id, lambda: fake.press_button(user, off, "go:forget"), has_button("do:forget"))
    since = len(fake.requests)
    await fake.press_button(user, confirm, "do:forget")
    await fake.wait_for_request("sendMessage", lambda r: str(r.params.get("chat_id")) == str(user.id), since=since)
    assert await redis_client.keys(f"*{user.id}*") == []
