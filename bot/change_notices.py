"""The "what changed" notices and corrections: broadcast jobs built from the content diff or a topic version.

Notices: one job per document category with changes since a date (bot/content/diff.py), to that
category's subscribers, with a short list of what changed in each language: each deadline once,
with its latest step, and each topic checked again by its title. Changes that concern
no document (GENERAL: About, the contacts note) are reported and not sent. A person subscribed to
two affected categories gets two notices, one per document.

No silent fallback: a language gets the notice only if every change in it has its text in that
language (and, in strict mode, a signed-off topic text). Otherwise that language is left out of
the job, its subscribers are counted as `no_message`, and the reason is reported.

Once: each (category, changes) notice is remembered for NOTICE_MEMORY; running the same
`--since` again does not create it twice.

Corrections: a job whose audience is exactly the people whose last-sent version of a topic is a
given SHA-256 (StateStore.recipients_of), each in the language they use the bot in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from redis.asyncio import Redis

from bot.broadcast.jobs import create_job
from bot.content import ContentPack
from bot.content.diff import GENERAL, Change, by_category, changes_since
from bot.content.review import ReviewState
from bot.domain import LANGUAGES, Language
from bot.i18n.catalog import translator
from bot.sending.classes import SendClass
from bot.store import StateStore

NOTICE_MEMORY = 90 * 86400  # seconds a sent notice is remembered, so a second run does not repeat it


@dataclass(frozen=True)
class PlannedNotice:
    category: str
    changes: tuple[Change, ...]
    messages: dict[str, str]  # language id -> text, only languages with every text available
    withheld: dict[str, str] = field(default_factory=dict)  # language id -> why it gets nothing

    @property
    def fingerprint(self) -> str:
        what = "|".join(f"{c.kind}:{c.id}:{c.date.isoformat()}:{c.status}" for c in self.changes)
        return hashlib.sha256(f"{self.category}|{what}".encode()).hexdigest()[:24]


def plan_notices(pack: ContentPack, since: date, *, strict: bool, today: date) -> tuple[list[PlannedNotice], list]:
    """The notices to send per category, and the changes that concern no document (not sent)."""
    grouped = by_category(pack, changes_since(pack, since))
    general = grouped.pop(GENERAL, [])
    notices = []
    for category, all_changes in grouped.items():
        changes = _short(all_changes)
        if not changes:
            continue
        messages, withheld = {}, {}
        for lang in LANGUAGES:
            missing = _missing(pack, changes, lang, strict=strict, today=today)
            if missing:
                withheld[lang.value] = missing
            else:
                messages[lang.value] = notice_text(pack, changes, lang)
        notices.append(PlannedNotice(category, tuple(changes), messages, withheld))
    return notices, general


def _short(changes: list[Change]) -> list[Change]:
    """A short notice: of several steps of one deadline, only the latest (where it stands now)."""
    latest = {c.id: c for c in changes if c.kind == "deadline"}  # oldest first, so the last one wins
    return [c for c in changes if c.kind != "deadline" or latest[c.id] is c]


def _missing(pack: ContentPack, changes: list[Change], lang: Language, *, strict: bool, today: date) -> str:
    """Why `lang` cannot have this notice ('' when it can)."""
    for change in changes:
        if change.kind == "deadline":
            if not (change.title.get(lang.value) and change.note and change.note.get(lang.value)):
                return f"deadline {change.id}: no {lang.value} text"
            record = pack.record(f"deadline:{change.id}", lang.value)
            if strict and (record is None or record.review.state_on(today) is not ReviewState.SIGNED):
                return f"deadline {change.id}: {lang.value} title and notes not signed off (strict mode)"
            continue
        topic = pack.topics.get(change.id)
        if topic is None or lang.value not in topic.texts:
            return f"topic {change.id}: no {lang.value} text"
        if strict and topic.text(lang.value).review.state_on(today) is not ReviewState.SIGNED:
            return f"topic {change.id}: {lang.value} text not signed off (strict mode)"
    return ""


def notice_text(pack: ContentPack, changes: list[Change] | tuple[Change, ...], lang: Language) -> str:
    """One line per change. The job puts the neutral first line above it (discreet mode, bot.safety.discreet)."""
    t = translator(lang)
    lines = [t.gettext("What changed:")]
    for titles, note in _deadline_lines(changes, lang):
        if len(titles) == 1:
            lines.append(f"- {titles[0]}: {note}")
        else:  # deadlines whose latest step is one and the same event: their titles, then the step once
            lines += [f"- {title}" for title in titles] + [f"  {note}"]
    for change in changes:
        if change.kind != "deadline" or change.note is None:
            title = pack.topics[change.id].text(lang.value).title
            lines.append("- " + t.gettext("Updated information: {title}").format(title=title))
    lines += ["", t.gettext("Open the menu for the details: /menu")]
    return "\n".join(lines)


def _deadline_lines(changes: list[Change] | tuple[Change, ...], lang: Language) -> list[tuple[list[str], str]]:
    """(titles, note) per distinct latest step, in order: one step recorded on two deadlines (the Peshawar
    halt on phase 1 and phase 2) was said twice, word for word, in one notice."""
    grouped: dict[str, list[str]] = {}
    for change in changes:
        if change.kind == "deadline" and change.note is not None:
            grouped.setdefault(change.note[lang.value], []).append(change.title[lang.value])
    return [(titles, note) for note, titles in grouped.items()]


async def create_notice_jobs(redis: Redis, prefix: str, notices: list[PlannedNotice], now: float) -> dict[str, str]:
    """category -> job id for each notice not sent before; a notice with no language at all is skipped."""
    created = {}
    for notice in notices:
        if not notice.messages:
            continue
        memo = f"{prefix}bc:notice:{notice.fingerprint}"
        if not await redis.set(memo, "pending", nx=True, ex=NOTICE_MEMORY):
            continue
        job_id = await create_job(
            redis, prefix, [notice.category], None, notice.messages, now=now, send_class=SendClass.NOTICE
        )
        await redis.set(memo, job_id, ex=NOTICE_MEMORY)
        created[notice.category] = job_id
    return created


async def already_sent(redis: Redis, prefix: str, notice: PlannedNotice) -> str | None:
    """The job id a notice was already sent as, if any."""
    return await redis.get(f"{prefix}bc:notice:{notice.fingerprint}")


async def correction_audience(store: StateStore, topic_id: str, sha256: str) -> list[tuple[int, str]]:
    """(user id, language id) of everyone whose last-sent version of the topic is `sha256`."""
    people = []
    for user_id in sorted(await store.recipients_of(topic_id, sha256)):
        lang = await store.language_of(user_id)
        if lang in {x.value for x in LANGUAGES}:
            people.append((user_id, lang))
    return people


async def create_correction_job(
    redis: Redis, prefix: str, people: list[tuple[int, str]], messages: Mapping[str, str], now: float
) -> str:
    return await create_job(redis, prefix, (), None, messages, now=now, people=people, send_class=SendClass.NOTICE)
