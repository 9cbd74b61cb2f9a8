"""The fake Bot API on a thread and event loop of its own, for tests that judge timing.

In the test's event loop the fake stamps a request when its handler gets to run, not when the request
reached the socket: with a hundred senders on the same loop the stamps bunch, and the rate limiter sees
more than 30 in a second although the senders paced correctly. On a loop of its own the fake answers
as soon as a request arrives (sharing only the GIL, which it gets back within the switch interval).

    async with threaded(token=TOKEN, rate_limit=True) as fake:
        ...use it as a FakeBotAPI...

The fake is made, started, used and stopped on its thread; the test holds a stand-in that forwards each
call there: coroutines through run_coroutine_threadsafe (awaited in the test's loop with wrap_future, so
the fake's asyncio objects are only ever touched by its own loop), plain methods likewise (waiting for
the result: they are quick). Attributes are read as they are (`requests`, `state`, `rejected`,
`base_url`: lists and dicts the fake's thread appends to), and still after the fake stopped.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any, TypeVar, cast

from .fake import FakeBotAPI

T = TypeVar("T")
CALL_TIMEOUT_S = 30.0  # a plain method of the fake takes microseconds; this only turns a deadlock into an error
STOP_TIMEOUT_S = 10.0  # stopping closes the server and its webhook deliveries


class ThreadedFake:
    """Stands for a FakeBotAPI that lives on another thread's event loop (module docstring)."""

    __slots__ = ("_fake", "_loop", "_thread")

    def __init__(self, fake: FakeBotAPI, loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
        self._fake, self._loop, self._thread = fake, loop, thread

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._fake, name)
        if not callable(value) or not self._elsewhere():
            return value
        if inspect.iscoroutinefunction(value):
            return functools.partial(self._await, value)
        return functools.partial(self._call, value)

    def _elsewhere(self) -> bool:
        """Whether calls must be carried to the fake's loop: it runs, and this is not its thread."""
        return self._loop.is_running() and threading.get_ident() != self._thread.ident

    async def _await(self, function: Callable[..., Coroutine[Any, Any, T]], *args: Any, **kwargs: Any) -> T:
        """Run on the fake's loop, awaited here (cancelling the await cancels it there too). A coroutine itself, so
        a test may still make a task of the call."""
        return await _on(self._loop, function(*args, **kwargs))

    def _call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        async def call() -> T:
            return function(*args, **kwargs)

        return asyncio.run_coroutine_threadsafe(call(), self._loop).result(CALL_TIMEOUT_S)


@asynccontextmanager
async def threaded(**options: Any) -> AsyncIterator[FakeBotAPI]:
    """A FakeBotAPI(**options) started on its own thread and loop, stopped (thread and all) on leaving, also when
    the test failed. Typed as a FakeBotAPI: the stand-in answers to all of it."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-bot-api", daemon=True)
    thread.start()
    try:
        fake = await _on(loop, _started(options))
        try:
            yield cast(FakeBotAPI, ThreadedFake(fake, loop, thread))
        finally:
            await asyncio.wait_for(_on(loop, fake.stop()), STOP_TIMEOUT_S)
    finally:
        try:
            await asyncio.wait_for(_on(loop, _cancel_the_rest()), STOP_TIMEOUT_S)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            await asyncio.to_thread(thread.join, STOP_TIMEOUT_S)
            assert not thread.is_alive(), "the fake Bot API's thread did not stop"
            loop.close()


def _on(loop: asyncio.AbstractEventLoop, coroutine: Coroutine[Any, Any, T]) -> asyncio.Future[T]:
    return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, loop))


async def _started(options: dict[str, Any]) -> FakeBotAPI:
    """Made on its own loop, so its asyncio objects belong to that loop."""
    return await FakeBotAPI(**options).start()


async def _cancel_the_rest() -> None:
    """Whatever the fake's loop still runs (a handler whose client went away), then its executor."""
    loop = asyncio.get_running_loop()
    rest = [task for task in asyncio.all_tasks(loop) if task is not asyncio.current_task()]
    for task in rest:
        task.cancel()
    await asyncio.gather(*rest, return_exceptions=True)
    await loop.shutdown_asyncgens()
    await loop.shutdown_default_executor()
