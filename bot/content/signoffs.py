"""`content/signoffs.yaml`: the reviewers' approvals, read once and bound to the texts they name.

The file is a list; each item approves one file (one topic in one language) by its SHA-256:

    - topic: por-now
      lang: prs
      role: legal                 # legal | language
      reviewer: Full Name
      organisation: Partner organisation
      date: 2026-02-01            # the day of the sign-off
      review_by: 2026-08-01       # renew the review by this day
      sha256: 64 hex digits       # of topics/por-now/prs.md
      source_sha256: 64 hex       # translations only: of topics/por-now/en.md as checked against

`rahnama content sign` writes these records; nobody needs to compute a hash by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from bot.content.errors import Problem
from bot.content.files import read_yaml
from bot.content.model import Topic, TopicText
from bot.content.review import Review, ReviewState, Role, SignOff, required_roles
from bot.content.schema import MISSING, Reader, where_of
from bot.domain import Language

SIGNOFFS_FILE = "signoffs.yaml"
SOURCE_LANGUAGE = Language.ENGLISH

_SHA256 = re.compile(r"[0-9a-f]{64}")
_REQUIRED = ("topic", "lang", "role", "reviewer", "organisation", "date", "review_by", "sha256")


def attach_reviews(
    root: Path, topics: Mapping[str, Topic], topic_dirs: set[str], problems: list[Problem], languages: tuple[str, ...]
) -> dict[str, Topic]:
    """The topics with every text's review computed from signoffs.yaml (a missing file: no sign-offs)."""
    signoffs = read_signoffs(root, topic_dirs, problems, languages)
    return {topic_id: with_reviews(topic, signoffs) for topic_id, topic in topics.items()}


def read_signoffs(
    root: Path, topic_dirs: set[str], problems: list[Problem], languages: tuple[str, ...]
) -> tuple[SignOff, ...]:
    if not (root / SIGNOFFS_FILE).exists():
        return ()
    reader = Reader(SIGNOFFS_FILE, problems, languages)
    data = read_yaml(root / SIGNOFFS_FILE, PurePosixPath(SIGNOFFS_FILE), problems)
    found = (_signoff(reader, raw, i, topic_dirs) for i, raw in enumerate(reader.items(data, "", allow_empty=True)))
    return tuple(s for s in found if s is not None)


def _signoff(reader: Reader, raw: Any, i: int, topic_dirs: set[str]) -> SignOff | None:
    where = where_of("", i, raw)
    fields = reader.record(raw, where, _REQUIRED, ("source_sha256",))
    if fields is None:
        return None
    topic = reader.ident(fields["topic"], f"{where}.topic")
    if topic is not None and topic not in topic_dirs:
        reader.report(f"{where}.topic", f"no topic directory topics/{topic}/")
        topic = None
    lang = reader.choice(fields["lang"], f"{where}.lang", Language)
    role = reader.choice(fields["role"], f"{where}.role", Role)
    reviewer = reader.text(fields["reviewer"], f"{where}.reviewer")
    organisation = reader.text(fields["organisation"], f"{where}.organisation")
    signed_on = reader.date(fields["date"], f"{where}.date")
    review_by = reader.date(fields["review_by"], f"{where}.review_by")
    sha256 = _hash(reader, fields["sha256"], f"{where}.sha256")
    source = _source_hash(reader, fields.get("source_sha256", MISSING), f"{where}.source_sha256", lang)
    if lang is not None and role is not None and role not in required_roles(lang):
        reader.report(f"{where}.role", f"'{role}' is not a sign-off {lang.value} texts need")
        role = None
    if signed_on and review_by and review_by <= signed_on:
        reader.report(f"{where}.review_by", f"{review_by} is not after the sign-off date {signed_on}")
        review_by = None
    values = (topic, lang, role, reviewer, organisation, signed_on, review_by, sha256)
    if any(v is None for v in values) or source is False:
        return None
    return SignOff(*values, source_sha256=source or None)  # type: ignore[arg-type]


def _hash(reader: Reader, value: Any, where: str) -> str | None:
    text = reader.text(value, where)
    if text is not None and not _SHA256.fullmatch(text):
        reader.report(where, "expected a SHA-256: 64 lowercase hex digits (`rahnama content sign` writes it)")
        return None
    return text


def _source_hash(reader: Reader, value: Any, where: str, lang: Language | None) -> str | bool | None:
    """The English file's hash for a translation; None for English; False after a reported problem."""
    if lang is None:
        return False
    if lang is SOURCE_LANGUAGE:
        if value is not MISSING:
            reader.report(where, "only translations record the English file they were checked against")
            return False
        return None
    if value is MISSING:
        reader.report(where, f"missing: a {lang.value} sign-off must name the English file it was checked against")
        return False
    return _hash(reader, value, where) or False


def with_reviews(topic: Topic, signoffs: tuple[SignOff, ...]) -> Topic:
    english = topic.texts.get(SOURCE_LANGUAGE.value)
    texts = {lang: replace(text, review=review_of(text, english, signoffs)) for lang, text in topic.texts.items()}
    return replace(topic, texts=MappingProxyType(texts))


def review_of(text: TopicText, english: TopicText | None, signoffs: tuple[SignOff, ...]) -> Review:
    """The review of `text` from every sign-off recorded (see bot.content.review for the states)."""
    mine = tuple(s for s in signoffs if s.topic == text.topic_id and s.lang == text.lang)
    source_sha = None if text.lang is SOURCE_LANGUAGE or english is None else english.sha256
    current: dict[Role, date] = {}  # role -> the latest review_by among sign-offs of this exact file
    missing: list[Role] = []
    outdated: list[str] = []
    for role in required_roles(text.lang):
        of_role = [s for s in mine if s.role is role]
        renew_by = [s.review_by for s in of_role if s.sha256 == text.sha256 and s.source_sha256 == source_sha]
        if renew_by:
            current[role] = max(renew_by)
        elif of_role:
            outdated.append(_why_outdated(of_role[-1], text, source_sha))
        else:
            missing.append(role)
    if outdated:
        state = ReviewState.STALE
    elif missing:
        state = ReviewState.DRAFT
    else:
        state = ReviewState.SIGNED
    review_by = min(current.values()) if state is ReviewState.SIGNED else None
    return Review(state, mine, tuple(current), tuple(missing), tuple(outdated), review_by)


def _why_outdated(signoff: SignOff, text: TopicText, source_sha: str | None) -> str:
    who = f"{signoff.role} sign-off by {signoff.reviewer} ({signoff.signed_on})"
    if signoff.sha256 != text.sha256:
        return f"{who} is for another version of {text.path}"
    return f"{who} was checked against another version of the English text"
