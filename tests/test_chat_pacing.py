"""One message per second per chat, across broadcast jobs and after the conversation's own replies."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from telegram import Bot

from bot.broadcast import Worker, create_job
from bot.channels.session import Sessions
from bot.conversation import UserState
from bot.domain import Language
from bot.store import StateStore
from bot.subscriptions import Subscriptions
from tests.fake_bot_api import FakeBotAPI
from tests.test_broadcast import MESSAGES, PREFIX, TOKEN, RecordingSender, config, finished, running

__all__ = ["running"]  # fixture
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def strict_fake() -> AsyncIterator[FakeBotAPI]:
    """The fake Bot API enforcing Telegram's limits: 429 for a second message to a chat within a second."""
    async with FakeBotAPI(token=TOKEN, rate_limit=True) as server:
        yield server
    assert server.rejected == [], server.rejected


@pytest.fixture
async def sender(strict_fake: FakeBotAPI) -> AsyncIterator[RecordingSender]:
    async with RecordingSender(Bot(TOKEN, base_url=strict_fake.base_url)) as s:
        yield s


async def test_two_broadcasts_to_the_same_people_keep_a_second_apart_in_each_chat(
    strict_fake: FakeBotAPI, sender: RecordingSender, redis_client: Redis, running
) -> None:  # type: ignore[no-untyped-def]
    subs = Subscriptions(redis_client, PREFIX)
    for user_id in (1, 2, 3):
        strict_fake.user(user_id)
        await subs.subscribe(user_id, "por", "en")
    notice = await create_job(redis_client, PREFIX, ["por"], None, MESSAGES, now=time.time())
    own = await create_job(redis_client, PREFIX, (), None, {"en": "Your date"}, now=time.time(), people=[(1, "en")])

    running.start(Worker(redis_client, sender, config(rate=1000)))  # far above 1/s: only pacing keeps it apart
    first, second = await finished(redis_client, notice), await finished(redis_client, own)

    assert (first["sent"], second["sent"], first["throttled"] + second["throttled"]) == (3, 1, 0)  # no 429
    to_one = [t for t, chat in sender.attempts if chat == 1]
    assert len(to_one) == 2 and to_one[1] - to_one[0] >= 0.95


async def test_a_broadcast_waits_a_second_after_the_bots_reply_in_that_chat(
    strict_fake: FakeBotAPI, sender: RecordingSender, redis_client: Redis, running
) -> None:  # type: ignore[no-untyped-def]
    strict_fake.user(7)
    sessions = Sessions.over(StateStore(redis_client, PREFIX))
    replied = time.monotonic()
    await sessions.save(7, UserState(lang=Language.ENGLISH))  # what a channel does just before it replies
    job_id = await create_job(redis_client, PREFIX, (), None, MESSAGES, now=time.time(), people=[(7, "en")])

    running.start(Worker(redis_client, sender, config(rate=1000)))
    assert (await finished(redis_client, job_id))["sent"] == 1
    (sent_at,) = [t for t, chat in sender.attempts if chat == 7]
    assert sent_at - replied >= 0.9

    await sessions.forget(7)
    assert await redis_client.keys(f"{PREFIX}*7") == []
