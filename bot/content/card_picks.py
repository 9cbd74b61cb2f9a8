"""Card texts (`cards.yaml`): which sentences of a category's reviewed texts its summary card quotes.

A card says what a document means now and three things to do in a few lines. Rather than a second
text that would need its own translation and review, `cards.yaml` points into the topic texts
(`<category>-now`, `<category>-todo`): "b2:1" is the first sentence of the second bullet, "b1:lead"
its bold opening words, "p2" the second paragraph. The translations are sentence by sentence, so one
pointer picks the same sentence in every language, and a card shows exactly what a reviewer signed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from bot.content.model import NO_CARD_TEXTS, CardPicks, CardTexts, Topic
from bot.content.schema import Reader, where_of

_PICK = re.compile(
    r"(?P<kind>[bp])(?P<index>[1-9][0-9]*)(?::(?:(?P<lead>lead)|(?P<first>[1-9])(?:-(?P<last>[1-9]))?))?"
)
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_LEAD = re.compile(r"^\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"\*\*|(?<!\w)_|_(?!\w)")


def read_card_texts(reader: Reader, data: Any) -> CardTexts:
    fields = reader.record(data, "", ("cards", "discreet_avoid"))
    if fields is None:
        return NO_CARD_TEXTS
    picks: dict[str, CardPicks] = {}
    for index, raw in enumerate(reader.items(fields["cards"], "cards")):
        where = where_of("cards", index, raw)
        record = reader.record(raw, where, ("category", "status", "todo", "name_words"))
        if record is None:
            continue
        category = reader.ident(record["category"], f"{where}.category")
        status = _selectors(reader, record["status"], f"{where}.status")
        todo = _selectors(reader, record["todo"], f"{where}.todo")
        if len(todo) != 3:
            reader.report(f"{where}.todo", f"a card lists three things to do, not {len(todo)}")
        names = _words(reader, record["name_words"], f"{where}.name_words")
        if category:
            picks[category] = CardPicks(category, status, todo, names)
    return CardTexts(MappingProxyType(picks), _words(reader, fields["discreet_avoid"], "discreet_avoid"))


def _words(reader: Reader, value: Any, where: str) -> Mapping[str, tuple[str, ...]]:
    by_lang = reader.record(value, where, reader.languages) or {}
    words = {lang: tuple(str(w) for w in reader.items(raw, f"{where}.{lang}")) for lang, raw in by_lang.items()}
    return MappingProxyType(words)


def _selectors(reader: Reader, value: Any, where: str) -> tuple[str, ...]:
    found = []
    for item in reader.items(value, where):
        if isinstance(item, str) and _PICK.fullmatch(item):
            found.append(item)
        else:
            reader.report(where, f"{item!r} is not a pick like b2, b2:1, b2:1-2, b1:lead or p3")
    return tuple(found)


def quote(body: str, selector: str) -> str | None:
    """The text a selector picks from a topic body, without Markdown emphasis; None when it is not there."""
    match = _PICK.fullmatch(selector)
    if match is None:
        return None
    blocks = _bullets(body) if match["kind"] == "b" else _paragraphs(body)
    index = int(match["index"]) - 1
    if index >= len(blocks):
        return None
    block = blocks[index]
    if match["lead"]:
        lead = _LEAD.match(block)
        return _plain(lead[1]) if lead else None
    if match["first"] is None:
        return _plain(block)
    sentences = _SENTENCE_END.split(_plain(block))
    first, last = int(match["first"]), int(match["last"] or match["first"])
    if last > len(sentences) or first > last:
        return None
    return " ".join(sentences[first - 1 : last])


def check_card_texts(
    texts: CardTexts, topics: Mapping[str, Topic], now_and_todo: Mapping[str, tuple[str, str]]
) -> list[str]:
    """Every pick must find its sentence in every language (a translation with fewer sentences fails here)."""
    problems = []
    for category, (now_id, todo_id) in now_and_todo.items():
        picks = texts.picks.get(category)
        if picks is None:
            problems.append(f"cards: no card for category '{category}'")
            continue
        for topic_id, selectors in ((now_id, picks.status), (todo_id, picks.todo)):
            topic = topics.get(topic_id)
            for selector in selectors if topic else ():
                for lang, text in topic.texts.items():
                    if quote(text.body, selector) is None:
                        problems.append(f"cards: {category}: '{selector}' is not in topics/{topic_id}/{lang}.md")
    return problems


def _bullets(body: str) -> list[str]:
    return [line[2:].strip() for line in body.splitlines() if line.startswith("- ")]


def _paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip() and not line.startswith("- ")]


def _plain(text: str) -> str:
    return " ".join(_EMPHASIS.sub("", text).split())
