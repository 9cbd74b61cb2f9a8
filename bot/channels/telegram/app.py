"""Build the PTB Application: one handler that runs every update through the conversation."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, TypeHandler
from telegram.request import HTTPXRequest

from bot.channels.telegram.profile import publish_profile
from bot.channels.telegram.render import send_replies
from bot.channels.telegram.safebot import SafeBot
from bot.channels.telegram.updates import incoming_from_update
from bot.config import Settings
from bot.content import ContentPack
from bot.conversation import step
from bot.conversation.replies import shown_in
from bot.store import StateStore

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


class TelegramBot:
    """Holds what every update needs; PTB calls `on_update` for each one."""

    def __init__(
        self, settings: Settings, content: ContentPack, store: StateStore, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.settings = settings
        self.content = content
        self.store = store
        self.clock = clock
        self.deployment = settings.deployment

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = incoming_from_update(update, self.deployment.bot_handle or context.bot.username)
        if incoming is None:
            log.info("update ignored", extra={"update_kind": _kind(update)})
            return
        if incoming.callback_query_id:
            await _answer_quietly(context, incoming.callback_query_id)
        state = await self.store.load(incoming.user_id)
        state, replies = step(state, incoming.event, self.content, self.clock(), deployment=self.deployment)
        if incoming.chat_id == incoming.user_id:  # never store anything for groups or channels
            await self.store.save(incoming.user_id, state)
        await send_replies(context.bot, incoming.chat_id, replies)
        if incoming.chat_id == incoming.user_id:  # sent: remember which vetted versions they received
            await self.store.record_shown(incoming.user_id, shown_in(replies))
        log.info("update handled", extra={"event": type(incoming.event).__name__, "replies": len(replies)})

    async def post_init(self, application: Application) -> None:
        if self.deployment.bot_handle is None:
            self.deployment = replace(self.deployment, bot_handle=application.bot.username)
        await publish_profile(application.bot)


async def _answer_quietly(context: ContextTypes.DEFAULT_TYPE, query_id: str) -> None:
    # Stops the spinner on the button; a failure here must not stop the answer itself.
    try:
        await context.bot.answer_callback_query(query_id)
    except TelegramError as error:
        log.warning("answerCallbackQuery failed: %s", type(error).__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The class and the stack only: an error's message can quote what the person wrote.
    error = context.error
    stack = "".join(traceback.format_tb(error.__traceback__)) if error else ""
    log.error("update failed: %s\n%s", type(error).__name__, stack)


def _kind(update: Update) -> str:
    for name in ("message", "edited_message", "channel_post", "callback_query", "my_chat_member", "inline_query"):
        if getattr(update, name, None) is not None:
            return name
    return "other"


def build_application(settings: Settings, content: ContentPack, store: StateStore) -> Application:
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    handler = TelegramBot(settings, content, store)
    bot = SafeBot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.file_base_url,
        request=HTTPXRequest(connection_pool_size=64),
        get_updates_request=HTTPXRequest(),
    )
    application = Application.builder().bot(bot).post_init(handler.post_init).build()
    application.add_handler(TypeHandler(Update, handler.on_update))
    application.add_error_handler(on_error)
    application.bot_data["rahnama"] = handler
    return application
