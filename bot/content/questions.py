"""The typed-question lexicon: `topics/<id>/questions.yaml` and `emergency.yaml`.

Both are data for content editors, keyed by lexicon language: the pack's languages plus Urdu ("ur")
and "roman" (Dari, Pashto or Urdu written in Latin letters), because that is how people type.
Problems are collected like everywhere else in the pack; nothing is guessed or dropped silently.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from bot.content.errors import Problem
from bot.content.files import read_yaml
from bot.content.model import Questions, Topic
from bot.content.schema import MISSING, Reader

LEXICON_LANGUAGES = ("en", "prs", "ps", "ur", "roman")
LATIN_LANGUAGES = frozenset({"en", "roman"})
QUESTIONS_FILE = "questions.yaml"
EMERGENCY_FILE = "emergency.yaml"

_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]")

Phrases = Mapping[str, tuple[str, ...]]


def attach_questions(
    root: Path, topics: Mapping[str, Topic], topic_dirs: Iterable[str], problems: list[Problem]
) -> dict[str, Topic]:
    """`topics` with their questions.yaml read in. The file is optional, but checked in every topic
    directory, also of topics that are broken otherwise, so all its problems show at once."""
    result = dict(topics)
    for topic_id in sorted(topic_dirs):
        rel = PurePosixPath("topics", topic_id, QUESTIONS_FILE)
        if not (root / rel).is_file():
            continue
        questions = read_questions(root / rel, rel, problems)
        if questions is not None and topic_id in result:
            result[topic_id] = dataclasses.replace(result[topic_id], questions=questions)
    return result


def read_questions(path: Path, rel: PurePosixPath, problems: list[Problem]) -> Questions | None:
    reader = Reader(str(rel), problems, LEXICON_LANGUAGES)
    before = len(problems)
    fields = reader.record(read_yaml(path, rel, problems), "", ("keywords",), ("examples",))
    if fields is None:
        return None
    keywords = _phrases(reader, fields["keywords"], "keywords")
    examples = _phrases(reader, fields.get("examples", {}), "examples")
    if fields["keywords"] is not MISSING and not any(keywords.values()):
        reader.report("keywords", "no keyword in any language")
    return Questions(keywords, examples) if len(problems) == before else None


def read_emergency(root: Path, problems: list[Problem]) -> Phrases:
    """Emergency phrases; every lexicon language is required, so no group of users is missed."""
    rel = PurePosixPath(EMERGENCY_FILE)
    reader = Reader(str(rel), problems, LEXICON_LANGUAGES)
    return _phrases(reader, read_yaml(root / rel, rel, problems), "", required=LEXICON_LANGUAGES)


def _phrases(reader: Reader, value: Any, where: str, required: tuple[str, ...] = ()) -> Phrases:
    optional = tuple(lang for lang in LEXICON_LANGUAGES if lang not in required)
    fields = reader.record(value, where, required, optional)
    found: dict[str, tuple[str, ...]] = {}
    for lang, raw in (fields or {}).items():
        place = f"{where}.{lang}" if where else lang
        texts = [reader.text(item, f"{place}[{i}]") for i, item in enumerate(reader.items(raw, place))]
        for i, text in enumerate(texts):
            if text is not None and (message := _script_problem(text, lang)):
                reader.report(f"{place}[{i}]", f"{text!r} {message}")
        _report_duplicates(reader, place, texts)
        found[lang] = tuple(t for t in texts if t is not None)
    return MappingProxyType(found)


def _script_problem(text: str, lang: str) -> str | None:
    # A phrase filed under the wrong language is a sign of a copy-paste slip; Latin acronyms such
    # as "PoR" are fine inside Dari, Pashto and Urdu phrases.
    has_arabic = bool(_ARABIC_LETTER.search(text))
    if lang in LATIN_LANGUAGES and has_arabic:
        return f"is in Arabic script; {lang} phrases are written in Latin letters"
    if lang not in LATIN_LANGUAGES and not has_arabic:
        return f"has no Arabic-script letter; {lang} phrases are written in {lang} script"
    return None


def _report_duplicates(reader: Reader, place: str, texts: list[str | None]) -> None:
    seen: set[str] = set()
    for i, text in enumerate(texts):
        if text is None:
            continue
        key = " ".join(text.casefold().split())
        if key in seen:
            reader.report(f"{place}[{i}]", f"{text!r} is listed twice")
        seen.add(key)
