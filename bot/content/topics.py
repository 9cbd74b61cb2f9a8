"""Topic directories: `topics/<id>/meta.yaml` plus one Markdown file per language."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path, PurePosixPath
from types import MappingProxyType

import yaml

from bot.content.errors import Problem
from bot.content.files import read_text, read_yaml
from bot.content.markdown import markdown_problems, split_front_matter
from bot.content.model import Topic, TopicText, Translation
from bot.content.schema import MISSING, Reader, load_yaml, sources
from bot.content.script import script_problems
from bot.domain import Language

SOURCE_LANGUAGE = Language.ENGLISH
TRANSLATION_LABELS: tuple[Translation, ...] = ("draft", "reviewed")


def read_topics(
    root: Path, problems: list[Problem], languages: tuple[str, ...], as_of: date | None
) -> tuple[dict[str, Topic], set[str]]:
    """The topics that are valid, and the ids of every topic directory found (valid or not)."""
    directory = root / "topics"
    if not directory.is_dir():
        problems.append(Problem("topics/", "missing directory"))
        return {}, set()
    topics: dict[str, Topic] = {}
    found: set[str] = set()
    for entry in sorted(directory.iterdir()):
        rel = PurePosixPath("topics", entry.name)
        if not entry.is_dir():
            problems.append(Problem(str(rel), "unexpected file; each topic is a directory"))
            continue
        reader = Reader(f"{rel}/meta.yaml", problems, languages, as_of)
        topic_id = reader.ident(entry.name, "topic directory name")
        if topic_id is None:
            continue
        found.add(topic_id)
        topic = _read_topic(entry, rel, topic_id, problems, languages, as_of)
        if topic is not None:
            topics[topic_id] = topic
    return topics, found


def _read_topic(
    directory: Path,
    rel: PurePosixPath,
    topic_id: str,
    problems: list[Problem],
    languages: tuple[str, ...],
    pack_as_of: date | None,
) -> Topic | None:
    expected = {"meta.yaml", "questions.yaml", *(f"{lang}.md" for lang in languages)}  # bot/content/questions.py
    for entry in sorted(directory.iterdir()):
        if entry.name not in expected:
            problems.append(
                Problem(str(rel / entry.name), f"unexpected file (expected: {', '.join(sorted(expected))})")
            )
    before = len(problems)
    as_of, cited = _read_meta(directory / "meta.yaml", rel / "meta.yaml", problems, languages, pack_as_of)
    texts = {}
    for lang in languages:
        text = _read_text(directory / f"{lang}.md", rel / f"{lang}.md", topic_id, Language(lang), problems)
        if text is not None:
            texts[lang] = text
    if len(problems) > before or as_of is None:
        return None
    return Topic(topic_id, as_of, cited, MappingProxyType(texts))


def _read_meta(
    path: Path,
    rel: PurePosixPath,
    problems: list[Problem],
    languages: tuple[str, ...],
    pack_as_of: date | None,
) -> tuple[date | None, tuple]:
    reader = Reader(str(rel), problems, languages, pack_as_of)
    data = read_yaml(path, rel, problems)
    fields = reader.record(data, "", ("sources", "as_of"))
    if fields is None:
        return None, ()
    as_of = reader.date(fields["as_of"], "as_of")
    if as_of and pack_as_of and as_of > pack_as_of:
        reader.report("as_of", f"{as_of} is after the pack's as_of {pack_as_of}")
    cited = sources(reader, fields["sources"], "sources", dated=False)
    for i, source in enumerate(cited):
        if as_of and source.date and source.date > as_of:
            reader.report(f"sources[{i}].date", f"{source.date} is after the topic's as_of {as_of}")
    return as_of, cited


def _read_text(
    path: Path, rel: PurePosixPath, topic_id: str, lang: Language, problems: list[Problem]
) -> TopicText | None:
    if not path.is_file():
        problems.append(Problem(str(rel), f"missing: every topic needs a {lang.value}.md"))
        return None
    read = read_text(path, rel, problems)
    if read is None:
        return None
    raw, text = read
    parts = split_front_matter(text)
    if parts is None:
        problems.append(Problem(str(rel), "must start with front matter: a '---' line, 'title: …', a '---' line"))
        return None
    front, raw_body, first_line = parts
    body = raw_body.strip()
    first_line += raw_body[: len(raw_body) - len(raw_body.lstrip())].count("\n")
    reader = Reader(str(rel), problems, (lang.value,))
    try:
        meta = load_yaml(front)
    except yaml.YAMLError as error:
        reader.report("front matter", f"not valid YAML: {error}")
        return None
    fields = reader.record(meta, "front matter", ("title",), ("translation", "translated_from"))
    if fields is None:
        return None
    title = reader.text(fields["title"], "title")
    for message in script_problems(title or "", lang.value):
        reader.report("title", message)
    translation = _translation(reader, fields, lang)
    if not body:
        reader.report("body", "the text is empty")
    for message in markdown_problems(body, first_line) + script_problems(body, lang.value):
        reader.report("body", message)
    if title is None or translation is None or not body:
        return None
    return TopicText(topic_id, lang, title, body, rel, translation, hashlib.sha256(raw).hexdigest())


def _translation(reader: Reader, fields: dict, lang: Language) -> Translation | None:
    label = fields.get("translation", MISSING)
    source = fields.get("translated_from", MISSING)
    if lang is SOURCE_LANGUAGE:
        if source is not MISSING or label not in (MISSING, "source"):
            reader.report("front matter", f"{lang.value} is the source language: no translation labels")
            return None
        return "source"
    if label not in TRANSLATION_LABELS:
        if label is MISSING:
            reader.report("translation", "missing: write 'translation: draft' until a reviewer approves")
        else:
            reader.report("translation", f"must be one of {', '.join(TRANSLATION_LABELS)} (got {label!r})")
        return None
    if source != SOURCE_LANGUAGE.value:
        reader.report("translated_from", f"must be '{SOURCE_LANGUAGE.value}'")
        return None
    return label
