"""Send abstract replies as Telegram messages: HTML, split under 4,096, keyboard on the last part."""

from __future__ import annotations

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode

from bot.conversation import Reply
from bot.rendering import to_telegram_html

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    rows = [[InlineKeyboardButton(b.label, callback_data=b.action) for b in row] for row in reply.buttons]
    return InlineKeyboardMarkup(rows)


async def send_replies(bot: Bot, chat_id: int, replies: list[Reply]) -> None:
    for reply in replies:
        parts = to_telegram_html(reply.text, reply.lang)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await bot.send_message(
                chat_id,
                part,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply) if last else None,
                link_preview_options=NO_PREVIEW,
            )
