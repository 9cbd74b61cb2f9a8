"""Messages the bot sends, edits and deletes, and answers to callback queries."""

from __future__ import annotations

import copy
import time
from typing import Any

from .errors import bad_request
from .formatting import format_text
from .registry import Api, handles
from .state import Chat

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


def formatted(api: Api, p: dict[str, Any], key: str, entities_key: str) -> dict[str, Any]:
    """{key: plain text, entities_key: entities} as Telegram stores them (validation already parsed once)."""
    mode_key = f"{key}_parse_mode" if key == "quote" else "parse_mode"
    text, entities = format_text(p[key], p.get(mode_key), p.get(entities_key))
    for e in entities:
        if e["type"] == "text_mention":
            e["user"] = api.state.user_dict(e["user"]["id"])
    return {key: text} | ({entities_key: entities} if entities else {})


def delivery(api: Api, chat: Chat, p: dict[str, Any]) -> dict[str, Any]:
    """The parts of a sent message that do not depend on its kind: thread, reply, inline keyboard."""
    content: dict[str, Any] = {}
    if (thread := p.get("message_thread_id")) is not None:
        if thread not in chat.topics:
            raise bad_request("message thread not found", f"chat {chat.id} has no topic {thread}", "state")
        content.update(message_thread_id=thread, is_topic_message=True)
    if reply := p.get("reply_parameters"):
        target = api.state.find_chat(reply.get("chat_id", chat.id))
        replied = api.state.message(target.id, reply["message_id"])
        if replied is None and not reply.get("allow_sending_without_reply"):
            raise bad_request(
                "message to be replied not found", f"no message {reply['message_id']} in {target.id}", "state"
            )
        if replied is not None:
            content["reply_to_message"] = {k: v for k, v in copy.deepcopy(replied).items() if k != "reply_to_message"}
    markup = p.get("reply_markup")
    if markup and "inline_keyboard" in markup:  # Telegram echoes only inline keyboards in the Message
        content["reply_markup"] = markup
    if p.get("protect_content"):
        content["has_protected_content"] = True
    return content


