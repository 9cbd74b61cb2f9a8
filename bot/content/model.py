"""The content pack as immutable values.

Everything here is built once by `bot.content.loader.load_pack` from the files under `content/`
and never changes afterwards: a reload builds a new pack and swaps it whole. Texts keyed by
language use the plain language codes ("prs", "ps", "en"); `Language` members work as keys too,
because they are `str` subclasses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Literal

from bot.content.age import PackAge, pack_age
from bot.content.review import DRAFT, Review, Trust
from bot.domain import DocumentCategory, Language
from bot.opening_hours import UNKNOWN_HOURS, Opening

Localised = Mapping[str, str]
"""Text in every language of the pack, keyed by language code."""

Translation = Literal["source", "draft", "reviewed"]

NATIONWIDE = "nationwide"
"""Region id of contacts that serve the whole country; they are offered in every region."""


class DeadlineStatus(StrEnum):
    ANNOUNCED = "announced"
    EXTENDED = "extended"
    PASSED = "passed"
    SUSPENDED = "suspended"


class RuleStatus(StrEnum):
    """Whether the rule behind a deadline still applies, apart from whether its date is past: the day
    to leave may be over while the rule it started (deportation, a permit needed) is in force."""

    IN_FORCE = "in-force"
    SUSPENDED = "suspended"
    SUPERSEDED = "superseded"
    ENDED = "ended"


class ContactKind(StrEnum):
    """What a number is for, so a complaint line is never offered as help in an emergency."""

    LEGAL_AID = "legal-aid"
    PROTECTION = "protection"
    VOLUNTARY_RETURN = "voluntary-return"
    GENDER_VIOLENCE = "gender-violence"
    INFORMATION = "information"
    COMPLAINT = "complaint"


@dataclass(frozen=True, slots=True)
class Source:
    """A public page a fact was taken from. `date` is None for undated pages, then `approx` says
    roughly when the content is from (for example "≈2022")."""

    url: str
    title: str
    date: date | None
    approx: str | None = None


@dataclass(frozen=True, slots=True)
class Category:
    id: DocumentCategory
    name: Localised
    label: Localised
    topics: Mapping[str, str]
    """Topic ids by role: "now", "todo", "rights"."""
    more: tuple[str, ...] = ()
    """Further topics offered on the category's screen (e.g. voluntary return), in button order."""


@dataclass(frozen=True, slots=True)
class TopicText:
    topic_id: str
    lang: Language
    title: str
    body: str
    path: PurePosixPath
    """Path of the Markdown file, relative to the pack directory."""
    translation: Translation
    sha256: str
    """Hex digest of the file's bytes, so a reviewer's approval names exactly one version."""
    review: Review = DRAFT
    """Who approved this exact file; computed once when the pack loads (bot.content.signoffs)."""


@dataclass(frozen=True, slots=True)
class Questions:
    """What people type when they mean a topic (`topics/<id>/questions.yaml`), by lexicon language:
    "en", "prs", "ps", "ur" and "roman" (Dari, Pashto or Urdu in Latin letters)."""

    keywords: Mapping[str, tuple[str, ...]]
    examples: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    as_of: date
    sources: tuple[Source, ...]
    texts: Mapping[str, TopicText]
    questions: Questions | None = None
    """None when the topic has no questions.yaml: typed questions then never lead to it."""

    def text(self, lang: str) -> TopicText:
        return self.texts[lang]


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    """One step in a deadline's history, e.g. the PoR validity being extended."""

    date: date
    status: DeadlineStatus
    note: Localised
    source: Source


