"""`rahnama cards build | poster`: summary cards and posters as files, for printing and passing on."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from bot.cards.browser import CardsUnavailable
from bot.cards.build import build_cards, build_poster
from bot.cards.summary import CardOptions
from bot.config import Settings
from bot.content import ContentError, ContentPack, load_pack
from bot.domain import DocumentCategory, Language
from bot.i18n import catalog
from bot.i18n.dates import today_in_pakistan


def _languages(value: str) -> list[Language]:
    try:
        return [Language(part.strip()) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"languages are among {', '.join(x.value for x in Language)}") from None


def _categories(value: str) -> list[str]:
    known = {c.value for c in DocumentCategory}
    wanted = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown categories {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return wanted


def _bot_username(args: argparse.Namespace, settings: Settings) -> str:
    """A printed code must lead to the real bot: no guessed default, BOT_HANDLE or --bot says which."""
    username = (args.bot or settings.bot_handle or "").lstrip("@")
    if not username:
        sys.exit("which bot do the codes open? set BOT_HANDLE or pass --bot USERNAME")
    return username


def _prepare(settings: Settings) -> ContentPack:
    catalog.install(settings.locales_dir)
    try:
        return load_pack(settings.content_dir)
    except ContentError as error:
        sys.exit("content pack is invalid (run `rahnama content check`):\n" + str(error))


def cmd_build(args: argparse.Namespace, settings: Settings) -> None:
    pack = _prepare(settings)
    strict = settings.content_strict if args.strict is None else args.strict
    options = CardOptions(_bot_username(args, settings), strict=strict, discreet=args.discreet)
    today = args.on or today_in_pakistan(datetime.now(UTC))
    categories = args.categories or [c.id.value for c in pack.categories]
    try:
        written = asyncio.run(build_cards(pack, args.out, args.languages, categories, today, options))
    except CardsUnavailable as error:
        sys.exit(f"cannot print cards here: {error} (`make cards-tools` installs what they need)")
    for path in written:
        print(path)


def cmd_poster(args: argparse.Namespace, settings: Settings) -> None:
    pack = _prepare(settings)
    try:
        path = asyncio.run(build_poster(pack, args.out, args.languages, _bot_username(args, settings), args.size))
    except CardsUnavailable as error:
        sys.exit(f"cannot print the poster here: {error} (`make cards-tools` installs what they need)")
    print(path)


def register(sub: argparse._SubParsersAction) -> None:
    cards = sub.add_parser("cards", help="summary cards and posters (PNG and PDF)")
    verbs = cards.add_subparsers(dest="verb", required=True)
    build = verbs.add_parser("build", help="DIR/<category>-<lang>.png (1080×1920) and .pdf (A4)")
    build.add_argument("--out", type=Path, default=Path("cards"), help="directory (default: cards/)")
    build.add_argument("--languages", type=_languages, default=list(Language), help="e.g. prs,ps,en (default: all)")
    build.add_argument("--categories", type=_categories, default=None, help="e.g. por,acc (default: all)")
    build.add_argument("--bot", default=None, help="the bot's username for the QR codes (default: BOT_HANDLE)")
    mode = build.add_mutually_exclusive_group()
    mode.add_argument("--strict", dest="strict", action="store_true", default=None, help="only signed-off texts")
    mode.add_argument("--drafts", dest="strict", action="store_false", help="drafts, labelled (unless CONTENT_STRICT)")
    build.add_argument("--discreet", action="store_true", help="no document name, no words for deportation or police")
    build.add_argument("--on", type=date.fromisoformat, default=None, help="the day the card is for (YYYY-MM-DD)")
    build.set_defaults(func=cmd_build)
    poster = verbs.add_parser("poster", help="a poster with a QR code per document category")
    poster.add_argument("--languages", type=_languages, default=[Language.DARI, Language.PASHTO])
    poster.add_argument("--out", type=Path, required=True, help="FILE.pdf")
    poster.add_argument("--size", choices=("A4", "A3"), default="A4")
    poster.add_argument("--bot", default=None, help="the bot's username for the QR codes (default: BOT_HANDLE)")
    poster.set_defaults(func=cmd_poster)
