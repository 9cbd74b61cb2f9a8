"""`rahnama content check`: everything that must hold before a pack may be served, in one report.

On top of what the loader refuses (schema, every topic in every language, sources with dates,
the Markdown subset, scripts and digits, phone numbers in texts that contacts.yaml carries):
summary-card picks that find their sentence in every language,
Pakistani phone numbers, well-formed URLs, left-over placeholders, a dated history for every
deadline, one Telegram message per guidance text, short enough buttons, and reviews that have
not expired. Stale reviews are notes, not failures: an edit is expected to wait for its review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.content.card_picks import check_card_texts
from bot.content.errors import ContentError, Problem
from bot.content.links import link_problems
from bot.content.loader import load_pack
from bot.content.model import ContentPack, RuleStatus, Topic
from bot.content.phones import looks_dialled, phone_problem
from bot.content.placeholders import catalogue_problems, filler_problems
from bot.content.review import Rejected, ReviewState, Role
from bot.content.script import phone_numbers
from bot.content.walk import texts
from bot.domain import Language
from bot.rendering import to_telegram_html

Composer = Callable[[ContentPack, Topic, Language], Iterable[str]]
"""Every full message (Markdown) the bot may send for a topic in a language: title, body, label."""

CALLBACK_DATA_MAX_BYTES = 64  # Telegram's limit on a button's data
BUTTON_TITLE_MAX_CHARS = 40  # a topic under `more` shows its title on a button
LABEL_ALLOWANCE = 300  # room for the review label when no composer from the conversation is given


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pack: ContentPack | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_pack(root: Path, *, today: date, compose: Composer | None = None, locales_dir: Path | None = None) -> Report:
    """Check the pack in `root` as of `today`; `locales_dir` adds the interface catalogues."""
    report = Report()
    if locales_dir is not None:
        problems, notes = catalogue_problems(locales_dir)
        report.problems += problems
        report.notes += notes
    try:
        pack = load_pack(root)
    except ContentError as error:
        report.problems[:0] = error.problems
        return report
    report.pack = pack
    report.problems[:0] = [
        *phone_problems(pack),
        *link_problems(pack),
        *filler_problems(pack),
        *history_problems(pack),
        *rule_problems(pack, today),
        *size_problems(pack, compose or plain_messages),
        *button_problems(pack),
        *review_problems(pack, today),
        *signoff_problems(pack),
        *card_problems(pack),
    ]
    report.notes[:0] = [*age_notes(pack, today), *review_notes(pack, today)]
    return report


def card_problems(pack: ContentPack) -> Iterator[Problem]:
    """Every card pick finds its sentence in every language (a card skips a missing one rather than fail)."""
    roles = {c.id.value: (c.topics["now"], c.topics["todo"]) for c in pack.categories}
    for message in check_card_texts(pack.cards, pack.topics, roles):
        yield Problem("cards.yaml", message)


def phone_problems(pack: ContentPack) -> Iterator[Problem]:
    for contact in pack.contacts:
        for i, phone in enumerate(contact.phones):
            if (why := phone_problem(phone)) is not None:
                yield Problem("contacts.yaml", f"{contact.id}.phones[{i}]: {why}")
    for file, where, text in texts(pack):
        for run in phone_numbers(text):
            if looks_dialled(run) and (why := phone_problem(run.strip())) is not None:
                yield Problem(file, f"{where}: {why}")


def history_problems(pack: ContentPack) -> Iterator[Problem]:
    """Each change already needs a dated source (the loader); a deadline needs at least one change,
    its announcement, so that `content diff` and change notices can say when it appeared."""
    for deadline in pack.deadlines:
        if not deadline.history:
            yield Problem("deadlines.yaml", f"{deadline.id}.history: empty; record at least the announcement")


def rule_problems(pack: ContentPack, today: date) -> Iterator[Problem]:
    """A past date must say whether its rule still applies, or the bot would have to call it "passed"."""
    for deadline in pack.deadlines:
        if deadline.date < today and deadline.rule is None:
            yield Problem(
                "deadlines.yaml",
                f"{deadline.id}: its date {deadline.date} is past; say whether the rule behind it still applies "
                f"(rule: {', '.join(RuleStatus)})",
            )


def age_notes(pack: ContentPack, today: date) -> list[str]:
    """A warning, not a failure: an overdue pack is still served, with its age on every answer."""
    age = pack.age_on(today)
    if not age.overdue:
        return []
    return [
        f"pack.yaml: the information is {age.days} days old (as_of {pack.as_of}); its review was due on "
        f"{age.review_due} (review_every_days {pack.review_every_days}): check it against its sources "
        "(README, 'How to bring the pack up to date')"
    ]


def plain_messages(pack: ContentPack, topic: Topic, lang: Language) -> list[str]:
    text = topic.text(lang)
    return [f"**{text.title}**\n\n{text.body}\n\n_{'x' * LABEL_ALLOWANCE}_"]


def size_problems(pack: ContentPack, compose: Composer) -> Iterator[Problem]:
    for topic in pack.topics.values():
        for lang in pack.languages:
            sizes = [to_telegram_html(message, lang) for message in compose(pack, topic, lang)]
            worst = max(sizes, key=lambda parts: (len(parts), sum(map(len, parts))))
            if len(worst) > 1:
                yield Problem(
                    str(topic.text(lang).path),
                    f"title, body and label make {sum(map(len, worst))} characters of Telegram HTML, "
                    f"{len(worst)} messages; one message at most: shorten the text",
                )


def button_problems(pack: ContentPack) -> Iterator[Problem]:
    titled: set[str] = set()  # a topic offered by several categories is reported once
    for category in pack.categories:
        for topic_id in category.more:
            action = f"go:topic:{category.id}:{topic_id}"
            if len(action.encode()) > CALLBACK_DATA_MAX_BYTES:
                yield Problem("categories.yaml", f"{category.id}.more: '{topic_id}' makes the button data too long")
            topic = pack.topic(topic_id)
            if topic is None or topic_id in titled:
                continue
            titled.add(topic_id)
            for text in topic.texts.values():
                if len(text.title) > BUTTON_TITLE_MAX_CHARS:
                    message = f"title: {len(text.title)} characters; a button shows at most {BUTTON_TITLE_MAX_CHARS}"
                    yield Problem(str(text.path), message)


def review_problems(pack: ContentPack, today: date) -> Iterator[Problem]:
    for topic in pack.topics.values():
        for text in topic.texts.values():
            if text.review.state_on(today) is ReviewState.EXPIRED:
                yield Problem(str(text.path), f"review expired on {text.review.review_by}: renew the sign-offs")
            if text.translation == "reviewed" and Role.LANGUAGE not in text.review.current_roles:
                yield Problem(
                    str(text.path),
                    "translation: reviewed, but no language sign-off names this file (signoffs.yaml decides)",
                )


def signoff_problems(pack: ContentPack) -> Iterator[Problem]:
    """Sign-offs that count for nothing because they do not verify or name the wrong reviewer:
    someone edited or wrote them by hand, or the reviewer lacks the role or the language."""
    for rejected in pack.trust.rejected:
        if not rejected.revoked:
            yield Problem("signoffs.yaml", _rejected_line(rejected))


def _rejected_line(rejected: Rejected) -> str:
    s = rejected.signoff
    return f"{s.subject} ({s.lang.value}) {s.role.value} sign-off by {s.reviewer} counts for nothing: {rejected.why}"


def review_notes(pack: ContentPack, today: date) -> list[str]:
    notes = [f"signoffs.yaml: {_rejected_line(r)}" for r in pack.trust.rejected if r.revoked]
    for topic in pack.topics.values():
        for text in topic.texts.values():
            if text.review.state_on(today) is ReviewState.STALE:
                notes.extend(f"{text.path}: stale: {why}" for why in text.review.outdated)
    return notes
