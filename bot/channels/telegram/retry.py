"""Retrying the bot's answers when Telegram fails for a moment: timeouts, 5xx, 429.

PTB raises RetryAfter, TimedOut or NetworkError and never resends. An answer lost to a hiccup
leaves a person who asked about a deadline with nothing, so `SafeBot` runs every call made while
answering an update (`answering()`) through `ReplyRetry`: 429 waits what Telegram says, timeouts
and 5xx back off exponentially with jitter, all within a total of 30 s of failed attempts and waits
(past that the person has likely given up); time an attempt spent queued for the send budget
(bot/sending) is not a failure and does not count.
400 (BadRequest), 403 and the rest are answers, not hiccups: never retried.

A read timeout can mean Telegram did send the message and only its answer was lost; retrying may
then show the message twice. We accept that: a duplicate costs less than a missing answer.
Broadcasts are not touched: their engine has its own policy (bot/broadcast/worker.py).

When the budget is spent the error goes to PTB's error handler and the update is not redone: the
state was saved before sending, and every button names its screen, so the person's next tap works;
re-running the step would apply its effects twice. (In long polling PTB has acknowledged the update
already; a webhook endpoint should likewise answer 200 rather than have Telegram redeliver it.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)
T = TypeVar("T")

# Set while an update is being answered; tasks started elsewhere (the broadcast sender) never see it.
_answering: ContextVar[bool] = ContextVar("answering_an_update", default=False)

# Not worth a wait: the spinner on a button (answering it late helps nobody) and polling (PTB retries it).
NOT_RETRIED = frozenset({"getUpdates", "answerCallbackQuery"})


@contextlib.contextmanager
def answering() -> Iterator[None]:
    token = _answering.set(True)
    try:
        yield
    finally:
        _answering.reset(token)


def is_answering() -> bool:
    return _answering.get()


@dataclass
class ReplyRetry:
    budget_s: float = 30.0  # total time one call may spend on failed attempts and waiting between them
    failed_attempt_s: float = 10.0  # at most this of a failed attempt counts (the rest was a queue)
    first_backoff_s: float = 0.5
    max_backoff_s: float = 8.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    clock: Callable[[], float] = time.monotonic
    jitter: Callable[[], float] = field(default=lambda: random.uniform(0.8, 1.2))

    async def run(self, endpoint: str, call: Callable[[], Awaitable[T]]) -> T:
        # Only the time spent on failed attempts and between them counts: a wait for the send budget
        # (bot/sending) inside an attempt is a queue, not a failure, and must not use up the retries.
        spent, attempt = 0.0, 0
        while True:
            began = self.clock()
            try:
                return await call()
            except BadRequest:
                raise  # a 400 is a NetworkError in PTB, but resending the same request gets the same answer
            except (RetryAfter, NetworkError) as error:  # NetworkError includes TimedOut and every 5xx
                wait = self._wait(error, attempt)
                spent += min(self.clock() - began, self.failed_attempt_s) + wait
                if spent > self.budget_s:
                    log.error(
                        "Telegram %s failed (%s); gave up after %d attempts",
                        endpoint,
                        type(error).__name__,
                        attempt + 1,
                    )
                    raise
                log.warning("Telegram %s failed (%s); retry in %.1f s", endpoint, type(error).__name__, wait)
            await self.sleep(wait)
            attempt += 1

    def _wait(self, error: Exception, attempt: int) -> float:
        if isinstance(error, RetryAfter):
            return retry_after_seconds(error)
        return min(self.max_backoff_s, self.first_backoff_s * 2**attempt) * self.jitter()


def retry_after_seconds(error: RetryAfter) -> float:
    # PTB 22 warns that retry_after becomes a timedelta; accept both without the warning.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
