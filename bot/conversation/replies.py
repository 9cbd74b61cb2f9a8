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

    @property
    def all_buttons(self) -> tuple[Button, ...]:
        return tuple(button for row in self.buttons for button in row)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#"})


def md_escape(value: str) -> str:
    """Escape data (names, numbers) placed into Markdown so it shows as written."""
    return value.translate(_MARKDOWN_SPECIAL)
