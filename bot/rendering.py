"""Render reply Markdown for a channel: Telegram HTML (split under the message limit) or plain text.

Replies use a small Markdown subset. We parse it with markdown-it (raw HTML disabled, so nothing
in a text can inject markup) and walk the tokens ourselves, because Telegram's HTML accepts only
a few tags and has no paragraphs, lists or headings.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.domain import Language
from bot.i18n.bidi import isolate_ltr_runs

TELEGRAM_TEXT_LIMIT = 4096

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

_HTML_TAGS = {"strong": ("<b>", "</b>"), "em": ("<i>", "</i>"), "s": ("<s>", "</s>")}


def _inline(children: list[Token], lang: Language | None, html_mode: bool) -> str:
    out: list[str] = []
    link_stack: list[str] = []
    for tok in children:
        if tok.type == "text" or tok.type == "code_inline":
            text = isolate_ltr_runs(tok.content) if lang and lang.is_rtl else tok.content
            out.append(html.escape(text, quote=False) if html_mode else text)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif tok.type.endswith("_open") and tok.tag in _HTML_TAGS:
            out.append(_HTML_TAGS[tok.tag][0] if html_mode else "")
        elif tok.type.endswith("_close") and tok.tag in _HTML_TAGS:
            out.append(_HTML_TAGS[tok.tag][1] if html_mode else "")
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            link_stack.append(href)
            out.append(f'<a href="{html.escape(href, quote=True)}">' if html_mode else "")
        elif tok.type == "link_close":
            href = link_stack.pop() if link_stack else ""
            out.append("</a>" if html_mode else f" ({href})")
    return "".join(out)


def _blocks(markdown: str, lang: Language | None, html_mode: bool) -> list[str]:
    """Turn Markdown into blocks (paragraphs, list items) of channel text."""
    blocks: list[str] = []
    bullets: list[str] = []  # one marker per open list: "•" or a running number
    counters: list[int] = []
    for tok in _md.parse(markdown):
        if tok.type == "bullet_list_open":
            bullets.append("•")
            counters.append(0)
        elif tok.type == "ordered_list_open":
            bullets.append("#")
            counters.append(int(tok.attrs.get("start", 1) or 1) - 1)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            bullets.pop()
            counters.pop()
        elif tok.type == "inline":
            text = _inline(tok.children or [], lang, html_mode)
            if bullets:
                counters[-1] += 1
                marker = "•" if bullets[-1] == "•" else f"{counters[-1]}."
                text = "  " * (len(bullets) - 1) + f"{marker} {text}"
                # consecutive list items form one block, so they stay together in one message
                if blocks and blocks[-1].endswith("\x00"):
                    blocks[-1] = blocks[-1][:-1] + "\n" + text + "\x00"
                    continue
                text += "\x00"
            blocks.append(text)
        elif tok.type in ("code_block", "fence", "html_block"):
            blocks.append(html.escape(tok.content) if html_mode else tok.content)
    return [b.rstrip("\x00") for b in blocks]


def to_plain_text(markdown: str, lang: Language | None) -> str:
    return "\n\n".join(_blocks(markdown, lang, html_mode=False))


def to_telegram_html(markdown: str, lang: Language | None, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """HTML message texts, each under Telegram's limit, split between blocks where possible."""
    return _pack(_blocks(markdown, lang, html_mode=True), limit, _split_block)


def _pack(blocks: list[str], limit: int, split: Callable[[str, int], list[str]]) -> list[str]:
    messages: list[str] = []
    current = ""
    for block in blocks:
        for piece in split(block, limit) if len(block) > limit else [block]:
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages or [""]


def _split_block(block: str, limit: int) -> list[str]:
    """A single block over the limit (rare): drop its markup and cut it at spaces."""
    plain = html.unescape(_strip_tags(block))
    pieces: list[str] = []
    while plain:
        cut = len(plain) if len(plain) <= limit // 2 else plain.rfind(" ", 0, limit // 2)
        cut = cut if cut > 0 else limit // 2  # escaping can double the length, hence limit // 2
        pieces.append(html.escape(plain[:cut], quote=False))
        plain = plain[cut:].lstrip()
    return pieces


def _strip_tags(text: str) -> str:
    out, inside = [], False
    for ch in text:
        if ch == "<":
            inside = True
        elif ch == ">" and inside:
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)
