"""The helpline on Telegram: carry out the conversation's referral effects, and keep the operators' group in step.

The conversation decides (screens/helpline.py) and returns effects on its replies; after the
replies are sent, `carry_out` performs them here (post the summary, relay a message, withdraw)
and feeds each outcome back into the conversation as an event, whose reply is sent too. Before
each step `with_referral` puts the person's open referral into the state, read from Redis, so the
conversation knows whether to relay what they type. Operators' updates go to `helpline_group`.

Nothing is kept in the process: every mapping (group message or topic → referral → person) is in
Redis (bot/helpline/store.py), so two workers can share the work.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from redis.asyncio import Redis
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.channels.telegram.render import send_replies
from bot.config import Settings
from bot.content import ContentPack
from bot.conversation import Event, Reply, UserState
from bot.conversation.referral import (
    OpenReferral,
    ReferralNotOpened,
    ReferralOpened,
    ReferralWithdrawn,
    Relayed,
    RelayToHelpline,
    WithdrawReferral,
)
from bot.conversation.replies import effects_in
from bot.domain import Language
from bot.helpline import summary
from bot.helpline.store import Referral, ReferralStore, Removed
from bot.i18n.catalog import N_, translator
from bot.redis_batch import Batch
from bot.safety.pseudonyms import pseudonym
from bot.store import is_discreet

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
Again = Callable[[Event], list[Reply]]  # the conversation's answer to an outcome
Delivered = Callable[[int, Sequence[Message]], Awaitable[None]]  # (chat id, messages sent there)


class HelplineDesk:
    def __init__(
        self,
        chat_id: int,
        store: ReferralStore,
        content: ContentPack,
        clock: Callable[[], datetime],
        *,
        operators_lang: Language = Language.ENGLISH,
        pseudonym_key: bytes | None = None,
    ) -> None:
        self.chat_id = chat_id
        self.store = store
        self.content = content
        self.clock = clock
        self.operators_lang = operators_lang
        self.pseudonym_key = pseudonym_key
        # Notes what was sent to a person (for "Clear this chat" and "did this come from us?"); set by the app.
        self.delivered: Delivered | None = None

    @classmethod
    def configured(
        cls, settings: Settings, content: ContentPack, redis: Redis, prefix: str, clock: Callable[[], datetime]
    ) -> HelplineDesk | None:
        """The desk for HELPLINE_CHAT_ID, or None when the deployment has no helpline."""
        if settings.helpline_chat_id is None:
            return None
        if settings.pseudonym_key is None:
            log.warning("PSEUDONYM_KEY is unset: operators see a different pseudonym per worker process")
        key = settings.pseudonym_key.get_secret_value().encode() if settings.pseudonym_key else None
        store = ReferralStore(redis, prefix, timedelta(days=settings.helpline_retention_days))
        known = settings.helpline_language in Language._value2member_map_
        lang = Language(settings.helpline_language) if known else Language.ENGLISH
        return cls(settings.helpline_chat_id, store, content, clock, operators_lang=lang, pseudonym_key=key)

    # --- the person's side --------------------------------------------------------------------------

    async def discreet(self, user_id: int) -> bool:
        """Whether what reaches them unasked must open with the neutral line (discreet mode, default on)."""
        return await is_discreet(self.store.redis, self.store.prefix, user_id)

    def open_number_into(self, batch: Batch, user_id: int) -> Callable[[], str | None]:
        """Read with the person's state (bot/redis_batch.py); `with_referral` then adds the referral."""
        return self.store.open_number_into(batch, user_id)

    async def with_referral(self, user_id: int, state: UserState, number: str | None) -> UserState:
        referral = await self.store.open_referral_at(number, user_id)  # a second read only when there is one
        return replace(state, helpline=referral.view() if referral else None)

    async def carry_out(self, bot: Bot, user: User, replies: list[Reply], again: Again) -> None:
        """Perform the referral effects of sent replies and send the conversation's answer to each outcome."""
        for effect in effects_in(replies):
            if isinstance(effect, OpenReferral):
                outcome: Event = await self._open(bot, user, effect)
            elif isinstance(effect, RelayToHelpline):
                outcome = await self._relay_from_person(bot, user.id, effect)
            elif isinstance(effect, WithdrawReferral):
                outcome = await self._withdraw(bot, user.id, effect)
            else:
                continue
            await self.send_to_person(bot, user.id, again(outcome))

    async def _open(self, bot: Bot, user: User, effect: OpenReferral) -> Event:
        name = _telegram_name(user) if effect.draft.share_name else None
        referral, open_number = await self.store.open(user.id, effect.draft, effect.lang, name, self.clock())
        if referral is None:
            return ReferralNotOpened(open_number=open_number)
        topic_id = None
        try:
            forum = bool((await bot.get_chat(self.chat_id)).is_forum)
            if forum:
                topic = await bot.create_forum_topic(self.chat_id, summary.topic_name(referral, self.operators_lang))
                topic_id = topic.message_thread_id
            posted = await bot.send_message(
                self.chat_id,
                self.summary_of(referral, forum=forum),
                parse_mode=ParseMode.HTML,
                message_thread_id=topic_id,
                reply_markup=operator_buttons(referral, self.operators_lang),
                link_preview_options=NO_PREVIEW,
            )
        except TelegramError as error:
            log.warning("referral not posted: %s", type(error).__name__)
            await self.store.discard(referral.number, user.id)
            if topic_id is not None:  # an empty topic would only puzzle the operators
                with contextlib.suppress(TelegramError):
                    await bot.delete_forum_topic(self.chat_id, topic_id)
            return ReferralNotOpened()
        await self.store.attach(referral.number, self.chat_id, posted.message_id, topic_id)
        log.info("referral opened", extra={"event": "referral_opened", "count": referral.number})
        return ReferralOpened(referral.number, effect.draft)

    async def _relay_from_person(self, bot: Bot, user_id: int, effect: RelayToHelpline) -> Event:
        referral = await self.store.get(effect.number)
        if referral is None or referral.user_id != user_id or referral.status != "claimed":
            return Relayed(delivered=False)
        try:
            for part in summary.from_person(referral, self.pseudonym_of(referral), effect.text, self.operators_lang):
                sent = await self.post_in_thread(bot, referral, part)
                await self.store.remember_message(referral.number, self.chat_id, sent)
        except TelegramError as error:
            log.warning("relay to the helpline failed: %s", type(error).__name__)
            return Relayed(delivered=False)
        return Relayed(delivered=True)

    async def _withdraw(self, bot: Bot, user_id: int, effect: WithdrawReferral) -> Event:
        referral = await self.store.get(effect.number)
        if referral is None or referral.user_id != user_id:  # gone already (or never theirs): nothing to close
            return ReferralWithdrawn(effect.number)
        closed = await self.store.close(effect.number, self.operators_text(N_("the person")), self.clock())
        if closed is not None:
            await self.after_closing(bot, closed, N_("The person withdrew this request."))
        return ReferralWithdrawn(effect.number)

    # --- shared with the operators' side --------------------------------------------------------------

    def pseudonym_of(self, referral: Referral) -> str:
        return pseudonym(referral.user_id, self.pseudonym_key)

    def operators_text(self, message: str) -> str:
        return translator(self.operators_lang).gettext(message)

    def summary_of(self, referral: Referral, *, forum: bool | None = None) -> str:
        forum = referral.topic_id is not None if forum is None else forum
        return summary.summary(referral, self.pseudonym_of(referral), self.content, self.operators_lang, forum=forum)

    async def post_in_thread(self, bot: Bot, referral: Referral, html: str) -> int:
        """Post in the referral's topic, or as a reply to its summary; the new message's id."""
        chat_id = referral.chat_id or self.chat_id
        reply_to = None
        if referral.topic_id is None and referral.message_id is not None:
            reply_to = ReplyParameters(referral.message_id, allow_sending_without_reply=True)
        message = await bot.send_message(
            chat_id,
            html,
            parse_mode=ParseMode.HTML,
            message_thread_id=referral.topic_id,
            reply_parameters=reply_to,
            link_preview_options=NO_PREVIEW,
        )
        return message.message_id

    async def note(self, bot: Bot, referral: Referral, message: str, **values: object) -> None:
        """A short line in the referral's thread for the operators; failures are only logged."""
        try:
            sent = await self.post_in_thread(bot, referral, summary.note(self.operators_lang, message, **values))
            await self.store.remember_message(referral.number, referral.chat_id or self.chat_id, sent)
        except TelegramError as error:
            log.warning("helpline note not posted: %s", type(error).__name__)

    async def refresh_summary(self, bot: Bot, referral: Referral) -> None:
        if referral.message_id is None:
            return
        try:
            await bot.edit_message_text(
                self.summary_of(referral),
                chat_id=referral.chat_id or self.chat_id,
                message_id=referral.message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=operator_buttons(referral, self.operators_lang),
                link_preview_options=NO_PREVIEW,
            )
        except TelegramError as error:
            log.warning("referral summary not updated: %s", type(error).__name__)

    async def after_closing(self, bot: Bot, referral: Referral, message: str, **values: object) -> None:
        """Show it closed in the group (summary, note, topic closed)."""
        await self.refresh_summary(bot, referral)
        await self.note(bot, referral, message, **values)
        if referral.topic_id is not None:
            try:
                await bot.close_forum_topic(referral.chat_id or self.chat_id, referral.topic_id)
            except TelegramError as error:
                log.warning("referral topic not closed: %s", type(error).__name__)

    async def send_to_person(self, bot: Bot, user_id: int, replies: list[Reply]) -> None:
        sent: list[Message] = []
        try:
            await send_replies(bot, user_id, replies, sent)
        finally:
            await self.note_delivered(user_id, sent)

    async def note_delivered(self, user_id: int, messages: Sequence[Message]) -> None:
        if self.delivered is not None and messages:
            await self.delivered(user_id, messages)

    async def tell_person(self, bot: Bot, referral: Referral, reply: Reply) -> bool:
        try:
            await self.send_to_person(bot, referral.user_id, [reply])
        except TelegramError as error:
            log.info("person not reached: %s", type(error).__name__)
            return False
        return True

    # --- operators' updates, retention, forgetting ---------------------------------------------------

    def is_operators_update(self, update: Update) -> bool:
        chat = update.effective_chat
        return chat is not None and chat.id == self.chat_id

    async def sweep(self, bot: Bot) -> int:
        """Delete closed referrals past their retention, here and in the group; call it periodically."""
        removed = await self.store.sweep(self.clock())
        for gone in removed:
            await self._delete_from_group(bot, gone)
        return len(removed)

    async def forget(self, bot: Bot, user_id: int) -> int:
        """Delete every referral of this person (for /forget), here and in the group; how many there were."""
        removed = await self.store.forget(user_id)
        for gone in removed:
            await self._delete_from_group(bot, gone)
            if gone.referral.status != "closed":
                try:  # operators must know why the person's thread vanished
                    text = summary.note(
                        self.operators_lang,
                        N_("Referral {number} was deleted at the person's request."),
                        number=gone.referral.number,
                    )
                    await bot.send_message(gone.referral.chat_id or self.chat_id, text, parse_mode=ParseMode.HTML)
                except TelegramError as error:
                    log.warning("helpline note not posted: %s", type(error).__name__)
        return len(removed)

    def eraser(self, bot: Bot) -> Callable[[int], Awaitable[None]]:
        """`forget` for a person, as the session's list of erasers (`Sessions.also_forget`) wants it."""

        async def erase(user_id: int) -> None:
            await self.forget(bot, user_id)

        return erase

    async def _delete_from_group(self, bot: Bot, gone: Removed) -> None:
        chat_id = gone.referral.chat_id or self.chat_id
        try:
            if gone.referral.topic_id is not None:
                await bot.delete_forum_topic(chat_id, gone.referral.topic_id)
            ids = list(gone.message_ids)
            for start in range(0, len(ids), 100):
                await bot.delete_messages(chat_id, ids[start : start + 100])
        except TelegramError as error:  # e.g. the bot lacks the right to delete: the records are gone anyway
            log.warning("referral messages not deleted: %s", type(error).__name__)


def operator_buttons(referral: Referral, lang: Language) -> InlineKeyboardMarkup | None:
    _ = translator(lang).gettext
    close = InlineKeyboardButton(_("✅ Close"), callback_data=f"{summary.CLOSE}:{referral.number}")
    claim = InlineKeyboardButton(_("✋ Claim"), callback_data=f"{summary.CLAIM}:{referral.number}")
    if referral.status == "open":
        return InlineKeyboardMarkup([[claim, close]])
    if referral.status == "claimed":
        return InlineKeyboardMarkup([[close]])
    return None


def _telegram_name(user: User) -> str:
    return f"{user.full_name} (@{user.username})" if user.username else user.full_name
