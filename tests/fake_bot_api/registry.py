"""Which Bot API methods the fake simulates; every other spec method is validated and answered `true`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from .state import State
from .updates import UpdateQueue


class Api(Protocol):
    state: State
    updates: UpdateQueue


Handler = Callable[[Api, dict[str, Any]], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def handles(*methods: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in methods:
            HANDLERS[name.lower()] = handler
        return handler

    return register


def handler_for(method: str) -> Handler | None:
    # Imported here so that registering happens once, whoever asks first.
    from . import methods_bot, methods_chat, methods_media, methods_messages  # noqa: F401

    return HANDLERS.get(method.lower())
