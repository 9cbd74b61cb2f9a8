"""What the simulated Telegram knows: the bot, users, chats, messages, files and bot settings."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request, forbidden


class Signal:
    """Wakes every waiter whenever something changes; waiters re-check their own condition (no polling)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._event.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True


@dataclass
class User:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if (value := getattr(self, key)) is not None:
                d[key] = value
        return d


@dataclass
class Chat:
    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    username: str | None = None
    is_forum: bool = False
    user: User | None = None  # the other party of a private chat
    members: dict[int, str] = field(default_factory=dict)  # user id -> ChatMember status
    bot_status: str = "member"  # the bot's own status in a group/channel
    blocked: bool = False  # private chat whose user blocked the bot
    topics: dict[int, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if self.user is not None:
            u = self.user.to_dict()
            d = {"id": self.id, "type": "private", "first_name": u["first_name"]}
            d.update({k: u[k] for k in ("last_name", "username") if k in u})
            return d
        d = {"id": self.id, "type": self.type, "title": self.title}
        if self.username:
            d["username"] = self.username
        if self.is_forum:
            d["is_forum"] = True
        return d


def bot_id_from_token(token: str) -> int:
    digits = token.split(":", 1)[0]
    if not digits.isdigit():
        raise ValueError(f"a bot token starts with the bot's numeric id, got {token!r}")
    return int(digits)


@dataclass
class State:
    bot: User
    users: dict[int, User] = field(default_factory=dict)
    chats: dict[int, Chat] = field(default_factory=dict)
    messages: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)  # chat -> id -> Message
    next_message_id: dict[int, int] = field(default_factory=dict)
    # Every message the bot sent, per chat, in order; the live dicts, so edits show; kept after deletion.
    sent_by_bot: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # file_id -> (file_path, data)
    photo_sizes: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # photo file_id -> sizes kept
    callback_queries: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {"answered": ...}
    commands: dict[tuple[tuple, str], list[dict]] = field(default_factory=dict)  # (scope, lang) -> list
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, lang) -> description/name
    webhook: dict[str, Any] = field(default_factory=dict)
    bot_info: dict[str, Any] = field(default_factory=dict)  # extra getMe fields
    changed: Signal = field(default_factory=Signal)

    # --- chats -----------------------------------------------------------------------------------
    def find_chat(self, chat_id: int | str) -> Chat:
        if isinstance(chat_id, int) and chat_id in self.chats:
            return self.chats[chat_id]
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == chat_id[1:].lower():
                    return chat
        raise bad_request("chat not found", f"chat_id {chat_id!r} is not a chat the fake knows", "state")

    def chat_for_sending(self, chat_id: int | str) -> Chat:
        """The chat, if the bot may post there; otherwise Telegram's 403/400."""
        chat = self.find_chat(chat_id)
        if chat.type == "private" and chat.blocked:
            raise forbidden("bot was blocked by the user", f"user {chat.id} blocked the bot")
        if chat.type in ("group", "supergroup") and chat.bot_status in ("left", "kicked"):
            verb = "was kicked from" if chat.bot_status == "kicked" else "is not a member of"
            raise forbidden(f"bot {verb} the {chat.type} chat", f"bot status in {chat.id} is {chat.bot_status}")
        if chat.type == "channel" and chat.bot_status not in ("administrator", "creator"):
            raise bad_request("need administrator rights in the channel chat", kind="state")
        return chat

    # --- messages --------------------------------------------------------------------------------
    def add_message(self, chat: Chat, sender: User | None, content: dict[str, Any]) -> dict[str, Any]:
        mid = self.next_message_id.get(chat.id, 1)
        self.next_message_id[chat.id] = mid + 1
        msg: dict[str, Any] = {"message_id": mid, "date": int(time.time()), "chat": chat.to_dict()}
        if chat.type == "channel":
            msg["sender_chat"] = chat.to_dict()
        elif sender is not None:
            msg["from"] = sender.to_dict()
        msg.update(content)
        self.messages.setdefault(chat.id, {})[mid] = msg
        if sender is self.bot:
            self.sent_by_bot.setdefault(chat.id, []).append(msg)
        self.changed.notify()
        return msg

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        return self.messages.get(chat_id, {}).get(message_id)

    def bot_messages(self, chat_id: int, include_deleted: bool = False) -> list[dict[str, Any]]:
        """Messages the bot sent to a chat, oldest first; deleted ones only if asked for."""
        sent = self.sent_by_bot.get(chat_id, [])
        return sent if include_deleted else [m for m in sent if self.message(chat_id, m["message_id"]) is m]

    def is_from_bot(self, msg: dict[str, Any]) -> bool:
        return any(m is msg for m in self.sent_by_bot.get(msg["chat"]["id"], []))

    def user_dict(self, user_id: int) -> dict[str, Any]:
        if user_id in self.users:
            return self.users[user_id].to_dict()
        return {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
