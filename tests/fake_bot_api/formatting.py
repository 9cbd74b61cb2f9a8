"""Turning (text, parse_mode, entities) into what Telegram stores: plain text + entities, trimmed.

MarkdownV2 and Markdown are rejected as unsupported by this fake (the bot formats with HTML); a bot that
starts using them fails loudly here rather than passing untested.
"""

from __future__ import annotations

from .html_entities import EntityParseError, parse_html

TRIM = " \t\r\n\v\f"


class UnsupportedParseMode(ValueError):
    pass


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def format_text(text: str, parse_mode: str | None, entities: list[dict] | None = None) -> tuple[str, list[dict]]:
    """Raises EntityParseError or UnsupportedParseMode. As in Telegram, parse_mode wins over entities."""
    mode = (parse_mode or "").lower()
    if mode in ("", "none"):
        plain, found = text, [dict(e) for e in entities or []]
    elif mode == "html":
        plain, found = parse_html(text)
    elif mode in ("markdownv2", "markdown"):
        raise UnsupportedParseMode(f"parse_mode {parse_mode!r} is not implemented by the fake Bot API; use HTML")
    else:
        raise UnsupportedParseMode(f"unsupported parse_mode {parse_mode!r}")
    return _trim(plain, found)


def _trim(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Telegram strips leading and trailing whitespace from messages and clips entities to match."""
    stripped = text.strip(TRIM)
    if stripped == text:
        return text, entities
    head = utf16_len(text[: len(text) - len(text.lstrip(TRIM))])
    size = utf16_len(stripped)
    kept = []
    for e in entities:
        start = max(e["offset"] - head, 0)
        end = min(e["offset"] + e["length"] - head, size)
        if end > start:
            kept.append({**e, "offset": start, "length": end - start})
    return stripped, kept


__all__ = ["EntityParseError", "UnsupportedParseMode", "format_text", "utf16_len"]
