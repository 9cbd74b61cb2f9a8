"""Per-person ordering through Redis: two "workers" submitting concurrently handle updates in order."""

from __future__ import annotations

import asyncio
import time

from redis.asyncio import Redis

from bot.safety.ordering import DEAD_AFTER_MS, PersonQueue
from tests.conftest import REDIS_TEST_URL


async def test_updates_of_one_person_are_handled_once_each_in_update_id_order(redis_client: Redis) -> None:
    seen: list[int] = []
    started, gate = asyncio.Event(), asyncio.Event()

    async def slow_handle(payload: dict) -> None:
        if payload["update_id"] == 1:
            started.set()
            await gate.wait()  # the first update is still being handled when the others arrive
        seen.append(payload["update_id"])

    other_client = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    worker_a, worker_b = PersonQueue(redis_client, "t:"), PersonQueue(other_client, "t:")
    first = asyncio.create_task(worker_a.submit(42, 1, {"update_id": 1}, slow_handle))
    await started.wait()  # worker A holds the lock and is handling update 1
    # Worker B receives 3 then 2 while A is busy: it queues them and returns at once.
    assert await worker_b.submit(42, 3, {"update_id": 3}, slow_handle) == 0
    assert await worker_b.submit(42, 2, {"update_id": 2}, slow_handle) == 0
    gate.set()
    assert await first == 3
    assert seen == [1, 2, 3]
    assert await redis_client.keys("t:*") == []
    await other_client.aclose()


async def test_different_people_do_not_wait_for_each_other(redis_client: Redis) -> None:
    seen: list[int] = []

    async def handle(payload: dict) -> None:
        seen.append(payload["update_id"])

    queue = PersonQueue(redis_client, "t:")
    await redis_client.set("t:qlock:1", "someone-else")  # person 1 is busy elsewhere
    assert await queue.submit(2, 10, {"update_id": 10}, handle) == 1
    assert seen == [10]


async def test_updates_left_by_a_crashed_holder_are_handled_with_the_next_one(redis_client: Redis) -> None:
    seen: list[int] = []

    async def handle(payload: dict) -> None:
        seen.append(payload["update_id"])

    await redis_client.zadd("t:q:5", {'{"update_id":7}': 7})  # queued; its holder died, lock expired
    assert await PersonQueue(redis_client, "t:").submit(5, 8, {"update_id": 8}, handle) == 2
    assert seen == [7, 8]


async def test_a_failing_update_is_dropped_and_the_persons_next_ones_still_come(redis_client: Redis) -> None:
    seen: list[int] = []

    async def handle(payload: dict) -> None:
        if payload["update_id"] == 1:
            raise ConnectionError("Redis went away mid-update")
        seen.append(payload["update_id"])

    queue = PersonQueue(redis_client, "t:")
    assert await queue.submit(9, 1, {"update_id": 1}, handle) == 1  # logged and dropped, not retried forever
    assert await redis_client.get("t:qlock:9") is None  # not held until the lock expires
    assert await queue.submit(9, 2, {"update_id": 2}, handle) == 1
    assert seen == [2]


async def test_updates_of_a_process_killed_mid_update_are_taken_over_in_order(redis_client: Redis) -> None:
    """Process A takes person 7's first update and dies while handling it (its answer waiting for the
    send budget); B has queued the person's second one. B takes the person over: both are handled,
    the interrupted one again and first, nothing lost, nothing out of order."""
    handled_by_b: list[int] = []
    started = asyncio.Event()

    async def never_finishes(payload: dict) -> None:
        started.set()
        await asyncio.Event().wait()

    async def handle_b(payload: dict) -> None:
        handled_by_b.append(payload["update_id"])

    other_client = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    a, b = PersonQueue(redis_client, "t:"), PersonQueue(other_client, "t:")
    await a.alive()
    first = await a.enter(7, 1, {"update_id": 1})
    assert first == {"update_id": 1}
    dying = asyncio.create_task(a.drain(7, first, never_finishes))
    await started.wait()
    assert await b.enter(7, 2, {"update_id": 2}) is None  # A holds the person: B only queues it
    dying.cancel()  # SIGKILL: A never says another word
    assert await b.take_over_dead() == []  # A said it was alive a moment ago
    await redis_client.zadd("t:q:owners", {a.owner: int(time.time() * 1000) - DEAD_AFTER_MS - 1})
    [(person, oldest)] = await b.take_over_dead()
    assert await b.drain(person, oldest, handle_b) == 2
    assert handled_by_b == [1, 2]
    assert await redis_client.zcard("t:q:7") == 0 and await redis_client.get("t:qlock:7") is None
    await other_client.aclose()


async def test_a_slow_redis_after_an_update_does_not_leave_the_person_locked_out(redis_client: Redis) -> None:
    """Redis answers the drain's next step too late (a busy machine past the client's socket timeout). The
    drain used to die there holding the person's lock: its owner alive, nobody took over, and the person's
    later updates waited ten minutes. Now the step is tried again and the next update is handled."""
    seen: list[int] = []
    slow = Redis.from_url(REDIS_TEST_URL, decode_responses=True, socket_timeout=0.2)
    queue = PersonQueue(slow, "t:")

    async def handle(payload: dict) -> None:
        seen.append(payload["update_id"])
        if payload["update_id"] == 1:
            await queue.enter(11, 2, {"update_id": 2})  # the person's next tap, queued behind this one
            await redis_client.execute_command("CLIENT", "PAUSE", 700, "WRITE")  # Redis stalls our writes

    assert await queue.submit(11, 1, {"update_id": 1}, handle) == 2
    assert seen == [1, 2]
    assert await redis_client.get("t:qlock:11") is None
    await slow.aclose()


async def test_a_clean_stop_hands_the_rest_of_a_persons_queue_to_another_process(redis_client: Redis) -> None:
    """A process stopping (a deploy) ends its drains after the update in hand; the person's later updates
    stay queued and the next process takes them over at once, in order, none handled twice."""
    other_client = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    a, b = PersonQueue(redis_client, "t:"), PersonQueue(other_client, "t:")
    by_a: list[int] = []
    by_b: list[int] = []

    async def handle_a(payload: dict) -> None:
        by_a.append(payload["update_id"])
        if payload["update_id"] == 1:
            await a.enter(21, 2, {"update_id": 2})  # the person taps on while this one is handled
            await a.enter(21, 3, {"update_id": 3})
            a.stop_draining()  # SIGTERM

    async def handle_b(payload: dict) -> None:
        by_b.append(payload["update_id"])

    assert await a.submit(21, 1, {"update_id": 1}, handle_a) == 1
    await a.retire()
    [(person, oldest)] = await b.take_over_dead()
    assert await b.drain(person, oldest, handle_b) == 2
    assert (by_a, by_b) == ([1], [2, 3])
    assert await redis_client.zcard("t:q:21") == 0
    await other_client.aclose()


async def test_a_stop_does_not_wait_forever_for_a_redis_that_does_not_answer(redis_client: Redis) -> None:
    """While the process stops, Redis stalls (or is gone): the drain's next step used to be tried until
    Redis answered, and the stop never ended. Stopping, it gives up after the first failure."""
    slow = Redis.from_url(REDIS_TEST_URL, decode_responses=True, socket_timeout=0.2)
    queue = PersonQueue(slow, "t:")

    async def handle(payload: dict) -> None:
        queue.stop_draining()
        await redis_client.execute_command("CLIENT", "PAUSE", 3000, "WRITE")  # Redis stalls for 3 s

    assert await asyncio.wait_for(queue.submit(12, 1, {"update_id": 1}, handle), 1.5) == 1
    await slow.aclose()
