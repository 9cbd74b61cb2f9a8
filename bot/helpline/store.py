"""Referrals in Redis: the record, the one-open-per-person limit, and the map from group messages to referrals.

Keys (after the prefix, `rahnama:` by default):

- `hl:seq`: the last referral number (INCR);
- `hl:ref:<n>`: hash, the referral: status (open / claimed / closed), timestamps, the answers, and
  only the fields the person agreed to share (name, phone, description); `user` (their chat id,
  never shown to operators) and `lang` (what they read) let the helpline side write to them;
- `hl:open:<user>`: the number of their open referral; `SET NX` on it is the limit of one;
- `hl:mine:<user>`: set of their referral numbers still kept, for `forget`;
- `hl:at:<chat>:<message>`: referral number of a bot message in the operators' group (its summary and
  what the person wrote), so an operator's reply to it finds the referral;
- `hl:topic:<chat>:<thread>`: referral number of a forum topic;
- `hl:msgs:<n>`: set of the group message ids that belong to the referral, deleted with it;
- `hl:closed`: sorted set, number → time closed, for the retention sweep.

Every key expires: an open referral's keys `OPEN_TTL` after its last activity, a closed one's a day
after its retention ends (the sweep deletes them on time; expiry is the backstop).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.conversation.referral import ReferralDraft, ReferralView
from bot.domain import Language
from bot.redis_batch import Batch, Decode

OPEN_TTL = timedelta(days=90)

# Open a referral unless the person has one open: the limit and the record in one step.
# KEYS: number sequence, person's open slot, person's set. ARGV: record key prefix, ttl, set ttl,
# then the record's field/value pairs. Returns {1, new number} or {0, the open one's number}.
_OPEN = """
local existing = redis.call('GET', KEYS[2])
if existing and redis.call('EXISTS', ARGV[1] .. existing) == 1 then return {0, existing} end
local n = redis.call('INCR', KEYS[1])
local record = ARGV[1] .. n
redis.call('SET', KEYS[2], n, 'EX', ARGV[2])
redis.call('HSET', record, unpack(ARGV, 4))
redis.call('EXPIRE', record, ARGV[2])
redis.call('SADD', KEYS[3], n)
redis.call('EXPIRE', KEYS[3], ARGV[3])
return {1, n}
"""

# Claim an open referral. KEYS: record. ARGV: time, operator. Returns 1 claimed, 0 not open, -1 gone.
_CLAIM = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status ~= 'open' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'claimed', 'claimed_at', ARGV[1], 'claimed_by', ARGV[2])
return 1
"""

