"""Errors in the Bot API's own words.

`ApiError.description` is what Telegram would answer (so the bot's error handling sees realistic text);
`ApiError.detail` says precisely what was wrong, for test failure messages and `FakeBotAPI.rejected`.
"""

from __future__ import annotations


class ApiError(Exception):
    def __init__(
        self,
        code: int,
        description: str,
        detail: str = "",
        kind: str = "validation",
        retry_after: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.detail = detail or description
        # validation | state | auth | not_found | conflict | rate_limit | injected
        self.kind = kind
        self.retry_after = retry_after


def bad_request(wording: str, detail: str = "", kind: str = "validation") -> ApiError:
    return ApiError(400, f"Bad Request: {wording}", detail, kind)


def forbidden(wording: str, detail: str = "") -> ApiError:
    return ApiError(403, f"Forbidden: {wording}", detail, "state")


class Invalid(Exception):
    """A validation failure deep inside a parameter; turned into a Bad Request by validate.py."""

    def __init__(self, path: str, owner: str, field: str, kind: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.owner = owner
        self.field = field
        self.kind = kind
        self.message = message

    @property
    def depth(self) -> int:
        return self.path.count(".") + self.path.count("[")


# What the real Bot API answers for some failures, keyed by (owner, field, kind); "*" matches any owner.
# kind: missing | empty | too_long | too_short | pattern | ... (see validate.py). Unlisted failures get a
# descriptive wording of our own, still prefixed "Bad Request: ".
REAL_WORDING: dict[tuple[str, str, str], str] = {
    ("sendMessage", "text", "missing"): "message text is empty",
    ("sendMessage", "text", "empty"): "message text is empty",
    ("sendMessage", "text", "too_long"): "message is too long",
    ("editMessageText", "text", "empty"): "message text is empty",
    ("editMessageText", "text", "too_long"): "message is too long",
    ("*", "caption", "too_long"): "message caption is too long",
    ("*", "chat_id", "missing"): "chat_id is empty",
    ("*", "message_id", "missing"): "message identifier is not specified",
    ("InlineKeyboardButton", "callback_data", "too_long"): "BUTTON_DATA_INVALID",
    ("InlineKeyboardButton", "callback_data", "too_short"): "BUTTON_DATA_INVALID",
    ("BotCommand", "command", "pattern"): "BOT_COMMAND_INVALID",
    ("BotCommand", "command", "too_short"): "command must be non-empty",
    ("BotCommand", "command", "too_long"): "command length must not exceed 32",
    ("BotCommand", "description", "too_short"): "command description must be non-empty",
    ("BotCommand", "description", "too_long"): "command description length must not exceed 256",
    ("*", "language_code", "pattern"): "invalid language code specified",
    ("answerCallbackQuery", "text", "too_long"): "MESSAGE_TOO_LONG",
}


def real_wording(owner: str, field: str, kind: str) -> str | None:
    return REAL_WORDING.get((owner, field, kind)) or REAL_WORDING.get(("*", field, kind))
