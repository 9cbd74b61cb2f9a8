"""The messages of one answer keep a second apart in their chat.

Telegram allows one message per second in a chat (bot/sending/pacing.py). The first message of an
answer goes at once: it follows the person's own tap or words, and the person has read our last
message before acting. But one answer can be several messages (the emergency card, then the essentials,
then rights on arrest; a text longer than Telegram's 4,096 characters in parts), and sent back to back
they broke the chat's limit: in the crowd benchmark the emergency cards drew most of the 429s, and
each 429 paused every process's sends for a second.

So while an update is answered (`one_answer()`), each message to a chat that this answer has already
written to waits until a second after Telegram answered the previous one: a second counted from when
Telegram surely had it. The wait comes before the send budget's slot is taken, so no slot idles. It is
local to the answer: nothing is stored, and another process's messages to the chat are the budget's
business. (The budget's chat key would also space the parts, but it is held `IN_FLIGHT_MS`, two seconds,
from each grant, and moving it to a second after Telegram's answer would cost a Redis write per message.)
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

SPACING_S = 1.0  # Telegram's per-chat limit

# chat id -> when Telegram answered this answer's last message there (monotonic); None outside an answer.
_answered: ContextVar[dict[int, float] | None] = ContextVar("answer_chats", default=None)


@contextlib.contextmanager
def one_answer() -> Iterator[None]:
    token = _answered.set({})
    try:
        yield
    finally:
        _answered.reset(token)


async def wait_turn(chat_id: int | None) -> None:
    """Wait, if this answer wrote to `chat_id` less than a second ago."""
    answered = _answered.get()
    if answered is None or chat_id is None or chat_id not in answered:
        return
    await asyncio.sleep(max(0.0, answered[chat_id] + SPACING_S - time.monotonic()))


def written(chat_id: int | None) -> None:
    """Telegram has answered a message of this answer to `chat_id` (or the request failed: then it may
    still have counted it)."""
    answered = _answered.get()
    if answered is not None and chat_id is not None:
        answered[chat_id] = time.monotonic()
