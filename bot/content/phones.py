"""Is a phone number, written exactly as its source writes it, one that can be dialled in Pakistan?

Numbers are judged with `phonenumbers` (libphonenumber's metadata) for region "PK": a number must
be valid, not just possible, and must belong to Pakistan (a "+44 …" number is refused). Sources
write numbers in ways the library alone would refuse, so two forms are read first:

- "a/b" is two numbers: "0333 781 9601/+923330792969" is judged as "0333 781 9601" and "+923330792969";
- "<number>-<1 or 2 digits>" is a range of lines: "03000544491-8" means 03000544491 to 03000544498,
  so the first number must be valid and the range must end after it.

Everything else ("0300 858 5600", "+92 333-0792974", "051-6133451", toll-free "0800-70806") is
parsed as written; separators are spaces and hyphens only (contacts.yaml allows nothing else).
"""

from __future__ import annotations

import re

import phonenumbers

REGION = "PK"

_RANGE = re.compile(r"(?P<first>.*\d)-(?P<end>\d{1,2})")
# In running text only what is written like a Pakistani number counts: national "0…" or "+…".
# English texts hold year ranges such as "2018-2020" that are no phone numbers at all.
_DIALLABLE_START = ("0", "+")


def phone_problem(written: str) -> str | None:
    """None when every number in `written` can be dialled in Pakistan, else what is wrong."""
    for part in written.split("/"):
        number = part.strip()
        if not number:
            return f"{written!r}: an empty number beside '/'"
        why = _number_problem(number)
        if why:
            return why
    return None


def looks_dialled(run: str) -> bool:
    """Whether a phone-like run of digits in a text is written as a number to dial."""
    return run.strip().startswith(_DIALLABLE_START)


def _number_problem(number: str) -> str | None:
    if is_pakistani(number):
        return None
    match = _RANGE.fullmatch(number)
    if match and is_pakistani(match["first"]):
        last = _digits(match["first"])[-len(match["end"]) :]
        if int(match["end"]) > int(last):
            return None
        return f"{number!r}: the range must end after …{last}"
    return f"{number!r} is not a valid Pakistani phone number"


def number_range(written: str) -> tuple[str, str, int] | None:
    """For a range such as "03000544491-8": its first and last numbers and how many there are
    (("03000544491", "03000544498", 8)); None for anything that is not a valid range."""
    match = _RANGE.fullmatch(written.strip())
    if match is None or is_pakistani(written.strip()) or not is_pakistani(match["first"]):
        return None
    first = match["first"]
    tail = _digits(first)[-len(match["end"]) :]
    if int(match["end"]) <= int(tail):
        return None
    last = first[: len(first) - len(match["end"])] + match["end"]
    return first, last, int(match["end"]) - int(tail) + 1


def is_pakistani(number: str) -> bool:
    try:
        parsed = phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) and phonenumbers.region_code_for_number(parsed) == REGION


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
