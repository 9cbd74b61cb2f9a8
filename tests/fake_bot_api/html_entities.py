"""Telegram's parse_mode=HTML, re-implemented from the Bot API docs and TDLib's observable behaviour.

Returns the text as Telegram stores it (tags stripped, entities decoded) plus MessageEntity dicts with
offsets and lengths in UTF-16 code units. Error texts and byte offsets follow TDLib's, because that is
what the bot sees after "Bad Request: can't parse entities: ".

Knowingly stricter than Telegram: a "&" that does not start &lt; &gt; &amp; &quot; or a numeric entity
(with its ";") is rejected; Telegram keeps it verbatim, but in practice it means a missing html.escape().
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPACES = " \t\r\n\v\f\0"
SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",  # only with class="tg-spoiler", checked when the tag opens
}
ALL_TAGS = frozenset(SIMPLE_TAGS) | {"a", "code", "pre", "blockquote", "tg-emoji"}
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_MENTION = re.compile(r"tg://user\?id=(\d+)")
_URL = re.compile(r"(?:(https?|tg|ftp|tonsite)://)?([^\s/?#]+\.[^\s/?#]+|[^\s/?#]+(?=\?))?(.*)", re.DOTALL)


class EntityParseError(ValueError):
    """Message is the part after "can't parse entities: "."""


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    start16: int
    start_char: int
    code_language: str = ""
    code_entity: dict | None = None
    code_end16: int = -1


@dataclass
class _Parser:
    src: str
    i: int = 0
    out: list[str] = field(default_factory=list)
    pos16: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)

    def fail(self, message: str, at: int | None = None) -> EntityParseError:
        if at is not None:
            message += f" at byte offset {len(self.src[:at].encode('utf-8'))}"
        return EntityParseError(message)

    def emit(self, ch: str) -> None:
        self.out.append(ch)
        self.pos16 += 2 if ord(ch) > 0xFFFF else 1

    def run(self) -> tuple[str, list[dict]]:
        while self.i < len(self.src):
            ch = self.src[self.i]
            if ch == "&":
                decoded, self.i = self.entity(self.i)
                self.emit(decoded)
            elif ch == "<":
                self.tag()
            else:
                self.emit(ch)
                self.i += 1
        if self.stack:
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def entity(self, at: int) -> tuple[str, int]:
        m = _ENTITY.match(self.src, at)
        if not m:
            raise self.fail('Unsupported HTML entity: "&" must be escaped as "&amp;"', at)
        if m[1]:
            return _NAMED[m[1]], m.end()
        code = int(m[2]) if m[2] else int(m[3], 16)
        if 0xD800 <= code <= 0xDFFF:
            raise self.fail(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        if code == 0 or code > 0x10FFFF:
            raise self.fail('Unsupported HTML entity: "&" must be escaped as "&amp;"', at)
        return chr(code), m.end()

    def skip_spaces(self, j: int) -> int:
        while j < len(self.src) and self.src[j] in SPACES:
            j += 1
        return j

    def tag(self) -> None:
        begin = self.i
        if self.src.startswith("</", begin):
            return self.end_tag(begin)
        j = begin + 1
        while j < len(self.src) and self.src[j] not in SPACES and self.src[j] != ">":
            j += 1
        if j >= len(self.src):
            raise self.fail("Unclosed start tag", begin)
        name = self.src[begin + 1 : j].lower()
        if name not in ALL_TAGS:
            raise self.fail(f'Unsupported start tag "{name}"', begin)
        attrs, self.i = self.attributes(name, begin, j)
        self.check_start(name, attrs, begin)
        self.stack.append(_Open(name, attrs, self.pos16, len(self.out)))

    def attributes(self, name: str, begin: int, j: int) -> tuple[dict[str, str], int]:
        attrs: dict[str, str] = {}
        src = self.src
        while True:
            j = self.skip_spaces(j)
            if j >= len(src):
                raise self.fail(f'Unclosed start tag "{name}"', begin)
            if src[j] == ">":
                return attrs, j + 1
            a = j
            while j < len(src) and src[j] not in SPACES and src[j] not in "=>":
                j += 1
            attr = src[a:j].lower()
            if not attr:
                raise self.fail(f'Empty attribute name in the tag "{name}"', begin)
            j = self.skip_spaces(j)
            if j < len(src) and src[j] != "=" and name == "blockquote" and attr == "expandable":
                attrs[attr] = ""  # the one attribute Telegram accepts without a value
                continue
            if j >= len(src) or src[j] != "=":
                if j >= len(src):
                    raise self.fail(f'Unclosed start tag "{name}"', begin)
                raise self.fail(f'Expected equal sign in declaration of an attribute of the tag "{name}"', begin)
            j = self.skip_spaces(j + 1)
            if j >= len(src):
                raise self.fail(f'Unclosed start tag "{name}"', begin)
            attrs[attr], j = self.attribute_value(begin, j)

    def attribute_value(self, begin: int, j: int) -> tuple[str, int]:
        src = self.src
        if src[j] in "'\"":
            quote, value = src[j], []
            j += 1
            while j < len(src) and src[j] != quote:
                if src[j] == "&":
                    ch, j = self.entity(j)
                    value.append(ch)
                else:
                    value.append(src[j])
                    j += 1
            if j >= len(src):
                raise self.fail("Unclosed start tag", begin)
            return "".join(value), j + 1
        token = j
        while j < len(src) and ((src[j].isascii() and src[j].isalnum()) or src[j] in ".-"):
            j += 1
        if j >= len(src) or (src[j] not in SPACES and src[j] != ">"):
            raise self.fail("Unexpected end of name token", token)
        return src[token:j].lower(), j

    def check_start(self, name: str, attrs: dict[str, str], begin: int) -> None:
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self.fail('Tag "span" must have class "tg-spoiler"', begin)
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise self.fail('Tag "tg-emoji" must have a numeric "emoji-id" attribute', begin)

    def end_tag(self, begin: int) -> None:
        j = begin + 2
        while j < len(self.src) and self.src[j] not in SPACES and self.src[j] != ">":
            j += 1
        name = self.src[begin + 2 : j].lower()
        if not self.stack:
            raise self.fail("Unexpected end tag", begin)
        j = self.skip_spaces(j)
        if j >= len(self.src) or self.src[j] != ">":
            raise self.fail("Unclosed end tag", begin)
        top = self.stack[-1]
        if name and name != top.tag:
            offset = len(self.src[:begin].encode("utf-8"))
            raise self.fail(f'Unmatched end tag at byte offset {offset}, expected "</{top.tag}>", found "</{name}>"')
        self.stack.pop()
        self.i = j + 1
        self.close(top)

    def close(self, top: _Open) -> None:
        length = self.pos16 - top.start16
        if length == 0:
            return
        entity = self.entity_for(top, length)
        if entity is not None:
            self.entities.append(entity)

    def entity_for(self, top: _Open, length: int) -> dict | None:
        base = {"offset": top.start16, "length": length}
        if top.tag in SIMPLE_TAGS:
            return {"type": SIMPLE_TAGS[top.tag], **base}
        if top.tag == "a":
            return _link(top.attrs.get("href") or "".join(self.out[top.start_char :]), base)
        if top.tag == "tg-emoji":
            return {"type": "custom_emoji", **base, "custom_emoji_id": top.attrs["emoji-id"]}
        if top.tag == "blockquote":
            return {"type": "expandable_blockquote" if "expandable" in top.attrs else "blockquote", **base}
        if top.tag == "code":
            return self.code_entity(top, base)
        return self.pre_entity(top, base)

    def code_entity(self, top: _Open, base: dict) -> dict:
        entity = {"type": "code", **base}
        language = top.attrs.get("class", "")
        parent = self.stack[-1] if self.stack else None
        # <pre><code class="language-x">...</code></pre> is one pre entity with a language.
        wraps_pre = parent is not None and parent.tag == "pre" and parent.start16 == top.start16
        if wraps_pre and language.startswith("language-") and language != "language-":
            assert parent is not None
            parent.code_language, parent.code_entity, parent.code_end16 = language[9:], entity, self.pos16
        return entity

    def pre_entity(self, top: _Open, base: dict) -> dict:
        entity = {"type": "pre", **base}
        if top.code_entity is not None and top.code_end16 == self.pos16:
            self.entities.remove(top.code_entity)
            entity["language"] = top.code_language
        return entity


def _link(url: str, base: dict) -> dict | None:
    if m := _MENTION.fullmatch(url):
        return {"type": "text_mention", **base, "user": {"id": int(m[1])}}
    m = _URL.fullmatch(url.strip())
    if not url.strip() or not m or not m[2]:
        return None  # Telegram silently drops links it cannot read as a URL
    scheme, rest = m[1] or "http", m[3]
    if scheme in ("http", "https") and not rest.startswith("/"):
        rest = "/" + rest
    return {"type": "text_link", **base, "url": f"{scheme}://{m[2]}{rest}"}


def parse_html(text: str) -> tuple[str, list[dict]]:
    """(text as Telegram stores it, entities). Raises EntityParseError like Telegram would."""
    return _Parser(text).run()
