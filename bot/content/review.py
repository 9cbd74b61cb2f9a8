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

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

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
    """One reviewer's approval of one file, as recorded in content/signoffs.yaml."""

    topic: str
    lang: Language
    role: Role
    reviewer: str
    organisation: str
    signed_on: date
    review_by: date
    sha256: str
    """Hex SHA-256 of the approved file's bytes."""
    source_sha256: str | None = None
    """For a translation: the SHA-256 of the English file it was checked against."""


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

    def state_on(self, day: date) -> ReviewState:
        if self.state is ReviewState.SIGNED and self.review_by is not None and day > self.review_by:
            return ReviewState.EXPIRED
        return self.state


DRAFT = Review()
"""A text nobody has signed off: the review of every text in a pack without sign-offs."""
