"""Deadline reminders: the right day in Pakistan, once across two processes, never at night."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from redis.asyncio import Redis

from bot.broadcast.jobs import load_job
from bot.content import ContentPack
from bot.domain import Language
from bot.i18n.bidi import strip_bidi_controls
from bot.reminders import Reminders, due_at, is_quiet, reminder_text
from tests.conftest import REDIS_TEST_URL


def pack_with_deadline(content: ContentPack, on: date) -> ContentPack:
    deadline = dataclasses.replace(content.deadlines[0], id="test-deadline", date=on)
    return dataclasses.replace(content, deadlines=(deadline,), reminder_days=(7, 1))


def test_a_reminder_is_due_at_ten_in_the_morning_in_karachi_on_its_day() -> None:
    when = due_at(date(2027, 3, 31), 7)
    assert when.astimezone(UTC) == datetime(2027, 3, 24, 5, 0, tzinfo=UTC)  # 10:00 PKT is 05:00 UTC


def test_quiet_hours_are_ten_at_night_to_seven_in_the_morning_in_karachi() -> None:
    assert is_quiet(datetime(2027, 3, 24, 17, 0, tzinfo=UTC))  # 22:00 PKT
    assert is_quiet(datetime(2027, 3, 24, 1, 59, tzinfo=UTC))  # 06:59 PKT
    assert not is_quiet(datetime(2027, 3, 24, 2, 0, tzinfo=UTC))  # 07:00 PKT


async def test_two_processes_fire_each_reminder_exactly_once_on_the_right_day(
    content: ContentPack, redis_client: Redis
) -> None:
    pack = pack_with_deadline(content, date(2027, 3, 31))
    one, two = Reminders(redis_client, "t:"), Reminders(Redis.from_url(REDIS_TEST_URL, decode_responses=True), "t:")
    start = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
    assert await one.schedule(pack, start) == 2
    assert await two.schedule(pack, start) == 0  # the second process plans the same reminders: no new ones

    before = datetime(2027, 3, 24, 4, 59, tzinfo=UTC)  # 09:59 in Karachi on the 7-days-before day
    assert await one.claim_due(before) == [] and await two.claim_due(before) == []
    due = datetime(2027, 3, 24, 5, 0, tzinfo=UTC)
    claimed = await one.claim_due(due) + await two.claim_due(due)
    assert claimed == ["test-deadline:7"]
    # After firing, re-planning (a restart, a content reload) does not bring it back.
    assert await two.schedule(pack, start) == 0
    await two.redis.aclose()


async def test_a_fired_reminder_becomes_a_broadcast_for_the_deadlines_categories_before_night(
    content: ContentPack, redis_client: Redis
) -> None:
    pack = pack_with_deadline(content, date(2027, 3, 31))
    reminders = Reminders(redis_client, "t:")
    now = datetime(2027, 3, 30, 5, 0, tzinfo=UTC)
    job_id = await reminders.fire(pack, "test-deadline:1", now)
    job = await load_job(redis_client, "t:", job_id)
    assert job is not None and set(job.messages) == {"prs", "ps", "en"}
    assert job.not_after == datetime(2027, 3, 30, 17, 0, tzinfo=UTC).timestamp()  # 22:00 in Karachi
    categories = await redis_client.hget(f"t:bc:job:{job_id}", "categories")
    assert set(categories.split(",")) == {c.value for c in pack.deadlines[0].categories}


def test_reminder_first_line_is_neutral_on_a_lock_screen(content: ContentPack) -> None:
    deadline = pack_with_deadline(content, date(2027, 3, 31)).deadlines[0]
    for lang in Language:
        text = strip_bidi_controls(reminder_text(deadline, 7, lang))
        first_line = text.splitlines()[0].casefold()
        for word in ("deport", "illegal", "police", "اخراج", "پولیس", "غیرقانونی", "ایستل", "deadline"):
            assert word not in first_line
    assert "In 7 days, on 31 March 2027:" in reminder_text(deadline, 7, Language.ENGLISH)
    assert "۷" in reminder_text(deadline, 7, Language.DARI)


async def test_a_deadline_reminder_that_missed_its_day_is_dropped_not_sent_late(
    content: ContentPack, redis_client: Redis
) -> None:
    pack = pack_with_deadline(content, date(2027, 3, 31))
    reminders = Reminders(redis_client, "t:")
    a_week_late = datetime(2027, 3, 30, 5, 0, tzinfo=UTC)  # every process was down on the 7-days day
    assert await reminders.fire(pack, "test-deadline:7", a_week_late) is None  # "in 7 days" would be wrong
    assert await reminders.fire(pack, "test-deadline:1", a_week_late) is not None


async def test_in_strict_mode_a_reminder_marks_a_deadline_title_nobody_signed_off(
    content: ContentPack, redis_client: Redis
) -> None:
    pack = pack_with_deadline(content, date(2027, 3, 31))
    title = pack.deadlines[0].title
    reminders = Reminders(redis_client, "t:")
    now = datetime(2027, 3, 30, 5, 0, tzinfo=UTC)
    plain = await load_job(redis_client, "t:", await reminders.fire(pack, "test-deadline:1", now))
    assert plain is not None and title["en"] + " (not yet reviewed)" not in "".join(plain.messages["en"])
    reminders.strict = True
    marked = await load_job(redis_client, "t:", await reminders.fire(pack, "test-deadline:1", now))
    assert marked is not None and title["en"] + " (not yet reviewed)" in "".join(marked.messages["en"])
    assert title["prs"] + " (هنوز بررسی نشده)" in strip_bidi_controls("".join(marked.messages["prs"]))
