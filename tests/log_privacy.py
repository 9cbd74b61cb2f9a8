"""Every end-to-end test doubles as a log-privacy test (issue #8: no text, names, usernames, phones or ids in logs).

An autouse fixture (registered in conftest.py) captures every log record while a test runs, with logging set up
as in production but at its most verbose (root at DEBUG, `bot.logs.quiet_libraries()` applied to PTB, httpx,
...). If the test started a FakeBotAPI, then at teardown each record is formatted by the production formatter and
must not contain anything personal that the fake users sent or are: message texts and captions, first and last
names, usernames, phone numbers (shared contacts and numbers typed in texts), locations, file names, and raw
numeric user ids. The strings come from the fakes' users and update queues, so new e2e tests are covered
without doing anything.

Known blind spot: texts shorter than MIN_TEXT characters ("1", "ok") cannot be told apart from ordinary words
of a log line and are not searched for.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import phonenumbers
import pytest

from bot.logs import LIBRARY_LEVELS, JsonFormatter, quiet_libraries
from tests.fake_bot_api import FakeBotAPI

MIN_TEXT = 3
# What a person writes or is, by the field names of the Bot API's Message, User and Contact objects.
PERSONAL_FIELDS = ("text", "caption", "first_name", "last_name", "username", "phone_number", "file_name")
# Written by the logging machinery, not from the record's content.
GENERATED_FIELDS = ("ts", "level", "logger")


@dataclass(frozen=True)
class Secret:
    value: str
    what: str

    def pattern(self) -> re.Pattern[str]:
        # Whole words only: user id 1001 must not match in 11001, nor a name "Ali" inside "Alignment".
        return re.compile(rf"(?<!\w){re.escape(self.value)}(?!\w)")


def secrets_of(fakes: Iterable[FakeBotAPI]) -> set[Secret]:
    found: set[Secret] = set()
    for fake in fakes:
        for user in fake.state.users.values():
            if not user.is_bot:
                found |= _user_secrets(user.to_dict())
        for update in (*fake.updates.delivered, *fake.updates.pending, *fake.updates.skipped):
            found |= set(_walk(update))
    return {s for s in found if len(s.value) >= MIN_TEXT}


def _user_secrets(user: dict[str, Any]) -> set[Secret]:
    out = {Secret(str(user["id"]), "user id")}
    for key in ("first_name", "last_name", "username"):
        if user.get(key):
            out.add(Secret(user[key], key))
    if user.get("username"):
        out.add(Secret("@" + user["username"], "username"))
    return out


def _walk(node: Any) -> Iterator[Secret]:
    """The personal values in an update; the bot's own messages (e.g. under a callback query) are skipped."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
        return
    if not isinstance(node, dict) or node.get("is_bot") or (node.get("from") or {}).get("is_bot"):
        return
    if "is_bot" in node and "id" in node:  # a User
        yield from _user_secrets(node)
    if "latitude" in node and "longitude" in node:
        yield from (Secret(str(node["latitude"]), "location"), Secret(str(node["longitude"]), "location"))
    for key, value in node.items():
        if key in PERSONAL_FIELDS and isinstance(value, str):
            yield Secret(value.strip(), key)
            yield from _phones_in(value)
        elif isinstance(value, dict | list):
            yield from _walk(value)


def _phones_in(text: str) -> Iterator[Secret]:
    """Phone numbers inside a text, as typed and as digits only, in case code logs a normalised form."""
    for match in phonenumbers.PhoneNumberMatcher(text, "PK"):
        yield Secret(match.raw_string, "phone number")
        yield Secret(str(match.number.national_number), "phone number")
        yield Secret(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164), "phone number")
    digits = re.sub(r"\D", "", text)
    if 9 <= len(digits) <= 15 and re.fullmatch(r"[\s+()\d-]+", text.strip()):  # the whole text is a number
        yield Secret(digits, "phone number")


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def written(record: logging.LogRecord) -> str:
    """What production writes for the record, JSON-decoded so escapes cannot hide a match."""
    entry = json.loads(JsonFormatter().format(record))
    return "\n".join(str(v) for k, v in entry.items() if k not in GENERATED_FIELDS)


def leaks(records: Iterable[logging.LogRecord], secrets: set[Secret]) -> list[str]:
    patterns = [(s, s.pattern()) for s in secrets]
    found = []
    for record in records:
        line = written(record)
        found += [f"{s.what} {s.value!r} in {record.name}: {line[:300]!r}" for s, p in patterns if p.search(line)]
    return found


@pytest.fixture(autouse=True)
def no_personal_data_in_logs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Capture]:
    fakes: list[FakeBotAPI] = []
    original_init = FakeBotAPI.__init__

    def remembering_init(self: FakeBotAPI, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        fakes.append(self)

    monkeypatch.setattr(FakeBotAPI, "__init__", remembering_init)
    capture = Capture()
    root = logging.getLogger()
    saved_level = root.level
    saved = {name: logging.getLogger(name).level for name in LIBRARY_LEVELS}
    quiet_libraries()  # production's caps on chatty libraries
    root.setLevel(logging.DEBUG)
    root.addHandler(capture)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(saved_level)
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)
    if fakes:
        found = leaks(capture.records, secrets_of(fakes))
        assert not found, "personal data in the logs:\n" + "\n".join(found[:20])
