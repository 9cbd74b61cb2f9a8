"""`route(text, content, lang)`: which question someone typed, or that it is an emergency.

Steps: detect the language (for the reply), normalise, judge urgency first (`bot.understanding.urgency`:
the emergency cues, a pack emergency phrase among them, and the model over them): an "emergency" verdict
wins, an "unsure" one is passed on in `Route.urgency` for the chat to ask; then score every topic:
keyword hits weighted by how specific they are, and fuzzy similarity to the topic's example questions.
Category cues (words naming a document, such as "PoR", "پی او آر", "ACC", "ویزه") decide where
generic words count: once a text names a document, "expired" or "what should I do" only count for
that document's topics. Scores become a confidence by a softmax that includes a "none of these"
option, so an answer is only confident when one topic clearly beats both the other topics and
"nothing". Ties go to the topic that comes first in the menu.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from bot.content import ContentPack
from bot.langid import detect
from bot.understanding.documents import Documents, decide
from bot.understanding.emergency import Cue, Verdict
from bot.understanding.lexicon import Lexicon, Phrase, content_tokens
from bot.understanding.matching import Hit, find_hits, match
from bot.understanding.normalise import tokenise
from bot.understanding.urgency import judge

EMERGENCY_TOPIC = "rights-police"

# --- decision thresholds: set from the score scale below, checked with bench/routing.py (bench/README.md) ---
CONFIDENT = 0.6
"""Confidence at or above which the chat answers with `topic` directly. Below it, with a topic, the
chat offers `alternatives`. Wrongly answering someone's document question costs more than one extra
tap, so this is set where a wrong confident answer is rare, not where coverage is highest: on the
held-out set 43 of 45 confident answers were right (both misses: now vs todo of the right document);
0.7 would make all confident answers right but answer 4 fewer questions directly."""
MIN_EVIDENCE = 0.45
"""A best topic scoring below this means nothing matched: `topic` is None and the chat shows the
menu. One generic word alone ("expired", "where", shared by six topics: ≈0.41) stays below it; one
word naming a document ("visa": ≈0.71) is above it."""
WEAK_CAP = CONFIDENT - 0.15
"""Confidence ceiling when the only evidence is one short or misspelled word: "visa", "kard", "ok"
must never produce a confident answer, however little else competes."""
TEMPERATURE = 0.25
"""Softmax temperature over raw scores: one specific keyword (≈1.0) vs a shared one (≈0.4) should
separate clearly."""
NONE_SCORE = 0.6
"""The "none of these" option's raw score: a topic must beat it to gain confidence."""
GENERIC_SHARED = 3
"""A phrase listed by this many topics or more is generic ("what should I do", "expired"): it only
counts for the named document's topics when the text names one."""
EXAMPLE_CUTOFF = 70
"""Word-order-insensitive similarity (rapidfuzz token_sort_ratio, 0-100) below which an example
question says nothing."""
EXAMPLE_WEIGHT = 1.0
"""Raw score of a verbatim example question (it falls linearly to 0 at EXAMPLE_CUTOFF)."""
EXAMPLE_MIN_TOKENS = 3
"""Example similarity counts fully from this many words: a one-word text resembles everything."""
ALTERNATIVE_MIN = 0.1
MAX_ALTERNATIVES = 3


@dataclass(frozen=True, slots=True)
class Route:
    language: str | None
    """"prs", "ps", "en", "ur", or None when unknown: the `lang` argument, else `bot.langid.detect`."""
    category: str | None
    """The document the person holds or asks about (`bot.understanding.documents.decide`: por, acc, visa,
    resettlement, asylum, undocumented), or None when the text names none; not the category of `topic`."""
    topic: str | None
    """The best topic, or None when nothing matches."""
    emergency: bool
    confidence: float
    """0..1; compare with CONFIDENT."""
    alternatives: tuple[tuple[str, float], ...]
    """Up to MAX_ALTERNATIVES (topic id, confidence), best first, the best topic included."""
    urgency: Verdict = "not"
    """`bot.understanding.emergency`'s verdict: "emergency" (then `emergency` is True), "unsure" (the chat
    asks whether it is happening now) or "not"."""
    cues: tuple[Cue, ...] = ()
    """The emergency cues that fired, for `rahnama ask --explain`."""
    probability: float = 0.0
    """The emergency model's probability (`bot.understanding.urgency`)."""
    model: tuple[tuple[str, float], ...] = ()
    """The model features that pushed hardest, for `rahnama ask --explain`."""
    documents: tuple[tuple[str, str, str], ...] = ()
    """The document cues that decided `category` (category, cue, words), for `rahnama ask --explain`."""


@dataclass(frozen=True, slots=True)
class _Evidence:
    score: float
    strong: bool
    """More than one weak word: an exact long word, a phrase, two words, or a near-verbatim example."""


def route(text: str, content: ContentPack, lang: str | None = None) -> Route:
    """Decide which topic `text` asks about; an emergency phrase wins over everything."""
    lexicon = Lexicon.for_pack(content)
    language = lang or detect(text)
    words = tokenise(text)  # once: the emergency reader, the document cues and the topics all start from them
    tokens = content_tokens(text, words)
    hits = find_hits(tokens, lexicon)
    urgent = judge(text, _emergency_phrase(hits.strict, lexicon), words)
    held = decide(text, tokens)
    why: dict[str, Any] = {"cues": urgent.cues.cues, "probability": urgent.probability, "model": urgent.top,
                           "documents": held.evidence}  # fmt: skip
    if urgent.verdict == "emergency":
        return Route(language, held.category, EMERGENCY_TOPIC, True, 1.0,
                     ((EMERGENCY_TOPIC, 1.0),), urgent.verdict, **why)  # fmt: skip
    evidence = _score_topics(tokens, hits.loose, lexicon, held)
    ranked = sorted(evidence.items(), key=lambda item: (-item[1].score, lexicon.order.get(item[0], 0)))
    if not ranked or ranked[0][1].score < MIN_EVIDENCE:
        return Route(language, held.category, None, False, 0.0, (), urgent.verdict, **why)
    probabilities = _softmax({tid: e.score for tid, e in ranked}, len(lexicon.keywords))
    best, best_evidence = ranked[0]
    confidence = probabilities[best] if best_evidence.strong else min(probabilities[best], WEAK_CAP)
    alternatives = tuple(
        (tid, round(p, 3)) for tid, p in list(probabilities.items())[:MAX_ALTERNATIVES] if p >= ALTERNATIVE_MIN
    )
    return Route(language, held.category, best, False, round(confidence, 3), alternatives,
                 urgent.verdict, **why)  # fmt: skip


