"""Answering a webhook call with the bot's last message in the HTTP response body.

Telegram accepts one Bot API method in the response to a webhook call and carries it out itself,
which saves the bot one outgoing HTTPS request per update (most of an update's CPU cost). We cannot
know which message is the last while the update is being handled, so every `sendMessage` to the
person's own chat is held back; the next Bot API call of any kind sends the held one first (so the
order of calls is exactly what it would have been), and whatever is still held when handling ends
goes into the response. A message to the same chat releases it before waiting its second in the chat
(answer_pacing.py), so the parts of one answer stay a second apart.

Off by default (WEBHOOK_REPLY_IN_RESPONSE): a message sent this way never gets its id back, so "Clear
this chat" cannot delete it, which matters more here than one request per update.

The price: nobody learns whether that last message was accepted (Telegram does not say), and it
relies on Telegram sending a chat's next update only after the response to the previous one (its
webhook queues are per chat), so a second worker cannot overtake the held message. The held call's
result is a stand-in Message (id 0); only messages to the person's own chat are held, and nothing
reads the ids of those.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # PTB's own conversion of parameters

Send = Callable[[str, dict[str, Any]], Awaitable[Any]]


@dataclass
class HeldCall:
    endpoint: str
    data: dict[str, Any]
    update_id: int
    send: Send  # the real request path, for when the held call must go out after all


@dataclass
class ReplyHolder:
    """One webhook call's held message; `chat_id` and `update_id` follow the update being handled."""

    chat_id: int | None = None
    update_id: int = 0
    held: HeldCall | None = field(default=None)

    def can_hold(self, endpoint: str, data: dict[str, Any]) -> bool:
        return endpoint == "sendMessage" and self.chat_id is not None and _same_chat(data.get("chat_id"), self.chat_id)

    def hold(self, endpoint: str, data: dict[str, Any], send: Send) -> dict[str, Any]:
        self.held = HeldCall(endpoint, data, self.update_id, send)
        # What PTB parses into the returned Message; message_id 0 marks it as a stand-in.
        return {"message_id": 0, "date": int(time.time()), "chat": {"id": self.chat_id, "type": "private"}}

    async def release(self) -> None:
        """Send the held call now (before any other call, or when it cannot go in the response)."""
        held, self.held = self.held, None
        if held is not None:
            await held.send(held.endpoint, held.data)

    def take_response_body(self, update_id: int) -> dict[str, Any] | None:
        """The held call as a webhook response body, if it answers `update_id` (this call's own update)."""
        if self.held is None or self.held.update_id != update_id:
            return None
        held, self.held = self.held, None
        body = RequestData([RequestParameter.from_input(k, v) for k, v in held.data.items()]).parameters
        return {"method": held.endpoint, **body}


_current: contextvars.ContextVar[ReplyHolder | None] = contextvars.ContextVar("webhook_reply", default=None)


def current_holder() -> ReplyHolder | None:
    return _current.get()


def install_holder(holder: ReplyHolder | None) -> contextvars.Token:
    """Hold messages sent by this task (and tasks it starts) in `holder`; reset with the token."""
    return _current.set(holder)


def uninstall_holder(token: contextvars.Token) -> None:
    _current.reset(token)


def _same_chat(value: Any, chat_id: int) -> bool:
    return str(value) == str(chat_id)
