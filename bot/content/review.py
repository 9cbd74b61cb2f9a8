"""Review records: who approved exactly which text, and what that makes each text's state.

A state is never typed by hand. It is computed from `content/signoffs.yaml` and the files' SHA-256
when the pack loads (`bot.content.signoffs`), and only the expiry date is compared later, against
the day the text is about to be shown:

- `draft`: a required sign-off is missing (nobody approved this version, or only one of two keys);
- `signed`: every required sign-off names the current file (and, for a translation, the current
  English file it was checked against);
- `stale`: someone approved an earlier version of the file, or of its English source;
- `expired`: signed, but the day is past the `review_by` date of a sign-off it relies on.
"""

from __future__ import annotations

import base64
import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bot.domain import Language

REVIEW_MONTHS = 6
"""A sign-off holds for this many months unless it names its own `review_by` date: the situation
of Afghans in Pakistan changes fast, so an approval must be renewed, not kept forever."""


class ReviewState(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    STALE = "stale"
    EXPIRED = "expired"


class Role(StrEnum):
    LEGAL = "legal"  # a lawyer or legal-aid reviewer: the facts and the advice are right
    LANGUAGE = "language"  # a native speaker: the translation says what the English says


@dataclass(frozen=True, slots=True)
class Reviewer:
    id: str
    name: str
    organisation: str
    roles: tuple[Role, ...]
    languages: tuple[Language, ...]
    public_key: str
    """Base64 of the raw 32-byte Ed25519 public key (what WebCrypto exports as "raw")."""
    added: date
    revoked: date | None = None

    def key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(self.public_key))

    def record(self) -> dict[str, Any]:
        """The reviewer as a reviewers.yaml item."""
        item: dict[str, Any] = {
            "id": self.id, "name": self.name, "organisation": self.organisation,
            "roles": [r.value for r in self.roles], "languages": [lang.value for lang in self.languages],
            "public_key": self.public_key, "added": self.added.isoformat(),
        }  # fmt: skip
        if self.revoked:
            item["revoked"] = self.revoked.isoformat()
        return item


def required_roles(lang: Language | str) -> tuple[Role, ...]:
    """English, the source, needs the legal key; a translation needs the legal and the language key."""
    return (Role.LEGAL,) if Language(lang) is Language.ENGLISH else (Role.LEGAL, Role.LANGUAGE)


def default_review_by(signed_on: date, months: int = REVIEW_MONTHS) -> date:
    """`months` calendar months after `signed_on`, on the month's last day when that day is missing."""
    month_index = signed_on.month - 1 + months
    year, month = signed_on.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(signed_on.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class SignOff:
    """One reviewer's signed approval of one text, as recorded in content/signoffs.yaml (or stored by
    the review workspace). It counts only if its signature verifies against the reviewer's key in
    reviewers.yaml and that reviewer holds its role and language (bot.content.signatures)."""

    subject: str
    """A topic id (`por-now`), or a record id: `deadline:<id>`, `contact:<id>`, `category:<id>`."""
    lang: Language
    role: Role
    reviewer: str
    """The reviewer's id in reviewers.yaml."""
    signed_on: date
    review_by: date
    sha256: str
    """Hex SHA-256 of the approved text: a topic's file bytes, or a record's text (bot.content.record_texts)."""
    source_sha256: str | None = None
    """For a translation: the SHA-256 of the English text it was checked against."""
    signature: str = ""
    """Base64 of the reviewer's Ed25519 signature over the canonical statement."""

    @property
    def topic(self) -> str:
        return self.subject

    @property
    def is_record(self) -> bool:
        return ":" in self.subject


@dataclass(frozen=True, slots=True)
class Rejected:
    """A sign-off that counts for nothing, and why (shown by `content check` and `content status`)."""

    signoff: SignOff
    why: str
    revoked: bool = False
    """Only the reviewer was revoked: a note, not a fault in the file."""


@dataclass(frozen=True, slots=True)
class Review:
    """The review of one text (one topic in one language), computed once when the pack loads."""

    state: ReviewState = ReviewState.DRAFT
    """From the hashes alone; `state_on(day)` adds expiry."""
    signoffs: tuple[SignOff, ...] = ()
    """Every sign-off recorded for this topic and language, current or not, oldest first."""
    current_roles: tuple[Role, ...] = ()
    """Roles with a sign-off that names this exact file (and this exact English source)."""
    missing: tuple[Role, ...] = ()
    """Required roles with no sign-off at all for this text."""
    outdated: tuple[str, ...] = ()
    """Why a sign-off no longer holds, one line per role (the reason for `stale`)."""
    review_by: date | None = None
    """For a signed text: the day its review must be renewed by."""
    rejected: tuple[Rejected, ...] = ()
    """Sign-offs recorded for this text that count for nothing (bad signature, unknown reviewer…)."""

    def state_on(self, day: date) -> ReviewState:
        if self.state is ReviewState.SIGNED and self.review_by is not None and day > self.review_by:
            return ReviewState.EXPIRED
        return self.state


DRAFT = Review()
"""A text nobody has signed off: the review of every text in a pack without sign-offs."""


@dataclass(frozen=True, slots=True)
class Trust:
    """Who may sign and what they signed: the pack's files, plus what the review workspace added
    since the pack was loaded (approved reviewers and stored sign-offs, kept in Redis)."""

    reviewers: tuple[Reviewer, ...] = ()
    """From reviewers.yaml."""
    signoffs: tuple[SignOff, ...] = ()
    """From signoffs.yaml."""
    live_reviewers: tuple[Reviewer, ...] = ()
    live_signoffs: tuple[SignOff, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    """Every sign-off that counts for nothing, and why; computed with the reviews."""

    def all_reviewers(self) -> dict[str, Reviewer]:
        """By id; the file wins over a live record of the same id (a revocation there holds)."""
        found = {r.id: r for r in self.live_reviewers}
        found.update({r.id: r for r in self.reviewers})
        return found

    def all_signoffs(self) -> tuple[SignOff, ...]:
        """File first, then live; a sign-off exported to the file and still stored counts once."""
        seen: dict[tuple[str, str], SignOff] = {}
        for signoff in (*self.signoffs, *self.live_signoffs):
            seen.setdefault((signoff.signature, signoff.sha256), signoff)
        return tuple(seen.values())
