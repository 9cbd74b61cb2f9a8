"""An ExtBot that survives malformed updates from getUpdates.

PTB parses a whole getUpdates batch at once: one update it cannot parse raises, the offset never
advances, and polling retries the same batch forever. PTB also logs the raw batch (message text
included) at CRITICAL. We parse each update on its own and replace one that fails with an empty
update of the same id, so the offset moves on and nothing the person wrote reaches the logs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import ExtBot

from bot.channels.telegram.answer_pacing import wait_turn, written
from bot.channels.telegram.retry import NOT_RETRIED, ReplyRetry, is_answering, retry_after_seconds
from bot.channels.telegram.webhook_reply import current_holder
from bot.sending import SendBudget, SendClass, current_class, leaves_no_mark

log = logging.getLogger(__name__)


def sanitise_updates(raw: list[Any], bot: ExtBot) -> list[Any]:
    kept: list[Any] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("update_id"), int):
            log.warning("dropped an update without an id")
            continue
        try:
            Update.de_json(item, bot)
        except Exception as error:  # any parsing failure: PTB raises TypeError, KeyError, ValueError…
            log.warning("dropped a malformed update: %s", type(error).__name__)
            item = {"update_id": item["update_id"]}
        kept.append(item)
    return kept


# Methods that put a message in a chat or change one: they draw on the send budget. Chat actions and
# drafts are not messages; answerCallbackQuery only stops a button's spinner and never waits.
_NOT_MESSAGES = frozenset({"sendChatAction", "sendMessageDraft"})
_ALSO_MESSAGES = frozenset({"copyMessage", "copyMessages", "forwardMessage", "forwardMessages"})


def is_message(endpoint: str) -> bool:
    if endpoint in _NOT_MESSAGES:
        return False
    return endpoint.startswith(("send", "editMessage")) or endpoint in _ALSO_MESSAGES


def is_new_message(endpoint: str) -> bool:
    """A message that counts towards the chat's one per second (an edit changes one already there)."""
    return is_message(endpoint) and not endpoint.startswith("editMessage")


class SafeBot(ExtBot[None]):
    """Also retries what is sent while answering an update (bot/channels/telegram/retry.py), and puts
    every message in a slot of the send budget (bot/sending), in the class of the code sending it."""

    def __init__(
        self, *args: Any, reply_retry: ReplyRetry | None = None, budget: SendBudget | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self.reply_retry = reply_retry or ReplyRetry()
            self.budget = budget

    # _post is PTB's single request path; hooking it keeps every timeout and retry of get_updates intact.
    async def _post(self, endpoint: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        post = super()._post

        def call() -> Awaitable[Any]:
            return post(endpoint, data, *args, **kwargs)

        if self.budget is not None and is_message(endpoint):
            call = self._in_budget(self.budget, data, call)
        if is_new_message(endpoint):
            call = _apart(_chat_id(data), call)
        if is_answering() and endpoint not in NOT_RETRIED:
            result = await self.reply_retry.run(endpoint, call)
        else:
            result = await call()
        if endpoint == "getUpdates" and isinstance(result, list):
            return sanitise_updates(result, self)
        return result

    @staticmethod
    def _in_budget(budget: SendBudget, data: Any, call: Callable[[], Awaitable[Any]]) -> Callable[[], Awaitable[Any]]:
        """Each attempt waits for its slot; a 429 pauses every process's sends (the budget's pause)."""
        send_class = current_class(SendClass.REPLY if is_answering() else SendClass.NOTICE)
        chat_id = None if leaves_no_mark() else _chat_id(data)

        async def budgeted() -> Any:
            await budget.acquire(send_class, chat_id)
            try:
                with budget.timed():  # how much arrivals wobble: the budget's margin
                    return await call()
            except RetryAfter as error:
                await budget.pause(retry_after_seconds(error))
                raise

        return budgeted

    # _do_post gets the final parameters (defaults inserted, Nones dropped): what a webhook response
    # must carry. In webhook mode the person's messages may be held for it (webhook_reply.py).
    async def _do_post(self, endpoint: str, data: Any, **timeouts: Any) -> Any:
        holder = current_holder()
        if holder is None:
            return await super()._do_post(endpoint, data, **timeouts)
        await holder.release()  # whatever call comes next, the held message goes before it
        if holder.can_hold(endpoint, data):
            return holder.hold(endpoint, data, lambda e, d: super(SafeBot, self)._do_post(e, d, **timeouts))
        return await super()._do_post(endpoint, data, **timeouts)


async def _send_held() -> None:
    """A message held for the webhook response (webhook_reply.py) goes now, before the next one waits its
    turn: the second then counts from when Telegram had the held one, not from when it was held (held, it
    went out right before the next part, and the two drew a 429)."""
    holder = current_holder()
    if holder is not None and holder.held is not None:
        chat_id = holder.chat_id
        await holder.release()
        written(chat_id)


def _apart(chat_id: int | None, call: Callable[[], Awaitable[Any]]) -> Callable[[], Awaitable[Any]]:
    """Each attempt keeps a second after this answer's previous message to the chat (answer_pacing.py)."""

    async def apart() -> Any:
        await _send_held()
        await wait_turn(chat_id)
        try:
            return await call()
        finally:
            written(chat_id)

    return apart


def _chat_id(data: Any) -> int | None:
    value = data.get("chat_id") if isinstance(data, dict) else None
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):  # a channel's @username: no per-chat turn to keep
        return None
