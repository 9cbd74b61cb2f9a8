"""The words people read that live in records rather than topic files: category names, deadline
titles and notes, contact descriptions and hours. They are content like the topics, so reviewers
sign them the same way, one record in one language at a time, by the SHA-256 of its exact text.

A record's text is its localised fields in a fixed order, one per line (the order below); that
string is what the review workspace shows and what a sign-off's `sha256` names. Record ids are
`category:<id>`, `deadline:<id>` and `contact:<id>`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from types import MappingProxyType

from bot.content.model import ContentPack, Localised, RecordText

__all__ = ["RecordText", "record_texts"]


def record_texts(pack: ContentPack) -> Mapping[str, Mapping[str, RecordText]]:
    """Every record's text by record id, then language."""
    found: dict[str, Mapping[str, RecordText]] = {}
    for record_id, file, title, parts in _records(pack):
        texts = {}
        for lang in pack.languages:
            body = "\n".join(part[lang.value] for part in parts if part is not None and part.get(lang.value))
            name = title if isinstance(title, str) else title[lang.value]
            sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
            texts[lang.value] = RecordText(record_id, lang, name, body, PurePosixPath(file), sha)
        found[record_id] = MappingProxyType(texts)
    return MappingProxyType(found)


def _records(pack: ContentPack) -> Iterator[tuple[str, str, str | Localised, list[Localised | None]]]:
    for category in pack.categories:
        yield f"category:{category.id}", "categories.yaml", category.name, [category.name, category.label]
    for deadline in pack.deadlines:
        notes: list[Localised | None] = [change.note for change in deadline.history]
        yield f"deadline:{deadline.id}", "deadlines.yaml", deadline.title, [deadline.title, *notes]
    for contact in pack.contacts:
        yield f"contact:{contact.id}", "contacts.yaml", contact.organisation, [contact.description, contact.hours]
