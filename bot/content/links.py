"""Well-formed URLs: every source, contact page and link in a text must be one a phone can open.

The loader only asks for "http(s)://" and no spaces; here a URL must also split into a scheme, a
real host name (labels of letters, digits and '-', ending in a top-level domain of letters) or an
IPv4 address, and a valid port if one is given.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bot.content.errors import Problem
from bot.content.model import ContentPack
from bot.content.walk import sources, texts

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")
_URL_IN_TEXT = re.compile(r"https?://[^\s()\[\]<>\"']+")
_TRAILING = ".,;:!?"


def url_problem(url: str) -> str | None:
    """None for a well-formed http(s) URL, else what is wrong with it."""
    if any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        return f"{url!r}: spaces, control characters or '\\' in a URL"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"{url!r}: not an http(s) URL"
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number 0-65535
    except ValueError:
        return f"{url!r}: the port is not valid"
    if not (_HOST.fullmatch(host) or _is_ipv4(host)):
        return f"{url!r}: {host or 'no host'!r} is not a host name"
    return None


def urls_in(text: str) -> list[str]:
    """URLs written in a text, bare or as Markdown link targets, without trailing punctuation."""
    return [match.group().rstrip(_TRAILING) for match in _URL_IN_TEXT.finditer(text)]


def link_problems(pack: ContentPack) -> Iterator[Problem]:
    for file, where, source in sources(pack):
        if (why := url_problem(source.url)) is not None:
            yield Problem(file, f"{where}.url: {why}")
    for contact in pack.contacts:
        if contact.url and (why := url_problem(contact.url)) is not None:
            yield Problem("contacts.yaml", f"{contact.id}.url: {why}")
    for file, where, text in texts(pack):
        for url in urls_in(text):
            if (why := url_problem(url)) is not None:
                yield Problem(file, f"{where}: {why}")


def _is_ipv4(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True
