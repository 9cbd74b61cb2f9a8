"""How often each text is asked for, per topic and language: the reviewers' queue puts the texts
people need most first. Counts only; no person, no time."""

from __future__ import annotations

from redis.asyncio.client import Pipeline

from bot.conversation import Reply
from bot.redis_batch import Batch, Decode


def count_asked_into(batch: Batch, prefix: str, replies: list[Reply]) -> None:
    fields = [f"{topic}|{reply.lang.value}" for reply in replies if reply.lang for topic in reply.asked]
    if not fields:
        return

    def queue(pipe: Pipeline) -> Decode[None]:
        for field in fields:
            pipe.hincrby(f"{prefix}rv:served", field, 1)
        return lambda replies: None

    batch.add(queue)