@dataclass(frozen=True, slots=True)
class Deadline:
    id: str
    categories: tuple[DocumentCategory, ...]
    date: date
    status: DeadlineStatus
    title: Localised
    sources: tuple[Source, ...]
    history: tuple[DeadlineChange, ...]
    rule: RuleStatus | None = None
    """Whether the rule behind it still applies; None only while its date is still ahead."""

    def days_left(self, today: date) -> int:
        """Days from `today` to the deadline: 0 on the day itself, negative once it has passed."""
        return (self.date - today).days

    def is_passed(self, today: date) -> bool:
        """True from the day after the deadline's date."""
        return today > self.date

    def is_coming(self, today: date) -> bool:
        """Its date is today or ahead and nothing has suspended, replaced or ended it: one to remind of."""
        return self.date >= today and self.rule in (None, RuleStatus.IN_FORCE)


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: Localised


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    organisation: str
    description: Localised
    phones: tuple[str, ...]
    """Exactly as the source writes them (ASCII digits, so a phone can dial them)."""
    email: str | None
    url: str | None
    hours: Localised | None
    regions: tuple[str, ...]
    cities: tuple[str, ...]
    source: Source
    more_sources: tuple[Source, ...]
    stale: bool
    """The number was last confirmed more than a year before the pack's `as_of`, or on no known day."""
    kind: ContactKind = ContactKind.INFORMATION
    opening: Opening = UNKNOWN_HOURS
    """When it answers, Pakistan time (`opening_hours` in contacts.yaml)."""
    confirmed: date | str = "undated"
    """The day a source last confirmed the number, or "≈YYYY" for an undated page, or "undated"."""


@dataclass(frozen=True, slots=True)
class CardPicks:
    """Where a category's card takes its status lines (from its `now` topic) and its three things to
    do (from its `todo` topic)."""

    category: str
    status: tuple[str, ...]
    todo: tuple[str, ...]
    name_words: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Words that name the document, by language: a discreet card shows no line with one of them."""


@dataclass(frozen=True, slots=True)
class CardTexts:
    picks: Mapping[str, CardPicks]
    """By category id."""
    discreet_avoid: Mapping[str, tuple[str, ...]]
    """Words a discreet card never shows on its front, by language (deportation, police…)."""


NO_CARD_TEXTS = CardTexts(MappingProxyType({}), MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class RecordText:
    """One record's readable text in one language. `topic_id` holds the record id, so a record text
    and a topic text are reviewed by the same code (bot.content.signoffs.review_of)."""

    topic_id: str
    lang: Language
    title: str
    """A short name for lists (the category's name, the deadline's title, the organisation)."""
    body: str
    """The exact text reviewers sign."""
    path: PurePosixPath
    """The file the record lives in."""
    sha256: str
    review: Review = DRAFT


@dataclass(frozen=True, slots=True)
class ContentPack:
    as_of: date
    languages: tuple[Language, ...]
    categories: tuple[Category, ...]
    """In menu order."""
    topics: Mapping[str, Topic]
    deadlines: tuple[Deadline, ...]
    regions: tuple[Region, ...]
    contacts: tuple[Contact, ...]
    emergency: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Phrases that mean "it is happening now" (`emergency.yaml`), by lexicon language."""
    reminder_days: tuple[int, ...] = (30, 7, 1)
    """Days before a deadline on which subscribers of its categories get a reminder (`pack.yaml`)."""
    sensitive_topics: frozenset[str] = frozenset()
    """Topics whose answer would harm someone if their phone is checked (`pack.yaml`): the bot offers
    "Clear this chat" under them."""
    review_every_days: int = 60
    """Days after `as_of` by which the pack must be checked against its sources again (`pack.yaml`);
    past that, answers open with how old the information is."""

    cards: CardTexts = NO_CARD_TEXTS
    """What each category's summary card quotes from its texts (`cards.yaml`, bot/content/card_picks.py)."""

    records: Mapping[str, Mapping[str, RecordText]] = field(default_factory=lambda: MappingProxyType({}))
    """The readable text of every category, deadline and contact, by record id and language, with
    its review (bot.content.record_texts)."""
    trust: Trust = Trust()
    """Reviewers and sign-offs the reviews were computed from (bot.content.signoffs)."""

    def age_on(self, today: date) -> PackAge:
        return pack_age(self.as_of, self.review_every_days, today)

    def record(self, record_id: str, lang: str) -> RecordText | None:
        texts = self.records.get(record_id)
        return texts.get(lang) if texts else None

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def deadlines_for(self, category_id: str) -> list[Deadline]:
        """The deadlines that concern a document category, earliest first."""
        found = [d for d in self.deadlines if category_id in d.categories]
        return sorted(found, key=lambda d: (d.date, d.id))

    def region(self, region_id: str) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def contacts_in(self, region_id: str) -> list[Contact]:
        """Contacts serving a region, nationwide ones included; [] for an unknown region."""
        if self.region(region_id) is None:
            return []
        return [c for c in self.contacts if region_id in c.regions or NATIONWIDE in c.regions]
