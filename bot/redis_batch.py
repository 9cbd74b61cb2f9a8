"""Commands of several stores in one Redis round trip, each store reading back its own replies.

An update used to cost a dozen round trips (flood counter, chat log, state, subscriptions, own
dates, referral, save, pacing, sent-text hashes…), each a wait for Redis and a wake-up of the
event loop; on a busy machine those waits were most of an update's latency. Each store now offers
its commands as `..._into(batch, …)`, which queues them and returns a getter for its result after
`await batch.run()`; the plain async methods run the same as a batch of their own (`alone`).

A batch is one MULTI/EXEC: all of it happens or none, as each store's own transaction did before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

T = TypeVar("T")
Decode = Callable[[list[Any]], T]

_NOT_RUN = object()


class Batch:
    def __init__(self, redis: Redis) -> None:
        self.pipe: Pipeline = redis.pipeline(transaction=True)
        self._replies: list[Any] | object = _NOT_RUN

    def add(self, queue: Callable[[Pipeline], Decode[T]]) -> Callable[[], T]:
        """Queue a store's commands (`queue` adds them to the pipeline and returns how to decode their
        replies; it may add none); the returned getter gives the decoded result once the batch has run."""
        start = len(self.pipe.command_stack)
        decode = queue(self.pipe)
        span = (start, len(self.pipe.command_stack))

        def result() -> T:
            if self._replies is _NOT_RUN:
                raise RuntimeError("the batch has not run yet")
            assert isinstance(self._replies, list)
            return decode(self._replies[span[0] : span[1]])

        return result

    async def run(self) -> None:
        if self.pipe.command_stack:
            async with self.pipe as pipe:
                self._replies = await pipe.execute()
        else:
            self._replies = []


async def alone(redis: Redis, into: Callable[[Batch], Callable[[], T]]) -> T:
    """One store's `..._into` as a batch of its own: `await alone(redis, lambda b: store.load_into(b, 7))`."""
    batch = Batch(redis)
    result = into(batch)
    await batch.run()
    return result()


def nothing(_: list[Any]) -> None:
    """The decoder of commands whose replies nobody needs."""
    return None
