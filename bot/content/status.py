"""`rahnama content status`: the review state of every text in every language, and what is missing.

Topics and records (category names, deadline titles and notes, contact descriptions) alike, the
most harmful first (bot.content.priority): the emergency essentials head the list.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.content.model import ContentPack
from bot.content.priority import subjects_by_harm
from bot.content.review import Rejected, ReviewState, SignOff
from bot.content.reviewers import Reviewer
from bot.content.signoffs import SOURCE_LANGUAGE


def texts_of(pack: ContentPack, subject: str) -> dict[str, Any]:
    """The texts (TopicText or RecordText) of a topic or record, by language."""
    topic = pack.topic(subject)
    return dict(topic.texts) if topic is not None else dict(pack.records.get(subject, {}))


def status_records(pack: ContentPack, today: date) -> list[dict[str, Any]]:
    """One record per text: topic or record, lang, state, file, signoffs (+ rejected, missing, why, sha256),
    and the age of the whole pack (`pack_age`, the same in every record)."""
    reviewers = pack.trust.all_reviewers()
    age = age_record(pack, today)
    records = []
    for subject in subjects_by_harm(pack):
        texts = texts_of(pack, subject)
        english = texts[SOURCE_LANGUAGE.value].sha256
        for lang in pack.languages:
            source = english if lang is not SOURCE_LANGUAGE else None
            record = _record(subject in pack.topics, texts[lang.value], source, today, reviewers)
            records.append({**record, "pack_age": age})
    return records


def age_record(pack: ContentPack, today: date) -> dict[str, Any]:
    """as_of, age_days, months, review_every_days, review_due and overdue of the pack on `today`."""
    age = pack.age_on(today)
    return {
        "as_of": pack.as_of.isoformat(),
        "age_days": age.days,
        "months": age.months,
        "review_every_days": pack.review_every_days,
        "review_due": age.review_due.isoformat(),
        "overdue": age.overdue,
    }


def age_summary(pack: ContentPack, today: date) -> str:
    """One line for people: how old the information is and whether its review is overdue."""
    age = pack.age_on(today)
    verdict = f"OVERDUE since {age.review_due}" if age.overdue else f"next review due {age.review_due}"
    return (
        f"Information as of {pack.as_of}: {age.days} days ({age.months} months) old on {today}; "
        f"{verdict} (review_every_days {pack.review_every_days})"
    )


def _record(is_topic: bool, text: Any, english: str | None, today: date, reviewers: dict[str, Reviewer]) -> dict:
    review = text.review
    return {
        "topic": text.topic_id if is_topic else None,
        "record": None if is_topic else text.topic_id,
        "lang": text.lang.value,
        "state": review.state_on(today).value,
        "file": str(text.path),
        "title": text.title,
        "signoffs": [
            _signoff(s, reviewers, text.sha256 == s.sha256 and s.source_sha256 == english) for s in review.signoffs
        ]  # fmt: skip
        + [_rejected(r, reviewers) for r in review.rejected],
        "rejected": [_rejected(r, reviewers) for r in review.rejected],
        "missing": [role.value for role in review.missing],
        "outdated": list(review.outdated),
        "review_by": review.review_by.isoformat() if review.review_by else None,
        "sha256": text.sha256,
    }


def _signoff(signoff: SignOff, reviewers: dict[str, Reviewer], current: bool) -> dict[str, Any]:
    reviewer = reviewers.get(signoff.reviewer)
    return {
        "role": signoff.role.value,
        "reviewer": signoff.reviewer,
        "reviewer_name": reviewer.name if reviewer else None,
        "organisation": reviewer.organisation if reviewer else None,
        "date": signoff.signed_on.isoformat(),
        "review_by": signoff.review_by.isoformat(),
        "sha256": signoff.sha256,
        "source_sha256": signoff.source_sha256,
        "current": current,
        "counts": True,
    }


def _rejected(rejected: Rejected, reviewers: dict[str, Reviewer]) -> dict[str, Any]:
    return _signoff(rejected.signoff, reviewers, False) | {"counts": False, "why": rejected.why}


def status_table(records: list[dict[str, Any]], languages: tuple[str, ...]) -> str:
    """A text × language table; each cell is the state and, for a draft, the sign-offs it lacks."""
    cells: dict[str, dict[str, str]] = {}
    for record in records:
        cell = record["state"]
        if record["missing"]:
            cell += " (needs " + " + ".join(record["missing"]) + ")"
        elif record["state"] in (ReviewState.SIGNED, ReviewState.EXPIRED):
            cell += f" (review by {record['review_by']})"
        cells.setdefault(record["topic"] or record["record"], {})[record["lang"]] = cell
    widths = [max([len("topic"), *map(len, cells)])]
    widths += [max([len(lang), *(len(row.get(lang, "")) for row in cells.values())]) for lang in languages]
    lines = [_line(["topic", *languages], widths), _line(["-" * w for w in widths], widths)]
    lines += [_line([topic, *(row.get(lang, "") for lang in languages)], widths) for topic, row in cells.items()]
    lines += [""] + [f"{r['file']}: {why}" for r in records for why in r["outdated"]]
    lines += [
        f"{r['topic'] or r['record']} ({r['lang']}): {s['role']} sign-off by {s['reviewer']} "
        f"counts for nothing: {s['why']}"
        for r in records
        for s in r["rejected"]
    ]
    lines.append(_summary([r for r in records if r["topic"]], "topic texts"))
    lines.append(_summary([r for r in records if r["record"]], "record texts"))
    return "\n".join(lines)


def _line(values: list[str], widths: list[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _summary(records: list[dict[str, Any]], what: str) -> str:
    counts = {state.value: 0 for state in ReviewState}
    for record in records:
        counts[record["state"]] += 1
    return f"{len(records)} {what}: " + ", ".join(f"{n} {state}" for state, n in counts.items())