def pack_phrase(text: str, lexicon: Lexicon) -> str | None:
    """The first of the pack's emergency phrases in `text` (bench/train_emergency_model.py reads it too)."""
    return _emergency_phrase(find_hits(content_tokens(text), lexicon).strict, lexicon)


def _emergency_phrase(hits: dict[str, Hit], lexicon: Lexicon) -> str | None:
    """The first of the pack's emergency phrases found in the text: one cue among others."""
    candidates = {p for key in hits for p in lexicon.emergency_by_token.get(key, ())}
    return next((p.text for p in sorted(candidates, key=lambda p: p.text) if match(p, hits) is not None), None)


def _score_topics(
    tokens: tuple[str, ...], hits: dict[str, Hit], lexicon: Lexicon, held: Documents
) -> dict[str, _Evidence]:
    found = _keyword_hits(hits, lexicon)
    # The document the person holds decides where generic words count, as a document named in the
    # topics' own keywords does: "I have a PoR card, can I rent a house" is a PoR question.
    cued = _cued_categories(found, lexicon) | ({held.category} if held.category else set())
    evidence: dict[str, _Evidence] = {}
    for tid, pairs in found.items():
        if cued and lexicon.category_of.get(tid) not in cued:
            pairs = [(phrase, hit) for phrase, hit in pairs if phrase.shared < GENERIC_SHARED]
        if pairs:
            evidence[tid] = _keyword_evidence(pairs)
    for tid, bonus in _example_bonus(tokens, lexicon).items():
        old = evidence.get(tid, _Evidence(0.0, False))
        evidence[tid] = _Evidence(old.score + bonus, old.strong or bonus >= EXAMPLE_WEIGHT * 0.6)
    return evidence


def _keyword_hits(hits: dict[str, Hit], lexicon: Lexicon) -> dict[str, list[tuple[Phrase, Hit]]]:
    found: dict[str, list[tuple[Phrase, Hit]]] = {}
    for key in hits:
        for tid, phrase in lexicon.by_token.get(key, ()):
            hit = match(phrase, hits)
            if hit is not None and (phrase, hit) not in found.setdefault(tid, []):
                found[tid].append((phrase, hit))
    return found


def _cued_categories(found: dict[str, list[tuple[Phrase, Hit]]], lexicon: Lexicon) -> set[str]:
    """Categories whose document the text names (a phrase their now and todo topics share)."""
    return {
        category
        for category, cues in lexicon.cues.items()
        if any(phrase.tokens in cues for phrase, _ in found.get(lexicon.now_topic.get(category, ""), ()))
    }


def _keyword_evidence(pairs: list[tuple[Phrase, Hit]]) -> _Evidence:
    # Each typed word counts once, for the most telling phrase it is part of: "PoR card" scores as
    # the phrase "PoR card", not as "PoR card" plus "PoR" plus "card".
    pairs = sorted(pairs, key=lambda pair: -pair[0].weight * pair[1].similarity)
    used: set[int] = set()
    score, strong = 0.0, False
    for phrase, hit in pairs:
        if hit.span & used:
            continue
        used |= hit.span
        score += phrase.weight * hit.similarity
        long_exact = hit.similarity == 1.0 and (len(phrase.tokens) > 1 or len(phrase.tokens[0]) >= 5)
        strong = strong or long_exact
    return _Evidence(score, strong or len(used) >= 2)


def _example_bonus(tokens: tuple[str, ...], lexicon: Lexicon) -> dict[str, float]:
    if not tokens or not lexicon.examples:
        return {}
    query = " ".join(sorted(tokens))  # examples are stored sorted: ratio here is token_sort_ratio
    # Only the examples of a length that can reach the cutoff (`length_window`); none for a long message.
    examples, positions = lexicon.example_lengths.within(len(query), EXAMPLE_CUTOFF)
    if not examples:
        return {}
    found = process.extract(query, examples, scorer=fuzz.ratio, score_cutoff=EXAMPLE_CUTOFF, limit=10)
    scale = EXAMPLE_WEIGHT * min(1.0, len(tokens) / EXAMPLE_MIN_TOKENS) / (100 - EXAMPLE_CUTOFF)
    bonus: dict[str, float] = {}
    for _, score, index in found:
        tid = lexicon.example_topics[positions[index]]
        bonus[tid] = max(bonus.get(tid, 0.0), (score - EXAMPLE_CUTOFF) * scale)
    return bonus


def _softmax(scores: dict[str, float], topic_count: int) -> dict[str, float]:
    # Topics without any evidence score 0 and still take their share: confidence falls when many
    # topics exist and none stands out.
    weights = {tid: math.exp(score / TEMPERATURE) for tid, score in scores.items()}
    total = sum(weights.values()) + math.exp(NONE_SCORE / TEMPERATURE) + (topic_count - len(scores))
    return {tid: w / total for tid, w in sorted(weights.items(), key=lambda item: -item[1])}
