"""POST /telegram/webhook: check the secret, put the update in its person's order, let PTB handle it.

The update is queued in Redis in its person's order (bot/safety/ordering.py) and Telegram is
answered at once; the person's queue is drained in the background, each update with
`process_update` under the person's lock, so a later update never overtakes an earlier one in
another process, and an answer waiting for the send budget (bot/sending) holds no webhook
connection. An update leaves Redis only once handled: a process killed meanwhile loses none (another
takes its people over; see ordering.py). With WEBHOOK_REPLY_IN_RESPONSE the update is handled
before answering, as the last message rides in the response.

What Telegram does with our answer: any non-2xx makes it send the same update again, later and
again. So the wrong secret gets 403 (that caller is not Telegram), Redis trouble gets 503 (worth a
retry: nothing was handled), but an update we can never handle (not JSON, no update_id, too big,
not an Update) is dropped with 200 and counted, or it would come back for a day.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError
from telegram import Update
from telegram.ext import Application

from bot.channels.telegram.webhook_reply import ReplyHolder, install_holder, uninstall_holder
from bot.safety.ordering import PersonQueue
from bot.web.metrics import UPDATE_KINDS, Metrics

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# A Telegram update is a few kB (4,096 characters of text, entities, a reply's quote); far more is not Telegram.
MAX_BODY_BYTES = 256 * 1024


class WebhookEndpoint:
    def __init__(
        self, application: Application, secret: str, queue: PersonQueue, metrics: Metrics, reply_in_response: bool
    ) -> None:
        self.application, self.queue, self.metrics = application, queue, metrics
        self.secret = secret.encode()
        self.reply_in_response = reply_in_response
        self._drains: set[asyncio.Task[int]] = set()

    async def __call__(self, request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            self.metrics.rejected_webhooks.labels("secret").inc()
            return Response(status_code=403)
        payload = await self._payload(request)
        if payload is None:
            return Response(status_code=200)  # dropped: Telegram must not send it again
        self.metrics.received(payload)
        started = time.perf_counter()
        holder = ReplyHolder() if self.reply_in_response else None
        token = install_holder(holder)
        try:
            body = await self._handle_in_order(payload, holder)
        except RedisError as error:  # nothing handled; Telegram's retry is what we want
            log.error("webhook update not handled: %s", type(error).__name__)
            return Response(status_code=503)
        finally:
            uninstall_holder(token)
            self.metrics.latency.observe(time.perf_counter() - started)
        return JSONResponse(body) if body is not None else Response(status_code=200)

    async def handle(self, payload: dict[str, Any]) -> None:
        """Handle one queued update (the person's lock is held): drains and take-overs call this."""
        await self._process(payload, None)

    async def finish(self) -> None:
        """A clean stop: queued updates are answered for up to 25 s; then each drain ends after the update in
        hand, and what is left stays in Redis for the other processes (PersonQueue.retire)."""
        if self._drains:
            await asyncio.wait(self._drains, timeout=25)
        self.queue.stop_draining()
        if self._drains:
            await asyncio.wait(self._drains)

    async def _handle_in_order(self, payload: dict[str, Any], holder: ReplyHolder | None) -> dict[str, Any] | None:
        update_id = payload["update_id"]

        async def handle(queued: dict[str, Any]) -> None:
            await self._process(queued, holder)

        person = person_of(payload)
        if person is None:  # nobody's conversation: no order to keep
            await handle(payload)
        elif holder is None:  # queued durably; handled in the background, Telegram answered now
            first = await self.queue.enter(person, update_id, payload)
            if first is not None:
                drain = asyncio.create_task(self.queue.drain(person, first, self.handle))
                self._drains.add(drain)
                drain.add_done_callback(self._drains.discard)
        else:
            await self.queue.submit(person, update_id, payload, handle)
        if holder is None:
            return None
        body = holder.take_response_body(update_id)
        await holder.release()  # held for an update another call brought: that call has answered already
        return body

    async def _process(self, payload: dict[str, Any], holder: ReplyHolder | None) -> None:
        if holder is not None:
            holder.chat_id, holder.update_id = private_chat_of(payload), payload["update_id"]
        try:
            update = Update.de_json(payload, self.application.bot)
        except Exception as error:  # PTB raises TypeError, KeyError, ValueError… on odd updates
            self.metrics.rejected_webhooks.labels("unparsable").inc()
            log.warning("dropped a malformed update: %s", type(error).__name__)
            return
        await self.application.process_update(update)  # handler errors go to the error handler

    async def _payload(self, request: Request) -> dict[str, Any] | None:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                self.metrics.rejected_webhooks.labels("too_large").inc()
                log.warning("dropped a webhook call over %d bytes", MAX_BODY_BYTES)
                return None
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or type(payload.get("update_id")) is not int:
            self.metrics.rejected_webhooks.labels("malformed").inc()
            log.warning("dropped a webhook call that is not an update")
            return None
        return payload


def _chat_and_sender(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    for kind in (*UPDATE_KINDS, "inline_query", "chat_member"):
        item = payload.get(kind)
        if isinstance(item, dict):
            chat = item.get("chat") or (item.get("message") or {}).get("chat") or {}
            sender = item.get("from") or {}
            return (chat if isinstance(chat, dict) else {}), (sender if isinstance(sender, dict) else {})
    return {}, {}


def person_of(payload: dict[str, Any]) -> int | None:
    """Whose updates must keep their order: the chat's (a person's private chat, or a group), else the sender's."""
    chat, sender = _chat_and_sender(payload)
    for value in (chat.get("id"), sender.get("id")):
        if type(value) is int:
            return value
    return None


def private_chat_of(payload: dict[str, Any]) -> int | None:
    chat, _ = _chat_and_sender(payload)
    return chat["id"] if chat.get("type") == "private" and type(chat.get("id")) is int else None
