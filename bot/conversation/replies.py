"""What the bot says back, before any channel renders it.

`text` uses a small Markdown subset (bold, italic, bullet lists, links) that every channel can
render: Telegram as HTML, the terminal as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.effects import Effect
from bot.domain import Language


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # short, ASCII; fits Telegram's 64-byte callback_data


@dataclass(frozen=True)
class CardRequest:
    """Send a category's summary card (bot/cards) with the reply's text as its caption."""

    category: str
    discreet: bool = False
    pdf: bool = False  # the A4 PDF as a document; otherwise the phone-sized picture as a photo


@dataclass(frozen=True)
class Reply:
    text: str
    lang: Language | None = None  # None: mixed-language text (the language chooser)
    buttons: tuple[tuple[Button, ...], ...] = ()
    shown: tuple[tuple[str, str], ...] = ()
    """(topic id, sha256) of every vetted text in this reply, so a correction can reach exactly the
    people who received a wrong version. Channels record it per person after sending."""
    asked: tuple[str, ...] = ()
    """Topic ids this reply answers, shown or withheld as under review: how often each text is asked
    for orders the reviewers' queue (bot/reviewing). No person is recorded with it."""
    effects: tuple[Effect, ...] = ()
    """What the channel must do after sending this reply (bot.conversation.effects). A reply with
    effects and no text sends nothing itself (the outcome of its effects is answered instead)."""
    request_contact: str = ""
    """Label of a button that shares the person's own phone number, where the channel has one
    (Telegram's contact keyboard; elsewhere they type it). With it, `buttons` sit under the input
    field as well, and pressing one arrives as its label's text."""
    clear_keyboard: bool = False
    """Take away the keyboard a `request_contact` reply put under the input field (not with `buttons`)."""
    card: CardRequest | None = None
    """A summary card to send, captioned with `text` and carrying `buttons` (channels that cannot send
    files say where they put it, or send the text alone)."""
    urgent: bool = False
    """Someone may be in danger now (the emergency card): channels send it before everything else."""

    @property
    def all_buttons(self) -> tuple[Button, ...]:
        return tuple(button for row in self.buttons for button in row)


def effects_in(replies: list[Reply]) -> tuple[Effect, ...]:
    return tuple(effect for reply in replies for effect in reply.effects)


def shown_in(replies: list[Reply]) -> tuple[tuple[str, str], ...]:
    """The text versions a list of replies showed, in order."""
    return tuple(pair for reply in replies for pair in reply.shown)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#"})


def md_escape(value: str) -> str:
    """Escape data (names, numbers) placed into Markdown so it shows as written."""
    return value.translate(_MARKDOWN_SPECIAL)
