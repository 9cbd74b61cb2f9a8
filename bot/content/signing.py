"""Making a sign-off: a statement about one text as it is loaded now, signed with the reviewer's key.

The key tells who signs: the reviewer is the one in reviewers.yaml whose public key matches it.
`append_signoff` keeps signoffs.yaml's comments and earlier items as they are.
"""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bot.content.model import ContentPack
from bot.content.review import Role, SignOff, default_review_by, required_roles
from bot.content.reviewers import Reviewer
from bot.content.schema import load_yaml
from bot.content.signatures import sign, statement, why_not
from bot.content.signoffs import SIGNOFFS_FILE, SOURCE_LANGUAGE
from bot.content.status import texts_of
from bot.domain import Language

_HEADER = "# Reviewers' sign-offs (content/README.md). Written by `rahnama content sign` and `signoffs export`.\n"


class SignError(ValueError):
    """The sign-off asked for cannot be made (unknown text, a role the language does not need…)."""


def reviewer_of(pack: ContentPack, key: Ed25519PrivateKey) -> Reviewer:
    public = base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
    found = [r for r in pack.trust.all_reviewers().values() if r.public_key == public]
    if not found:
        raise SignError("this key belongs to no reviewer in reviewers.yaml (the owner adds reviewers)")
    return found[0]


def unsigned(
    pack: ContentPack, subject: str, lang: Language, role: Role, reviewer: str, signed_on: date,
    review_by: date | None = None,
) -> SignOff:  # fmt: skip
    """The statement about the text of `subject` in `lang` as loaded in `pack`, not yet signed."""
    texts = texts_of(pack, subject)
    if not texts:
        raise SignError(f"no topic or record '{subject}'")
    if role not in required_roles(lang):
        raise SignError(f"{lang.value} texts need {' and '.join(required_roles(lang))} sign-offs, not '{role}'")
    review_by = review_by or default_review_by(signed_on)
    if review_by <= signed_on:
        raise SignError(f"review-by date {review_by} must be after the sign-off date {signed_on}")
    source = None if lang is SOURCE_LANGUAGE else texts[SOURCE_LANGUAGE.value].sha256
    return SignOff(subject, lang, role, reviewer, signed_on, review_by, texts[lang.value].sha256, source)


def signoff_for(
    pack: ContentPack, subject: str, lang: Language, role: Role, key: Ed25519PrivateKey, signed_on: date,
    review_by: date | None = None,
) -> SignOff:  # fmt: skip
    """A signed sign-off of the current text; refused unless it would count."""
    reviewer = reviewer_of(pack, key)
    signoff = sign(unsigned(pack, subject, lang, role, reviewer.id, signed_on, review_by), key)
    rejected = why_not(signoff, pack.trust.all_reviewers())
    if rejected is not None:
        raise SignError(rejected.why)
    return signoff


def signoff_record(signoff: SignOff) -> dict[str, Any]:
    """The sign-off as a signoffs.yaml item: the signed statement's fields (without its tag) and the signature."""
    item = {key: value for key, value in statement(signoff).items() if key != "statement"}
    item["signature"] = signoff.signature
    return item


def append_signoffs(root: Path, signoffs: list[SignOff]) -> None:
    """Append items to signoffs.yaml, keeping the file's comments and earlier items as they are."""
    path = root / SIGNOFFS_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    if load_yaml(text) == []:
        # The empty list is written `[]`; block items cannot follow it, so that one line goes.
        text = "".join(line for line in text.splitlines(keepends=True) if line.strip() != "[]")
    if text and not text.endswith("\n"):
        text += "\n"
    items = "".join("\n" + _dump(signoff) for signoff in signoffs)
    path.write_text(text + items, encoding="utf-8")


def append_signoff(root: Path, signoff: SignOff) -> None:
    append_signoffs(root, [signoff])


def _dump(signoff: SignOff) -> str:
    item = signoff_record(signoff) | {"date": signoff.signed_on, "review_by": signoff.review_by}  # unquoted
    return yaml.safe_dump([item], sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
