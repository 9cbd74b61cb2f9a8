"""Sending summary cards: built once per version of what is on them, then reused through Telegram's file_id.

The card (bot/cards) is a pure reader of the pack; here it is printed, uploaded once, and its file_id is
kept in Redis under the card's fingerprint (`card:<hash of the card's page>-<format>`, no
person in the key, expiring after `FILE_ID_DAYS`). When a text, a date, the pack's age or the review
state changes, the fingerprint changes and the next request prints the new card. A file_id Telegram no
longer knows is dropped and the card uploaded again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from redis.asyncio import Redis
from redis.exceptions import RedisError
from telegram import Bot, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.cards.browser import CardPrinter, CardsUnavailable
from bot.cards.build import fingerprint, render
from bot.cards.summary import CardOptions, CardSummary, summarise
from bot.content import ContentPack
from bot.conversation import Reply
from bot.conversation.context import Deployment
from bot.domain import Language
from bot.i18n.catalog import translator
from bot.i18n.dates import today_in_pakistan
from bot.rendering import to_telegram_html

log = logging.getLogger(__name__)

FILE_ID_DAYS = 30
CAPTION_LIMIT = 1024


class CardPost:
    def __init__(
        self,
        redis: Redis,
        prefix: str,
        content: Callable[[], ContentPack],
        deployment: Callable[[], Deployment],
        clock: Callable[[], datetime],
    ) -> None:
        self.redis, self.prefix = redis, prefix
        self.content, self.deployment, self.clock = content, deployment, clock
        self._printer: CardPrinter | None = None
        self._starting = asyncio.Lock()
        self._printing: dict[str, asyncio.Lock] = {}  # card key -> the print under way

    async def send(self, bot: Bot, chat_id: int, reply: Reply, markup: object) -> Message:
        """The card with the reply's text as caption and its buttons; if no card can be printed here, the
        text with a line saying so (the person is never left without an answer)."""
        assert reply.card is not None
        lang = reply.lang or Language.ENGLISH
        summary = self.summary(reply, lang, bot.username)
        caption = to_telegram_html(reply.text, lang, limit=CAPTION_LIMIT)[0]
        key = f"{self.prefix}card:{fingerprint(summary, 'pdf' if reply.card.pdf else 'png')}"
        # Many people asking for a new card at once (after a broadcast) wait for one print, then share its file_id.
        lock = self._printing.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                return await self._send_card(bot, chat_id, reply, summary, key, caption, markup)
        finally:
            if not lock.locked():
                self._printing.pop(key, None)

    async def _send_card(
        self, bot: Bot, chat_id: int, reply: Reply, summary: CardSummary, key: str, caption: str, markup: object
    ) -> Message:
        assert reply.card is not None
        lang = summary.lang
        file_id = await self._known(key)
        if file_id:
            try:
                return await self._send_file(bot, chat_id, reply.card.pdf, file_id, caption, markup)
            except BadRequest:  # Telegram forgot it (or another bot's id): upload again
                await self._forget(key)
        try:
            card = await render(await self._started(), summary, "pdf" if reply.card.pdf else "png")
        except CardsUnavailable as error:
            log.error("summary card not printed: %s", error)
            return await self._sorry(bot, chat_id, lang, caption, markup)
        except Exception as error:  # the browser died or hung: start a new one for the next card
            log.error("summary card not printed: %s", type(error).__name__)
            await self.close()
            return await self._sorry(bot, chat_id, lang, caption, markup)
        upload = InputFile(card.data, filename=card.name)
        message = await self._send_file(bot, chat_id, reply.card.pdf, upload, caption, markup)
        sent_id = message.document.file_id if reply.card.pdf and message.document else None
        if not reply.card.pdf and message.photo:
            sent_id = message.photo[-1].file_id
        if sent_id:
            await self._keep(key, sent_id)
        return message

    def summary(self, reply: Reply, lang: Language, username: str | None) -> CardSummary:
        assert reply.card is not None
        deployment = self.deployment()
        options = CardOptions(
            bot_username=deployment.bot_handle or username or "",
            strict=deployment.strict,
            discreet=reply.card.discreet,
        )
        return summarise(self.content(), reply.card.category, lang, today_in_pakistan(self.clock()), options)

    @staticmethod
    async def _sorry(bot: Bot, chat_id: int, lang: Language, caption: str, markup: object) -> Message:
        sorry = translator(lang).gettext("The summary card cannot be made right now. Please try again later.")
        text = f"{caption}\n\n{sorry}"
        return await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)  # type: ignore[arg-type]

    async def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                await printer.close()
            except Exception as error:  # a browser that already died cannot be closed cleanly
                log.warning("card printer not closed cleanly: %s", type(error).__name__)

    async def _started(self) -> CardPrinter:
        async with self._starting:  # one browser for the process, started on the first card asked for
            if self._printer is None:
                self._printer = await CardPrinter().start()
            return self._printer

    @staticmethod
    async def _send_file(
        bot: Bot, chat_id: int, pdf: bool, file: InputFile | str, caption: str, markup: object
    ) -> Message:
        if pdf:
            return await bot.send_document(
                chat_id,
                file,
                caption=caption,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,  # type: ignore[arg-type]
            )
        return await bot.send_photo(
            chat_id,
            file,
            caption=caption,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,  # type: ignore[arg-type]
        )

    async def _known(self, key: str) -> str | None:
        try:
            value = await self.redis.get(key)
        except (RedisError, OSError):  # no cache: print and upload, the person still gets the card
            return None
        return value.decode() if isinstance(value, bytes) else value

    async def _keep(self, key: str, file_id: str) -> None:
        try:
            await self.redis.set(key, file_id, ex=FILE_ID_DAYS * 86400)
        except (RedisError, OSError) as error:
            log.warning("card file_id not kept: %s", type(error).__name__)

    async def _forget(self, key: str) -> None:
        try:
            await self.redis.delete(key)
        except (RedisError, OSError) as error:
            log.warning("stale card file_id not dropped: %s", type(error).__name__)
