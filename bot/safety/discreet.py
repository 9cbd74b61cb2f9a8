"""Discreet mode: the first line of every message the bot sends unasked is neutral.

A lock screen, a notification and the chat list show only a message's first line, often to
whoever holds the phone. Reminders, broadcasts and "what changed" notices all go through
`opened`, so one rule decides what that line says: with discreet mode on (everyone's default)
a neutral line such as "Rahnama: you have a new message."; off, the message as written.
"""

from __future__ import annotations

from bot.domain import Language
from bot.i18n.catalog import N_, translator

NEW_MESSAGE = N_("Rahnama: you have a new message.")
A_REMINDER = N_("Rahnama: a reminder you asked for.")
OPENINGS = (NEW_MESSAGE, A_REMINDER)

# Words that must never be on a neutral first line, in every language: legal status, police,
# deportation, document names. Tests scan every opening in every language against this list.
GIVEAWAYS = (
    "deport", "police", "illegal", "arrest", "detain", "refugee", "asylum", "unhcr", "document", "card",
    "visa", "por", "acc", "deadline", "afghan", "expire", "helpline", "lawyer",
    "اخراج", "پولیس", "پلیس", "غیرقانونی", "قانون", "مهاجر", "کډوال", "پناه", "سند", "اسناد", "کارت", "ویزه",
    "ویزا", "مهلت", "موده", "افغان", "وکیل", "بازداشت", "نیول", "توقیف", "شړل", "ایستل",
)  # fmt: skip


def opening(lang: Language, kind: str = NEW_MESSAGE) -> str:
    """The neutral first line in a language (`kind` is one of OPENINGS)."""
    return translator(lang).gettext(kind if kind in OPENINGS else NEW_MESSAGE)


def opened(text: str, lang: Language, *, discreet: bool = True, kind: str = NEW_MESSAGE) -> str:
    """`text` as a person gets it: under a neutral first line when discreet, as written when not."""
    if not discreet:
        return text
    return f"{opening(lang, kind)}\n\n{text}"
