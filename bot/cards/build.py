"""Cards and posters as files: what `rahnama cards` writes and what the chat sends."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from bot.cards.browser import CardPrinter
from bot.cards.poster import poster_html
from bot.cards.sheet import card_html
from bot.cards.summary import CardOptions, CardSummary, summarise
from bot.content import ContentPack
from bot.domain import Language

Format = Literal["png", "pdf"]
PAGES = {"png": "phone", "pdf": "a4"}


@dataclass(frozen=True)
class CardFile:
    name: str
    data: bytes
    fingerprint: str
    """Everything on the card and the format: the same fingerprint is the same file."""


def card_name(summary: CardSummary, fmt: Format) -> str:
    suffix = "-discreet" if summary.discreet else ""
    return f"{summary.category}-{summary.lang.value}{suffix}.{fmt}"


def fingerprint(summary: CardSummary, fmt: Format) -> str:
    """A hash of the page itself (texts, labels in the catalogues, dates, age, QR code, layout) and the format:
    whatever changes on the card changes it."""
    page = card_html(summary, PAGES[fmt])  # type: ignore[arg-type]
    return f"{hashlib.sha256(page.encode()).hexdigest()[:32]}-{fmt}"


async def render(printer: CardPrinter, summary: CardSummary, fmt: Format) -> CardFile:
    page = card_html(summary, PAGES[fmt])  # type: ignore[arg-type]
    data = await (printer.png(page) if fmt == "png" else printer.pdf(page))
    return CardFile(card_name(summary, fmt), data, fingerprint(summary, fmt))


async def build_cards(
    pack: ContentPack,
    out: Path,
    languages: Iterable[Language],
    categories: Iterable[str],
    today: date,
    options: CardOptions,
) -> list[Path]:
    """DIR/<category>-<lang>.png (1080 × 1920) and .pdf (A4) for each category and language."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    async with CardPrinter() as printer:
        for category in categories:
            for lang in languages:
                summary = summarise(pack, category, lang, today, options)
                for fmt in ("png", "pdf"):
                    card = await render(printer, summary, fmt)  # type: ignore[arg-type]
                    path = out / card.name
                    path.write_bytes(card.data)
                    written.append(path)
    return written


async def build_poster(
    pack: ContentPack, out: Path, languages: Iterable[Language], bot_username: str, size: str = "A4"
) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    async with CardPrinter() as printer:
        out.write_bytes(await printer.pdf(poster_html(pack, tuple(languages), bot_username, size)))
    return out
