"""The person's language from the update alone, for when their saved choice cannot be read.

A pressed button arrives with the bot message it sits under, written in the language they chose:
that is the best witness. Typed text is in their language more often than not. Telegram's
language_code (the phone's setting) comes last. Nothing here is stored or logged.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import Update

from bot.conversation import Event, Pressed, Text
from bot.domain import Language
from bot.langid import detect


def with_language_guess(event: Event, update: Update) -> Event:
    written = _written_language(event, update)
    return replace(event, hint=written) if written is not None else event


def _written_language(event: Event, update: Update) -> str | None:
    if isinstance(event, Pressed) and event.action.startswith("lang:"):
        return None  # the button itself names the language
    if isinstance(event, Pressed):
        text = _bot_message_text(update)
    elif isinstance(event, Text):
        text = event.text
    else:
        return None
    found = detect(text) if text else None
    return found if found in Language._value2member_map_ else None


def _bot_message_text(update: Update) -> str:
    query = update.callback_query
    message = query.message if query is not None else None
    if message is None or not hasattr(message, "text"):  # an inaccessible (too old) message has no text
        return ""
    keyboard = message.reply_markup.inline_keyboard if message.reply_markup else ()
    labels = [button.text for row in keyboard for button in row]
    return "\n".join([message.text or message.caption or "", *labels])
