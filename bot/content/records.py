"""The YAML files of a pack: pack.yaml, categories.yaml, deadlines.yaml, contacts.yaml."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from bot.content.model import (
    NATIONWIDE,
    Category,
    Contact,
    ContactKind,
    Deadline,
    DeadlineChange,
    DeadlineStatus,
    Region,
    RuleStatus,
)
from bot.content.schema import MISSING, Reader, frozen, sources, where_of
from bot.domain import DocumentCategory, Language
from bot.opening_hours import ALWAYS_OPEN, EVERY_DAY, UNKNOWN_HOURS, Opening, OpeningHours

LABEL_MAX_CHARS = 30
TOPIC_ROLES = ("now", "todo", "rights")
REGION_IDS = ("kp", "balochistan", "sindh", "punjab-ict", NATIONWIDE)
STALE_AFTER = timedelta(days=365)

_PHONE = re.compile(r"[0-9 +\-/]*[0-9][0-9 +\-/]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
_APPROX_YEAR = re.compile(r"≈(\d{4})")


DEFAULT_REMINDER_DAYS = (30, 7, 1)
DEFAULT_REVIEW_EVERY_DAYS = 60


def read_pack_meta(reader: Reader, data: Any) -> tuple[date | None, tuple[Language, ...], tuple[int, ...]]:
    optional = ("reminder_days", "sensitive_topics", "review_every_days")
    fields = reader.record(data, "", ("as_of", "languages"), optional)
    if fields is None:
        return None, (), DEFAULT_REMINDER_DAYS
    as_of = reader.date(fields["as_of"], "as_of")
    languages: list[Language] = []
    for i, raw in enumerate(reader.items(fields["languages"], "languages")):
        lang = reader.choice(raw, f"languages[{i}]", Language)
        if lang is not None and lang not in languages:
            languages.append(lang)
    missing = [lang.value for lang in Language if lang not in languages]
    if fields["languages"] is not MISSING and missing:
        reader.report("languages", f"every language is required; missing: {', '.join(missing)}")
    return as_of, tuple(languages), _reminder_days(reader, fields.get("reminder_days", MISSING))


def _reminder_days(reader: Reader, raw: Any) -> tuple[int, ...]:
    """Days before a deadline on which subscribers get a reminder, e.g. [30, 7, 1]."""
    if raw is MISSING:
        return DEFAULT_REMINDER_DAYS
    days = [d for d in reader.items(raw, "reminder_days") if isinstance(d, int) and not isinstance(d, bool)]
    if len(days) != len(raw) or any(not 0 < d <= 365 for d in days) or len(set(days)) != len(days):
        reader.report("reminder_days", "expected distinct whole numbers of days between 1 and 365")
        return DEFAULT_REMINDER_DAYS
    return tuple(sorted(days, reverse=True))


def read_review_every_days(reader: Reader, data: Any) -> int:
    """`review_every_days` in pack.yaml: how long the pack may go unchecked against its sources."""
    raw = data.get("review_every_days", MISSING) if isinstance(data, dict) else MISSING
    if raw is MISSING:
        return DEFAULT_REVIEW_EVERY_DAYS
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 366:
        reader.report("review_every_days", f"expected a whole number of days between 1 and 366, got {raw!r}")
        return DEFAULT_REVIEW_EVERY_DAYS
    return raw


def read_sensitive_topics(reader: Reader, data: Any) -> frozenset[str]:
    """`sensitive_topics` in pack.yaml: topic ids (checked against the topics by the loader)."""
    raw = data.get("sensitive_topics", MISSING) if isinstance(data, dict) else MISSING
    if raw is MISSING:
        return frozenset()
    ids = [reader.ident(item, f"sensitive_topics[{i}]") for i, item in enumerate(reader.items(raw, "sensitive_topics"))]
    return frozenset(i for i in ids if i is not None)


def read_categories(reader: Reader, data: Any) -> tuple[Category, ...]:
    categories: list[Category] = []
    seen: set[str] = set()
    for i, raw in enumerate(reader.items(data, "")):
        fields = reader.record(raw, where_of("", i, raw), ("id", "name", "label", "topics"), ("more",))
        if fields is None:
            continue
        category_id = reader.choice(fields["id"], f"[{i}].id", DocumentCategory)
        where = f"[{i}] {category_id or '?'}"
        duplicate = category_id in seen
        if duplicate:
            reader.report(where, f"category '{category_id}' is listed twice")
        elif category_id is not None:
            seen.add(category_id)
        name = reader.localised(fields["name"], f"{where}.name")
        label = reader.localised(fields["label"], f"{where}.label", max_len=LABEL_MAX_CHARS)
        roles = reader.record(fields["topics"], f"{where}.topics", TOPIC_ROLES)
        topics = {}
        for role, topic_id in (roles or {}).items():
            topic = reader.ident(topic_id, f"{where}.topics.{role}")
            if topic is not None:
                topics[role] = topic
        more = _more_topics(reader, fields.get("more", MISSING), f"{where}.more")
        if category_id and not duplicate and name and label and len(topics) == len(TOPIC_ROLES):
            categories.append(Category(category_id, name, label, frozen(topics), more))
    missing = [c.value for c in DocumentCategory if c not in seen]
    if isinstance(data, list) and missing:
        reader.report("", f"categories missing from the menu: {', '.join(missing)}")
    return tuple(categories)


def _more_topics(reader: Reader, value: Any, where: str) -> tuple[str, ...]:
    """The optional `more` list: further topic ids shown as buttons on the category's screen."""
    found = (reader.ident(raw, f"{where}[{i}]") for i, raw in enumerate(reader.items(value, where)))
    more = tuple(t for t in found if t is not None)
    if len(set(more)) != len(more):
        reader.report(where, "a topic is listed twice")
    for clash in sorted(set(more) & set(TOPIC_ROLES)):
        # Screen ids are `topic:<category>:<role or topic id>`: a topic named like a role would be hidden.
        reader.report(where, f"'{clash}' is a menu role, not a topic id")
    return tuple(dict.fromkeys(more))


