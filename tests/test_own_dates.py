"""People's own dates: typed in either calendar and any digits, confirmed, reminded once, erased."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from redis.asyncio import Redis

from bot.broadcast.jobs import job_status, load_job
from bot.content import ContentPack
from bot.conversation import Pressed, Started, Text, UserState, step
from bot.conversation.effects import AddOwnDate, DeleteOwnDate
from bot.conversation.own_date import OwnDate
from bot.conversation.replies import Reply, effects_in
from bot.domain import Language
from bot.i18n.bidi import strip_bidi_controls
from bot.i18n.typed_dates import DateProblem, parse_typed_date
from bot.own_dates import OwnDates, own_reminder_text
from bot.reminders import Reminders
from bot.safety.discreet import A_REMINDER, opened
from tests.conftest import REDIS_TEST_URL

TODAY = date(2026, 12, 5)  # 14 Qaws 1405
NOW = datetime(2026, 12, 5, 6, 0, tzinfo=UTC)  # 11:00 in Karachi
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


# --- reading typed dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1406/02/12", date(2027, 5, 2)),  # Solar Hijri, year first
        ("12/02/1406", date(2027, 5, 2)),  # Solar Hijri, year last
        ("۱۴۰۶/۰۲/۱۲", date(2027, 5, 2)),  # Dari/Pashto digits
        ("١٤٠٦/٠٢/١٢", date(2027, 5, 2)),  # Arabic-Indic digits
        ("1406 - 2 - 12", date(2027, 5, 2)),
        ("2027-03-15", date(2027, 3, 15)),  # Gregorian ISO
        ("15.3.2027", date(2027, 3, 15)),  # Gregorian, day first
        ("15/03/2027", date(2027, 3, 15)),
    ],
)
def test_a_date_typed_in_either_calendar_and_any_digits_is_read(typed: str, expected: date) -> None:
    assert parse_typed_date(typed, TODAY).day == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("tomorrow", DateProblem.UNREADABLE),
        ("12/05/27", DateProblem.UNREADABLE),  # a two-digit year could be either calendar
        ("1406/02", DateProblem.UNREADABLE),
        ("0800/01/01", DateProblem.UNREADABLE),
        ("31/02/2027", DateProblem.INVALID),
        ("1406/13/01", DateProblem.INVALID),
        ("2026-12-05", DateProblem.PAST),  # today: nothing left to remind of
        ("1405/01/01", DateProblem.PAST),
        ("2040-01-01", DateProblem.TOO_FAR),
    ],
)
def test_nonsense_past_and_far_dates_are_refused_with_a_reason(typed: str, problem: DateProblem) -> None:
    found = parse_typed_date(typed, TODAY)
    assert found.day is None and found.problem is problem


# --- the conversation -----------------------------------------------------------------------------


def run(state: UserState, content: ContentPack, *events: object) -> tuple[UserState, list[Reply]]:
    replies: list[Reply] = []
    for event in events:
        state, replies = step(state, event, content, NOW)  # type: ignore[arg-type]
    return state, replies


def button(replies: list[Reply], prefix: str) -> str:
    return next(b.action for r in replies for b in r.all_buttons if b.action.startswith(prefix))


@pytest.mark.parametrize(
    ("lang", "typed", "shown"),
    [
        ("prs", "۱۲/۰۲/۱۴۰۶", "۱۲ ثور ۱۴۰۶"),  # Dari digits, day first, Solar Hijri
        ("ps", "١٤٠٦/٠٢/١٢", "۱۲ غویی ۱۴۰۶"),  # Arabic-Indic digits, year first
        ("en", "2.5.2027", "12 Sawr 1406"),  # Gregorian
    ],
)
def test_from_the_reminders_screen_a_person_adds_their_own_date_in_their_language(
    content: ContentPack, lang: str, typed: str, shown: str
) -> None:
    state, replies = run(UserState(), content, Started(payload=f"{lang}_visa"), Pressed("go:sub:visa"))
    state, replies = run(state, content, Pressed(button(replies, "go:own")))
    state, replies = run(state, content, Pressed(button(replies, "go:own:add")))
    state, replies = run(state, content, Pressed("go:own:add:visa"))
    assert state.screen == "own:add:visa"

    state, replies = run(state, content, Text("99/99/9999"))  # nonsense: told so, and asked again
    assert state.screen == "own:add:visa" and len(replies) == 1
    if lang != "en":
        assert ARABIC_SCRIPT.search(replies[0].text) and "I could not" not in replies[0].text

    state, replies = run(state, content, Text(typed))
    (confirm,) = replies
    assert shown in strip_bidi_controls(confirm.text)  # the Solar Hijri date …
    assert ("2027" if lang == "en" else "۲۰۲۷") in confirm.text  # … and the Gregorian one
    state, replies = run(state, content, Pressed(button(replies, "do:own:add:")))
    assert effects_in(replies) == (AddOwnDate("visa", date(2027, 5, 2), Language(lang), (30, 7, 1)),)
    assert state.own_dates == (OwnDate(1, "visa", date(2027, 5, 2)),)

    state, replies = run(state, content, Pressed("go:own"))
    state, replies = run(state, content, Pressed(button(replies, "do:own:del:")))
    assert effects_in(replies) == (DeleteOwnDate(1),) and state.own_dates == ()


def test_a_past_date_is_refused_in_pashto(content: ContentPack) -> None:
    state = UserState(lang=Language.PASHTO, screen="own:add:appointment")
    state, (reply,) = run(state, content, Text("۱۴۰۴/۰۱/۰۱"))
    assert state.screen == "own:add:appointment"
    assert "نن" in reply.text  # "today or has passed"


def test_a_question_typed_on_the_date_prompt_is_answered_as_a_question(content: ContentPack) -> None:
    state = UserState(lang=Language.ENGLISH, screen="own:add:visa")
    state, replies = run(state, content, Text("the police took my husband"))
    assert state.screen == "sos"  # the emergency card, not "I could not read that as a date"


def test_no_more_than_three_dates_and_stale_buttons_are_harmless(content: ContentPack) -> None:
    full = tuple(OwnDate(i, "appointment", date(2027, 1, i)) for i in (1, 2, 3))
    state = UserState(lang=Language.ENGLISH, screen="own", own_dates=full)
    _, replies = run(state, content, Pressed("go:own"))
    assert not [b for b in replies[0].all_buttons if b.action == "go:own:add"]
    _, replies = run(state, content, Pressed("do:own:add:visa:20270502"))
    assert effects_in(replies) == ()
    for forged in ("do:own:del:9", "do:own:add:visa:20200101", "do:own:add:boat:20270502", "go:own:ok:visa:2027"):
        _, replies = run(UserState(lang=Language.DARI, screen="own"), content, Pressed(forged))
        assert effects_in(replies) == () and replies  # the menu again, never a crash


# --- the store and the schedule --------------------------------------------------------------------


def at(moment: datetime) -> float:
    return moment.timestamp()


async def test_a_date_is_kept_minimally_and_expires_a_little_after_it(redis_client: Redis) -> None:
    own = OwnDates(redis_client, "t:", clock=lambda: at(NOW))
    assert await own.add(77, "visa", date(2027, 5, 2), Language.DARI, (30, 7, 1)) == 1
    assert await redis_client.hgetall("t:own:77") == {"1": "visa|2027-05-02|prs|30,7,1"}
    # The key goes by itself three days after the date (midnight in Karachi).
    assert await redis_client.expiretime("t:own:77") == datetime(2027, 5, 4, 19, 0, tzinfo=UTC).timestamp()
    assert await own.dates_of(77) == (OwnDate(1, "visa", date(2027, 5, 2)),)
    scheduled = await redis_client.zrange("t:reminders:own", 0, -1, withscores=True)
    assert [m for m, _ in scheduled] == ["77:1:20270502:30", "77:1:20270502:7", "77:1:20270502:1"]
    assert scheduled[-1][1] == datetime(2027, 5, 1, 5, 0, tzinfo=UTC).timestamp()  # 10:00 in Karachi


async def test_reminders_already_past_are_not_scheduled_and_at_most_three_dates(redis_client: Redis) -> None:
    own = OwnDates(redis_client, "t:", clock=lambda: at(NOW))
    await own.add(5, "appointment", date(2026, 12, 10), Language.ENGLISH, (30, 7, 1))  # in five days
    assert await redis_client.zrange("t:reminders:own", 0, -1) == ["5:1:20261210:1"]
    assert await own.add(5, "visa", date(2027, 1, 1), Language.ENGLISH, (1,)) == 2
    assert await own.add(5, "visa", date(2027, 1, 2), Language.ENGLISH, (1,)) == 3
    assert await own.add(5, "visa", date(2027, 1, 3), Language.ENGLISH, (1,)) is None


async def test_deleting_a_date_or_forgetting_the_person_leaves_nothing(redis_client: Redis) -> None:
    own = OwnDates(redis_client, "t:", clock=lambda: at(NOW))
    await own.add(9, "visa", date(2027, 5, 2), Language.PASHTO, (30, 7, 1))
    await own.add(9, "appointment", date(2027, 2, 1), Language.PASHTO, (30, 7, 1))
    await own.delete(9, 1)
    assert [d.kind for d in await own.dates_of(9)] == ["appointment"]
    assert all(not m.startswith("9:1:") for m in await redis_client.zrange("t:reminders:own", 0, -1))
    await own.forget(9)
    assert await redis_client.keys("t:*") == []


async def test_two_processes_send_each_own_reminder_once_at_ten_in_karachi(redis_client: Redis) -> None:
    other = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    one, two = Reminders(redis_client, "t:"), Reminders(other, "t:")
    one.own.clock = lambda: at(NOW)
    await one.own.add(42, "visa", date(2027, 5, 2), Language.DARI, (7, 1))
    await one.own.add(43, "appointment", date(2027, 5, 2), Language.ENGLISH, (1,))

    before = datetime(2027, 4, 25, 4, 59, tzinfo=UTC)  # 09:59 in Karachi, seven days before
    assert await one.own.claim_due(before) == [] and await two.own.claim_due(before) == []
    due = datetime(2027, 4, 25, 5, 0, tzinfo=UTC)
    claimed = await one.own.claim_due(due) + await two.own.claim_due(due)
    assert claimed == ["42:1:20270502:7"]
    job_id = await two.own.fire(claimed[0], due)
    assert job_id is not None
    status = await job_status(redis_client, "t:", job_id)
    assert status is not None and (status["audience"], status["total"]) == ("people", 1)
    assert await redis_client.lrange(f"t:bc:job:{job_id}:todo", 0, -1) == ["42:prs"]
    job = await load_job(redis_client, "t:", job_id)
    assert job is not None and job.not_after == datetime(2027, 4, 25, 17, 0, tzinfo=UTC).timestamp()  # 22:00 PKT
    text = strip_bidi_controls(json.loads(await redis_client.hget(f"t:bc:job:{job_id}", "msg:prs"))[0])
    assert "۷" in text and "ویزه" not in text.splitlines()[0]  # neutral first line

    night = datetime(2027, 4, 30, 18, 0, tzinfo=UTC)  # 23:00 in Karachi: quiet hours
    assert await one.own.claim_due(night) == []
    next_day = datetime(2027, 5, 1, 5, 0, tzinfo=UTC)
    assert sorted(await one.own.claim_due(next_day) + await two.own.claim_due(next_day)) == [
        "42:1:20270502:1",
        "43:1:20270502:1",
    ]
    await other.aclose()


async def test_a_reminder_that_missed_its_day_is_dropped_not_sent_late(redis_client: Redis) -> None:
    own = OwnDates(redis_client, "t:", clock=lambda: at(NOW))
    await own.add(8, "visa", date(2027, 5, 2), Language.ENGLISH, (30, 7))
    late = datetime(2027, 4, 25, 5, 0, tzinfo=UTC)  # the 7-days day; the 30-days one is three weeks late
    assert await own.fire("8:1:20270502:30", late) is None
    assert await own.fire("8:1:20270502:7", late) is not None


async def test_a_reminder_of_a_deleted_date_is_not_sent(redis_client: Redis) -> None:
    own = OwnDates(redis_client, "t:", clock=lambda: at(NOW))
    await own.add(8, "visa", date(2027, 5, 2), Language.ENGLISH, (1,))
    await redis_client.hdel("t:own:8", "1")  # as if deleted between the claim and the send
    assert await own.fire("8:1:20270502:1", datetime(2027, 5, 1, 5, 0, tzinfo=UTC)) is None
    assert await redis_client.keys("t:bc:job:*") == []


def test_the_own_reminder_names_the_date_in_the_body_not_the_first_line() -> None:
    own = OwnDate(1, "visa", date(2027, 5, 2))
    for lang in Language:
        # As a person in discreet mode (everyone's default) receives it.
        text = strip_bidi_controls(opened(own_reminder_text(own, 7, lang), lang, kind=A_REMINDER))
        first = text.splitlines()[0].casefold()
        for word in ("visa", "ویزه", "ویزې", "deport", "police", "پولیس"):
            assert word not in first
    assert "In 7 days, on 2 May 2027: the end of your visa" in own_reminder_text(own, 7, Language.ENGLISH)
