"""Referral records in Redis, what operators read, and opening hours: the helpline's parts without Telegram."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from bot.content import ContentPack
from bot.conversation import UserState
from bot.conversation.referral import ReferralDraft
from bot.domain import Language
from bot.helpline import summary, to_person
from bot.helpline.store import OPEN_TTL, ReferralStore
from bot.opening_hours import OpeningHours
from bot.store import StateStore
from tests.conftest import NOW

PREFIX = "hltest:"
DRAFT = ReferralDraft("now", "sindh", "por", "prs", "call", "+92 300 1234567", False, "They took my brother")


@pytest.fixture
def store(redis_client: Redis) -> ReferralStore:
    return ReferralStore(redis_client, PREFIX, retention=timedelta(days=30))


async def keys_of(redis_client: Redis, number: int) -> list[str]:
    found = await redis_client.keys(f"{PREFIX}hl:*")
    return [k for k in found if k.endswith(f":{number}") or f"ref:{number}" in k]


async def test_a_person_has_one_open_referral_at_a_time(store: ReferralStore) -> None:
    first, none = await store.open(11, DRAFT, Language.DARI, None, NOW)
    assert first is not None and none is None
    again, open_number = await store.open(11, DRAFT, Language.DARI, None, NOW)
    assert again is None and open_number == first.number
    other, _ = await store.open(12, DRAFT, Language.DARI, None, NOW)
    assert other is not None and other.number != first.number
    await store.close(first.number, "Aisha", NOW)
    after, _ = await store.open(11, DRAFT, Language.DARI, None, NOW)
    assert after is not None  # closing frees the slot


async def test_two_workers_opening_at_once_open_one(store: ReferralStore) -> None:
    results = await asyncio.gather(*(store.open(21, DRAFT, Language.PASHTO, None, NOW) for _ in range(10)))
    opened = [r for r, _ in results if r is not None]
    assert len(opened) == 1
    assert {n for _, n in results if n is not None} == {opened[0].number}


async def test_only_what_was_agreed_is_stored(store: ReferralStore, redis_client: Redis) -> None:
    chat_only = ReferralDraft("other", "kp", "acc", "ps", "chat", "+92 300 1234567", False, "")
    referral, _ = await store.open(31, chat_only, Language.PASHTO, "Zarmina (@z)", NOW)
    assert referral is not None
    record = await redis_client.hgetall(f"{PREFIX}hl:ref:{referral.number}")
    assert "phone" not in record and "name" not in record and "description" not in record
    named, _ = await store.open(
        32, ReferralDraft("other", "kp", "acc", "ps", "chat", None, True, "x"), Language.PASHTO, "Zarmina (@z)", NOW
    )
    assert named is not None and named.name == "Zarmina (@z)"


async def test_every_key_expires(store: ReferralStore, redis_client: Redis) -> None:
    referral, _ = await store.open(41, DRAFT, Language.DARI, None, NOW)
    assert referral is not None
    await store.attach(referral.number, -100, 5, 9)
    await store.remember_message(referral.number, -100, 6)
    for key in await redis_client.keys(f"{PREFIX}hl:*"):
        if not key.endswith("hl:seq"):
            assert 0 < await redis_client.ttl(key) <= OPEN_TTL.total_seconds() + 31 * 86400, key


async def test_claim_happens_once_and_close_ends_it(store: ReferralStore) -> None:
    referral, _ = await store.open(51, DRAFT, Language.DARI, None, NOW)
    assert referral is not None
    assert await store.claim(referral.number, "Aisha", NOW) == 1
    assert await store.claim(referral.number, "Bilal", NOW) == 0
    assert (await store.get(referral.number)).claimed_by == "Aisha"  # type: ignore[union-attr]
    assert (await store.open_referral_of(51)).view().claimed  # type: ignore[union-attr]
    closed = await store.close(referral.number, "Aisha", NOW)
    assert closed is not None and closed.status == "closed"
    assert await store.close(referral.number, "Bilal", NOW) is None
    assert await store.open_referral_of(51) is None
    assert await store.claim(999, "Aisha", NOW) == -1


async def test_the_sweep_deletes_closed_referrals_after_the_retention_period(
    store: ReferralStore, redis_client: Redis
) -> None:
    referral, _ = await store.open(61, DRAFT, Language.DARI, None, NOW)
    still_open, _ = await store.open(62, DRAFT, Language.DARI, None, NOW)
    assert referral is not None and still_open is not None
    await store.attach(referral.number, -100, 7, None)
    await store.close(referral.number, "Aisha", NOW)
    assert await store.sweep(NOW + timedelta(days=29)) == []
    assert (await store.get(referral.number)).description == "They took my brother"  # type: ignore[union-attr]
    (removed,) = await store.sweep(NOW + timedelta(days=30, seconds=1))
    assert removed.referral.number == referral.number and removed.message_ids == (7,)
    assert await keys_of(redis_client, referral.number) == []
    assert await store.by_message(-100, 7) is None
    assert await store.get(still_open.number) is not None  # open ones are never swept
    assert await store.sweep(NOW + timedelta(days=400)) == []


async def test_forget_removes_every_referral_of_the_person(store: ReferralStore, redis_client: Redis) -> None:
    old, _ = await store.open(71, DRAFT, Language.DARI, None, NOW)
    assert old is not None
    await store.close(old.number, "Aisha", NOW)
    current, _ = await store.open(71, DRAFT, Language.DARI, None, NOW)
    someone_else, _ = await store.open(72, DRAFT, Language.DARI, None, NOW)
    assert current is not None and someone_else is not None
    await store.attach(current.number, -100, 3, 4)
    removed = await store.forget(71)
    assert sorted(r.referral.number for r in removed) == [old.number, current.number]
    assert await redis_client.keys(f"{PREFIX}hl:*71") == []
    assert await store.get(old.number) is None and await store.get(current.number) is None
    assert await store.by_topic(-100, 4) is None
    assert await store.get(someone_else.number) is not None


def test_the_summary_shows_a_pseudonym_and_no_name_unless_agreed(content: ContentPack) -> None:
    referral = _referral(name=None, description='<script> & "quotes"')
    text = summary.summary(referral, "u_0123456789abcdef", content, Language.ENGLISH, forum=False)
    assert text.splitlines()[0].startswith("🔴")  # urgent ones say so first
    assert "Person u_0123456789abcdef" in text and "not shared" in text and "987654321" not in text
    assert "&lt;script&gt; &amp;" in text and "<script>" not in text
    assert "+92 300 1234567" in text and "Sindh" in text
    named = summary.summary(_referral(name="Zarmina (@z)"), "u_0", content, Language.ENGLISH, forum=True)
    assert "Zarmina (@z)" in named and "Write in this topic" in named


def test_an_operators_words_reach_the_person_as_plain_text_after_a_label_in_their_language() -> None:
    referral = _referral(lang=Language.PASHTO)
    (part,) = to_person.from_helpline(referral, "<b>hi</b> & bye")
    assert "&lt;b&gt;hi&lt;/b&gt; &amp; bye" in part and "د مرستې کرښه" in part
    parts = to_person.from_helpline(referral, "word " * 2000)
    assert len(parts) == 3 and all(len(p) < 4096 for p in parts)


@pytest.mark.parametrize(
    ("days", "expected"),
    [("Mon-Sat", (0, 1, 2, 3, 4, 5)), ("Sat-Thu", (0, 1, 2, 3, 5, 6)), ("mon,wed, fri", (0, 2, 4)), ("Sun", (6,))],
)
def test_opening_days_are_read_as_written(days: str, expected: tuple[int, ...]) -> None:
    assert OpeningHours.parse("09:00-17:00", days).days == expected


@pytest.mark.parametrize(("hours", "days"), [("17:00-09:00", "Mon"), ("9-5", "Mon"), ("09:00-17:00", "Funday")])
def test_unreadable_opening_hours_are_refused(hours: str, days: str) -> None:
    with pytest.raises(ValueError):
        OpeningHours.parse(hours, days)


def test_next_opening_in_karachi() -> None:
    hours = OpeningHours.parse("09:00-17:00", "Mon-Sat")
    thursday_noon = datetime(2025, 3, 20, 7, 0, tzinfo=UTC)
    assert hours.is_open(thursday_noon) and hours.next_opening(thursday_noon).hour == 12
    saturday_evening = datetime(2025, 3, 22, 13, 0, tzinfo=UTC)  # 18:00 in Karachi
    opening = hours.next_opening(saturday_evening)
    assert not hours.is_open(saturday_evening) and (opening.weekday(), opening.hour) == (0, 9)
    assert hours.day_ranges() == [(0, 5)]
    assert OpeningHours.parse("09:00-17:00", "Sat-Thu").day_ranges() == [(5, 3)]


def _referral(name: str | None = None, description: str | None = None, lang: Language = Language.DARI):  # type: ignore[no-untyped-def]
    from bot.helpline.store import Referral

    return Referral(
        number=101,
        status="open",
        user_id=987654321,
        lang=lang,
        urgency="now",
        region="sindh",
        category="por",
        language="prs",
        contact="call",
        opened=NOW,
        phone="+92 300 1234567",
        name=name,
        description=description,
    )


async def test_answers_being_given_are_kept_a_day_at_most_apart_from_the_state(redis_client: Redis) -> None:
    states = StateStore(redis_client, PREFIX)
    answering = UserState(lang=Language.DARI, screen="hl:confirm", referral=DRAFT)
    await states.save(81, answering)
    assert "hl" not in await redis_client.hgetall(f"{PREFIX}user:81")
    assert 0 < await redis_client.ttl(f"{PREFIX}draft:81") <= 86400
    assert (await states.load(81)).referral == DRAFT
    await states.save(81, replace(answering, screen="menu"))  # they left the questions
    assert await redis_client.exists(f"{PREFIX}draft:81") == 0
    await states.save(81, answering)
    await states.forget(81)
    assert await redis_client.keys(f"{PREFIX}*81") == []