def read_deadlines(reader: Reader, data: Any, as_of: date | None) -> tuple[Deadline, ...]:
    deadlines: list[Deadline] = []
    required = ("id", "categories", "date", "status", "title", "sources", "history")
    for i, raw in enumerate(reader.items(data, "")):
        fields = reader.record(raw, where_of("", i, raw), required, ("rule",))
        if fields is None:
            continue
        deadline_id = reader.ident(fields["id"], f"[{i}].id")
        where = f"[{i}] {deadline_id or '?'}"
        categories = _categories(reader, fields["categories"], f"{where}.categories")
        when = reader.date(fields["date"], f"{where}.date")
        status = reader.choice(fields["status"], f"{where}.status", DeadlineStatus)
        title = reader.localised(fields["title"], f"{where}.title")
        cited = sources(reader, fields["sources"], f"{where}.sources", dated=True)
        history = _history(reader, fields["history"], f"{where}.history")
        rule = reader.choice(fields.get("rule", MISSING), f"{where}.rule", RuleStatus)
        if when and status and as_of:
            _check_status(reader, where, when, status, as_of)
        if when and rule is RuleStatus.IN_FORCE and as_of and when > as_of:
            reader.report(f"{where}.rule", f"'in-force' but its date {when} is after the pack's as_of {as_of}")
        if any(d.id == deadline_id for d in deadlines):
            reader.report(where, f"deadline id '{deadline_id}' is used twice")
        elif deadline_id and categories and when and status and title and cited and history is not None:
            deadlines.append(Deadline(deadline_id, categories, when, status, title, cited, history, rule))
    return tuple(deadlines)


def _categories(reader: Reader, value: Any, where: str) -> tuple[DocumentCategory, ...]:
    found = (reader.choice(raw, f"{where}[{i}]", DocumentCategory) for i, raw in enumerate(reader.items(value, where)))
    return tuple(dict.fromkeys(c for c in found if c is not None))


def _history(reader: Reader, value: Any, where: str) -> tuple[DeadlineChange, ...] | None:
    changes: list[DeadlineChange] = []
    ok = True
    for i, raw in enumerate(reader.items(value, where, allow_empty=True)):
        fields = reader.record(raw, f"{where}[{i}]", ("date", "status", "note", "source"))
        if fields is None:
            ok = False
            continue
        when = reader.date(fields["date"], f"{where}[{i}].date")
        status = reader.choice(fields["status"], f"{where}[{i}].status", DeadlineStatus)
        note = reader.localised(fields["note"], f"{where}[{i}].note")
        source = reader.source(fields["source"], f"{where}[{i}].source", dated=True)
        if when and status and note and source:
            changes.append(DeadlineChange(when, status, note, source))
        else:
            ok = False
    if [c.date for c in changes] != sorted(c.date for c in changes):
        reader.report(where, "history must be in date order, oldest first")
    return tuple(changes) if ok else None


