"""Telegram's flood limits for sending, on sliding windows, with an injectable clock.

Documented limits (core.telegram.org/bots/faq): about 30 messages per second overall, 1 message per
second in one chat, 20 messages per minute in one group. Past them Telegram answers 429
"Too Many Requests: retry after N" with parameters.retry_after = N.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

# Methods that post a message; chat actions and drafts are not messages.
COUNTED_EXTRA = frozenset({"copymessage", "copymessages", "forwardmessage", "forwardmessages"})
NOT_COUNTED = frozenset({"sendchataction", "sendmessagedraft", "sendrichmessagedraft"})


def is_counted(method: str) -> bool:
    name = method.lower()
    return (name.startswith("send") and name not in NOT_COUNTED) or name in COUNTED_EXTRA


class RateLimiter:
    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        overall_per_second: int = 30,
        chat_per_second: int = 1,
        group_per_minute: int = 20,
    ) -> None:
        self.clock = clock
        self.limits = (overall_per_second, chat_per_second, group_per_minute)
        self._overall: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}
        self._groups: dict[int, deque[float]] = {}

    def _windows(self, chat_id: int, is_group: bool) -> list[tuple[deque[float], float, int]]:
        overall, per_chat, per_group = self.limits
        windows = [(self._overall, 1.0, overall), (self._chats.setdefault(chat_id, deque()), 1.0, per_chat)]
        if is_group:
            windows.append((self._groups.setdefault(chat_id, deque()), 60.0, per_group))
        return windows

    def retry_after(self, chat_id: int, is_group: bool) -> int | None:
        """Whole seconds to wait before this send is allowed, or None if it is allowed now."""
        now = self.clock()
        wait = 0.0
        for sent, window, limit in self._windows(chat_id, is_group):
            while sent and sent[0] <= now - window:
                sent.popleft()
            if len(sent) >= limit:
                wait = max(wait, sent[len(sent) - limit] + window - now)
        return max(1, math.ceil(wait)) if wait > 0 else None

    def record(self, chat_id: int, is_group: bool) -> None:
        now = self.clock()
        for sent, _, _ in self._windows(chat_id, is_group):
            sent.append(now)
