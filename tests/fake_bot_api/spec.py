"""The machine-readable Bot API spec (bot-api.json), loaded once and indexed for validation.

The JSON comes from PaulSonOfLars/telegram-bot-api-spec (see LICENSE-bot-api-spec.md). Each method and
type field carries `types` (alternatives, e.g. ["Integer", "String"]), `required` and a prose
`description`; the limits hidden in that prose are turned into `Rule`s by rules.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .rules import Rule, field_rules, type_exclusivity

SPEC_PATH = Path(__file__).with_name("bot-api.json")


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[str, ...]
    required: bool
    description: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Method:
    name: str
    fields: dict[str, Field]
    returns: tuple[str, ...]


@dataclass(frozen=True)
class TypeDef:
    name: str
    description: str
    fields: dict[str, Field]
    subtypes: tuple[str, ...]
    # Optional fields of which exactly one (or at most one) must be set, e.g. InlineKeyboardButton.
    exclusive: frozenset[str] = frozenset()
    exclusive_required: bool = False
    # "For simple text buttons, String can be used instead of this object" (KeyboardButton).
    string_allowed: bool = False
    # False for placeholders such as CallbackGame ("currently holds no information"): any object goes.
    has_fields: bool = False


@dataclass(frozen=True)
class Spec:
    version: str
    methods: dict[str, Method]  # keyed by lower-case name: Telegram matches method names case-insensitively
    types: dict[str, TypeDef]

    def method(self, name: str) -> Method | None:
        return self.methods.get(name.lower())

    def type(self, name: str) -> TypeDef | None:
        return self.types.get(name)


def _fields(owner: str, raw: list[dict]) -> dict[str, Field]:
    result = {}
    for f in raw:
        desc = f.get("description", "")
        types = tuple(f["types"])
        result[f["name"]] = Field(
            f["name"], types, bool(f["required"]), desc, field_rules(owner, f["name"], types, desc)
        )
    return result


def _typedef(raw: dict) -> TypeDef:
    desc = " ".join(raw.get("description", []))
    fields = _fields(raw["name"], raw.get("fields", []))
    exclusive, exactly = type_exclusivity(desc, fields)
    return TypeDef(
        name=raw["name"],
        description=desc,
        fields=fields,
        subtypes=tuple(raw.get("subtypes", [])),
        exclusive=exclusive,
        exclusive_required=exactly,
        string_allowed="String can be used instead of this object" in desc,
        has_fields="fields" in raw,
    )


@cache
def load_spec(path: Path = SPEC_PATH) -> Spec:
    data = json.loads(path.read_text(encoding="utf-8"))
    methods = {
        name.lower(): Method(name, _fields(name, m.get("fields", [])), tuple(m.get("returns", [])))
        for name, m in data["methods"].items()
    }
    types = {name: _typedef(t) for name, t in data["types"].items()}
    return Spec(version=data["version"], methods=methods, types=types)


def split_array(type_name: str) -> str | None:
    """'Array of Array of X' -> 'Array of X'; 'X' -> None."""
    prefix = "Array of "
    return type_name[len(prefix) :] if type_name.startswith(prefix) else None
