"""Per-user state in the real Redis: survives a new client, expires, and can be forgotten."""

from __future__ import annotations

from datetime import timedelta

from redis.asyncio import Redis

from bot.conversation import UserState
from bot.domain import DocumentCategory, Language
from bot.store import StateStore, connect
from tests.conftest import REDIS_TEST_URL


async def test_state_saved_by_one_worker_is_read_by_another(redis_client: Redis) -> None:
    state = UserState(lang=Language.PASHTO, category=DocumentCategory.ACC, screen="topic:acc:now")
    await StateStore(redis_client, "t:").save(42, state)

    other_worker = StateStore(connect(REDIS_TEST_URL), "t:")
    assert await other_worker.load(42) == state
    await other_worker.redis.aclose()


async def test_unknown_person_gets_a_fresh_state(redis_client: Redis) -> None:
    assert await StateStore(redis_client, "t:").load(7) == UserState()


async def test_state_key_expires_after_inactivity(redis_client: Redis) -> None:
    store = StateStore(redis_client, "t:", ttl=timedelta(days=180))
    await store.save(5, UserState(lang=Language.DARI))
    ttl = await redis_client.ttl("t:user:5")
    assert timedelta(days=179) < timedelta(seconds=ttl) <= timedelta(days=180)


async def test_saving_again_drops_fields_no_longer_set(redis_client: Redis) -> None:
    store = StateStore(redis_client, "t:")
    await store.save(9, UserState(lang=Language.DARI, category=DocumentCategory.POR))
    await store.save(9, UserState(lang=Language.DARI))
    assert (await store.load(9)).category is None


async def test_forget_removes_every_key_of_the_person(redis_client: Redis) -> None:
    store = StateStore(redis_client, "t:")
    await store.save(11, UserState(lang=Language.ENGLISH))
    await store.forget(11)
    assert await redis_client.keys("t:*") == []


async def test_corrupt_stored_values_fall_back_to_defaults(redis_client: Redis) -> None:
    await redis_client.hset("t:user:3", mapping={"lang": "xx", "cat": "nope", "screen": "menu"})
    state = await StateStore(redis_client, "t:").load(3)
    assert state == UserState(screen="menu")


async def test_embedded_store_works_without_a_server() -> None:
    store = StateStore(connect(None), "t:")
    await store.save(1, UserState(lang=Language.PASHTO))
    assert (await store.load(1)).lang is Language.PASHTO
