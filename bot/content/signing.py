"""Recording a sign-off: the reviewer approves the text as it is on disk now, by its SHA-256."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from bot.content.model import ContentPack
from bot.content.review import Role, SignOff, default_review_by, required_roles
from bot.content.schema import load_yaml
from bot.content.signoffs import SIGNOFFS_FILE, SOURCE_LANGUAGE
from bot.domain import Language

_HEADER = "# Reviewers' sign-offs (content/README.md). Written by `rahnama content sign`.\n"


class SignError(ValueError):
    """The sign-off asked for cannot be recorded (unknown topic, a role the language does not need…)."""


def signoff_for(
    pack: ContentPack,
    topic_id: str,
    lang: Language,
    role: Role,
    reviewer: str,
    organisation: str,
    signed_on: date,
    review_by: date | None = None,
) -> SignOff:
    """A sign-off of the text currently loaded in `pack` (so its hashes are the files' hashes now)."""
    topic = pack.topic(topic_id)
    if topic is None:
        raise SignError(f"no topic '{topic_id}'")
    if role not in required_roles(lang):
        raise SignError(f"{lang.value} texts need {' and '.join(required_roles(lang))} sign-offs, not '{role}'")
    if not reviewer.strip() or not organisation.strip():
        raise SignError("the reviewer's name and organisation are required")
    review_by = review_by or default_review_by(signed_on)
    if review_by <= signed_on:
        raise SignError(f"review-by date {review_by} must be after the sign-off date {signed_on}")
    source = None if lang is SOURCE_LANGUAGE else topic.text(SOURCE_LANGUAGE).sha256
    text = topic.text(lang)
    return SignOff(
        topic_id, lang, role, reviewer.strip(), organisation.strip(), signed_on, review_by, text.sha256, source
    )


def append_signoff(root: Path, signoff: SignOff) -> None:
    """Append one item to signoffs.yaml, keeping the file's comments and earlier items as they are."""
    path = root / SIGNOFFS_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    if load_yaml(text) == []:
        # The empty list is written `[]`; block items cannot follow it, so that one line goes.
        text = "".join(line for line in text.splitlines(keepends=True) if line.strip() != "[]")
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "\n" + _dump(signoff), encoding="utf-8")


def _dump(signoff: SignOff) -> str:
    item: dict[str, object] = {
        "topic": signoff.topic,
        "lang": signoff.lang.value,
        "role": signoff.role.value,
        "reviewer": signoff.reviewer,
        "organisation": signoff.organisation,
        "date": signoff.signed_on,
        "review_by": signoff.review_by,
        "sha256": signoff.sha256,
    }
    if signoff.source_sha256:
        item["source_sha256"] = signoff.source_sha256
    return yaml.safe_dump([item], sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
