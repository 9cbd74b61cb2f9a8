"""Log lines are JSON, carry only whitelisted fields, and drop exception messages."""

from __future__ import annotations

import json
import logging

from bot.logs import JsonFormatter


def record(msg: str, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("bot.test", logging.INFO, __file__, 1, msg, None, None)
    rec.__dict__.update(extra)
    return rec


def test_only_whitelisted_fields_are_written() -> None:
    line = JsonFormatter().format(record("update handled", event="Text", text="my name is Zarmina", username="z"))
    entry = json.loads(line)
    assert entry["event"] == "Text" and entry["msg"] == "update handled"
    assert "Zarmina" not in line and "username" not in entry


def test_exception_messages_are_dropped_but_the_stack_is_kept() -> None:
    what_they_wrote = "call me on " + "0300 1234567"
    try:
        raise ValueError(f"can't parse entities in {what_they_wrote!r}")
    except ValueError:
        import sys

        rec = record("update failed")
        rec.exc_info = sys.exc_info()
    line = JsonFormatter().format(rec)
    entry = json.loads(line)
    assert entry["exception"] == "ValueError" and "test_logs.py" in entry["stack"]
    assert "0300 1234567" not in line


def test_library_debug_logs_stay_off_even_when_we_log_at_debug() -> None:
    # At DEBUG PTB logs whole updates (text, names, phones); see tests/log_privacy.py for the e2e check.
    from bot.logs import configure

    root = logging.getLogger()
    saved = root.handlers[:], root.level, {n: logging.getLogger(n).level for n in ("telegram", "httpx")}
    try:
        configure(logging.DEBUG)
        assert logging.getLogger("bot.channels").isEnabledFor(logging.DEBUG)
        assert not logging.getLogger("telegram.ext.ExtBot").isEnabledFor(logging.DEBUG)
        assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)
