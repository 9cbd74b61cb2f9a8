"""An ExtBot that survives malformed updates from getUpdates.

PTB parses a whole getUpdates batch at once: one update it cannot parse raises, the offset never
advances, and polling retries the same batch forever. PTB also logs the raw batch (message text
included) at CRITICAL. We parse each update on its own and replace one that fails with an empty
update of the same id, so the offset moves on and nothing the person wrote reaches the logs.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

from bot.channels.telegram.retry import NOT_RETRIED, ReplyRetry, is_answering
from bot.channels.telegram.webhook_reply import current_holder

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


class SafeBot(ExtBot[None]):
    """Also retries what is sent while answering an update (bot/channels/telegram/retry.py)."""

    def __init__(self, *args: Any, reply_retry: ReplyRetry | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self.reply_retry = reply_retry or ReplyRetry()

    # _post is PTB's single request path; hooking it keeps every timeout and retry of get_updates intact.
    async def _post(self, endpoint: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        post = super()._post
        if is_answering() and endpoint not in NOT_RETRIED:
            result = await self.reply_retry.run(endpoint, lambda: post(endpoint, data, *args, **kwargs))
        else:
            result = await post(endpoint, data, *args, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return sanitise_updates(result, self)
        return result

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
