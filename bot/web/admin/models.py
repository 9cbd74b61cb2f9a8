"""Typed requests and responses of the admin API, so its OpenAPI schema says exactly what it does."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from bot.content.review import ReviewState, Role
from bot.domain import DocumentCategory, Language

MESSAGE_MAX_CHARS = 8000  # two Telegram messages: a broadcast should be short enough to read on a lock screen


class Problem(BaseModel):
    detail: str


class ContentProblems(BaseModel):
    detail: str
    problems: list[str]


# --- content ---------------------------------------------------------------------------------------


class SignOffOut(BaseModel):
    role: Role
    reviewer: str
    organisation: str
    signed_on: date
    review_by: date
    current: bool = Field(description="it names the current file (and, for a translation, the current English)")


class TextStatus(BaseModel):
    topic: str
    lang: Language
    title: str
    state: ReviewState
    review_by: date | None
    expires_soon: bool = Field(description="signed, and the review must be renewed within the warning window")
    missing: list[Role]
    outdated: list[str]
    signoffs: list[SignOffOut]
    sha256: str
    rejected: list[str] = Field(default_factory=list, description="sign-offs that count for nothing, and why")


class ContentStatus(BaseModel):
    on: date
    as_of: date
    age_days: int = Field(description="days from as_of to `on`")
    review_every_days: int
    review_due: date
    overdue: bool = Field(description="past review_due: every answer opens with the information's age")
    languages: list[Language]
    expires_soon_days: int
    counts: dict[ReviewState, int]
    texts: list[TextStatus]
    records: list[TextStatus] = Field(
        default_factory=list, description="record words (category:…, deadline:…, contact:…); `topic` is the record id"
    )


class ReloadResult(BaseModel):
    as_of: date
    topics: int
    texts: int
    notes: list[str]


class SourceOut(BaseModel):
    url: str | None
    title: str | None
    date: date | None


class ChangeOut(BaseModel):
    kind: Literal["deadline", "topic"]
    id: str
    date: date
    categories: list[str]
    title: dict[str, str]
    status: str | None = None
    note: dict[str, str] | None = None
    source: SourceOut | None = None
    sha256: dict[str, str] | None = None


class ContentDiff(BaseModel):
    since: date
    categories: dict[str, list[ChangeOut]]


# --- broadcasts ------------------------------------------------------------------------------------

# "Not only blanks", spelled with ASCII blanks: `\s` means different things in Python, Rust and JavaScript.
BLANKS = " \t\n\r\f\v"
MessageText = Annotated[
    str,
    StringConstraints(pattern=r"[^ \t\n\r\f\v]", max_length=MESSAGE_MAX_CHARS),
    Field(description="not only blanks"),
]


class BroadcastCreate(BaseModel):
    """Who hears it is the categories' subscribers in the languages that have a text here.

    The audience's languages are the keys of `messages`, so every language reached has its own
    text: no silent fallback (a Pashto reader never gets the Dari or English text instead)."""

    model_config = ConfigDict(extra="forbid")

    categories: list[DocumentCategory] = Field(min_length=1)
    messages: dict[Language, MessageText] = Field(
        min_length=1, description="language id -> text (the content Markdown subset); the languages reached"
    )
    not_before: AwareDatetime | None = Field(None, description="scheduled: sending starts at this time")
    not_after: AwareDatetime | None = Field(None, description="nobody is sent after this time (counted late)")

    @property
    def languages(self) -> list[Language]:
        return [lang for lang in Language if lang in self.messages]


class FailedCounts(BaseModel):
    blocked: int
    chat_not_found: int
    rejected: int
    network: int


class BroadcastStatus(BaseModel):
    id: str
    state: Literal["pending", "running", "done", "cancelled"]
    categories: list[DocumentCategory]
    languages: list[Language]
    messages: list[Language]
    created: datetime
    started: datetime | None
    finished: datetime | None
    not_before: datetime | None
    not_after: datetime | None
    total: int | None = Field(description="the audience, once a worker has started the job")
    sent: int
    failed: FailedCounts
    no_message: int
    late: int
    cancelled: int
    remaining: int
    in_flight: int
    waiting_retry: int
    eta_seconds: float
    projected_late: int
    progress: float = Field(ge=0, le=1, description="share of the audience that has an outcome")


class BroadcastList(BaseModel):
    broadcasts: list[BroadcastStatus]


class ScheduledReminder(BaseModel):
    deadline: str
    days_before: int
    due: datetime
    title: dict[str, str] | None = Field(description="the deadline's title; None if it left the pack")


class ReminderSchedule(BaseModel):
    scheduled: list[ScheduledReminder]
    fired: int = Field(description="reminders already turned into broadcasts (kept to fire each once)")


class AudienceRow(BaseModel):
    category: DocumentCategory
    by_language: dict[Language, int]
    total: int


class Audience(BaseModel):
    categories: list[AudienceRow]
    people_by_language: dict[Language, int]
    people: int = Field(description="subscribers of at least one category; a person counts once")


# --- referrals -------------------------------------------------------------------------------------


class ReferralOut(BaseModel):
    number: int
    status: Literal["open", "claimed", "closed"]
    person: str = Field(description="keyed pseudonym, as the operators' group shows it; never the Telegram id")
    urgency: str
    region: str
    category: str
    language: str
    contact: Literal["chat", "call"] | str
    phone: str | None = Field(description="only when the person asked to be called back")
    name: str | None = Field(description="only when the person agreed to share their Telegram name")
    description: str | None
    opened: datetime
    claimed_by: str | None
    closed_by: str | None


class ReferralList(BaseModel):
    referrals: list[ReferralOut]


class OperatorAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    operator: Annotated[str, StringConstraints(pattern=r"[^ \t\n\r\f\v]", max_length=64)] = Field(
        description="the staff member's name, as shown to colleagues (like a Telegram first name)"
    )
