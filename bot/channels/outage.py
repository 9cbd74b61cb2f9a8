"""Whether to try Redis for this update: a small circuit breaker shared by a process's updates.

While Redis is unreachable every update would wait for a connect timeout before answering without
it. After a failure we skip Redis for `cooldown_s` and answer statelessly at once; the first update
after that tries again (and closes the breaker when it works), so the bot recovers by itself.
Only the error class is logged, once per outage: an error's message could carry a key or a value.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.store import UNREACHABLE

log = logging.getLogger(__name__)


class StoreBreaker:
    def __init__(self, cooldown_s: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._down_since: float | None = None
        self._retry_at = 0.0

    @property
    def down(self) -> bool:
        return self._down_since is not None

    def worth_trying(self) -> bool:
        return self._down_since is None or self.clock() >= self._retry_at

    def failed(self, error: BaseException) -> None:
        now = self.clock()
        if self._down_since is None:
            self._down_since = now
            log.error("Redis unreachable (%s): answering without saved state", type(error).__name__)
        self._retry_at = now + self.cooldown_s

    def worked(self) -> None:
        if self._down_since is not None:
            log.warning("Redis reachable again after %.0f s: saving state again", self.clock() - self._down_since)
            self._down_since = None


async def keep_running(
    name: str, job: Callable[[], Awaitable[object]], stop: asyncio.Event, first_pause_s: float = 1.0
) -> None:
    """Run a background loop until `stop`; if Redis drops under it, start it again after a growing pause."""
    pause = first_pause_s
    while not stop.is_set():
        try:
            await job()
            return
        except UNREACHABLE as error:
            log.error("%s stopped: Redis unreachable (%s); restarting in %.0f s", name, type(error).__name__, pause)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=pause)
        pause = min(60.0, max(pause * 2, first_pause_s))
