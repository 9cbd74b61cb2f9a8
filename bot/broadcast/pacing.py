"""Telegram's one message per second per chat, across broadcast jobs, workers and conversation replies.

`chat:{id}` is a key that lives one second after the last message to that chat was sent. A
broadcast send takes it with SET NX before it goes (held while the request is in flight, so no other
sender starts one), and when Telegram has answered, sets it to expire one second later: a second
counted from when Telegram had the message, since Telegram counts from its arrival. The worker takes
the turns of a whole claim in one round trip and sets the second inside the outcome's Lua script
(queue.py), so pacing costs no extra round trip per message. If the key is
taken, the send waits until it expires and tries again. So two jobs (a reminder and a notice), two
workers, or the parts of one long message never reach a chat within a second of each other.

Conversation replies *mark* the chat, before and after they are sent (a broadcast then waits a
second after them), but never wait themselves: they answer the person's own message, Telegram
tolerates such short bursts in a chat the person is typing in, and an answer that lags behind a
button press is worse than a rare 429 (which the conversation channel survives). The key holds no
data and goes after a second; /forget erases it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.redis_batch import Batch, Decode, nothing

SPACING_MS = 1000  # Telegram's per-chat limit
# How long a taken turn is held before Telegram answers: far above a normal round trip, and short,
# because a worker killed mid-send leaves its turns behind and its recipients wait that long.
IN_FLIGHT_MS = 2000
MAX_WAIT_S = 5.0  # give up waiting and send anyway: a 429 is then handled like any other


class ChatPacing:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", spacing_ms: int = SPACING_MS) -> None:
        self.redis = redis
        self.prefix = prefix
        self.spacing_ms = spacing_ms

    def key(self, chat_id: int) -> str:
        return f"{self.prefix}chat:{int(chat_id)}"

    async def mark(self, chat_id: int) -> None:
        """A message is going to this chat now: nobody else sends to it for a second."""
        await self.redis.set(self.key(chat_id), "1", px=self.spacing_ms)

    def mark_into(self, batch: Batch, chat_id: int) -> Callable[[], None]:
        """`mark`, with the other commands of `batch` (bot/redis_batch.py)."""

        def queue(pipe: Pipeline) -> Decode[None]:
            pipe.set(self.key(chat_id), "1", px=self.spacing_ms)
            return nothing

        return batch.add(queue)

    async def take_many(self, chat_ids: list[int]) -> list[bool]:
        """Take the turns of many chats in one round trip (a worker's claim); True where taken."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for chat_id in chat_ids:
                pipe.set(self.key(chat_id), "1", nx=True, px=IN_FLIGHT_MS)
            return [bool(taken) for taken in await pipe.execute()]

    async def take(self, chat_id: int) -> float:
        """Take the chat's turn for a send; 0.0 when taken, else seconds until it may be free."""
        key = self.key(chat_id)
        if await self.redis.set(key, "1", nx=True, px=IN_FLIGHT_MS):
            return 0.0
        left = await self.redis.pttl(key)
        return max(left, 1) / 1000  # -2: it expired meanwhile; try again at once (almost)

    async def wait_turn(self, chat_id: int) -> None:
        """Wait until this chat may receive the next message, and take that turn (then `mark` once sent)."""
        waited = 0.0
        while waited < MAX_WAIT_S:
            wait = await self.take(chat_id)
            if wait == 0.0:
                return
            await asyncio.sleep(wait)
            waited += wait
        await self.mark(chat_id)

    async def forget(self, user_id: int) -> None:
        await self.redis.delete(self.key(user_id))
