"""The Markdown subset topic bodies may use, because Telegram has no headings or tables.

Allowed: paragraphs, `**bold**`, `_italic_`, one level of `- ` bullets, `[text](https://…)` links.
Everything else (headings, tables, images, raw HTML, code, quotes, numbered lists, rules) is refused.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

MAX_BODY_CHARS = 3500

# Tables are switched on only so that a table is recognised (and refused) instead of passing as text.
_PARSER = MarkdownIt("commonmark").enable("table")

_BLOCK_OK = {
    "paragraph_open",
    "paragraph_close",
    "inline",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
}
_INLINE_OK = {
    "text",
    "softbreak",
    "hardbreak",
    "strong_open",
    "strong_close",
    "em_open",
    "em_close",
    "link_open",
    "link_close",
}
_REFUSED = {
    "heading_open": "heading",
    "table_open": "table",
    "image": "image",
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "code_block": "code block",
    "fence": "code block",
    "code_inline": "inline code",
    "ordered_list_open": "numbered list (use '- ' bullets)",
    "blockquote_open": "quote",
    "hr": "horizontal rule",
}


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line number where the body starts) or None if there is no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return None


def markdown_problems(body: str, first_line: int = 1) -> list[str]:
    """What in `body` is outside the allowed subset; `first_line` is the body's line in its file."""
    problems: list[str] = []
    if len(body) > MAX_BODY_CHARS:
        problems.append(f"body has {len(body)} characters, at most {MAX_BODY_CHARS} allowed")
    list_depth = 0
    inside_refused: Token | None = None  # a refused block's inner tokens say nothing new
    for token in _PARSER.parse(body):
        if inside_refused is not None:
            if token.level == inside_refused.level and token.nesting == -1:
                inside_refused = None
            continue
        where = f"line {token.map[0] + first_line}" if token.map else "body"
        if token.type == "bullet_list_open":
            list_depth += 1
            if token.markup != "-":
                problems.append(f"{where}: bullet '{token.markup}', use '- '")
            if list_depth > 1:
                problems.append(f"{where}: nested list; keep lists one level deep")
        elif token.type == "bullet_list_close":
            list_depth -= 1
        if token.type not in _BLOCK_OK:
            problems.append(f"{where}: {_REFUSED.get(token.type, token.type)} is not allowed")
            if token.nesting == 1:
                inside_refused = token
            continue
        if token.type == "inline":
            problems.extend(f"{where}: {p}" for p in _inline_problems(token.children or []))
    return list(dict.fromkeys(problems))


def _inline_problems(children: list[Token]) -> list[str]:
    problems = []
    for child in children:
        if child.type.endswith("_close"):
            continue
        if child.type not in _INLINE_OK:
            problems.append(f"{_REFUSED.get(child.type, child.type)} is not allowed")
        elif child.type == "strong_open" and child.markup != "**":
            problems.append(f"bold written '{child.markup}', use '**'")
        elif child.type == "em_open" and child.markup != "_":
            problems.append(f"italic written '{child.markup}', use '_'")
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if not href.startswith("https://"):
                problems.append(f"link to {href!r}: links must start with https://")
    return problems
