"""Safety building blocks against the real Redis: flood control, provenance, chat log, pseudonyms."""

from __future__ import annotations

from redis.asyncio import Redis

from bot.safety.chat_log import DELETABLE_FOR, ChatLog
from bot.safety.flood import FloodGate, Verdict
from bot.safety.provenance import SentTexts, visible_text
from bot.safety.pseudonyms import pseudonym


class Clock:
    def __init__(self, t: float = 1_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


async def test_twenty_first_update_in_ten_seconds_gets_one_notice_then_silence(redis_client: Redis) -> None:
    clock = Clock()
    gate = FloodGate(redis_client, "t:", limit=20, window_s=10, clock=clock)
    verdicts = [await gate.check(7) for _ in range(25)]
    assert verdicts[:20] == [Verdict.ALLOW] * 20
    assert verdicts[20] is Verdict.NOTIFY
    assert verdicts[21:] == [Verdict.DROP] * 4
    clock.t += 10
    assert await gate.check(7) is Verdict.ALLOW  # a new window
    assert await FloodGate(redis_client, "t:", clock=clock).check(8) is Verdict.ALLOW  # others unaffected


async def test_flood_counts_are_shared_by_two_workers(redis_client: Redis) -> None:
    clock = Clock()
    one, two = FloodGate(redis_client, "t:", limit=3, clock=clock), FloodGate(redis_client, "t:", limit=3, clock=clock)
    assert [await one.check(1), await two.check(1), await one.check(1), await two.check(1)] == [
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.NOTIFY,
    ]


async def test_a_text_we_sent_is_recognised_when_forwarded_back(redis_client: Redis) -> None:
    sent = SentTexts(redis_client, b"k" * 32, "t:")
    html = "<b>UNHCR</b> helpline: \u20660300 858 5600\u2069 &amp; more"
    await sent.remember([visible_text(html)])
    assert await sent.was_sent("UNHCR helpline: 0300 858 5600 & more")  # as Telegram forwards it
    assert not await sent.was_sent("UNHCR helpline: 0300 858 5601 & more")  # one digit changed


async def test_provenance_store_keeps_no_text(redis_client: Redis) -> None:
    sent = SentTexts(redis_client, b"k" * 32, "t:")
    await sent.remember(["Call 0300 858 5600 now"])
    keys = await redis_client.keys("t:*")
    assert len(keys) == 1 and "0300" not in keys[0]
    assert 0 < await redis_client.ttl(keys[0]) <= 90 * 86400


async def test_chat_log_returns_only_ids_still_deletable(redis_client: Redis) -> None:
    log = ChatLog(redis_client, "t:")
    now = 2_000_000.0
    await log.add(5, [1, 2], now - DELETABLE_FOR.total_seconds() - 60)
    await log.add(5, [3, 4], now)
    assert await log.take(5, now) == [3, 4]
    assert await log.take(5, now) == []


def test_pseudonyms_are_stable_per_key_and_hide_the_id() -> None:
    assert pseudonym(123456789, b"a" * 32) == pseudonym(123456789, b"a" * 32)
    assert pseudonym(123456789, b"a" * 32) != pseudonym(123456789, b"b" * 32)
    assert "123456789" not in pseudonym(123456789)
