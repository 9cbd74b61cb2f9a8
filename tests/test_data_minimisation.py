"""Data minimisation (issue #8): after real conversations, every key about a person expires by itself.

The bot is driven end to end (fake Bot API, real PTB, real Redis) through what creates per-user data:
language and settings, a subscription, topics viewed, typed text, flood counting, a helpline referral with a
shared phone number and a description, a relayed operator answer, a broadcast delivered, a person blocking the
bot. Then every key under the test prefix is read: a key without an expiry must be one of GLOBAL_KEYS below,
each with the reason it may live without one.
"""

from __future__ import annotations

import re
import time

from redis.asyncio import Redis

from bot.broadcast.jobs import create_job, job_status
from bot.content import ContentPack
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_harness import PREFIX, act, has_button, running_bot
from tests.test_broadcast import eventually
from tests.test_helpline_e2e import GROUP, refer

# Keys that may have no TTL, matched after the prefix. Anything else without a TTL fails the test.
GLOBAL_KEYS = {
    r"subs:\d+": "subscription buckets shared by up to 8192 people each: every record carries the day the person "
    "last used the bot, `audience` ignores records older than STATE_TTL_DAYS and `expire_inactive` (hourly "
    "sweep in the broadcast worker) deletes them; /forget deletes the person's record at once",
    r"subs:n": "subscriber counters per category and language: aggregates, no ids",
    r"bc:seq": "broadcast job number sequence: a counter, no ids",
    r"bc:all": "index of kept broadcast jobs (job ids, not people); trimmed when jobs expire",
    r"bc:job:\d+": "a broadcast job while pending or running: its texts per language and counters, nobody's id; "
    "it expires a week after it ends",
    r"bc:active": "pending and running broadcast jobs (job ids); emptied as jobs finish",
    r"reminders(:fired)?": "deadline reminders from the content pack: dates and deadline ids, nobody's data",
    r"hl:seq": "helpline referral number sequence: a counter, no ids",
    r"rv:served": "how often each text was asked for, per topic and language, for the reviewers' queue: counts, "
    "no person and no time",
}
# The bot runs on the real clock (broadcasts and subscriptions age by it), so the helpline must be open at any hour.
ALWAYS_OPEN = {"helpline_hours": "00:00-23:59", "helpline_days": "Mon-Sun"}
TYPED = "where do I renew my ACC in Quetta"


async def converse_like_people(fake: FakeBotAPI, redis_client: Redis) -> list[int]:
    """Everything that writes per-user data; returns the people's ids."""
    subscriber = fake.user(611402001, first_name="Mariam", last_name="Jalali", username="mariam_j", language_code="fa")
    category = await act(
        fake, subscriber.id, lambda: fake.send_command(subscriber, "/start", "prs_acc"), has_button("go:")
    )
    offer = await act(
        fake, subscriber.id, lambda: fake.press_button(subscriber, category, _data(category, "🔔")), lambda m: True
    )
    await act(fake, subscriber.id, lambda: fake.press_button(subscriber, offer, _data(offer, "✅")), lambda m: True)
    await act(fake, subscriber.id, lambda: fake.press_button(subscriber, category, "go:topic:acc:now"), lambda m: True)
    await act(fake, subscriber.id, lambda: fake.send_text(subscriber, TYPED), lambda m: True)

    asker = fake.user(611402002, first_name="Nasir", last_name="Ahmadi", username="nasir_ahm", language_code="ps")
    await refer(fake, asker, "ps", way="call", share_name=True, description="My husband was detained in Sohrab Goth")

    blocker = fake.user(611402003, first_name="Sultan", username="sultan_kbl", language_code="en")
    await act(fake, blocker.id, lambda: fake.send_command(blocker, "/start", "en_por"), lambda m: True)
    await fake.block(blocker)

    job_id = await create_job(
        redis_client, PREFIX, ["acc"], None, {"prs": "یادآوری", "ps": "یادونه", "en": "Reminder"}, now=time.time()
    )
    # Discreet mode (the default) puts a neutral first line above the text.
    await fake.wait_for_request("sendMessage", lambda r: "یادآوری" in (r.params.get("text") or ""), timeout=15)

    async def finished() -> bool:  # the send's outcome recorded, or stopping the bot would hand it back to todo
        status = await job_status(redis_client, PREFIX, job_id)
        return status is not None and status["remaining"] == 0 and status["state"] == "done"

    await eventually(finished)
    return [subscriber.id, asker.id, blocker.id]


def _data(message: dict, label_start: str) -> str:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return next(b["callback_data"] for row in rows for b in row if label_start in b["text"])


async def test_every_key_about_a_person_expires(fake: FakeBotAPI, content: ContentPack, redis_client: Redis) -> None:
    operator = fake.user(611409999, first_name="Aisha", language_code="en")
    fake.group(GROUP, "Helpline operators", members=[operator])
    async with running_bot(fake, content, redis_client, helpline_chat_id=GROUP, **ALWAYS_OPEN):
        people = await converse_like_people(fake, redis_client)

    keys = sorted(await redis_client.keys("*"))  # the test database is flushed before each test
    assert [k for k in keys if not k.startswith(PREFIX)] == []  # nothing is written outside the prefix
    # Milliseconds: a pacing key lives a second, so in whole seconds it can read 0 while it still expires.
    ttls = {key: await redis_client.pttl(key) for key in keys}
    about_people = [k for k in keys if any(str(p) in k for p in people)]
    assert {"user", "shown", "hl"} <= {k[len(PREFIX) :].split(":")[0] for k in about_people}, keys  # data was made
    allowed = re.compile("|".join(f"(?:{p})" for p in GLOBAL_KEYS))
    forever = [k for k, ttl in ttls.items() if ttl == -1 and not allowed.fullmatch(k[len(PREFIX) :])]
    assert forever == [], f"keys without an expiry: {forever}"
    for key in about_people:  # a key named after a person is never one of the global ones
        assert ttls[key] > 0 or ttls[key] == -2, key  # -2: it expired between the listing and the reading


async def test_no_text_or_name_is_stored_outside_a_consented_referral(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    operator = fake.user(611409999, first_name="Aisha", language_code="en")
    fake.group(GROUP, "Helpline operators", members=[operator])
    async with running_bot(fake, content, redis_client, helpline_chat_id=GROUP, **ALWAYS_OPEN):
        await converse_like_people(fake, redis_client)
    stored = {key: await dump(redis_client, key) for key in await redis_client.keys("*")}
    private = [TYPED, "Mariam", "Jalali", "mariam_j", "Sultan", "sultan_kbl"]
    assert [(k, p) for k, v in stored.items() for p in private if p in v] == []
    # What the asker agreed to share lives only in their referral record.
    shared = ["Nasir", "nasir_ahm", "923001234567", "Sohrab Goth"]
    assert {k for k, v in stored.items() for p in shared if p in v} == {f"{PREFIX}hl:ref:1"}


async def dump(redis: Redis, key: str) -> str:
    kind = await redis.type(key)
    readers = {
        "string": redis.get,
        "hash": redis.hgetall,
        "set": redis.smembers,
        "list": lambda k: redis.lrange(k, 0, -1),
        "zset": lambda k: redis.zrange(k, 0, -1, withscores=True),
    }
    return str(await readers[kind](key))
