"""Send abstract replies as Telegram messages: HTML, split under 4,096, keyboard on the last part."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode

from bot.conversation import Reply
from bot.domain import Language
from bot.rendering import to_telegram_html

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@lru_cache(maxsize=256)
def _vetted_html(markdown: str, lang: Language | None) -> tuple[str, ...]:
    """Guidance texts are long and the same for everyone: rendered once, not on every view. Only replies
    carrying vetted texts come here, so nothing a person typed or shared is kept in this cache."""
    return tuple(to_telegram_html(markdown, lang))


def keyboard(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    if reply.request_contact:  # a keyboard under the input field; its other buttons send their labels
        rows = [[KeyboardButton(reply.request_contact, request_contact=True)]]
        rows += [[KeyboardButton(b.label) for b in row] for row in reply.buttons]
        return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    if reply.clear_keyboard and not reply.buttons:
        return ReplyKeyboardRemove()
    if not reply.buttons:
        return None
    rows = [[InlineKeyboardButton(b.label, callback_data=b.action) for b in row] for row in reply.buttons]
    return InlineKeyboardMarkup(rows)


class CardSender(Protocol):
    async def send(self, bot: Bot, chat_id: int, reply: Reply, markup: object) -> Message: ...


async def send_replies(
    bot: Bot, chat_id: int, replies: list[Reply], sent: list[Message] | None = None, cards: CardSender | None = None
) -> list[Message]:
    """Send the replies in order; the messages sent (for "Clear this chat" and "did this come from us?").

    `sent`, when given, collects them as they go, so the caller knows them even when a later one fails.
    `cards` sends a reply's summary card (card_post.py); without it the reply goes as text."""
    sent = [] if sent is None else sent
    for reply in replies:
        if not reply.text:  # a reply that only carries effects
            continue
        if reply.card is not None and cards is not None:
            sent.append(await cards.send(bot, chat_id, reply, keyboard(reply)))
            continue
        parts = _vetted_html(reply.text, reply.lang) if reply.shown else to_telegram_html(reply.text, reply.lang)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            message = await bot.send_message(
                chat_id,
                part,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply) if last else None,
                link_preview_options=NO_PREVIEW,
            )
            sent.append(message)
    return sent
