"""`content/signoffs.yaml`: the reviewers' signed approvals, verified and bound to the texts they name.

The file is a list; each item approves one text in one language by its SHA-256:

    - topic: por-now              # or `record: deadline:<id>` / `contact:<id>` / `category:<id>`
      lang: prs
      role: legal                 # legal | language
      reviewer: amina-k           # an id in reviewers.yaml
      date: 2026-12-06            # the day of the sign-off
      review_by: 2027-06-06       # renew the review by this day
      sha256: 64 hex digits       # of topics/por-now/prs.md (a record: of its text)
      source_sha256: 64 hex       # translations only: of the English text checked against
      signature: base64           # the reviewer's Ed25519 signature over the statement

`rahnama content sign --key` and `rahnama content signoffs export` write these; nobody writes one by
hand (it would not verify). On every load each signature is checked (bot.content.signatures): one
that fails counts for nothing, and `content check` / `content status` say which and why.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from bot.content.errors import Problem
from bot.content.files import read_yaml
from bot.content.model import ContentPack, Topic
from bot.content.record_texts import RecordText, record_texts
from bot.content.review import Rejected, Review, ReviewState, Role, SignOff, required_roles
from bot.content.schema import MISSING, Reader, where_of
from bot.content.signatures import why_not
from bot.domain import Language

SIGNOFFS_FILE = "signoffs.yaml"
SOURCE_LANGUAGE = Language.ENGLISH
RECORD_KINDS = ("category", "deadline", "contact")

_SHA256 = re.compile(r"[0-9a-f]{64}")
_RECORD = re.compile(r"(category|deadline|contact):[a-z0-9]+(?:-[a-z0-9]+)*")
_REQUIRED = ("lang", "role", "reviewer", "date", "review_by", "sha256", "signature")


def read_signoffs(
    root: Path, topic_dirs: set[str], problems: list[Problem], languages: tuple[str, ...]
) -> tuple[SignOff, ...]:
    if not (root / SIGNOFFS_FILE).exists():
        return ()
    reader = Reader(SIGNOFFS_FILE, problems, languages)
    data = read_yaml(root / SIGNOFFS_FILE, PurePosixPath(SIGNOFFS_FILE), problems)
    items = reader.items(data, "", allow_empty=True)
    found = (signoff_from(reader, raw, where_of("", i, raw), topic_dirs) for i, raw in enumerate(items))
    return tuple(s for s in found if s is not None)


def signoff_from(reader: Reader, raw: Any, where: str, topic_dirs: set[str] | None) -> SignOff | None:
    """One sign-off record; `topic_dirs` None: topic ids are not checked against a pack's directories."""
    if isinstance(raw, dict) and ("organisation" in raw or "signature" not in raw):
        reader.report(where, "an unsigned sign-off (written before reviewers had keys): it counts for nothing; "
                      "sign again with `rahnama content sign --key` or in the review workspace")  # fmt: skip
        return None
    subject_key = "record" if isinstance(raw, dict) and "record" in raw else "topic"
    fields = reader.record(raw, where, (subject_key, *_REQUIRED), ("source_sha256",))
    if fields is None:
        return None
    subject = _subject(reader, fields[subject_key], f"{where}.{subject_key}", subject_key, topic_dirs)
    lang = reader.choice(fields["lang"], f"{where}.lang", Language)
    role = reader.choice(fields["role"], f"{where}.role", Role)
    reviewer = reader.ident(fields["reviewer"], f"{where}.reviewer")
    signed_on = reader.date(fields["date"], f"{where}.date")
    review_by = reader.date(fields["review_by"], f"{where}.review_by")
    sha256 = _hash(reader, fields["sha256"], f"{where}.sha256")
    signature = reader.text(fields["signature"], f"{where}.signature")
    source = _source_hash(reader, fields.get("source_sha256", MISSING), f"{where}.source_sha256", lang)
    if lang is not None and role is not None and role not in required_roles(lang):
        reader.report(f"{where}.role", f"'{role}' is not a sign-off {lang.value} texts need")
        role = None
    if signed_on and review_by and review_by <= signed_on:
        reader.report(f"{where}.review_by", f"{review_by} is not after the sign-off date {signed_on}")
        review_by = None
    values = (subject, lang, role, reviewer, signed_on, review_by, sha256)
    if any(v is None for v in values) or source is False or signature is None:
        return None
    return SignOff(*values, source_sha256=source or None, signature=signature)  # type: ignore[arg-type]


