"""Content for staff: the review table, an atomic reload, and what changed since a date."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from bot.content import ContentPack
from bot.content.check import check_pack
from bot.content.diff import by_category, change_record, changes_since
from bot.content.review import ReviewState
from bot.content.signoffs import SOURCE_LANGUAGE
from bot.content.status import texts_of
from bot.domain import Language
from bot.i18n.dates import today_in_pakistan
from bot.reviewing.live import with_live
from bot.reviewing.store import ReviewStore
from bot.web.admin.models import ChangeOut, ContentDiff, ContentStatus, ReloadResult, SignOffOut, TextStatus
from bot.web.admin.services import AdminServices


class ReloadRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def content_status(services: AdminServices, on: date | None = None) -> ContentStatus:
    pack = services.content()
    day = on or today_in_pakistan(services.clock())
    soon = day + timedelta(days=services.expires_soon_days)
    reviewers = pack.trust.all_reviewers()
    texts = [_text_status(topic_id, lang, pack, day, soon, reviewers) for topic_id in sorted(pack.topics)
             for lang in pack.languages]  # fmt: skip
    records = [_text_status(record_id, lang, pack, day, soon, reviewers) for record_id in pack.records
               for lang in pack.languages]  # fmt: skip
    counts = {state: sum(t.state is state for t in texts) for state in ReviewState}
    age = pack.age_on(day)
    return ContentStatus(
        on=day, as_of=pack.as_of, age_days=age.days, review_every_days=pack.review_every_days,
        review_due=age.review_due, overdue=age.overdue, languages=list(pack.languages),
        expires_soon_days=services.expires_soon_days, counts=counts, texts=texts, records=records,
    )  # fmt: skip


def _text_status(subject: str, lang: Language, pack: ContentPack, day: date, soon: date, reviewers: dict) -> TextStatus:
    all_texts = texts_of(pack, subject)
    text, english = all_texts[lang.value], all_texts[SOURCE_LANGUAGE.value].sha256
    review, state = text.review, text.review.state_on(day)
    source = english if lang is not SOURCE_LANGUAGE else None
    signoffs = [
        SignOffOut(
            role=s.role,
            reviewer=_name(reviewers, s.reviewer),
            organisation=_org(reviewers, s.reviewer),
            signed_on=s.signed_on,
            review_by=s.review_by,
            current=s.sha256 == text.sha256 and s.source_sha256 == source,
        )
        for s in review.signoffs
    ]
    expires_soon = state is ReviewState.SIGNED and review.review_by is not None and review.review_by <= soon
    return TextStatus(
        topic=subject, lang=lang, title=text.title, state=state, review_by=review.review_by,
        expires_soon=expires_soon, missing=list(review.missing), outdated=list(review.outdated),
        signoffs=signoffs, sha256=text.sha256,
        rejected=[f"{r.signoff.role.value} by {r.signoff.reviewer}: {r.why}" for r in review.rejected],
    )  # fmt: skip


def _name(reviewers: dict, reviewer_id: str) -> str:
    found = reviewers.get(reviewer_id)
    return f"{found.name} ({reviewer_id})" if found else reviewer_id


def _org(reviewers: dict, reviewer_id: str) -> str:
    found = reviewers.get(reviewer_id)
    return found.organisation if found else ""


async def reload_content(services: AdminServices) -> ReloadResult:
    """Load and check the pack from CONTENT_DIR; swap it in only if it has no problem (else ReloadRefused)."""
    settings = services.settings
    today = today_in_pakistan(services.clock())
    async with services.reload_lock:  # one reload at a time; each swaps a whole pack
        report = await asyncio.to_thread(
            check_pack, settings.content_dir, today=today, locales_dir=settings.locales_dir
        )  # reading and hashing files: off the event loop
        if not report.ok or report.pack is None:
            raise ReloadRefused([str(p) for p in report.problems] or ["the pack could not be read"])
        # Sign-offs stored by the review workspace count in the new pack too (bot/reviewing/live.py).
        pack = with_live(report.pack, await ReviewStore(services.redis, services.prefix).live())
        services.replace_content(pack)
    return _summary(pack, report.notes)


def _summary(pack: ContentPack, notes: list[str]) -> ReloadResult:
    texts = sum(len(topic.texts) for topic in pack.topics.values())
    return ReloadResult(as_of=pack.as_of, topics=len(pack.topics), texts=texts, notes=notes)


def content_diff(services: AdminServices, since: date) -> ContentDiff:
    pack = services.content()
    grouped = by_category(pack, changes_since(pack, since))
    categories = {key: [ChangeOut.model_validate(change_record(c)) for c in found] for key, found in grouped.items()}
    return ContentDiff(since=since, categories=categories)