def _check_status(reader: Reader, where: str, when: date, status: DeadlineStatus, as_of: date) -> None:
    if status is DeadlineStatus.PASSED and when > as_of:
        reader.report(f"{where}.status", f"'passed' but the date {when} is after the pack's as_of {as_of}")
    if status in (DeadlineStatus.ANNOUNCED, DeadlineStatus.EXTENDED) and when < as_of:
        reader.report(f"{where}.status", f"'{status}' but the date {when} is before the pack's as_of; is it passed?")


def read_regions(reader: Reader, data: Any) -> tuple[Region, ...]:
    regions: list[Region] = []
    seen: set[str] = set()
    for i, raw in enumerate(reader.items(data, "regions")):
        fields = reader.record(raw, where_of("regions", i, raw), ("id", "name"))
        if fields is None:
            continue
        region_id = reader.ident(fields["id"], f"regions[{i}].id")
        if region_id is not None and region_id not in REGION_IDS:
            reader.report(f"regions[{i}].id", f"unknown region '{region_id}' (known: {', '.join(REGION_IDS)})")
            continue
        name = reader.localised(fields["name"], f"regions[{i}] {region_id}.name")
        if region_id in seen:
            reader.report(f"regions[{i}]", f"region '{region_id}' is listed twice")
            continue
        if region_id is not None:
            seen.add(region_id)
        if region_id and name:
            regions.append(Region(region_id, name))
    missing = [r for r in REGION_IDS if r not in seen]
    if isinstance(data, list) and missing:
        reader.report("regions", f"regions missing: {', '.join(missing)}")
    return tuple(regions)


def read_contacts(reader: Reader, data: Any, regions: tuple[Region, ...], as_of: date | None) -> tuple[Contact, ...]:
    contacts: list[Contact] = []
    required = ("id", "organisation", "kind", "description", "phones", "opening_hours", "regions", "cities")
    required += ("source", "confirmed", "stale")
    optional = ("email", "url", "hours", "more_sources")
    for i, raw in enumerate(reader.items(data, "contacts")):
        fields = reader.record(raw, where_of("contacts", i, raw), required, optional)
        if fields is None:
            continue
        contact_id = reader.ident(fields["id"], f"contacts[{i}].id")
        where = f"contacts[{i}] {contact_id or '?'}"
        organisation = reader.text(fields["organisation"], f"{where}.organisation")
        description = reader.localised(fields["description"], f"{where}.description")
        phones = _phones(reader, fields["phones"], f"{where}.phones")
        email = _email(reader, fields.get("email", MISSING), f"{where}.email")
        url = reader.url(fields.get("url", MISSING), f"{where}.url")
        hours = reader.localised(fields.get("hours", MISSING), f"{where}.hours")
        served = _region_ids(reader, fields["regions"], f"{where}.regions", regions)
        cities = _cities(reader, fields["cities"], f"{where}.cities")
        source = reader.source(fields["source"], f"{where}.source", dated=False)
        more = sources(reader, fields.get("more_sources", MISSING), f"{where}.more_sources", dated=False)
        stale = reader.flag(fields["stale"], f"{where}.stale")
        kind = reader.choice(fields["kind"], f"{where}.kind", ContactKind)
        opening = _opening(reader, fields["opening_hours"], f"{where}.opening_hours")
        if opening is not None and opening.hours is not None and hours is None:
            reader.report(f"{where}.hours", "the source gives hours: write them in every language too")
        confirmed = _confirmed(reader, fields["confirmed"], f"{where}.confirmed", (source, *more))
        _check_stale(reader, f"{where}.stale", stale, confirmed, as_of)
        if any(c.id == contact_id for c in contacts):
            reader.report(where, f"contact id '{contact_id}' is used twice")
        elif (
            contact_id and organisation and description and phones is not None and served and source
            and kind and opening and confirmed is not None
        ):  # fmt: skip
            contacts.append(
                Contact(
                    contact_id,
                    organisation,
                    description,
                    phones,
                    email,
                    url,
                    hours,
                    served,
                    cities,
                    source,
                    more,
                    bool(stale),
                    kind,
                    opening,
                    confirmed,
                )
            )
    return tuple(contacts)


