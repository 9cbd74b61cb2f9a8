"""`rahnama content status`: the review state of every topic in every language, and what is missing."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.content.model import ContentPack, TopicText
from bot.content.review import ReviewState, SignOff
from bot.content.signoffs import SOURCE_LANGUAGE


def status_records(pack: ContentPack, today: date) -> list[dict[str, Any]]:
    """One record per topic and language: topic, lang, state, file, signoffs (+ missing, why, sha256),
    and the age of the whole pack (`pack_age`, the same in every record)."""
    records = []
    age = age_record(pack, today)
    for topic_id in sorted(pack.topics):
        topic = pack.topics[topic_id]
        for lang in pack.languages:
            english = topic.text(SOURCE_LANGUAGE).sha256 if lang is not SOURCE_LANGUAGE else None
            records.append({**_record(topic.text(lang), english, today), "pack_age": age})
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


def _record(text: TopicText, english: str | None, today: date) -> dict[str, Any]:
    review = text.review
    return {
        "topic": text.topic_id,
        "lang": text.lang.value,
        "state": review.state_on(today).value,
        "file": str(text.path),
        "signoffs": [_signoff(s, text.sha256, english) for s in review.signoffs],
        "missing": [role.value for role in review.missing],
        "outdated": list(review.outdated),
        "review_by": review.review_by.isoformat() if review.review_by else None,
        "sha256": text.sha256,
    }


def _signoff(signoff: SignOff, sha256: str, english: str | None) -> dict[str, Any]:
    return {
        "role": signoff.role.value,
        "reviewer": signoff.reviewer,
        "organisation": signoff.organisation,
        "date": signoff.signed_on.isoformat(),
        "review_by": signoff.review_by.isoformat(),
        "sha256": signoff.sha256,
        "source_sha256": signoff.source_sha256,
        "current": signoff.sha256 == sha256 and signoff.source_sha256 == english,
    }


def status_table(records: list[dict[str, Any]], languages: tuple[str, ...]) -> str:
    """A topic × language table; each cell is the state and, for a draft, the sign-offs it lacks."""
    cells: dict[str, dict[str, str]] = {}
    for record in records:
        cell = record["state"]
        if record["missing"]:
            cell += " (needs " + " + ".join(record["missing"]) + ")"
        elif record["state"] in (ReviewState.SIGNED, ReviewState.EXPIRED):
            cell += f" (review by {record['review_by']})"
        cells.setdefault(record["topic"], {})[record["lang"]] = cell
    widths = [max([len("topic"), *map(len, cells)])]
    widths += [max([len(lang), *(len(row.get(lang, "")) for row in cells.values())]) for lang in languages]
    lines = [_line(["topic", *languages], widths), _line(["-" * w for w in widths], widths)]
    lines += [_line([topic, *(row.get(lang, "") for lang in languages)], widths) for topic, row in cells.items()]
    lines += [""] + [f"{r['file']}: {why}" for r in records for why in r["outdated"]]
    lines.append(_summary(records))
    return "\n".join(lines)


def _line(values: list[str], widths: list[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _summary(records: list[dict[str, Any]]) -> str:
    counts = {state.value: 0 for state in ReviewState}
    for record in records:
        counts[record["state"]] += 1
    return f"{len(records)} texts: " + ", ".join(f"{n} {state}" for state, n in counts.items())