def send(api: Api, p: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
    chat = api.state.chat_for_sending(p["chat_id"])
    return copy.deepcopy(api.state.add_message(chat, api.state.bot, content | delivery(api, chat, p)))


@handles("sendMessage")
async def send_message(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    return send(api, p, formatted(api, p, "text", "entities"))


def edit_target(api: Api, p: dict[str, Any]) -> tuple[Chat, dict[str, Any]] | None:
    """The bot's message an edit refers to, or None for inline messages (not simulated)."""
    if "inline_message_id" in p:
        if "chat_id" in p or "message_id" in p:
            raise bad_request("inline_message_id can't be used together with chat_id and message_id")
        return None
    if "chat_id" not in p:
        raise bad_request("chat_id is empty")
    if "message_id" not in p:
        raise bad_request("message identifier is not specified")
    chat = api.state.chat_for_sending(p["chat_id"])
    stored = api.state.message(chat.id, p["message_id"])
    if stored is None:
        raise bad_request("message to edit not found", f"no message {p['message_id']} in chat {chat.id}", "state")
    if not api.state.is_from_bot(stored):
        raise bad_request("message can't be edited", "bots can only edit their own messages", "state")
    return chat, stored


def apply_edit(api: Api, stored: dict[str, Any], new: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    if all(stored.get(k) == new.get(k) for k in keys):
        raise bad_request(NOT_MODIFIED, kind="state")
    for k in keys:
        if new.get(k) is None:
            stored.pop(k, None)
        else:
            stored[k] = new[k]
    stored["edit_date"] = int(time.time())
    api.state.changed.notify()
    return copy.deepcopy(stored)


@handles("editMessageText")
async def edit_message_text(api: Api, p: dict[str, Any]) -> dict[str, Any] | bool:
    if "text" not in p:
        raise bad_request("message text is empty" if "rich_message" not in p else "rich_message is not simulated")
    if (target := edit_target(api, p)) is None:
        return True
    _, stored = target
    if "text" not in stored:
        raise bad_request("there is no text in the message to edit", kind="state")
    # Leaving out reply_markup removes the inline keyboard, as on Telegram.
    new = formatted(api, p, "text", "entities") | {"reply_markup": p.get("reply_markup")}
    return apply_edit(api, stored, new, ("text", "entities", "reply_markup"))


@handles("editMessageReplyMarkup")
async def edit_message_reply_markup(api: Api, p: dict[str, Any]) -> dict[str, Any] | bool:
    if (target := edit_target(api, p)) is None:
        return True
    return apply_edit(api, target[1], {"reply_markup": p.get("reply_markup")}, ("reply_markup",))


@handles("editMessageCaption")
async def edit_message_caption(api: Api, p: dict[str, Any]) -> dict[str, Any] | bool:
    if (target := edit_target(api, p)) is None:
        return True
    new = (formatted(api, p, "caption", "caption_entities") if "caption" in p else {}) | {
        "reply_markup": p.get("reply_markup")
    }
    return apply_edit(api, target[1], new, ("caption", "caption_entities", "reply_markup"))


DELETABLE_FOR_S = 48 * 3600  # "A message can only be deleted if it was sent less than 48 hours ago."


def _check_deletable(stored: dict[str, Any]) -> None:
    """deleteMessage's time limit (who may delete what in groups is not modelled)."""
    if time.time() - stored["date"] >= DELETABLE_FOR_S:
        why = f"message {stored['message_id']} is 48 hours old or more"
        raise bad_request("message can't be deleted", why, "state")


@handles("deleteMessage")
async def delete_message(api: Api, p: dict[str, Any]) -> bool:
    chat = api.state.find_chat(p["chat_id"])
    stored = api.state.message(chat.id, p["message_id"])
    if stored is None:
        raise bad_request("message to delete not found", f"no message {p['message_id']} in chat {chat.id}", "state")
    _check_deletable(stored)
    api.state.messages[chat.id].pop(p["message_id"])
    api.state.changed.notify()
    return True


@handles("deleteMessages")
async def delete_messages(api: Api, p: dict[str, Any]) -> bool:
    """Missing messages are skipped, as documented; one that exists but may not be deleted (older than
    48 hours) fails the call and nothing is deleted (stricter than documented: a bot must not rely on it)."""
    chat = api.state.find_chat(p["chat_id"])
    found = [m for mid in p["message_ids"] if (m := api.state.message(chat.id, mid)) is not None]
    for stored in found:
        _check_deletable(stored)
    for stored in found:
        api.state.messages[chat.id].pop(stored["message_id"], None)
    api.state.changed.notify()
    return True


def _source(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    source_chat = api.state.find_chat(p["from_chat_id"])
    source = api.state.message(source_chat.id, p["message_id"])
    if source is None:
        raise bad_request("message to copy not found", f"no message {p['message_id']} in {source_chat.id}", "state")
    return source


COPIED = (
    "text",
    "entities",
    "photo",
    "document",
    "audio",
    "video",
    "voice",
    "sticker",
    "animation",
    "location",
)


@handles("copyMessage")
async def copy_message(api: Api, p: dict[str, Any]) -> dict[str, int]:
    source = _source(api, p)
    content = {k: copy.deepcopy(source[k]) for k in COPIED if k in source}
    if "caption" in p:
        content |= formatted(api, p, "caption", "caption_entities")
    elif "caption" in source:
        content |= {k: source[k] for k in ("caption", "caption_entities") if k in source}
    return {"message_id": send(api, p, content)["message_id"]}


@handles("forwardMessage")
async def forward_message(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    source = _source(api, p)
    content = {k: copy.deepcopy(source[k]) for k in (*COPIED, "caption", "caption_entities") if k in source}
    if "from" in source:
        origin = {"type": "user", "sender_user": source["from"]}
    else:
        origin = {"type": "channel", "chat": source["chat"], "message_id": source["message_id"]}
    content["forward_origin"] = origin | {"date": source["date"]}
    return send(api, {k: v for k, v in p.items() if k != "reply_markup"}, content)


@handles("answerCallbackQuery")
async def answer_callback_query(api: Api, p: dict[str, Any]) -> bool:
    query = api.state.callback_queries.get(p["callback_query_id"])
    if query is None or query["answered"] is not None:
        why = "unknown callback_query_id" if query is None else "callback query already answered"
        raise bad_request(QUERY_INVALID, why, "state")
    query["answered"] = {k: v for k, v in p.items() if k != "callback_query_id"}
    api.state.changed.notify()
    return True
