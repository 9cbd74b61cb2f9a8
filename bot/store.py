"""The one place that talks to Redis: per-user conversation state, and the text versions each person was sent.

With REDIS_URL unset we use an embedded in-process Redis (fakeredis), so `rahnama chat` and
`make run` need no server, and there is still only one code path. Nothing is cached in the
process: every update reads the state afresh, so a second worker sees the same person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

import fakeredis
from redis.asyncio import Redis
from redis.asyncio.client import Pipeline
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.conversation.state import UserState
from bot.redis_batch import Batch, Decode, alone, nothing

# What an unreachable or restarting Redis raises (BusyLoadingError, while it reads its AOF back, is a
# ConnectionError). Not RedisError as a whole: a wrong-type reply or a script error is a bug, not an outage.
UNREACHABLE: tuple[type[Exception], ...] = (RedisConnectionError, RedisTimeoutError, OSError)


def connect(url: str | None) -> Redis:
    """A Redis client for REDIS_URL, or the embedded store when there is none.

    Short timeouts and one quick retry: redis-py's defaults (5 s timeouts, 10 retries) would hold
    every update for many seconds while Redis is down, when the bot could be answering without it."""
    if url:
        return Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=2,
            socket_connect_timeout=1,
            retry=Retry(ExponentialBackoff(cap=0.2, base=0.05), retries=1),
        )
    return fakeredis.FakeAsyncRedis(decode_responses=True)


_BATCH = 1000  # keys per SCAN step and per pipeline when looking for recipients

# Answers to the helpline questions while they are being given (state field `hl`: maybe a phone number
# and a description) live in a key of their own that vanishes a day after the person stops answering,
# not with the rest of the state months later.
DRAFT_FIELD, DRAFT_TTL = "hl", timedelta(days=1)


class StateStore:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", ttl: timedelta = timedelta(days=180)) -> None:
        self.redis = redis
        self.prefix = prefix
        self.ttl = ttl

    def _key(self, user_id: int | str) -> str:
        return f"{self.prefix}user:{user_id}"

    def _shown_key(self, user_id: int | str) -> str:
        # A hash per person, topic id -> SHA-256 of the version last sent: erased with the person.
        return f"{self.prefix}shown:{user_id}"

    def _draft_key(self, user_id: int | str) -> str:
        return f"{self.prefix}draft:{user_id}"

    async def load(self, user_id: int | str) -> UserState:
        return await alone(self.redis, lambda batch: self.load_into(batch, user_id))

    def load_into(self, batch: Batch, user_id: int | str) -> Callable[[], UserState]:
        """`load`, with the other commands of `batch` (bot/redis_batch.py)."""

        def queue(pipe: Pipeline) -> Decode[UserState]:
            pipe.hgetall(self._key(user_id))
            pipe.get(self._draft_key(user_id))
            return _state_from

        return batch.add(queue)

    async def save(self, user_id: int | str, state: UserState) -> None:
        await alone(self.redis, lambda batch: self.save_into(batch, user_id, state))

    def save_into(self, batch: Batch, user_id: int | str, state: UserState) -> Callable[[], None]:
        """`save`, with the other commands of `batch` (bot/redis_batch.py)."""
        key = self._key(user_id)
        record = state.to_record()
        draft = record.pop(DRAFT_FIELD, None)

        # In one transaction: the old fields go, the new ones arrive, and the inactivity clock restarts.
        def queue(pipe: Pipeline) -> Decode[None]:
            pipe.delete(key)
            pipe.hset(key, mapping=record)
            if draft:
                pipe.set(self._draft_key(user_id), draft, ex=DRAFT_TTL)
            else:
                pipe.delete(self._draft_key(user_id))
            pipe.expire(key, self.ttl)
            pipe.expire(self._shown_key(user_id), self.ttl)  # same inactivity clock (no-op without the key)
            return nothing

        return batch.add(queue)

    async def forget(self, user_id: int | str) -> None:
        await self.redis.delete(self._key(user_id), self._shown_key(user_id), self._draft_key(user_id))

    async def language_of(self, user_id: int | str) -> str | None:
        """The language id the person chose, if they still have a state."""
        return await self.redis.hget(self._key(user_id), "lang")

    async def record_shown(self, user_id: int | str, shown: Iterable[tuple[str, str]]) -> None:
        """Remember which version (SHA-256) of each topic this person was last sent."""
        await alone(self.redis, lambda batch: self.record_shown_into(batch, user_id, shown))

    def record_shown_into(
        self, batch: Batch, user_id: int | str, shown: Iterable[tuple[str, str]]
    ) -> Callable[[], None]:
        """`record_shown`, with the other commands of `batch` (bot/redis_batch.py)."""
        versions = dict(shown)
        key = self._shown_key(user_id)

        def queue(pipe: Pipeline) -> Decode[None]:
            if versions:
                pipe.hset(key, mapping=versions)
                pipe.expire(key, self.ttl)
            return nothing

        return batch.add(queue)

    async def recipients_of(self, topic_id: str, sha256: str) -> set[int]:
        """The people whose last-sent version of `topic_id` is `sha256`: who needs a correction.

        Scans the per-person keys instead of keeping a reverse index, so that nothing about a person
        outlives their own key; a correction is rare, and a scan of every person is affordable then."""
        pattern = _glob_escape(self.prefix) + "shown:*"
        keys = [key async for key in self.redis.scan_iter(match=pattern, count=_BATCH)]
        found: set[int] = set()
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            async with self.redis.pipeline(transaction=False) as pipe:
                for key in batch:
                    pipe.hget(key, topic_id)
                versions = await pipe.execute()
            for key, version in zip(batch, versions, strict=True):
                user_id = _user_id(key)
                if version == sha256 and user_id is not None:
                    found.add(user_id)
        return found


async def is_discreet(redis: Redis, prefix: str, user_id: int | str) -> bool:
    """Whether a person wants neutral first lines (discreet mode): yes unless they turned it off,
    also when their state has expired or cannot be read, as the safe side."""
    try:
        return await redis.hget(f"{prefix}user:{user_id}", "discreet") != "0"
    except RedisError:
        return True


def _state_from(replies: list[Any]) -> UserState:
    record, draft = replies
    if draft and record:
        record[DRAFT_FIELD] = draft
    return UserState.from_record(record) if record else UserState()


def _glob_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "*?[]\\" else ch for ch in text)


def _user_id(key: str) -> int | None:
    """Telegram user ids are integers; other ids (the terminal chat's) cannot receive a correction."""
    suffix = key.rpartition(":")[2]
    return int(suffix) if suffix.lstrip("-").isdigit() else None
