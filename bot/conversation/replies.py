"""What the bot says back, before any channel renders it.

`text` uses a small Markdown subset (bold, italic, bullet lists, links) that every channel can
render: Telegram as HTML, the terminal as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import Language


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # short, ASCII; fits Telegram's 64-byte callback_data


@dataclass(frozen=True)
class Reply:
    text: str
    lang: Language | None = None  # None: mixed-language text (the language chooser)
    buttons: tuple[tuple[Button, ...], ...] = ()
    shown: tuple[tuple[str, str], ...] = ()
    """(topic id, sha256) of every vetted text in this reply, so a correction can reach exactly the
    people who received a wrong version. Channels record it per person after sending."""

    @property
    def all_buttons(self) -> tuple[Button, ...]:
        return tuple(button for row in self.buttons for button in row)


def shown_in(replies: list[Reply]) -> tuple[tuple[str, str], ...]:
    """The text versions a list of replies showed, in order."""
    return tuple(pair for reply in replies for pair in reply.shown)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#"})


def md_escape(value: str) -> str:
    """Escape data (names, numbers) placed into Markdown so it shows as written."""
    return value.translate(_MARKDOWN_SPECIAL)
