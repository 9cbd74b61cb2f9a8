"""Build the PTB Application: one handler that runs every update through the conversation."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Protocol

from redis.exceptions import RedisError
from telegram import Bot, Chat, Message, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, TypeHandler
from telegram.request import HTTPXRequest

from bot.broadcast import drain_forever
from bot.channels.outage import StoreBreaker, keep_running
from bot.channels.session import Sessions
from bot.channels.telegram.aiohttp_request import AiohttpRequest
from bot.channels.telegram.answer_pacing import one_answer
from bot.channels.telegram.card_post import CardPost
from bot.channels.telegram.helpline import HelplineDesk
from bot.channels.telegram.helpline_group import on_operators_update
from bot.channels.telegram.language_guess import with_language_guess
from bot.channels.telegram.profile import publish_profile
from bot.channels.telegram.render import send_replies
from bot.channels.telegram.retry import answering
from bot.channels.telegram.safebot import SafeBot
from bot.channels.telegram.safechat import SafeChat
from bot.channels.telegram.sender import TelegramSender, telegram_sender
from bot.channels.telegram.updates import Incoming, incoming_from_update
from bot.channels.telegram.webhook_reply import install_holder
from bot.config import Settings
from bot.content import ContentPack
from bot.conversation import Reply, UserState, step
from bot.conversation.context import Context
from bot.conversation.degraded import not_now, stateless_step
from bot.conversation.effects import ClearChat, ForgetMe
from bot.conversation.events import Flooded, Forwarded
from bot.conversation.replies import effects_in
from bot.conversation.warm_up import warm_up
from bot.domain import Language
from bot.redis_batch import Batch
from bot.reminders import Reminders, run_reminders
from bot.reviewing.live import LiveTrust
from bot.reviewing.store import ReviewStore
from bot.safety.flood import FloodGate, Verdict
from bot.safety.pseudonyms import pseudonym
from bot.sending import SendBudget, SendClass, leaving_no_mark, sending_as
from bot.store import UNREACHABLE, StateStore

log = logging.getLogger(__name__)

# The updates the bot acts on; others are never delivered, which saves traffic and keeps data out.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "channel_post", "my_chat_member"]


def utc_now() -> datetime:
    return datetime.now(UTC)


class UpdateObserver(Protocol):
    """Told what the bot answered (metrics in the web server); must not block or raise."""

    def replied(self, replies: list[Reply]) -> None: ...


class TelegramBot:
    """Holds what every update needs; PTB calls `on_update` for each one."""

    def __init__(
        self, settings: Settings, content: ContentPack, store: StateStore, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.settings = settings
        self.content = content
        self.store = store
        self.sessions = Sessions.over(store)
        self.flood = FloodGate(store.redis, store.prefix)
        self.sessions.also_forget.append(self.flood.forget)
        self.clock = clock
        self.deployment = settings.deployment
        self.pseudonym_key = settings.pseudonym_key.get_secret_value().encode() if settings.pseudonym_key else None
        self.helpline = HelplineDesk.configured(settings, content, store.redis, store.prefix, lambda: self.clock())
        # "Clear this chat" and "did this come from us?": message ids for 48 h, hashes of sent texts.
        self.safechat = SafeChat.configured(settings, store.redis, store.prefix)
        self.sessions.also_forget.append(self.safechat.forget)
        if self.helpline is not None:
            self.helpline.delivered = self.safechat.delivered
        # One send budget per process, shared through Redis with every other (bot/sending): replies,
        # helpline relays, reminders and broadcasts all take their slots from it.
        self.budget = SendBudget(store.redis, store.prefix, settings.broadcast_rate, settings.send_headroom)
        self._sender: TelegramSender | None = None
        self._broadcasts: asyncio.Task[None] | None = None
        self._reminders: asyncio.Task[None] | None = None
        self._sweeps: asyncio.Task[None] | None = None
        self._live: asyncio.Task[None] | None = None
        self._stop_broadcasts = asyncio.Event()
        self.breaker = StoreBreaker()
        self.cards = CardPost(
            store.redis, store.prefix, lambda: self.content, lambda: self.deployment, lambda: self.clock()
        )
        self.observer: UpdateObserver | None = None

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # What is sent for this update is retried when Telegram hiccups (retry.py), and its messages to
        # one chat keep a second apart (answer_pacing.py).
        with answering(), one_answer():
            try:
                await self._answer(update, context)
            except UNREACHABLE as error:  # outside a person's conversation (operators, membership): no answer
                self.breaker.failed(error)

    async def _answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.my_chat_member is not None:
            await self._membership_changed(update)
            return
        if self.helpline is not None and self.helpline.is_operators_update(update):  # claims, closes, replies
            with sending_as(SendClass.HELPLINE):
                await on_operators_update(self.helpline, update, context.bot)
            return
        incoming = incoming_from_update(update, self.deployment.bot_handle or context.bot.username)
        if incoming is None:
            log.info("update ignored", extra={"update_kind": _kind(update), "person": self.person(update)})
            return
        spinner = _stop_spinner(context, incoming.callback_query_id)
        try:
            await self._converse(incoming, update, context)
        finally:
            if spinner is not None:
                await spinner

    async def _converse(self, incoming: Incoming, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        private = incoming.chat_id == incoming.user_id  # nothing is stored for groups or channels
        if isinstance(incoming.event, Forwarded):
            incoming = replace(incoming, event=await self.safechat.checked(incoming.event))
        if private:
            outcome = await self._step_and_save(incoming, update)
            if outcome is None:
                return  # flooded, and already told once in this window
            state, replies, saved = outcome
        else:
            state, replies = step(UserState(), incoming.event, self.content, self.clock(), deployment=self.deployment)
            saved = False
        if self.observer is not None:
            self.observer.replied(replies)
        effects = effects_in(replies)
        if saved and any(isinstance(effect, ClearChat) for effect in effects):
            await self.safechat.clear(context.bot, incoming.chat_id)
        sent: list[Message] = []
        all_sent = False
        forgetting = saved and any(isinstance(effect, ForgetMe) for effect in effects)
        try:
            with (
                sending_as(SendClass.EMERGENCY if any(r.urgent for r in replies) else SendClass.REPLY),
                leaving_no_mark() if forgetting else contextlib.nullcontext(),
            ):
                await send_replies(context.bot, incoming.chat_id, replies, sent, self.cards)
            all_sent = True
        finally:
            if private:  # after /forget, nothing about the person is noted again
                await self._note_sent(incoming.chat_id, sent, replies if saved and all_sent else [], forgetting)
        if saved:
            await self._after_sending(update, context.bot, state, replies)
        log.info(
            "update handled",
            extra={"event": type(incoming.event).__name__, "replies": len(replies), "person": self.person(update)},
        )

    async def _step_and_save(self, incoming: Incoming, update: Update) -> tuple[UserState, list[Reply], bool] | None:
        """Load, step, save and apply effects; while Redis is unreachable, answer without it (degraded.py).

        Returns the new state, the replies and whether they were saved; None when the flood gate drops it."""
        loaded = UserState()
        if self.breaker.worth_trying():
            try:
                # One round trip before the step and one after (bot/redis_batch.py).
                batch = Batch(self.store.redis)
                if incoming.message_id is not None:  # even one the flood gate drops stays on the phone
                    self.safechat.received_into(batch, incoming.chat_id, incoming.message_id)
                verdict = self.flood.check_into(batch, incoming.user_id)
                stored = self.sessions.load_into(batch, incoming.user_id)
                referral = self.helpline.open_number_into(batch, incoming.user_id) if self.helpline else None
                await batch.run()
                flood = verdict()
                if flood is Verdict.DROP:
                    return None
                if flood is Verdict.NOTIFY:
                    incoming = replace(incoming, event=Flooded(hint=incoming.event.hint))
                loaded = stored()
                if self.helpline is not None and referral is not None:
                    loaded = await self.helpline.with_referral(incoming.user_id, loaded, referral())
                state, replies = step(loaded, incoming.event, self.content, self.clock(), deployment=self.deployment)
                await self.sessions.save(incoming.user_id, state)
                await self.sessions.apply_effects(incoming.user_id, replies)
                self.breaker.worked()
                return state, replies, True
            except UNREACHABLE as error:  # nothing said yet: answer again below, without claiming anything saved
                self.breaker.failed(error)
        event = with_language_guess(incoming.event, update)
        state, replies = stateless_step(loaded, event, self.content, self.clock(), deployment=self.deployment)
        return state, replies, False

    async def _note_sent(self, chat_id: int, sent: list[Message], replies: list[Reply], forgot: bool) -> None:
        """In one round trip: the ids and text hashes of what was sent (safechat.py) and, once all of
        `replies` went out, the vetted versions shown and the chat's pacing mark (session.py)."""
        if not self.breaker.worth_trying():
            return
        batch = Batch(self.store.redis)
        self.safechat.delivered_into(batch, chat_id, sent, note_ids=not forgot)
        if replies:
            self.sessions.after_sending_into(batch, chat_id, replies)
        try:
            await batch.run()
        except UNREACHABLE as error:  # only a clear, a check or a correction's reach suffers; the answer is out
            self.breaker.failed(error)
        except RedisError as error:
            log.warning("sent messages not recorded: %s", type(error).__name__)

    async def _after_sending(self, update: Update, bot: Bot, state: UserState, replies: list[Reply]) -> None:
        """What the helpline effects of sent replies ask for (open, relay, withdraw a referral)."""
        user = update.effective_user
        assert user is not None
        if self.helpline is None:
            return
        try:
            with sending_as(SendClass.HELPLINE):
                await self.helpline.carry_out(
                    bot,
                    user,
                    replies,
                    lambda outcome: step(state, outcome, self.content, self.clock(), deployment=self.deployment)[1],
                )
        except UNREACHABLE as error:  # the referral was not opened or relayed: say so rather than nothing
            self.breaker.failed(error)
            ctx = Context(self.content, self.clock(), state.lang or Language.ENGLISH, self.deployment)
            await send_replies(bot, user.id, [not_now(ctx)])

    def person(self, update: Update) -> str | None:
        """Who sent it, as a keyed pseudonym: operators can follow one person's trouble without knowing who."""
        user = update.effective_user
        return pseudonym(user.id, self.pseudonym_key) if user is not None else None

    async def _membership_changed(self, update: Update) -> None:
        """A person who blocks the bot (or deletes the chat) gets no more reminders."""
        change = update.my_chat_member
        assert change is not None
        if change.chat.type == Chat.PRIVATE and change.new_chat_member.status in ("kicked", "left"):
            await self.sessions.subscriptions.unsubscribe(change.chat.id)
            log.info("subscriptions ended: bot blocked", extra={"update_kind": "my_chat_member"})

    async def post_init(self, application: Application) -> None:
        if self.deployment.bot_handle is None:
            self.deployment = replace(self.deployment, bot_handle=application.bot.username)
        warm_up(self.content, self.clock(), self.deployment)  # models and catalogues load now, not for a person
        await publish_profile(application.bot)
        if self.helpline is not None:  # /forget erases their referrals too, here and in the operators' group
            self.sessions.also_forget.append(self.helpline.eraser(application.bot))
        if self.settings.redis_url:  # broadcasts need the shared Redis; the embedded store is per process
            self._stop_broadcasts = asyncio.Event()
            # Broadcasts and reminders go over their own Bot on aiohttp (the webhook's lean request path).
            self._sender = telegram_sender(self.settings, self.safechat.delivered)
            await self._sender.bot.initialize()
            self._broadcasts = asyncio.create_task(
                drain_forever(self.store.redis, self._sender, self.settings, self._stop_broadcasts, self.budget)
            )
            reminders = Reminders(self.store.redis, self.settings.redis_prefix)
            reminders.strict = self.deployment.strict
            self._reminders = asyncio.create_task(
                keep_running(
                    "reminders",
                    lambda: run_reminders(reminders, lambda: self.content, self.clock, self._stop_broadcasts),
                    self._stop_broadcasts,
                )
            )
            if self.helpline is not None:  # closed referrals' texts go after HELPLINE_RETENTION_DAYS
                desk, bot = self.helpline, application.bot
                self._sweeps = asyncio.create_task(every(3600, lambda: desk.sweep(bot), self._stop_broadcasts))
            # Sign-offs stored by the review workspace count here within REVIEW_POLL_SECONDS (bot/reviewing).
            live = LiveTrust(ReviewStore(self.store.redis, self.store.prefix), lambda: self.content, self.use_content)
            self._live = asyncio.create_task(
                every(self.settings.review_poll_seconds, live.refresh, self._stop_broadcasts)
            )

    def use_content(self, pack: ContentPack) -> None:
        self.content = pack  # each update reads it once per use: a swap is one assignment, never half a pack
        if self.helpline is not None:
            self.helpline.content = pack

    async def post_stop(self, application: Application) -> None:
        """Finish the broadcast sends in flight and hand the rest back before the process ends."""
        await self.cards.close()
        if self._broadcasts is not None:
            self._stop_broadcasts.set()
            await self._broadcasts
            await self._reminders
            if self._sweeps is not None:
                await self._sweeps
            if self._live is not None:
                await self._live
        if self._sender is not None:
            await self._sender.bot.shutdown()
        await self.budget.close()