# Close a referral. KEYS: record, person's open slot, closed index. ARGV: number, time, who.
# Returns 1 closed now, 0 already closed, -1 gone.
_CLOSE = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status == 'closed' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'closed', 'closed_at', ARGV[2], 'closed_by', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return 1
"""


@dataclass(frozen=True)
class Referral:
    number: int
    status: str
    user_id: int
    lang: Language
    urgency: str
    region: str
    category: str
    language: str
    contact: str
    opened: datetime
    phone: str | None = None
    name: str | None = None  # "First Last (@username)", only when the person agreed
    description: str | None = None
    chat_id: int | None = None
    message_id: int | None = None  # the summary in the operators' group
    topic_id: int | None = None  # its forum topic, when the group is a forum
    claimed_by: str | None = None
    closed_by: str | None = None

    @property
    def urgent(self) -> bool:
        return self.urgency == "now"

    def view(self) -> ReferralView:
        return ReferralView(self.number, self.status == "claimed", self.contact, self.opened)


@dataclass(frozen=True)
class Removed:
    """A referral deleted from the store, with the group messages that still show it."""

    referral: Referral
    message_ids: tuple[int, ...]


class ReferralStore:
    def __init__(self, redis: Redis, prefix: str = "rahnama:", retention: timedelta = timedelta(days=30)) -> None:
        self.redis, self.prefix, self.retention = redis, prefix, retention
        self._open = redis.register_script(_OPEN)
        self._claim = redis.register_script(_CLAIM)
        self._close = redis.register_script(_CLOSE)

    def _k(self, *parts: object) -> str:
        return self.prefix + "hl:" + ":".join(str(p) for p in parts)

    # --- opening ----------------------------------------------------------------------------------

    async def open(
        self, user_id: int, draft: ReferralDraft, lang: Language, name: str | None, now: datetime
    ) -> tuple[Referral | None, int | None]:
        """(the new referral, None), or (None, number of the one they have open already)."""
        record: dict[str, object] = {
            "status": "open",
            "user": user_id,
            "lang": lang.value,
            "urgency": draft.urgency or "other",
            "region": draft.region or "other",
            "category": draft.category or "other",
            "language": draft.language or lang.value,
            "contact": draft.contact or "chat",
            "opened": _seconds(now),
        }
        if draft.contact == "call" and draft.phone:
            record["phone"] = draft.phone
        if draft.share_name and name:
            record["name"] = name
        if draft.description:
            record["description"] = draft.description
        pairs = [str(item) for field, value in record.items() for item in (field, value)]
        keys = [self._k("seq"), self._k("open", user_id), self._k("mine", user_id)]
        ttl, mine_ttl = int(OPEN_TTL.total_seconds()), int((OPEN_TTL + self.retention).total_seconds())
        opened, number = await self._open(keys=keys, args=[self._k("ref", ""), ttl, mine_ttl, *pairs])
        if not int(opened):
            return None, int(number)
        referral = await self.get(int(number))
        assert referral is not None
        return referral, None

    async def attach(self, number: int, chat_id: int, message_id: int, topic_id: int | None) -> Referral | None:
        """Record where the summary was posted (and its topic), so operators' replies find the referral."""
        fields = {"chat": chat_id, "message": message_id} | ({"topic": topic_id} if topic_id is not None else {})
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self._k("ref", number), mapping=fields)
            if topic_id is not None:
                pipe.set(self._k("topic", chat_id, topic_id), number, ex=OPEN_TTL)
            await pipe.execute()
        await self.remember_message(number, chat_id, message_id)
        return await self.get(number)

    async def discard(self, number: int, user_id: int) -> None:
        """Undo an opening whose summary could not be posted: nothing of it stays."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._k("ref", number), self._k("msgs", number))
            pipe.srem(self._k("mine", user_id), number)
            await pipe.execute()
        if await self.redis.get(self._k("open", user_id)) == str(number):
            await self.redis.delete(self._k("open", user_id))

    # --- reading ----------------------------------------------------------------------------------

    async def get(self, number: int) -> Referral | None:
        return _referral(number, await self.redis.hgetall(self._k("ref", number)))

    async def open_referral_of(self, user_id: int) -> Referral | None:
        return await self.open_referral_at(await self.redis.get(self._k("open", user_id)), user_id)

    def open_number_into(self, batch: Batch, user_id: int) -> Callable[[], str | None]:
        """The number of the person's open referral, with the other commands of `batch` (bot/redis_batch.py);
        `open_referral_at` then reads the referral itself, when there is one."""

        def queue(pipe: Pipeline) -> Decode[str | None]:
            pipe.get(self._k("open", user_id))
            return lambda replies: replies[0]

        return batch.add(queue)

    async def open_referral_at(self, number: str | None, user_id: int) -> Referral | None:
        referral = await self.get(int(number)) if number else None
        return referral if referral and referral.status != "closed" and referral.user_id == user_id else None

    async def by_message(self, chat_id: int, message_id: int) -> int | None:
        found = await self.redis.get(self._k("at", chat_id, message_id))
        return int(found) if found else None

    async def by_topic(self, chat_id: int, topic_id: int) -> int | None:
        found = await self.redis.get(self._k("topic", chat_id, topic_id))
        return int(found) if found else None

    # --- activity ---------------------------------------------------------------------------------

    async def remember_message(self, number: int, chat_id: int, message_id: int, *, replyable: bool = True) -> None:
        """A group message of this referral: deleted with it; `replyable` ones lead replies to it."""
        referral = await self.get(number)
        if referral is None:  # deleted meanwhile (swept, forgotten): nothing may point to it
            return
        ttl = self._ttl(referral)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(self._k("msgs", number), message_id)
            pipe.expire(self._k("msgs", number), ttl)
            if replyable:
                pipe.set(self._k("at", chat_id, message_id), number, ex=ttl)
            if referral.status != "closed":  # activity keeps an open one alive
                pipe.expire(self._k("ref", number), OPEN_TTL)
                pipe.expire(self._k("open", referral.user_id), OPEN_TTL)
            await pipe.execute()

    async def claim(self, number: int, operator: str, now: datetime) -> int:
        """1: claimed now; 0: it was claimed or closed already; -1: no such referral."""
        return int(await self._claim(keys=[self._k("ref", number)], args=[_seconds(now), operator]))

    async def close(self, number: int, by: str, now: datetime) -> Referral | None:
        """Close it (the person's slot frees up); the closed referral, or None if it was closed or gone."""
        referral = await self.get(number)
        if referral is None:
            return None
        keys = [self._k("ref", number), self._k("open", referral.user_id), self._k("closed")]
        if int(await self._close(keys=keys, args=[number, _seconds(now), by])) != 1:
            return None
        kept = self.retention + timedelta(days=1)
        mids = await self.redis.smembers(self._k("msgs", number))
        async with self.redis.pipeline(transaction=True) as pipe:
            for key in self._keys_of(referral, mids):
                pipe.expire(key, kept)
            pipe.expire(self._k("closed"), kept)
            await pipe.execute()
        return await self.get(number)

    # --- deleting ---------------------------------------------------------------------------------

    async def sweep(self, now: datetime) -> list[Removed]:
        """Delete referrals closed more than `retention` ago; returns them with their group messages."""
        due = await self.redis.zrangebyscore(self._k("closed"), "-inf", _seconds(now - self.retention))
        removed = []
        for number in due:
            if await self.redis.zrem(self._k("closed"), number):  # whoever removes it deletes it
                gone = await self._delete(int(number))
                if gone is not None:
                    removed.append(gone)
        return removed

    async def forget(self, user_id: int) -> list[Removed]:
        """Delete every referral of a person, open or closed, now."""
        numbers = set(await self.redis.smembers(self._k("mine", user_id)))
        if slot := await self.redis.get(self._k("open", user_id)):
            numbers.add(slot)
        removed = [gone for number in sorted(numbers, key=int) if (gone := await self._delete(int(number)))]
        await self.redis.delete(self._k("open", user_id), self._k("mine", user_id))
        return removed

    async def _delete(self, number: int) -> Removed | None:
        referral = await self.get(number)
        mids = await self.redis.smembers(self._k("msgs", number))
        await self.redis.zrem(self._k("closed"), number)
        if referral is None:
            await self.redis.delete(self._k("msgs", number))
            return None
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(*self._keys_of(referral, mids))
            pipe.srem(self._k("mine", referral.user_id), number)
            await pipe.execute()
        if await self.redis.get(self._k("open", referral.user_id)) == str(number):
            await self.redis.delete(self._k("open", referral.user_id))
        return Removed(referral, tuple(sorted(int(m) for m in mids)))

    def _keys_of(self, referral: Referral, message_ids: set[str]) -> list[str]:
        keys = [self._k("ref", referral.number), self._k("msgs", referral.number)]
        if referral.chat_id is not None:
            keys += [self._k("at", referral.chat_id, mid) for mid in message_ids]
            if referral.topic_id is not None:
                keys.append(self._k("topic", referral.chat_id, referral.topic_id))
        return keys

    def _ttl(self, referral: Referral) -> timedelta:
        return OPEN_TTL if referral.status != "closed" else self.retention + timedelta(days=1)


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _referral(number: int, record: dict[str, str]) -> Referral | None:
    if not record or "user" not in record:
        return None

    def opt_int(key: str) -> int | None:
        return int(record[key]) if record.get(key) else None

    return Referral(
        number=number,
        status=record.get("status", "open"),
        user_id=int(record["user"]),
        lang=Language(record.get("lang", "en")),
        urgency=record.get("urgency", "other"),
        region=record.get("region", "other"),
        category=record.get("category", "other"),
        language=record.get("language", "en"),
        contact=record.get("contact", "chat"),
        opened=datetime.fromtimestamp(int(record.get("opened", 0)), UTC),
        phone=record.get("phone"),
        name=record.get("name"),
        description=record.get("description"),
        chat_id=opt_int("chat"),
        message_id=opt_int("message"),
        topic_id=opt_int("topic"),
        claimed_by=record.get("claimed_by"),
        closed_by=record.get("closed_by"),
    )
