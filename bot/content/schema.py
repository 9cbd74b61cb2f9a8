"""Reading YAML records while collecting problems instead of stopping at the first one.

Each accessor returns the parsed value, or None after recording why it could not. A required key
that is missing is reported once by `Reader.record`; accessors given `MISSING` stay silent, so one
mistake gives one problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from bot.content.errors import Problem
from bot.content.model import Localised, Source
from bot.content.script import script_problems

MISSING: Any = object()

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")

E = TypeVar("E", bound=StrEnum)


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is reported like any other problem
    (PyYAML would otherwise fail the whole file on `2025-02-30`)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader: no arbitrary objects


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text {value!r}"
    return f"{type(value).__name__} {value!r}"


class Reader:
    """Reads records of one file. `languages` are the codes every localised mapping must have;
    `as_of` (when known) is the newest date a source may carry."""

    def __init__(self, file: str, problems: list[Problem], languages: Iterable[str], as_of: date | None = None) -> None:
        self.file = file
        self.problems = problems
        self.languages = tuple(languages)
        self.as_of = as_of

    def report(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, f"{where}: {message}" if where else message))

    def record(
        self, value: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """A mapping with these keys; missing keys are reported and read back as MISSING."""
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.report(where, f"expected a mapping of keys, got {describe(value)}")
            return None
        required, optional = tuple(required), tuple(optional)
        for key in required:
            if key not in value:
                self.report(where, f"missing key '{key}'")
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.report(where, f"unknown key '{key}' (allowed: {allowed})")
        return {key: value.get(key, MISSING) for key in (*required, *optional) if key in value or key in required}

    def items(self, value: Any, where: str, *, allow_empty: bool = False) -> list[Any]:
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.report(where, f"expected a list, got {describe(value)}")
            return []
        if not value and not allow_empty:
            self.report(where, "the list is empty")
        return value

    def text(self, value: Any, where: str, *, max_len: int | None = None) -> str | None:
        if value is MISSING:
            return None
        if not isinstance(value, str):
            self.report(where, f"expected text, got {describe(value)}")
            return None
        if not value.strip():
            self.report(where, "the text is empty")
            return None
        if max_len is not None and len(value) > max_len:
            self.report(where, f"{len(value)} characters, at most {max_len} allowed")
        return value.strip()

    def ident(self, value: Any, where: str) -> str | None:
        text = self.text(value, where)
        if text is not None and not _ID.fullmatch(text):
            self.report(where, f"{text!r} is not an id (lowercase letters, digits and '-')")
            return None
        return text

    def date(self, value: Any, where: str) -> date | None:
        text = self.text(value, where)
        if text is None:
            return None
        if _DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        self.report(where, f"{text!r} is not a valid date (YYYY-MM-DD)")
        return None

    def choice(self, value: Any, where: str, enum: type[E]) -> E | None:
        text = self.text(value, where)
        if text is None:
            return None
        try:
            return enum(text)
        except ValueError:
            self.report(where, f"{text!r} is not one of: {', '.join(e.value for e in enum)}")
            return None

    def flag(self, value: Any, where: str) -> bool | None:
        if value is MISSING:
            return None
        if not isinstance(value, bool):
            self.report(where, f"expected true or false, got {describe(value)}")
            return None
        return value

    def url(self, value: Any, where: str) -> str | None:
        text = self.text(value, where)
        if text is not None and not _URL.fullmatch(text):
            self.report(where, f"{text!r} is not an http(s) URL")
            return None
        return text

    def localised(self, value: Any, where: str, *, max_len: int | None = None) -> Localised | None:
        """Text in every language of the pack, in that language's script and digits."""
        fields = self.record(value, where, self.languages)
        if fields is None:
            return None
        texts: dict[str, str] = {}
        for lang, raw in fields.items():
            text = self.text(raw, f"{where}.{lang}", max_len=max_len)
            if text is None:
                continue
            for message in script_problems(text, lang):
                self.report(f"{where}.{lang}", message)
            texts[lang] = text
        if len(texts) != len(self.languages):
            return None
        return MappingProxyType(texts)

    def source(self, value: Any, where: str, *, dated: bool) -> Source | None:
        """A source; `dated` sources must carry a date, others may give `date: null` plus `approx`."""
        fields = self.record(value, where, ("url", "title", "date"), ("approx",))
        if fields is None:
            return None
        url = self.url(fields["url"], f"{where}.url")
        title = self.text(fields["title"], f"{where}.title")
        raw_date, approx = fields["date"], fields.get("approx", MISSING)
        approx_text = self.text(approx, f"{where}.approx")
        when: date | None = None
        date_ok = raw_date is not MISSING
        if raw_date is None:
            if dated:
                self.report(f"{where}.date", "a date is required here (YYYY-MM-DD)")
                date_ok = False
            elif approx is MISSING:
                self.report(f"{where}.date", 'undated source: add `approx` (e.g. "≈2022")')
                date_ok = False
        elif date_ok:
            when = self.date(raw_date, f"{where}.date")
            date_ok = when is not None
            if when is not None and self.as_of is not None and when > self.as_of:
                self.report(f"{where}.date", f"{when} is after the pack's as_of {self.as_of}")
        if url is None or title is None or not date_ok:
            return None
        return Source(url=url, title=title, date=when, approx=approx_text)


def where_of(prefix: str, index: int, raw: Any) -> str:
    """How problems name a list item: its index, and its id when it has one."""
    item_id = raw.get("id") if isinstance(raw, dict) else None
    return f"{prefix}[{index}] {item_id}" if isinstance(item_id, str) else f"{prefix}[{index}]"


def sources(reader: Reader, value: Any, where: str, *, dated: bool) -> tuple[Source, ...]:
    found = (reader.source(item, f"{where}[{i}]", dated=dated) for i, item in enumerate(reader.items(value, where)))
    return tuple(s for s in found if s is not None)


def frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))
