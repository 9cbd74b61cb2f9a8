"""Checks that span files: what categories point at exists, and every phone number a text shows
comes from contacts.yaml, where it carries its source and date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.content.errors import Problem
from bot.content.model import Category, Contact, Topic
from bot.content.script import digits_of, phone_numbers

REQUIRED_TOPICS = ("about", "contacts-note")
"""Topics the bot shows outside any category."""


def check_topic_references(categories: Iterable[Category], topic_dirs: set[str]) -> list[Problem]:
    problems = []
    for category in categories:
        for role, topic_id in category.topics.items():
            if topic_id not in topic_dirs:
                problems.append(
                    Problem(
                        "categories.yaml",
                        f"{category.id}.topics.{role}: no topic directory topics/{topic_id}/",
                    )
                )
        for topic_id in category.more:
            if topic_id not in topic_dirs:
                message = f"{category.id}.more: no topic directory topics/{topic_id}/"
                problems.append(Problem("categories.yaml", message))
    for topic_id in REQUIRED_TOPICS:
        if topic_id not in topic_dirs:
            problems.append(Problem(f"topics/{topic_id}/", "missing: the bot needs this topic"))
    return problems


def check_phone_numbers(topics: Mapping[str, Topic], contacts: Iterable[Contact]) -> list[Problem]:
    known: set[str] = set()
    for contact in contacts:
        known.update(digits_of(part) for phone in contact.phones for part in phone.split("/"))
        known.update(digits_of(n) for text in contact.description.values() for n in phone_numbers(text))
    problems = []
    for topic in topics.values():
        for text in topic.texts.values():
            for number in phone_numbers(text.body):
                if digits_of(number) not in known:
                    problems.append(Problem(str(text.path), f"phone number {number.strip()!r} is not in contacts.yaml"))
    return problems
