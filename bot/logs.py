"""Structured logs that never carry what people wrote or who they are.

One JSON object per line. Only whitelisted `extra` fields are emitted; an exception is logged
as its class and stack frames without its message, because messages of library errors can
quote the text they failed on. User ids go through `bot.safety.pseudonyms.pseudonym` first.
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime

SAFE_FIELDS = frozenset(
    {"event", "update_kind", "replies", "user", "chat_kind", "duration_ms", "error", "method", "job", "count"}
    | {"person"}  # a keyed pseudonym (bot.safety.pseudonyms), never the id itself
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k in SAFE_FIELDS})
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            entry["exception"] = kind.__name__
            entry["stack"] = "".join(traceback.format_tb(tb))
        return json.dumps(entry, ensure_ascii=False)


# Libraries kept at these levels whatever our own level is. At DEBUG, PTB logs every update and every API
# response whole (message text, names, usernames, shared phone numbers); httpx and httpcore log request URLs,
# and Bot API URLs contain the bot token; markdown-it traces every rendering step of every text.
# tests/log_privacy.py checks the result on every e2e conversation.
LIBRARY_LEVELS = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "markdown_it": logging.INFO,
}


def quiet_libraries() -> None:
    for name, level in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(level)


def configure(level: int) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_libraries()
