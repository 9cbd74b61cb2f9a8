"""The bot itself: getMe, receiving updates (getUpdates / webhook) and the bot's settings."""

from __future__ import annotations

import copy
import re
from typing import Any

from .errors import ApiError, bad_request
from .registry import Api, handles
from .spec import load_spec

WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)


def _get_me_flags() -> dict[str, bool]:
    """The Boolean User fields the spec marks "Returned only in getMe", all false but can_join_groups."""
    user = load_spec().type("User")
    assert user is not None
    flags = {
        f.name: False for f in user.fields.values() if "only in getMe" in f.description and f.types == ("Boolean",)
    }
    return flags | {"can_join_groups": True}


@handles("getMe")
async def get_me(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    return api.state.bot.to_dict() | _get_me_flags() | api.state.bot_info


def check_update_types(names: list[str] | None) -> None:
    """Telegram ignores unknown names in allowed_updates; the fake rejects them, as they are typos."""
    update = load_spec().type("Update")
    assert update is not None
    for name in names or []:
        if name == "update_id" or name not in update.fields:
            raise bad_request(f'unknown update type "{name}" in allowed_updates')


@handles("getUpdates")
async def get_updates(api: Api, p: dict[str, Any]) -> list[dict[str, Any]]:
    check_update_types(p.get("allowed_updates"))
    if api.state.webhook.get("url"):
        raise ApiError(409, WEBHOOK_CONFLICT, "getUpdates while a webhook is set", "conflict")
    timeout = min(max(p.get("timeout", 0), 0), 50)
    found = await api.updates.poll(p.get("offset"), p.get("limit", 100), timeout, p.get("allowed_updates"))
    return copy.deepcopy(found)


@handles("setWebhook")
async def set_webhook(api: Api, p: dict[str, Any]) -> bool:
    check_update_types(p.get("allowed_updates"))
    if p["url"] and not p["url"].startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", p.get("secret_token", "x")):
        raise bad_request("bad webhook: Secret token contains unallowed characters")
    if p.get("drop_pending_updates"):
        api.updates.drop_all()
    api.state.webhook = {k: v for k, v in p.items() if k != "drop_pending_updates"} if p["url"] else {}
    api.state.changed.notify()
    return True


@handles("deleteWebhook")
async def delete_webhook(api: Api, p: dict[str, Any]) -> bool:
    if p.get("drop_pending_updates"):
        api.updates.drop_all()
    api.state.webhook = {}
    return True


@handles("getWebhookInfo")
async def get_webhook_info(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    hook = api.state.webhook
    info: dict[str, Any] = {"url": hook.get("url", ""), "has_custom_certificate": "certificate" in hook}
    info["pending_update_count"] = len(api.updates.pending)
    info.update({k: hook[k] for k in ("max_connections", "allowed_updates", "ip_address") if k in hook})
    return info


@handles("logOut", "close")
async def log_out(api: Api, p: dict[str, Any]) -> bool:
    return True


# --- commands ------------------------------------------------------------------------------------
def scope_key(api: Api, scope: dict[str, Any] | None) -> tuple:
    scope = scope or {"type": "default"}
    chat_id = scope.get("chat_id")
    if chat_id is not None:
        chat_id = api.state.find_chat(chat_id).id
    return (scope["type"], chat_id, scope.get("user_id"))


@handles("setMyCommands")
async def set_my_commands(api: Api, p: dict[str, Any]) -> bool:
    key = (scope_key(api, p.get("scope")), p.get("language_code", ""))
    if p["commands"]:
        api.state.commands[key] = p["commands"]
    else:
        api.state.commands.pop(key, None)
    return True


@handles("getMyCommands")
async def get_my_commands(api: Api, p: dict[str, Any]) -> list[dict[str, Any]]:
    return copy.deepcopy(api.state.commands.get((scope_key(api, p.get("scope")), p.get("language_code", "")), []))


@handles("deleteMyCommands")
async def delete_my_commands(api: Api, p: dict[str, Any]) -> bool:
    api.state.commands.pop((scope_key(api, p.get("scope")), p.get("language_code", "")), None)
    return True


# --- name and descriptions: stored per language_code, "" being the default -------------------------
def _set_text(api: Api, kind: str, p: dict[str, Any]) -> bool:
    key = (kind, p.get("language_code", ""))
    if p.get(kind):
        api.state.texts[key] = p[kind]
    else:
        api.state.texts.pop(key, None)
    return True


@handles("setMyDescription")
async def set_my_description(api: Api, p: dict[str, Any]) -> bool:
    return _set_text(api, "description", p)


@handles("getMyDescription")
async def get_my_description(api: Api, p: dict[str, Any]) -> dict[str, str]:
    return {"description": api.state.texts.get(("description", p.get("language_code", "")), "")}


@handles("setMyShortDescription")
async def set_my_short_description(api: Api, p: dict[str, Any]) -> bool:
    return _set_text(api, "short_description", p)


@handles("getMyShortDescription")
async def get_my_short_description(api: Api, p: dict[str, Any]) -> dict[str, str]:
    return {"short_description": api.state.texts.get(("short_description", p.get("language_code", "")), "")}


@handles("setMyName")
async def set_my_name(api: Api, p: dict[str, Any]) -> bool:
    return _set_text(api, "name", p)


@handles("getMyName")
async def get_my_name(api: Api, p: dict[str, Any]) -> dict[str, str]:
    texts = api.state.texts
    name = texts.get(("name", p.get("language_code", ""))) or texts.get(("name", "")) or api.state.bot.first_name
    return {"name": name}
