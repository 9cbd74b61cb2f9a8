"""Every piece of text and every source of a loaded pack, each with the file and place it is in,
so whole-pack checks look at all of it and say where a problem is."""

from __future__ import annotations

from collections.abc import Iterator

from bot.content.model import ContentPack, Localised, Source

Found = tuple[str, str, str]
"""(file, place in the file, text)."""


def texts(pack: ContentPack) -> Iterator[Found]:
    """User-facing text: topic titles and bodies, and every localised field of the YAML files."""
    for topic in pack.topics.values():
        for text in topic.texts.values():
            yield str(text.path), "title", text.title
            yield str(text.path), "body", text.body
    for category in pack.categories:
        yield from _localised("categories.yaml", f"{category.id}.name", category.name)
        yield from _localised("categories.yaml", f"{category.id}.label", category.label)
    for deadline in pack.deadlines:
        yield from _localised("deadlines.yaml", f"{deadline.id}.title", deadline.title)
        for i, change in enumerate(deadline.history):
            yield from _localised("deadlines.yaml", f"{deadline.id}.history[{i}].note", change.note)
    for region in pack.regions:
        yield from _localised("contacts.yaml", f"regions {region.id}.name", region.name)
    for contact in pack.contacts:
        yield "contacts.yaml", f"{contact.id}.organisation", contact.organisation
        yield from _localised("contacts.yaml", f"{contact.id}.description", contact.description)
        if contact.hours:
            yield from _localised("contacts.yaml", f"{contact.id}.hours", contact.hours)


def sources(pack: ContentPack) -> Iterator[tuple[str, str, Source]]:
    """Every cited source: (file, place, source)."""
    for topic in pack.topics.values():
        for i, source in enumerate(topic.sources):
            yield f"topics/{topic.id}/meta.yaml", f"sources[{i}]", source
    for deadline in pack.deadlines:
        for i, source in enumerate(deadline.sources):
            yield "deadlines.yaml", f"{deadline.id}.sources[{i}]", source
        for i, change in enumerate(deadline.history):
            yield "deadlines.yaml", f"{deadline.id}.history[{i}].source", change.source
    for contact in pack.contacts:
        yield "contacts.yaml", f"{contact.id}.source", contact.source
        for i, source in enumerate(contact.more_sources):
            yield "contacts.yaml", f"{contact.id}.more_sources[{i}]", source


def _localised(file: str, where: str, value: Localised) -> Iterator[Found]:
    for lang, text in value.items():
        yield file, f"{where}.{lang}", text