def _subject(reader: Reader, value: Any, where: str, key: str, topic_dirs: set[str] | None) -> str | None:
    if key == "record":
        text = reader.text(value, where)
        if text is not None and not _RECORD.fullmatch(text):
            reader.report(where, f"expected <{'|'.join(RECORD_KINDS)}>:<id>, got {text!r}")
            return None
        return text
    topic = reader.ident(value, where)
    if topic is not None and topic_dirs is not None and topic not in topic_dirs:
        reader.report(where, f"no topic directory topics/{topic}/")
        return None
    return topic


def _hash(reader: Reader, value: Any, where: str) -> str | None:
    text = reader.text(value, where)
    if text is not None and not _SHA256.fullmatch(text):
        reader.report(where, "expected a SHA-256: 64 lowercase hex digits (`rahnama content sign` writes it)")
        return None
    return text


def _source_hash(reader: Reader, value: Any, where: str, lang: Language | None) -> str | bool | None:
    """The English text's hash for a translation; None for English; False after a reported problem."""
    if lang is None:
        return False
    if lang is SOURCE_LANGUAGE:
        if value is not MISSING:
            reader.report(where, "only translations record the English text they were checked against")
            return False
        return None
    if value is MISSING:
        reader.report(where, f"missing: a {lang.value} sign-off must name the English text it was checked against")
        return False
    return _hash(reader, value, where) or False


def with_trust(pack: ContentPack) -> ContentPack:
    """The pack with every text's review computed from `pack.trust`: signatures verified against the
    reviewers, sign-offs that count bound to the texts they name. Pure; a new pack."""
    reviewers = pack.trust.all_reviewers()
    records = record_texts(pack)
    counted: list[SignOff] = []
    rejected: list[Rejected] = []
    for signoff in pack.trust.all_signoffs():
        known = signoff.subject in records if signoff.is_record else signoff.subject in pack.topics
        verdict = why_not(signoff, reviewers) if known else Rejected(signoff, f"no text '{signoff.subject}'")
        (rejected.append(verdict) if verdict else counted.append(signoff))
    topics = {topic_id: _topic_reviewed(topic, counted, rejected) for topic_id, topic in pack.topics.items()}
    reviewed_records = {
        record_id: MappingProxyType(
            {lang: _reviewed(text, texts.get(SOURCE_LANGUAGE.value), counted, rejected) for lang, text in texts.items()}
        )
        for record_id, texts in records.items()
    }
    trust = replace(pack.trust, rejected=tuple(rejected))
    return replace(pack, topics=MappingProxyType(topics), records=MappingProxyType(reviewed_records), trust=trust)


def _topic_reviewed(topic: Topic, counted: list[SignOff], rejected: list[Rejected]) -> Topic:
    english = topic.texts.get(SOURCE_LANGUAGE.value)
    texts = {lang: _reviewed(text, english, counted, rejected) for lang, text in topic.texts.items()}
    return replace(topic, texts=MappingProxyType(texts))


def _reviewed(text: Any, english: Any, counted: list[SignOff], rejected: list[Rejected]) -> Any:
    mine = tuple(r for r in rejected if r.signoff.subject == text.topic_id and r.signoff.lang == text.lang)
    return replace(text, review=replace(review_of(text, english, tuple(counted)), rejected=mine))


def review_of(text: Any, english: Any, signoffs: tuple[SignOff, ...]) -> Review:
    """The review of `text` (a TopicText or RecordText) from the sign-offs that count."""
    mine = tuple(s for s in signoffs if s.subject == text.topic_id and s.lang == text.lang)
    source_sha = None if text.lang is SOURCE_LANGUAGE or english is None else english.sha256
    current: dict[Role, date] = {}  # role -> the latest review_by among sign-offs of this exact text
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


def _why_outdated(signoff: SignOff, text: Any, source_sha: str | None) -> str:
    who = f"{signoff.role} sign-off by {signoff.reviewer} ({signoff.signed_on})"
    if signoff.sha256 != text.sha256:
        where = f"{text.topic_id} in {text.path}" if isinstance(text, RecordText) else text.path
        return f"{who} is for another version of {where}"
    return f"{who} was checked against another version of the English text"
