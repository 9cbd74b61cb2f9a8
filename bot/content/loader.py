"""`load_pack`: read a content pack once, check all of it, return it immutable or list every problem."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from bot.content.card_picks import read_card_texts
from bot.content.errors import ContentError, Problem
from bot.content.files import read_yaml
from bot.content.model import NO_CARD_TEXTS, ContentPack
from bot.content.questions import attach_questions, read_emergency
from bot.content.records import (
    read_categories,
    read_contacts,
    read_deadlines,
    read_pack_meta,
    read_regions,
    read_review_every_days,
    read_sensitive_topics,
)
from bot.content.review import Trust
from bot.content.reviewers import read_reviewers
from bot.content.schema import MISSING, Reader
from bot.content.signoffs import read_signoffs, with_trust
from bot.content.topics import read_topics
from bot.content.validate import check_phone_numbers, check_topic_references
from bot.domain import Language

ALL_LANGUAGES = tuple(lang.value for lang in Language)


def load_pack(path: Path) -> ContentPack:
    """Read and validate the pack in `path`; raise `ContentError` listing every problem found."""
    root = Path(path)
    if not root.is_dir():
        raise ContentError([Problem(str(root), "not a directory")])
    problems: list[Problem] = []

    def data(name: str) -> Any:
        return read_yaml(root / name, PurePosixPath(name), problems)

    meta, meta_reader = data("pack.yaml"), Reader("pack.yaml", problems, ALL_LANGUAGES)
    as_of, languages, reminder_days = read_pack_meta(meta_reader, meta)
    sensitive = read_sensitive_topics(meta_reader, meta)
    review_every_days = read_review_every_days(meta_reader, meta)

    def reader(name: str) -> Reader:
        return Reader(name, problems, ALL_LANGUAGES, as_of)

    categories = read_categories(reader("categories.yaml"), data("categories.yaml"))
    deadlines = read_deadlines(reader("deadlines.yaml"), data("deadlines.yaml"), as_of)
    contacts_reader = reader("contacts.yaml")
    contacts_file = contacts_reader.record(data("contacts.yaml"), "", ("regions", "contacts")) or {}
    regions = read_regions(contacts_reader, contacts_file.get("regions", MISSING))
    contacts = read_contacts(contacts_reader, contacts_file.get("contacts", MISSING), regions, as_of)
    topics, topic_dirs = read_topics(root, problems, ALL_LANGUAGES, as_of)
    trust = Trust(read_reviewers(root, problems), read_signoffs(root, topic_dirs, problems, ALL_LANGUAGES))
    topics = attach_questions(root, topics, topic_dirs, problems)  # questions.yaml: the typed-question lexicon
    emergency = read_emergency(root, problems)
    # Optional for loading (no card is offered without it); `content check` wants one per category and checks picks.
    cards = NO_CARD_TEXTS
    if (root / "cards.yaml").exists():
        cards = read_card_texts(reader("cards.yaml"), data("cards.yaml"))
    problems += check_topic_references(categories, topic_dirs)
    problems += [
        Problem("pack.yaml", f"sensitive_topics: no topic '{topic_id}'") for topic_id in sorted(sensitive - set(topics))
    ]
    if all(p.file != "contacts.yaml" for p in problems):
        # Against a broken contacts.yaml every number would look unknown: report that file only.
        problems += check_phone_numbers(topics, contacts)

    if problems or as_of is None:
        raise ContentError(problems)
    pack = ContentPack(
        as_of=as_of,
        languages=languages,
        reminder_days=reminder_days,
        review_every_days=review_every_days,
        sensitive_topics=sensitive,
        categories=categories,
        topics=MappingProxyType(topics),
        deadlines=deadlines,
        regions=regions,
        contacts=contacts,
        emergency=emergency,
        trust=trust,
        cards=cards,
    )
    return with_trust(pack)  # every signature verified against reviewers.yaml, once per load
