"""Effects: what a step asks the channel to do besides sending replies.

The conversation is pure, so it cannot write subscriptions or erase a person's data itself; it
returns these on a Reply (`Reply.effects`) and the channel performs them, with its I/O, after
sending the reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain import DocumentCategory, Language


@dataclass(frozen=True)
class Effect:
    pass


@dataclass(frozen=True)
class Subscribe(Effect):
    category: DocumentCategory
    lang: Language


@dataclass(frozen=True)
class Unsubscribe(Effect):
    category: DocumentCategory | None = None  # None: every category


@dataclass(frozen=True)
class ForgetMe(Effect):
    """Erase every key and record of this person: state, shown versions, subscriptions, referrals."""


@dataclass(frozen=True)
class ClearChat(Effect):
    """Delete this private chat's messages, the bot's and the person's, that Telegram still allows (48 h)."""


@dataclass(frozen=True)
class AddOwnDate(Effect):
    """Keep one of the person's own dates and schedule reminders `days_before` it."""

    kind: str
    day: date
    lang: Language
    days_before: tuple[int, ...]


@dataclass(frozen=True)
class DeleteOwnDate(Effect):
    slot: int
