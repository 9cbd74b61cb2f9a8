"""Delivering updates to the webhook the bot set, as Telegram does.

Telegram posts each update as JSON to the webhook URL with the secret in
`X-Telegram-Bot-Api-Secret-Token`; it keeps one update of a chat in flight at a time (its webhook
queues are per chat) and up to `max_connections` in all; an answer other than 2xx means "send it
again" (here: after `retry_delay`); a 2xx answer whose JSON body names a `method` is a Bot API call
it carries out (validated like any other; the bot never learns the result).

The URL must be HTTPS, as on Telegram; tests say where its TLS proxy forwards to (`target`), and the
path of the URL is kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp

from .updates import update_type

if TYPE_CHECKING:
    from .fake import FakeBotAPI


def chat_of(update: dict[str, Any]) -> Any:
    item = update.get(update_type(update)) or {}
    chat = item.get("chat") or (item.get("message") or {}).get("chat") or {}
    return chat.get("id", (item.get("from") or {}).get("id"))


class WebhookDelivery:
    def __init__(self, fake: FakeBotAPI, target: str, retry_delay: float = 0.05) -> None:
        self.fake, self.target, self.retry_delay = fake, target.rstrip("/"), retry_delay
        self.responses: list[tuple[int, int]] = []  # (update_id, HTTP status) of every delivery
        self._busy: set[Any] = set()  # chats with an update in flight
        self._tasks: set[asyncio.Task[None]] = set()
        self._runner: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession()
        self._runner = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def _url(self) -> str:
        return self.target + (urlsplit(self.fake.state.webhook["url"]).path or "/")

    def _ready(self) -> list[dict[str, Any]]:
        hook = self.fake.state.webhook
        if not hook.get("url"):
            return []
        self.fake.updates.allowed = hook.get("allowed_updates") or None
        room = int(hook.get("max_connections", 40)) - len(self._tasks)
        ready, chats = [], set(self._busy)
        for update in self.fake.updates.deliverable():
            chat = chat_of(update)
            if chat not in chats and len(ready) < room:
                ready.append(update)
            chats.add(chat)  # later updates of this chat wait for the earlier one
        return ready

    async def _run(self) -> None:
        while True:
            await self.fake.state.changed.wait_for(lambda: bool(self._ready()), timeout=3600)
            for update in self._ready():
                self.fake.updates.pending.remove(update)
                self._busy.add(chat_of(update))
                task = asyncio.create_task(self._deliver(update))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _deliver(self, update: dict[str, Any]) -> None:
        assert self._session is not None
        headers = {}
        if secret := self.fake.state.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        try:
            while True:
                status, body = await self._post(update, headers)
                self.responses.append((update["update_id"], status))
                if 200 <= status < 300:
                    break
                await asyncio.sleep(self.retry_delay)  # Telegram sends it again, later
            self.fake.updates.delivered.append(update)
            if isinstance(body, dict) and "method" in body:
                await self.fake.call_from_webhook_response(body)
        finally:
            self._busy.discard(chat_of(update))
            self.fake.state.changed.notify()

    async def _post(self, update: dict[str, Any], headers: dict[str, str]) -> tuple[int, Any]:
        assert self._session is not None
        try:
            async with self._session.post(self._url(), json=update, headers=headers) as response:
                text = await response.text()
                is_json = response.content_type == "application/json"
                return response.status, json.loads(text) if is_json and text else None
        except aiohttp.ClientError:
            return 599, None  # unreachable: retried like any failure
