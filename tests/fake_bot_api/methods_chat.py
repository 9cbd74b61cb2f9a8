"""Chats: getChat, getChatMember, sendChatAction, forum topics, getFile."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .registry import Api, handles
from .spec import load_spec

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
DEFAULT_TOPIC_COLOR = 7322096


def _required_defaults(type_name: str) -> dict[str, Any]:
    """Required Boolean fields of a spec type, all false (e.g. AcceptedGiftTypes, administrator rights)."""
    td = load_spec().type(type_name)
    assert td is not None
    return {f.name: False for f in td.fields.values() if f.required and f.types == ("Boolean",)}


@handles("getChat")
async def get_chat(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    chat = api.state.find_chat(p["chat_id"])
    full = chat.to_dict() | {"accent_color_id": 0, "max_reaction_count": 11}
    return full | {"accepted_gift_types": _required_defaults("AcceptedGiftTypes")}


@handles("getChatMember")
async def get_chat_member(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    chat = api.state.find_chat(p["chat_id"])
    user_id = p["user_id"]
    if user_id == api.state.bot.id:
        status = "member" if chat.type == "private" else chat.bot_status
    elif user_id in api.state.users:
        status = chat.members.get(user_id, "left")
    else:
        raise bad_request("user not found", f"user {user_id} is unknown to the fake", "state")
    return member_dict(status, api.state.user_dict(user_id) if user_id != api.state.bot.id else api.state.bot.to_dict())


def member_dict(status: str, user: dict[str, Any]) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member |= _required_defaults("ChatMemberAdministrator") | {"can_manage_chat": True}
    elif status == "restricted":
        member |= _required_defaults("ChatMemberRestricted") | {"is_member": True, "until_date": 0}
    elif status == "kicked":
        member["until_date"] = 0
    return member


@handles("sendChatAction")
async def send_chat_action(api: Api, p: dict[str, Any]) -> bool:
    api.state.chat_for_sending(p["chat_id"])
    if p["action"] not in CHAT_ACTIONS:
        raise bad_request(
            "wrong parameter action in request",
            f"action {p['action']!r} is not one of {sorted(CHAT_ACTIONS)}",
        )
    return True


@handles("createForumTopic")
async def create_forum_topic(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    chat = api.state.chat_for_sending(p["chat_id"])
    if not chat.is_forum:
        raise bad_request("the chat is not a forum", f"chat {chat.id} has forum=False", "state")
    topic = {"name": p["name"], "icon_color": p.get("icon_color", DEFAULT_TOPIC_COLOR)}
    if "icon_custom_emoji_id" in p:
        topic["icon_custom_emoji_id"] = p["icon_custom_emoji_id"]
    service = api.state.add_message(chat, api.state.bot, {"forum_topic_created": dict(topic)})
    thread_id = service["message_id"]
    service.update(message_thread_id=thread_id, is_topic_message=True)
    chat.topics[thread_id] = {"message_thread_id": thread_id, **topic}
    return dict(chat.topics[thread_id])


@handles("getFile")
async def get_file(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    if p["file_id"] not in api.state.files:
        raise bad_request("invalid file_id", f"file_id {p['file_id']!r} is unknown to the fake", "state")
    path, data = api.state.files[p["file_id"]]
    return {
        "file_id": p["file_id"],
        "file_unique_id": f"u-{p['file_id']}",
        "file_size": len(data),
        "file_path": path,
    }


@handles("leaveChat")
async def leave_chat(api: Api, p: dict[str, Any]) -> bool:
    chat = api.state.find_chat(p["chat_id"])
    chat.bot_status = "left"
    return True
