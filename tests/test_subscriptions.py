"""Subscriptions: per category and language, deduplicated audiences, counters, expiry, forgetting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from redis.asyncio import Redis

from bot.broadcast.jobs import create_job, forget_recipient, load_job, start_job
from bot.broadcast.keys import JobKeys
from bot.subscriptions import BUCKETS, Subscriptions

DAY = 86400.0


class Clock:
    def __init__(self, now: float = 1_750_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def subs(redis_client: Redis, clock: Clock) -> Subscriptions:
    return Subscriptions(redis_client, "t:", timedelta(days=180), clock)


async def audience(subs: Subscriptions, categories: list[str], languages: list[str] | None = None) -> set:
    return {pair async for pair in subs.audience(categories, languages)}


async def test_a_person_subscribed_to_two_categories_is_in_their_audience_once(subs: Subscriptions) -> None:
    await subs.subscribe(7_000_000_001, "por", "prs")
    await subs.subscribe(7_000_000_001, "acc", "prs")
    await subs.subscribe(42, "acc", "ps")
    await subs.subscribe(43, "visa", "en")

    assert await audience(subs, ["por", "acc"]) == {(7_000_000_001, "prs"), (42, "ps")}
    assert await audience(subs, ["por", "acc"], ["ps"]) == {(42, "ps")}
    assert await subs.categories_of(7_000_000_001) == {"por", "acc"}
    assert await subs.categories_of(99) == set()


async def test_counts_are_people_per_category_and_language(subs: Subscriptions) -> None:
    await subs.subscribe(1, "por", "prs")
    await subs.subscribe(1, "acc", "prs")
    await subs.subscribe(2, "por", "ps")
    await subs.subscribe(3, "por", "ps")

    assert await subs.count() == 3
    assert await subs.count("por") == 3
    assert await subs.count("acc") == 1
    assert await subs.count("por", "ps") == 2
    assert await subs.count(lang="prs") == 1
    assert await subs.count("visa") == 0


async def test_subscribing_in_another_language_moves_all_of_the_persons_subscriptions(subs: Subscriptions) -> None:
    await subs.subscribe(1, "por", "prs")
    await subs.subscribe(1, "acc", "ps")

    assert await audience(subs, ["por"]) == {(1, "ps")}
    assert await subs.count(lang="prs") == 0
    assert await subs.count("por", "ps") == 1 and await subs.count("acc", "ps") == 1


async def test_unsubscribe_one_category_or_all(subs: Subscriptions) -> None:
    await subs.subscribe(1, "por", "prs")
    await subs.subscribe(1, "acc", "prs")

    await subs.unsubscribe(1, "por")
    assert await subs.categories_of(1) == {"acc"}
    assert await subs.count("por") == 0 and await subs.count() == 1

    await subs.unsubscribe(1)
    assert await subs.categories_of(1) == set()
    assert await subs.count() == 0
    await subs.unsubscribe(1)  # nothing left: still fine, counters stay at zero
    assert await subs.count() == 0


async def test_subscriptions_of_people_silent_past_the_ttl_expire(subs: Subscriptions, clock: Clock) -> None:
    await subs.subscribe(1, "por", "prs")
    await subs.subscribe(2, "por", "prs")
    clock.now += 100 * DAY
    await subs.touch(2)  # person 2 used the bot
    clock.now += 100 * DAY

    assert await audience(subs, ["por"]) == {(2, "prs")}
    assert await subs.expire_inactive() == 1
    assert await subs.count() == 1
    assert await subs.categories_of(1) == set()


async def test_a_stale_record_does_not_revive_old_categories(subs: Subscriptions, clock: Clock) -> None:
    await subs.subscribe(1, "por", "prs")
    clock.now += 200 * DAY
    await subs.subscribe(1, "acc", "prs")

    assert await subs.categories_of(1) == {"acc"}
    assert await subs.count("por") == 0


async def test_touch_creates_nothing_for_someone_not_subscribed(subs: Subscriptions, redis_client: Redis) -> None:
    await subs.touch(5)
    assert await redis_client.hgetall(subs.bucket_key(5 % BUCKETS)) == {}
    assert await subs.count() == 0


async def test_forget_erases_the_subscription_and_the_person_in_broadcasts(
    subs: Subscriptions, redis_client: Redis, clock: Clock
) -> None:
    await subs.subscribe(1, "por", "prs")
    await subs.subscribe(2, "por", "prs")
    job_id = await create_job(redis_client, "t:", ["por"], None, {"prs": "سلام"}, now=clock())
    job = await load_job(redis_client, "t:", job_id)
    assert job is not None and await start_job(redis_client, subs, job, clock())

    await subs.forget(1)  # what /forget does (bot/channels/session.py): the subscription, then the broadcasts
    await forget_recipient(redis_client, "t:", 1)

    assert await subs.categories_of(1) == set() and await subs.count() == 1
    remaining = await redis_client.lrange(JobKeys("t:", job_id).todo, 0, -1)
    assert remaining == ["2:prs"]
    keys = [k async for k in redis_client.scan_iter("t:*")]
    for key in keys:
        kind = await redis_client.type(key)
        if kind == "hash":
            assert "1" not in await redis_client.hkeys(key) and "1:prs" not in await redis_client.hkeys(key)
