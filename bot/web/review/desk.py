"""What a reviewer sees: their queue, ordered by harm and demand, and one text with everything needed
to judge it (the English beside the translation, the sources with their dates, what changed since the
version last signed, comments sent back) and the statements they may sign."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.content import ContentPack, Source
from bot.content.priority import harm_rank
from bot.content.record_texts import RecordText
from bot.content.review import Role, required_roles
from bot.content.reviewers import Reviewer
from bot.content.signatures import canonical, statement
from bot.content.signing import unsigned
from bot.content.signoffs import SOURCE_LANGUAGE
from bot.content.status import texts_of
from bot.domain import Language
from bot.reviewing.store import served_field


@dataclass(frozen=True)
class QueueItem:
    subject: str
    lang: str
    title: str
    state: str
    needs: tuple[str, ...]
    """Roles still missing that this reviewer holds."""
    rank: int
    asked: int
    sent_back: bool


def queue(
    pack: ContentPack, reviewer: Reviewer, today: date, served: dict[str, int], back: set[str]
) -> list[QueueItem]:
    """Every text in the reviewer's languages still needing a role they hold: most harmful first, then
    the texts people asked for most."""
    items = []
    for subject in (*pack.topics, *pack.records):
        for lang, text in texts_of(pack, subject).items():
            if Language(lang) not in reviewer.languages:
                continue
            review = text.review
            done = set(review.current_roles) if review.state_on(today).value != "expired" else set()
            needs = tuple(r.value for r in required_roles(lang) if r in reviewer.roles and r not in done)
            if not needs:
                continue
            asked = served.get(served_field(subject, lang), 0)
            back_now = f"{subject}|{lang}|{text.sha256}" in back
            state = review.state_on(today).value
            items.append(QueueItem(subject, lang, text.title, state, needs, harm_rank(pack, subject), asked, back_now))
    return sorted(items, key=lambda i: (i.rank, -i.asked, i.subject, i.lang))


@dataclass
class ItemView:
    subject: str
    lang: str
    title: str
    text: str
    english: str
    sha256: str
    state: str
    sources: list[Source]
    diff: list[tuple[str, str]] | None
    """(kind, line) with kind "+", "-" or " "; None when no earlier signed version is kept."""
    signed_sha: str | None
    statements: dict[str, str] = field(default_factory=dict)
    """Role → the canonical statement the reviewer's browser signs."""
    comments: list[dict[str, Any]] = field(default_factory=list)


def exact_text(text: Any, content_dir: Path) -> str:
    """What a sign-off's hash names: a topic's whole file as on disk (if it is still that version), a record's text."""
    if isinstance(text, RecordText):
        return text.body
    path = content_dir / text.path
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if hashlib.sha256(data).hexdigest() == text.sha256:
        return data.decode("utf-8")
    return f"---\ntitle: {text.title}\n---\n\n{text.body}"  # the file moved on since the pack was loaded


def item_view(pack: ContentPack, subject: str, lang: str, content_dir: Path) -> ItemView | None:
    texts = texts_of(pack, subject)
    if lang not in texts:
        return None
    text, english = texts[lang], texts[SOURCE_LANGUAGE.value]
    return ItemView(
        subject, lang, text.title, exact_text(text, content_dir), exact_text(english, content_dir), text.sha256,
        text.review.state.value, sources_of(pack, subject), None, None,
    )  # fmt: skip


def with_diff(view: ItemView, last: tuple[str, str] | None) -> ItemView:
    if last is None:
        return view
    sha, before = last
    view.signed_sha = sha
    if sha != view.sha256:
        lines = difflib.ndiff(before.splitlines(), view.text.splitlines())
        view.diff = [(line[0], line[2:]) for line in lines if line[:1] in "+- "]
    return view


def statements_for(pack: ContentPack, view: ItemView, reviewer: Reviewer, today: date) -> dict[str, str]:
    """The statements this reviewer may sign for the text: roles the language needs that they hold."""
    if Language(view.lang) not in reviewer.languages or reviewer.revoked:
        return {}
    found = {}
    for role in required_roles(view.lang):
        if role in reviewer.roles:
            signoff = unsigned(pack, view.subject, Language(view.lang), Role(role), reviewer.id, today)
            found[role.value] = canonical(statement(signoff))
    return found


def sources_of(pack: ContentPack, subject: str) -> list[Source]:
    topic = pack.topic(subject)
    if topic is not None:
        return list(topic.sources)
    kind, _, record_id = subject.partition(":")
    if kind == "deadline":
        deadline = next((d for d in pack.deadlines if d.id == record_id), None)
        return [*deadline.sources, *(c.source for c in deadline.history)] if deadline else []
    if kind == "contact":
        contact = next((c for c in pack.contacts if c.id == record_id), None)
        return [contact.source, *contact.more_sources] if contact else []
    return []
