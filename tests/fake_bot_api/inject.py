"""What users, groups and channels do: the updates a test injects for the bot to receive.

Every coroutine here queues one Update and returns that Update dict (a snapshot), so tests can refer to
its ids. Setup helpers (user, group, channel) are plain functions: they change no update stream.
"""

from __future__ import annotations

import copy
import itertools
import re
import time
from collections.abc import Iterable
from typing import Any

from .formatting import utf16_len
from .state import Chat, State, User
from .updates import UpdateQueue

_COMMAND = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")

UserRef = User | int
MessageRef = dict[str, Any] | int | Any  # Any: a PTB Message (anything with to_dict())


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entities Telegram's clients attach (PTB's CommandHandler needs the one at 0)."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _COMMAND.finditer(text)
    ]


def _as_dict(message: MessageRef) -> dict[str, Any] | int:
    return message.to_dict() if hasattr(message, "to_dict") else message


class Injection:
    """Mixed into FakeBotAPI, which provides `state` and `updates`."""

    state: State
    updates: UpdateQueue
    _ids = itertools.count(1)  # callback query and file ids; shared by all fakes, unique is all that matters

    # --- setup -----------------------------------------------------------------------------------
    def user(
        self,
        id: int,
        first_name: str = "Test",
        language_code: str | None = "fa",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> User:
        """A user with a private chat with the bot (as after they pressed Start)."""
        user = User(id, first_name, last_name, username, language_code)
        self.state.users[id] = user
        self.state.chats[id] = Chat(id=id, type="private", user=user, members={id: "member"})
        return user

    def group(
        self,
        id: int,
        title: str,
        forum: bool = False,
        members: Iterable[UserRef] = (),
        *,
        type: str = "supergroup",
        username: str | None = None,
        bot_status: str = "administrator",
    ) -> Chat:
        """A group the bot is in; `members` (users or ids) are its member users."""
        assert id < 0, "group and channel ids are negative in the Bot API"
        assert not forum or type == "supergroup", "only supergroups can be forums"
        statuses = {self._user(m).id: "member" for m in members}
        chat = Chat(id, type, title, username, forum, members=statuses, bot_status=bot_status)
        self.state.chats[id] = chat
        return chat

    def channel(self, id: int, title: str, *, username: str | None = None, bot_status: str = "administrator") -> Chat:
        assert id < 0, "group and channel ids are negative in the Bot API"
        chat = Chat(id, "channel", title, username, bot_status=bot_status)
        self.state.chats[id] = chat
        return chat

    def set_member(self, chat: Chat | int, user: UserRef, status: str) -> None:
        """Change a user's status in a group: member, administrator, creator, restricted, left, kicked."""
        self._chat(chat).members[self._user(user).id] = status

    # --- private chat ----------------------------------------------------------------------------
    async def send_text(self, user: UserRef, text: str) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        return self._from_user(user, content)

    async def send_command(self, user: UserRef, command: str, *args: str) -> dict[str, Any]:
        assert command.startswith("/"), f"a command starts with '/': {command!r}"
        return await self.send_text(user, " ".join((command, *args)))

    async def send_sticker(self, user: UserRef, emoji: str = "👍") -> dict[str, Any]:
        sticker = {**self._file("sticker", b"RIFF-webp"), "type": "regular", "width": 512, "height": 512}
        sticker.update(is_animated=False, is_video=False, emoji=emoji)
        return self._from_user(user, {"sticker": sticker})

    async def send_photo(self, user: UserRef, caption: str | None = None) -> dict[str, Any]:
        sizes = self._photo_sizes()
        return self._from_user(user, {"photo": sizes} | ({"caption": caption} if caption else {}))

    def _photo_sizes(self) -> list[dict[str, Any]]:
        sizes = [{**self._file("photo", b"\xff\xd8small"), "width": 90, "height": 60}]
        sizes.append({**self._file("photo", b"\xff\xd8large"), "width": 1280, "height": 853})
        return sizes

    async def send_voice(self, user: UserRef, duration: int = 3, caption: str | None = None) -> dict[str, Any]:
        voice = {**self._file("voice", b"OggS"), "duration": duration, "mime_type": "audio/ogg"}
        return self._from_user(user, {"voice": voice} | ({"caption": caption} if caption else {}))

    async def send_location(self, user: UserRef, latitude: float = 33.6844, longitude: float = 73.0479) -> dict:
        return self._from_user(user, {"location": {"latitude": latitude, "longitude": longitude}})

    async def send_document(
        self,
        user: UserRef,
        file_name: str = "document.pdf",
        data: bytes = b"%PDF-1.4 fake",
        mime_type: str = "application/pdf",
        caption: str | None = None,
    ) -> dict[str, Any]:
        document = {**self._file("document", data, file_name), "file_name": file_name, "mime_type": mime_type}
        return self._from_user(user, {"document": document} | ({"caption": caption} if caption else {}))

    async def send_contact(self, user: UserRef, phone_number: str, *, own: bool = True) -> dict[str, Any]:
        """The user sends a phone number: their own (a `request_contact` keyboard button) or a contact card."""
        u = self._user(user)
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": u.first_name}
        if own:
            contact["user_id"] = u.id
        return self._from_user(u, {"contact": contact})

    async def forward_to_bot(
        self,
        user: UserRef,
        text: str | None = None,
        *,
        from_chat: Chat | int | None = None,
        message: MessageRef | None = None,
        origin_user: User | None = None,
    ) -> dict[str, Any]:
        """The user forwards a message into their chat with the bot.

        `message` (of `from_chat`, default the user's chat with the bot): forward that stored message, its
        text and its origin as Telegram gives them (the bot's own message: origin user = the bot). Otherwise
        a message with `text` (None: a photo without caption) forwarded from `origin_user`, or from a channel
        when `from_chat` is a channel."""
        u = self._user(user)
        now = int(time.time())
        if message is not None:
            chat = self._chat(from_chat) if from_chat is not None else self.state.chats[u.id]
            source = self._stored(chat, message)
            kept = ("text", "entities", "photo", "caption")
            content: dict[str, Any] = {k: copy.deepcopy(source[k]) for k in kept if k in source}
            sender = source.get("from")
            origin: dict[str, Any] = (
                {"type": "user", "sender_user": sender}
                if sender
                else {"type": "channel", "chat": source["chat"], "message_id": source["message_id"]}
            )
            origin["date"] = source["date"]
        else:
            content = {"text": text} if text is not None else {"photo": self._photo_sizes()}
            if from_chat is not None:
                channel = self._chat(from_chat)
                origin = {"type": "channel", "chat": channel.to_dict(), "message_id": 1, "date": now}
            else:
                sender = (origin_user or User(777000001, "Someone")).to_dict()
                origin = {"type": "user", "sender_user": sender, "date": now}
        return self._from_user(u, content | {"forward_origin": origin})

    async def edit_text(self, user: UserRef, message: MessageRef, new_text: str) -> dict[str, Any]:
        """The user edits one of their own messages (an `edited_message` update)."""
        u = self._user(user)
        stored = self._stored(self.state.chats[u.id], message)
        assert stored.get("from", {}).get("id") == u.id, "users can only edit their own messages"
        stored["text"], stored["edit_date"] = new_text, int(time.time())
        stored.pop("entities", None)
        if entities := command_entities(new_text):
            stored["entities"] = entities
        return self._push({"edited_message": stored})

    async def press_button(
        self, user: UserRef, message: MessageRef, callback_data: str, *, stale: bool = False
    ) -> dict[str, Any]:
        """The user presses an inline button of a bot message; the button must exist on it now.

        `stale=True` presses a button the message no longer offers, as when the keyboard came from an
        older version of the bot: Telegram still delivers its callback_data.
        """
        u = self._user(user)
        message = _as_dict(message)
        chat = self._chat(message["chat"]["id"]) if isinstance(message, dict) else self.state.chats[u.id]
        stored = self._stored(chat, message)
        offered = [
            b.get("callback_data")
            for row in stored.get("reply_markup", {}).get("inline_keyboard", [])
            for b in row
            if "callback_data" in b
        ]
        assert stale or callback_data in offered, (
            f"message {stored['message_id']} has no button {callback_data!r}; it has {offered}"
        )
        query_id = str(10**15 + next(self._ids))
        self.state.callback_queries[query_id] = {"answered": None, "data": callback_data}
        query = {
            "id": query_id,
            "from": u.to_dict(),
            "message": stored,
            "chat_instance": str(-chat.id * 7919),
        }
        return self._push({"callback_query": {**query, "data": callback_data}})

    async def block(self, user: UserRef) -> dict[str, Any]:
        """The user blocks the bot: later sends get 403; the bot gets a my_chat_member update."""
        return self._membership(self._user(user), blocked=True)

    async def unblock(self, user: UserRef) -> dict[str, Any]:
        return self._membership(self._user(user), blocked=False)

    # --- groups and channels ---------------------------------------------------------------------
    async def send_group_text(
        self,
        group: Chat | int,
        user: UserRef,
        text: str,
        reply_to: MessageRef | None = None,
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        chat, u = self._chat(group), self._user(user)
        assert chat.members.get(u.id) in ("member", "administrator", "creator", "restricted"), (
            f"user {u.id} is not a member of {chat.id}"
        )
        content: dict[str, Any] = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        if reply_to is not None:
            content["reply_to_message"] = copy.deepcopy(self._stored(chat, reply_to))
        if message_thread_id is not None:
            assert message_thread_id in chat.topics, f"no topic {message_thread_id} in {chat.id}"
            content.update(message_thread_id=message_thread_id, is_topic_message=True)
        return self._push({"message": self.state.add_message(chat, u, content)})

    async def channel_post(self, channel: Chat | int, text: str) -> dict[str, Any]:
        return self._push({"channel_post": self.state.add_message(self._chat(channel), None, {"text": text})})

    async def raw_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue anything, even malformed (an update_id is added if missing)."""
        return self._push(update)

    # --- helpers ---------------------------------------------------------------------------------
    def _user(self, user: UserRef) -> User:
        uid = user.id if isinstance(user, User) else user
        assert uid in self.state.users, f"unknown user {uid}: create it with fake.user(...) first"
        return self.state.users[uid]

    def _chat(self, chat: Chat | int) -> Chat:
        cid = chat.id if isinstance(chat, Chat) else chat
        assert cid in self.state.chats, f"unknown chat {cid}"
        return self.state.chats[cid]

    def _stored(self, chat: Chat, message: MessageRef) -> dict[str, Any]:
        message = _as_dict(message)
        mid = message["message_id"] if isinstance(message, dict) else message
        stored = self.state.message(chat.id, mid)
        assert stored is not None, f"message {mid} does not exist (any more) in chat {chat.id}"
        return stored

    def _file(self, kind: str, data: bytes, name: str | None = None) -> dict[str, Any]:
        n = next(self._ids)
        file_id = f"fake-{kind}-{n}"
        self.state.files[file_id] = (f"{kind}s/{name or f'file_{n}'}", data)
        return {"file_id": file_id, "file_unique_id": f"u{kind}{n}", "file_size": len(data)}

    def _from_user(self, user: UserRef, content: dict[str, Any]) -> dict[str, Any]:
        u = self._user(user)
        return self._push({"message": self.state.add_message(self.state.chats[u.id], u, content)})

    def _membership(self, u: User, blocked: bool) -> dict[str, Any]:
        chat = self.state.chats[u.id]
        chat.blocked = blocked
        bot = self.state.bot.to_dict()
        member, kicked = {"status": "member", "user": bot}, {"status": "kicked", "user": bot, "until_date": 0}
        old, new = (member, kicked) if blocked else (kicked, member)
        change = {"chat": chat.to_dict(), "from": u.to_dict(), "date": int(time.time())}
        return self._push({"my_chat_member": {**change, "old_chat_member": old, "new_chat_member": new}})

    def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        # A snapshot: later edits of the stored message must not change an update already sent.
        return copy.deepcopy(self.updates.push(copy.deepcopy(update)))
