"""The update queue behind getUpdates: ids, confirmation by offset, allowed_updates, long polling."""

from __future__ import annotations

from typing import Any

from .errors import ApiError
from .state import Signal

# Telegram's default when allowed_updates was never given (or given as []): all but these three.
OPT_IN_ONLY = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)


def update_type(update: dict[str, Any]) -> str:
    return next((k for k in update if k != "update_id"), "")


class UpdateQueue:
    def __init__(self, changed: Signal, first_id: int = 1) -> None:
        self.changed = changed
        self.pending: list[dict[str, Any]] = []
        self.delivered: list[dict[str, Any]] = []  # confirmed by the bot, oldest first
        self.skipped: list[dict[str, Any]] = []  # filtered out by allowed_updates
        self.next_id = first_id
        self.allowed: list[str] | None = None
        self.closing = False
        self.waiting = 0  # getUpdates calls being held right now (tests can wait for a poll to arrive)
        self._generation = 0
        self._newest_timeout: float = 0.0

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        if "update_id" not in update:
            update = {"update_id": self.next_id, **update}
        if isinstance(update["update_id"], int):
            self.next_id = max(self.next_id, update["update_id"] + 1)
        self.pending.append(update)
        self.changed.notify()
        return update

    def confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:  # "-N" keeps only the last N updates
            self.pending = self.pending[offset:]
            return
        keep = [u for u in self.pending if not isinstance(u.get("update_id"), int) or u["update_id"] >= offset]
        self.delivered.extend(u for u in self.pending if u not in keep)
        self.pending = keep

    def drop_all(self) -> None:
        self.pending.clear()

    def deliverable(self) -> list[dict[str, Any]]:
        allowed = set(self.allowed) if self.allowed else None
        ok = [u for u in self.pending if (update_type(u) in allowed if allowed else update_type(u) not in OPT_IN_ONLY)]
        self.skipped.extend(u for u in self.pending if u not in ok)
        self.pending = ok
        return ok

    async def poll(self, offset: int | None, limit: int, timeout: float, allowed: list[str] | None) -> list[dict]:
        if allowed is not None:
            self.allowed = allowed
        self.confirm(offset)
        self._generation += 1
        self._newest_timeout = timeout
        generation = self._generation
        superseded = lambda: generation != self._generation  # noqa: E731
        self.waiting += 1
        self.changed.notify()  # wakes an older poll, which then ends with 409 like on Telegram
        try:
            await self.changed.wait_for(lambda: self.closing or superseded() or bool(self.deliverable()), timeout)
        finally:
            self.waiting -= 1
        if superseded():
            # A newer call with timeout 0 is PTB's Updater.stop() confirming the offset after cancelling
            # this poll; its client is gone, so the 409 reaches nobody and is not the bot's mistake.
            kind = "stopped" if self._newest_timeout == 0 else "conflict"
            raise ApiError(409, CONFLICT_OTHER_POLL, "a newer getUpdates call replaced this one", kind)
        return self.deliverable()[:limit]
