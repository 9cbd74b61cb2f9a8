"""The routing index of one content pack, built once: phrases as normalised tokens, their weights,
the examples, and which category and menu role each topic has.

A keyword listed by many topics ("what should I do", "expired") says little about which topic is
meant, so it weighs less: weight = 1/sqrt(number of topics listing it). A phrase of several words
is more specific than one word, so it weighs a little more.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.content import ContentPack
from bot.understanding.length_window import LengthWindow
from bot.understanding.letter_index import LetterIndex
from bot.understanding.normalise import is_arabic_script, tokenise

# Function words that carry no topic: dropped from phrases and from what people type, so "police at
# the door" matches "police at door". Kept short on purpose: question words and pronouns stay,
# because "who are you" and "what should I do" are made of them.
_STOPWORDS_WRITTEN = (
    "a an the i at in on of to for from with by and or so please pls plz sir",  # en
    "را به از در با و که هم یک آیا لطفا",  # prs
    "د په ته چې کې له سره",  # ps
    "کا کی کے کو نے میں پر ہے ہیں اور بھی",  # ur; not سے: folded it is سی, the C of "اے سی سی" (ACC)
    "ra ba az ke ka ki ko ne se hai hain pa ta aur va o ya",  # roman
)
STOPWORDS = frozenset(token for words in _STOPWORDS_WRITTEN for token in tokenise(words))

MULTIWORD_BONUS = 0.3
"""Extra weight per additional word of a phrase (capped at MULTIWORD_CAP)."""
MULTIWORD_CAP = 1.6
FUZZY_MIN_LENGTH = 5
"""Shorter words are only matched exactly or with an ending: one typo in "card" is another word."""


def content_tokens(text: str, tokens: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The normalised tokens of `text` without stopwords; `tokens`: `tokenise(text)`, if already made."""
    return tuple(t for t in (tokenise(text) if tokens is None else tokens) if t not in STOPWORDS)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A keyword or emergency phrase: every token must appear in the text, in any order."""

    text: str
    tokens: tuple[str, ...]
    joined: str | None
    """The tokens written together ("پی او ار" → "پیاوار"), since people type both."""
    weight: float
    shared: int = 1
    """How many topics list this phrase."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    keywords: Mapping[str, tuple[Phrase, ...]]
    """Topic id → its keyword phrases."""
    emergency: tuple[Phrase, ...]
    examples: tuple[str, ...]
    """Normalised example questions, content tokens sorted and joined by spaces (so a plain ratio
    against the sorted query is rapidfuzz's token_sort_ratio, without re-sorting every example) …"""
    example_topics: tuple[str, ...]
    """… and the topic of each."""
    example_lengths: LengthWindow
    """The examples by length, so that a message is compared only with those of a length that can match it."""
    vocabulary: frozenset[str]
    """Every token (and joined form) that any phrase needs: what the matcher looks for."""
    prefixes: frozenset[str]
    """Every beginning of a `vocabulary` word (the whole word too): a text word that does not begin so cannot be a
    vocabulary word plus an ending, however much of it is cut off."""
    fuzzy_vocabulary: tuple[str, ...]
    """Phrase tokens long enough to be matched with a typo (FUZZY_MIN_LENGTH). Joined forms are left
    out: a fuzzy match on "مااخراج" would let the single word "اخراج" stand for the whole phrase."""
    fuzzy_letters: LetterIndex
    """The letters of `fuzzy_vocabulary`, so the matcher compares a word only with those that can be near it."""
    category_of: Mapping[str, str | None]
    now_topic: Mapping[str, str]
    """Category id → its "now" topic (whose phrases include the category's cues)."""
    cues: Mapping[str, frozenset[tuple[str, ...]]]
    """Category id → the phrases its now and todo topics share: words naming the document."""
    by_token: Mapping[str, tuple[tuple[str, Phrase], ...]]
    """First token (and joined form) → (topic id, phrase): only phrases that can match are tried."""
    emergency_by_token: Mapping[str, tuple[Phrase, ...]]
    order: Mapping[str, int]
    """Topic id → menu position (categories' topics first), to break ties the way the menu reads."""

    @staticmethod
    def build(content: ContentPack) -> Lexicon:
        lists = {tid: t.questions.keywords for tid, t in content.topics.items() if t.questions is not None}
        keyed = {tid: _phrase_keys(lists[tid].values()) for tid in lists}
        df = Counter(key for keys in keyed.values() for key in set(keys.values()))
        keywords = {tid: tuple(_phrase(text, key, df[key]) for text, key in keyed[tid].items()) for tid in keyed}
        emergency = tuple(_phrase(text, key, 1) for text, key in _phrase_keys(content.emergency.values()).items())
        examples = [
            (" ".join(sorted(content_tokens(example))), tid)
            for tid, topic in content.topics.items()
            if topic.questions is not None
            for texts in topic.questions.examples.values()
            for example in texts
        ]
        category_of, now_topic, cues = _categories(content, keyed)
        phrases = [p for group in (*keywords.values(), emergency) for p in group]
        vocabulary = frozenset(t for p in phrases for t in (*p.tokens, p.joined) if t)
        fuzzy = tuple(sorted({t for p in phrases for t in p.tokens if len(t) >= FUZZY_MIN_LENGTH}))
        return Lexicon(
            keywords=keywords,
            emergency=emergency,
            examples=tuple(text for text, _ in examples if text),
            example_lengths=LengthWindow(tuple(text for text, _ in examples if text)),
            example_topics=tuple(tid for text, tid in examples if text),
            vocabulary=vocabulary,
            prefixes=frozenset(word[:end] for word in vocabulary for end in range(1, len(word) + 1)),
            fuzzy_vocabulary=fuzzy,
            fuzzy_letters=LetterIndex(fuzzy),
            category_of=category_of,
            now_topic=now_topic,
            cues=cues,
            by_token=_index([(tid, p) for tid, group in keywords.items() for p in group]),
            emergency_by_token={k: tuple(p for _, p in v) for k, v in _index([("", p) for p in emergency]).items()},
            order=_menu_order(content),
        )

    @staticmethod
    def for_pack(content: ContentPack) -> Lexicon:
        """`build(content)`, computed once per pack object (a reload makes a new pack)."""
        with _CACHE_LOCK:
            cached = _CACHE.get(id(content))
            if cached is not None and cached[0] is content:
                return cached[1]
        lexicon = Lexicon.build(content)
        with _CACHE_LOCK:
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            # The pack is kept with its lexicon so its id cannot be reused by another object.
            _CACHE[id(content)] = (content, lexicon)
        return lexicon


