"""Telegram's one message per second per chat, across broadcast jobs, workers and conversation replies.

`chat:{id}` is a key that lives one second after the last message to that chat was sent. A paced
send (reminders, notices, broadcasts) takes it in the budget's script together with its slot
(bot/sending/budget.py), held while the request is in flight so no other sender starts one, and
when Telegram has answered it is set to expire one second later (the broadcast outcome's script,
queue.py): a second counted from when Telegram had the message. So two jobs, two workers, or the
parts of one long message never reach a chat within a second of each other.

Conversation replies *mark* the chat when they get their slot and after they were sent (a broadcast
then waits a second after them), but never wait themselves: they answer the person's own message,
Telegram tolerates such short bursts in a chat the person is typing in, and an answer that lags
behind a button press is worse than a rare 429 (which the conversation channel survives). The key
holds no data and goes after a second; /forget erases it.
"""

from __future__ import annotations

from collections.abc import Callable

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.redis_batch import Batch, Decode, nothing

SPACING_MS = 1000  # Telegram's per-chat limit
# How long a taken turn is held before Telegram answers: far above a normal round trip, and short,
# because a worker killed mid-send leaves its turns behind and its recipients wait that long.
IN_FLIGHT_MS = 2000


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

    async def forget(self, user_id: int) -> None:
        await self.redis.delete(self.key(user_id))
