"""Limits read from the spec's prose descriptions.

The spec has no machine-readable limits, but its wording is regular enough to parse: "1-4096 characters
after entities parsing", "1-64 bytes", "Values between 1-100 are accepted", "must be one of ...",
"A JSON-serialized list of 1-100 identifiers", "At most 100 commands can be specified". Only wording seen
in the spec is matched; a description we cannot read simply yields no rule (never a false rejection).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


# kind: "length" (str; unit "chars" | "bytes" | "utf16"), "range" (number), "count" (list items),
# "one_of" (exact string values), "pattern" (full-match regex)
@dataclass(frozen=True)
class Rule:
    kind: str
    lo: float | None = None
    hi: float | None = None
    unit: str = ""
    values: tuple[str, ...] = ()
    pattern: str = ""
    what: str = ""  # human wording of a pattern rule, for error details


_RANGE = r"(\d+)\s*-\s*(\d+)"
_STR_LEN = re.compile(rf"(?<![\w.]){_RANGE} (characters|bytes)", re.IGNORECASE)
_UP_TO_CHARS = re.compile(r"up to (\d+) characters")
_AFTER_ENTITIES = re.compile(r"after entit(?:y|ies) parsing")
_CONST = re.compile(r"(?:, must be ([a-z_]+)$|always [“\"]([^”\"]+)[”\"])")
_ONE_OF = re.compile(r"[Mm]ust be one of (.+?)(?:\.\s|\.$|$)")
_QUOTED = re.compile(r"\"([^\"]*)\"")
_INT_BETWEEN = re.compile(r"between (\d+) and (\d+)(?! seconds)(?!,? or)")
_NUM_RANGE = re.compile(rf"(?<![\w.-]){_RANGE}(?![\w-])(?! (?:characters|bytes|for))(?!\s*\*)")
_COUNT_MAX = re.compile(r"(?:up to|[Aa]t most) (\d+)(?! (?:characters|bytes|kilobytes))(?! MB)")
_LANG = "two-letter ISO 639-1 language code"
_LOWER_ALNUM = "only lowercase English letters, digits and underscores"
_TOKEN_CHARS = re.compile(r"[Oo]nly (?:characters )?A-Z, a-z, 0-9, _ and - are allowed")


def field_rules(owner: str, name: str, types: tuple[str, ...], desc: str) -> tuple[Rule, ...]:
    """Rules for one field, judged by its first non-union type (unions carry no limits in the spec)."""
    if len(types) == 1 and types[0].startswith("Array of"):
        return _count_rules(desc)
    if types == ("String",):
        return _string_rules(desc)
    if types in (("Integer",), ("Float",)):
        return _number_rules(desc)
    return ()


def _string_rules(desc: str) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    if m := _STR_LEN.search(desc):
        # Telegram counts message text (after entity parsing) in UTF-16 code units, other strings in
        # Unicode code points.
        unit = "bytes" if m[3].lower() == "bytes" else "chars"
        if _AFTER_ENTITIES.search(desc):
            unit = "utf16"
        rules.append(Rule("length", int(m[1]), int(m[2]), unit=unit))
    elif m := _UP_TO_CHARS.search(desc):
        rules.append(Rule("length", 0, int(m[1]), unit="chars"))
    if m := _CONST.search(desc):
        rules.append(Rule("one_of", values=(m[1] or m[2],)))
    elif (m := _ONE_OF.search(desc)) and (values := tuple(_QUOTED.findall(m[1]))):
        rules.append(Rule("one_of", values=values))
    if _LANG in desc:
        rules.append(Rule("pattern", pattern=r"(?:[a-z]{2})?", what="empty or a two-letter ISO 639-1 code"))
    if _LOWER_ALNUM in desc:
        rules.append(Rule("pattern", pattern=r"[a-z0-9_]*", what="only a-z, 0-9 and _"))
    if _TOKEN_CHARS.search(desc):
        rules.append(Rule("pattern", pattern=r"[A-Za-z0-9_-]*", what="only A-Z, a-z, 0-9, _ and -"))
    return tuple(rules)


def _number_rules(desc: str) -> tuple[Rule, ...]:
    if "0x7FFFFFFF" in desc:  # live_period: a range OR a magic value; not worth modelling
        return ()
    found = {(int(m[1]), int(m[2])) for rx in (_INT_BETWEEN, _NUM_RANGE) for m in rx.finditer(desc)}
    # Several ranges ("between 5 and 100000 for Stars, between ... for TON") depend on other fields.
    if len(found) != 1:
        return ()
    lo, hi = found.pop()
    return (Rule("range", lo, hi),) if lo <= hi else ()


def _count_rules(desc: str) -> tuple[Rule, ...]:
    if (m := _NUM_RANGE.search(desc)) and int(m[1]) <= int(m[2]):
        return (Rule("count", int(m[1]), int(m[2])),)
    if m := _COUNT_MAX.search(desc):
        return (Rule("count", 0, int(m[1])),)
    return ()


_EXCLUSIVE_OTHER = re.compile(r"(Exactly|At most) one of the fields other than (.+?) must be used")
_EXCLUSIVE_NAMED = re.compile(r"Exactly one of the fields (\w+) or (\w+) must be used")


def type_exclusivity(desc: str, fields: dict) -> tuple[frozenset[str], bool]:
    """Fields of which exactly (True) or at most (False) one may be set, from the type's description."""
    optional = {name for name, f in fields.items() if not f.required}
    if m := _EXCLUSIVE_OTHER.search(desc):
        others = set(re.split(r",\s*(?:and\s+)?|\s+and\s+", m[2]))
        return frozenset(optional - others), m[1] == "Exactly"
    if m := _EXCLUSIVE_NAMED.search(desc):
        return frozenset({m[1], m[2]}), True
    if "must use exactly one of the optional fields" in desc:
        return frozenset(optional), True
    return frozenset(), False