_CACHE: dict[int, tuple[ContentPack, Lexicon]] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 4


def _menu_order(content: ContentPack) -> dict[str, int]:
    menu = [tid for category in content.categories for tid in category.topics.values()]
    ordered = dict.fromkeys([*menu, *sorted(content.topics)])
    return {tid: i for i, tid in enumerate(ordered)}


def _index(entries: Iterable[tuple[str, Phrase]]) -> dict[str, tuple[tuple[str, Phrase], ...]]:
    # A phrase needs all its tokens, so looking it up by its first token (or joined form) finds it.
    index: dict[str, list[tuple[str, Phrase]]] = {}
    for entry in entries:
        for key in {entry[1].tokens[0], entry[1].joined} - {None}:
            index.setdefault(key, []).append(entry)
    return {key: tuple(found) for key, found in index.items()}


def _phrase_keys(lists: Iterable[Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Each phrase → its content tokens; phrases that are only stopwords keep all their tokens."""
    keys: dict[str, tuple[str, ...]] = {}
    for texts in lists:
        for text in texts:
            key = content_tokens(text) or tokenise(text)
            if key:
                keys[text] = key
    return keys


def _phrase(text: str, tokens: tuple[str, ...], shared: int) -> Phrase:
    joined = "".join(tokens) if 1 < len(tokens) <= 3 and all(map(is_arabic_script, tokens)) else None
    bonus = min(MULTIWORD_CAP, 1 + MULTIWORD_BONUS * (len(tokens) - 1))
    return Phrase(text, tokens, joined, bonus / math.sqrt(shared), shared)


def _categories(
    content: ContentPack, keyed: Mapping[str, Mapping[str, tuple[str, ...]]]
) -> tuple[dict[str, str | None], dict[str, str], dict[str, frozenset[tuple[str, ...]]]]:
    # A topic's category is the one whose menu lists it; one listed by several (rights-police) has none.
    listed = Counter(tid for category in content.categories for tid in set(category.topics.values()))
    category_of: dict[str, str | None] = {tid: None for tid in content.topics}
    now_topic: dict[str, str] = {}
    cues: dict[str, frozenset[tuple[str, ...]]] = {}
    for category in content.categories:
        cid = str(category.id)
        for tid in category.topics.values():
            if listed[tid] == 1:
                category_of[tid] = cid
        now, todo = category.topics.get("now", ""), category.topics.get("todo", "")
        if now:
            now_topic[cid] = now
        cues[cid] = frozenset(set(keyed.get(now, {}).values()) & set(keyed.get(todo, {}).values()))
    return category_of, now_topic, cues
