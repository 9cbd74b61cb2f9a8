"""Turn a Telegram update into a conversation event, or None for updates we do not answer.

Group chats and channels get no guidance (a question there is seen by everyone): when someone
addresses the bot there, the event says so and the bot points to the private chat.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Chat, Message, MessageOriginUser, Update

from bot.conversation import Command, Edited, Event, Media, NotPrivate, Pressed, Started, Text
from bot.conversation.events import Forwarded, SharedContact

_MEDIA_KINDS = (
    "sticker",
    "photo",
    "voice",
    "video",
    "video_note",
    "audio",
    "animation",
    "document",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
)


@dataclass(frozen=True)
class Incoming:
    chat_id: int
    user_id: int
    event: Event
    callback_query_id: str | None = None
    # The person's own message in the private chat, so "Clear this chat" can delete it later.
    message_id: int | None = None


def incoming_from_update(update: Update, bot_username: str | None) -> Incoming | None:
    if update.callback_query is not None:
        return _from_callback(update)
    if update.edited_message is not None and update.edited_message.from_user:
        message = update.edited_message
        if message.chat.type != Chat.PRIVATE:
            return None
        return Incoming(message.chat.id, message.from_user.id, Edited(hint=message.from_user.language_code))
    if update.message is not None:
        return _from_message(update.message, bot_username)
    if update.channel_post is not None:
        post = update.channel_post
        if _addressed_to_bot(post, bot_username):
            return Incoming(post.chat.id, post.chat.id, NotPrivate(chat_kind="channel"))
    return None


def _from_callback(update: Update) -> Incoming | None:
    query = update.callback_query
    assert query is not None
    user = query.from_user
    message = query.message
    chat = message.chat if message is not None else None
    hint = user.language_code
    if chat is not None and chat.type != Chat.PRIVATE:
        return Incoming(chat.id, user.id, NotPrivate(chat_kind=chat.type, hint=hint), query.id)
    return Incoming(user.id, user.id, Pressed(action=query.data or "", hint=hint), query.id)


def _from_message(message: Message, bot_username: str | None) -> Incoming | None:
    user = message.from_user
    if user is None:
        return None
    hint = user.language_code
    if message.chat.type != Chat.PRIVATE:
        if _addressed_to_bot(message, bot_username):
            return Incoming(message.chat.id, user.id, NotPrivate(chat_kind=message.chat.type, hint=hint))
        return None
    return Incoming(
        message.chat.id, user.id, _private_event(message, bot_username, hint), message_id=message.message_id
    )


def _private_event(message: Message, bot_username: str | None, hint: str | None) -> Event:
    if message.forward_origin is not None:  # "did this come from you?"
        return Forwarded(
            text=message.text or message.caption or "", from_bot=_from_us(message, bot_username), hint=hint
        )
    if message.text is not None:
        return _text_event(message.text, hint)
    if message.contact is not None:  # e.g. from the "share my phone number" button
        return SharedContact(phone=message.contact.phone_number, hint=hint)
    kind = next((k for k in _MEDIA_KINDS if getattr(message, k, None)), "other")
    return Media(kind=kind, caption=message.caption or "", hint=hint)


def _from_us(message: Message, bot_username: str | None) -> bool:
    """Forwarded from this bot's own account (not a look-alike with another @handle)."""
    origin = message.forward_origin
    if not isinstance(origin, MessageOriginUser) or not bot_username:
        return False
    sender = origin.sender_user
    return sender.is_bot and (sender.username or "").lower() == bot_username.lstrip("@").lower()


def _text_event(text: str, hint: str | None) -> Event:
    if text.startswith("/"):
        head, _, args = text[1:].partition(" ")
        name = head.partition("@")[0].lower()
        if name == "start":
            return Started(payload=args.strip(), hint=hint)
        if name:
            return Command(name=name, args=args.strip(), hint=hint)
    return Text(text=text, hint=hint)


def _addressed_to_bot(message: Message, bot_username: str | None) -> bool:
    text = message.text or message.caption or ""
    if text.startswith("/"):
        return True
    if bot_username and f"@{bot_username}".lower() in text.lower():
        return True
    reply = message.reply_to_message
    return bool(reply and reply.from_user and reply.from_user.is_bot and reply.from_user.username == bot_username)
