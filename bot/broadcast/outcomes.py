"""What a send can end in: the `Sender` protocol and the few outcomes the engine acts on.

Transport adapters (bot/channels/telegram/sender.py) translate their own errors into these, so the engine
never imports a transport library.
"""

from __future__ import annotations

from typing import Protocol


class Sender(Protocol):
    async def send(self, chat_id: int, text: str) -> None:
        """Send one message (HTML, already escaped and under the length limit) or raise a SendError."""
        ...


class SendError(Exception):
    """Base of the outcomes below."""


class RateLimited(SendError):
    """429: everyone waits `retry_after` seconds, then this recipient is tried again."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after}s")
        self.retry_after = retry_after


class Blocked(SendError):
    """403: the person blocked the bot or the account is gone: unsubscribe them."""


class ChatNotFound(SendError):
    """400 chat not found: drop the recipient."""


class Rejected(SendError):
    """Any other refusal of this message to this chat (400): trying again would not help."""


class Transient(SendError):
    """Network error, timeout, 5xx: try again later, a bounded number of times."""