def _check_stale(
    reader: Reader, where: str, stale: bool | None, confirmed: date | str | None, as_of: date | None
) -> None:
    """`stale` must say whether the number was last confirmed over a year before as_of, or on no known day."""
    if confirmed is None or stale is None or as_of is None:
        return
    expected = not isinstance(confirmed, date) or as_of - confirmed > STALE_AFTER
    if stale != expected:
        reader.report(where, f"should be {str(expected).lower()} (confirmed {confirmed}, pack as_of {as_of})")


def _opening(reader: Reader, value: Any, where: str) -> Opening | None:
    """`24/7`, `unknown`, or `{hours: "09:00-17:00", days: Mon-Fri}`; without `days` the source gave
    the hours but not the days (Pakistan time)."""
    if value in ("24/7", "unknown"):
        return ALWAYS_OPEN if value == "24/7" else UNKNOWN_HOURS
    fields = reader.record(value, where, ("hours",), ("days",)) if isinstance(value, dict) else None
    if fields is None:
        if value is not MISSING:
            reader.report(where, f'expected "24/7", unknown, or {{hours: "HH:MM-HH:MM", days: Mon-Fri}}; got {value!r}')
        return None
    hours, days = reader.text(fields["hours"], f"{where}.hours"), fields.get("days", MISSING)
    days_text = reader.text(days, f"{where}.days") if days is not MISSING else EVERY_DAY
    if hours is None or days_text is None:
        return None
    try:
        return Opening(hours=OpeningHours.parse(hours, days_text), days_known=days is not MISSING)
    except ValueError as error:
        reader.report(where, str(error))
        return None


def _confirmed(reader: Reader, value: Any, where: str, cited: tuple[Any, ...]) -> date | str | None:
    """The day a source last confirmed the number: a date one of the contact's sources carries, or
    "≈YYYY" / "undated" when that source has no date."""
    text = reader.text(value, where)
    if text is None:
        return None
    if text == "undated" or _APPROX_YEAR.fullmatch(text):
        return text
    when = reader.date(text, where)
    if when is not None and None not in cited and when not in {s.date for s in cited}:
        reader.report(where, f"{when} is the date of none of this contact's sources")
        return None
    return when


def _phones(reader: Reader, value: Any, where: str) -> tuple[str, ...] | None:
    phones = []
    for i, raw in enumerate(reader.items(value, where, allow_empty=True)):
        if raw is not MISSING and not isinstance(raw, str):
            reader.report(f"{where}[{i}]", f"write the number in quotes, exactly as the source does (got {raw!r})")
            continue
        phone = reader.text(raw, f"{where}[{i}]")
        if phone is None:
            continue
        if not _PHONE.fullmatch(phone):
            reader.report(f"{where}[{i}]", f"{phone!r} may only contain digits, spaces, +, - and /")
            continue
        phones.append(phone)
    return tuple(phones) if value is not MISSING else None


def _email(reader: Reader, value: Any, where: str) -> str | None:
    email = reader.text(value, where)
    if email is not None and not _EMAIL.fullmatch(email):
        reader.report(where, f"{email!r} is not an email address")
        return None
    return email


def _region_ids(reader: Reader, value: Any, where: str, regions: tuple[Region, ...]) -> tuple[str, ...]:
    known = {r.id for r in regions}
    served = []
    for i, raw in enumerate(reader.items(value, where)):
        region_id = reader.ident(raw, f"{where}[{i}]")
        if region_id is None:
            continue
        if region_id not in known:
            reader.report(f"{where}[{i}]", f"unknown region '{region_id}'")
            continue
        served.append(region_id)
    return tuple(dict.fromkeys(served))


def _cities(reader: Reader, value: Any, where: str) -> tuple[str, ...]:
    found = (reader.text(raw, f"{where}[{i}]") for i, raw in enumerate(reader.items(value, where, allow_empty=True)))
    cities = tuple(c for c in found if c is not None)
    for city in cities:
        if not city.isascii():
            reader.report(where, f"city {city!r}: write city names in Latin letters")
    return cities
