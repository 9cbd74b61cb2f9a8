"""The priority classes of what the bot sends, highest first, and the class of the code running now."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from enum import IntEnum


class SendClass(IntEnum):
    EMERGENCY = 0  # the emergency card: someone is being stopped or held now
    REPLY = 1  # any other answer to what a person just did
    HELPLINE = 2  # referrals and relays between a person and the operators' group
    NOTICE = 3  # reminders, change notices, corrections, notes to the operators
    BROADCAST = 4  # news sent to many subscribers

    @property
    def label(self) -> str:  # metrics label
        return self.name.lower()

    @property
    def paced(self) -> bool:
        """Waits for the chat's one-message-per-second turn. Answers to a person's own message do not:
        they follow it at once, and the person is typing in that chat (bot/sending/pacing.py)."""
        return self >= SendClass.NOTICE


# What a lower class is guaranteed while higher ones take the rest (messages/second, when it has any
# waiting): no class waits for good, and during a crowd the floors cost replies at most 5 of 30 per second.
FLOORS: dict[SendClass, float] = {
    SendClass.EMERGENCY: 0.0,  # nothing above it
    SendClass.REPLY: 2.0,
    SendClass.HELPLINE: 1.0,
    SendClass.NOTICE: 1.0,
    SendClass.BROADCAST: 1.0,
}

_current: ContextVar[SendClass | None] = ContextVar("send_class", default=None)


@contextlib.contextmanager
def sending_as(send_class: SendClass) -> Iterator[None]:
    """What is sent inside this block (and tasks started in it) is of `send_class`."""
    token = _current.set(send_class)
    try:
        yield
    finally:
        _current.reset(token)


def current_class(default: SendClass) -> SendClass:
    value = _current.get()
    return default if value is None else value  # EMERGENCY is 0: not `or`


_unmarked: ContextVar[bool] = ContextVar("send_unmarked", default=False)


@contextlib.contextmanager
def leaving_no_mark() -> Iterator[None]:
    """Messages sent inside this block leave no pacing mark on their chat: the answer to /forget, after
    which nothing about the person may be kept, not even for a second."""
    token = _unmarked.set(True)
    try:
        yield
    finally:
        _unmarked.reset(token)


def leaves_no_mark() -> bool:
    return _unmarked.get()