async def every(seconds: float, job: Callable[[], Awaitable[object]], stop: asyncio.Event) -> None:
    """Run `job` now and then every `seconds` until `stop` is set; a failing run is logged, not fatal."""
    while not stop.is_set():
        try:
            await job()
        except Exception as error:  # a periodic chore must not die on one bad run
            log.error("periodic job failed: %s", type(error).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)


def _stop_spinner(context: ContextTypes.DEFAULT_TYPE, query_id: str | None) -> asyncio.Task[None] | None:
    """Answer a button press (stops its spinner) while the update is handled, not before: the request
    to Telegram and our own work overlap. Started in a context of its own without the webhook reply
    holder, so it never takes the held reply out of the webhook response."""
    if query_id is None:
        return None
    quiet = contextvars.copy_context()
    quiet.run(install_holder, None)
    return asyncio.create_task(_answer_quietly(context, query_id), context=quiet)


async def _answer_quietly(context: ContextTypes.DEFAULT_TYPE, query_id: str) -> None:
    # A failure here must not stop the answer itself.
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


def build_application(
    settings: Settings, content: ContentPack, store: StateStore, *, webhook: bool = False
) -> Application:
    """`webhook`: no Updater; the web server (bot/web) hands updates in, as PTB's custom-webhook example does."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    handler = TelegramBot(settings, content, store)
    bot = SafeBot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.file_base_url,
        # Webhook mode sends over aiohttp: lighter than httpx, whose request is most of an update's CPU.
        request=AiohttpRequest(connection_pool_size=64) if webhook else HTTPXRequest(connection_pool_size=64),
        get_updates_request=HTTPXRequest(),
        budget=handler.budget,
    )
    builder = Application.builder().bot(bot).post_init(handler.post_init).post_stop(handler.post_stop)
    application = (builder.updater(None) if webhook else builder).build()
    application.add_handler(TypeHandler(Update, handler.on_update))
    application.add_error_handler(on_error)
    application.bot_data["rahnama"] = handler
    return application
