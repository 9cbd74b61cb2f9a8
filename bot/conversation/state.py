"""Per-person conversation state: the least the bot needs to carry on a conversation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.conversation.own_date import OwnDate
from bot.conversation.referral import ReferralDraft, ReferralView
from bot.domain import DocumentCategory, Language


@dataclass(frozen=True)
class UserState:
    lang: Language | None = None
    category: DocumentCategory | None = None
    screen: str = "start"
    # A category from a deep link that waits until the person has chosen a language.
    pending_category: DocumentCategory | None = None
    # The categories they get reminders for. Not stored with the state: the channel reads it from
    # the subscription store before each step, so the screens show the truth.
    subscriptions: frozenset[DocumentCategory] = frozenset()
    # Answers to the helpline questions while they are being given; kept only while the person
    # is on an `hl:` screen, so nothing they typed outlives the questions (screens/helpline.py).
    referral: ReferralDraft | None = None
    # Their open helpline referral. Not stored with the state: the channel reads it from the
    # helpline store before each step.
    helpline: ReferralView | None = None
    # Discreet mode (default on): reminders, broadcasts and notices start with a neutral line, so a
    # lock screen or a glance at the chat list shows nothing about documents or police.
    discreet: bool = True
    # Their own dates to be reminded of (visa expiry, appointment). Not stored with the state: the
    # channel reads them from their own store (bot/own_dates.py) before each step.
    own_dates: tuple[OwnDate, ...] = ()

    def to_record(self) -> dict[str, str]:
        record = {"screen": self.screen}
        if self.lang:
            record["lang"] = self.lang.value
        if self.category:
            record["cat"] = self.category.value
        if self.pending_category:
            record["pending"] = self.pending_category.value
        if not self.discreet:  # stored only when off: the default is kept by storing nothing
            record["discreet"] = "0"
        if self.referral and self.screen.startswith("hl:"):
            record["hl"] = self.referral.to_json()
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, str]) -> UserState:
        """Rebuild state from storage, dropping anything no longer valid (e.g. a removed id)."""
        return cls(
            lang=_member(Language, record.get("lang")),
            category=_member(DocumentCategory, record.get("cat")),
            screen=record.get("screen") or "start",
            pending_category=_member(DocumentCategory, record.get("pending")),
            referral=ReferralDraft.from_json(record.get("hl")),
            discreet=record.get("discreet") != "0",
        )


def _member(enum: type, value: str | None):  # type: ignore[no-untyped-def]
    try:
        return enum(value) if value else None
    except ValueError:
        return None
