"""What changed since a date, per document category: the raw material of "what changed" notices.

Two kinds of change are dated in the pack: a step in a deadline's history (each with its source),
and a topic checked against its sources again (its `as_of`). A deadline concerns the categories it
lists; a topic concerns the categories whose menu shows it (`topics` or `more`). Topics that no
category shows (About, the contacts note) fall under GENERAL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from bot.content.model import ContentPack, Localised, Source

GENERAL = "general"
"""Changes that concern everyone, whatever their document."""


@dataclass(frozen=True, slots=True)
class Change:
    kind: Literal["deadline", "topic"]
    id: str
    """The deadline id or the topic id."""
    date: date
    categories: tuple[str, ...]
    title: Localised
    """The deadline's title, or the topic's title in every language."""
    status: str | None = None
    """The deadline status this step set (announced, extended, passed, suspended)."""
    note: Localised | None = None
    """What happened, in every language (deadline steps)."""
    source: Source | None = None
    versions: Localised | None = None
    """SHA-256 of the topic's text per language: which version people should now see."""


def changes_since(pack: ContentPack, since: date) -> list[Change]:
    """Every change dated on or after `since`, oldest first."""
    found = [*_deadline_changes(pack, since), *_topic_changes(pack, since)]
    return sorted(found, key=lambda c: (c.date, c.kind, c.id))


def by_category(pack: ContentPack, changes: list[Change]) -> dict[str, list[Change]]:
    """The changes for each category in menu order, then GENERAL; every key present, lists may be empty."""
    grouped: dict[str, list[Change]] = {str(c.id): [] for c in pack.categories}
    grouped[GENERAL] = []
    for change in changes:
        for category in change.categories or (GENERAL,):
            grouped.setdefault(category, []).append(change)
    return grouped


def _deadline_changes(pack: ContentPack, since: date) -> list[Change]:
    return [
        Change(
            "deadline",
            deadline.id,
            step.date,
            tuple(str(c) for c in deadline.categories),
            deadline.title,
            status=str(step.status),
            note=step.note,
            source=step.source,
        )
        for deadline in pack.deadlines
        for step in deadline.history
        if step.date >= since
    ]


def _topic_changes(pack: ContentPack, since: date) -> list[Change]:
    changes = []
    for topic in pack.topics.values():
        if topic.as_of < since:
            continue
        shown_in = tuple(str(c.id) for c in pack.categories if topic.id in c.topics.values() or topic.id in c.more)
        titles = {lang: text.title for lang, text in topic.texts.items()}
        versions = {lang: text.sha256 for lang, text in topic.texts.items()}
        changes.append(Change("topic", topic.id, topic.as_of, shown_in, titles, versions=versions))
    return changes


def change_record(change: Change) -> dict[str, Any]:
    """A change as plain JSON data."""
    record: dict[str, Any] = {
        "kind": change.kind,
        "id": change.id,
        "date": change.date.isoformat(),
        "categories": list(change.categories),
        "title": dict(change.title),
    }
    if change.status is not None:
        record["status"] = change.status
    if change.note is not None:
        record["note"] = dict(change.note)
    if change.source is not None:
        source = change.source
        record["source"] = {"url": source.url, "title": source.title, "date": source.date and source.date.isoformat()}
    if change.versions is not None:
        record["sha256"] = dict(change.versions)
    return record
