"""Who wants to hear about which document category, and in which language.

Layout (prefix `rahnama:` by default), chosen for memory: about 20 bytes per subscriber.

- `subs:{bucket}`: a hash per bucket, `bucket = user_id % 8192`; field = user id, value = one integer
  `day << 8 | lang << 6 | categories`: six category bits, two language bits, and the day (since 1970)
  the person last used the bot. Small hashes are stored as listpacks, where an integer costs a few
  bytes; a bucket turns into a real hash table past `hash-max-listpack-entries` (128), i.e. past
  about a million subscribers, which still works and costs more memory.
- `subs:n`: counters kept by the same Lua script that changes a record: `{category}:{lang}` and
  `*:{lang}` (people), so `count()` never scans.

A person has one language (the latest one they subscribed with) and any set of categories, so the
audience of several categories is deduplicated by construction.

Expiry: a subscription lives while the person uses the bot. `subscribe`, `unsubscribe` and `touch`
(call it when the person talks to the bot) restart the clock; after `ttl` of silence (the same 180
days as the conversation state) `audience` ignores the record and `expire_inactive` deletes it.
Receiving a broadcast does not count as using the bot.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import timedelta

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.domain import CATEGORIES, LANGUAGES, DocumentCategory, Language
from bot.redis_batch import Batch, Decode

BUCKETS = 8192
_LANG_INDEX = {lang.value: i for i, lang in enumerate(LANGUAGES)}
_CAT_BIT = {cat.value: 1 << i for i, cat in enumerate(CATEGORIES)}
ALL_CATEGORIES = (1 << len(CATEGORIES)) - 1
DAY = 86400

# Read-modify-write of one record and its counters, atomically.
# KEYS: bucket hash, counters hash. ARGV: user id, bits to clear, bits to set, lang index (-1: keep),
# day (-1: keep), first day still active (an older record's categories count as gone).
_CAT_NAMES = ", ".join(f"'{c.value}'" for c in CATEGORIES)
_LANG_NAMES = ", ".join(f"'{lang.value}'" for lang in LANGUAGES)
_NAMES = f"local cats, langs = {{{_CAT_NAMES}}}, {{{_LANG_NAMES}}}\n"
_UPDATE = (
    _NAMES
    + """
local old = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local omask, olang, oday = old % 64, math.floor(old / 64) % 4, math.floor(old / 256)
local clear, add = tonumber(ARGV[2]), tonumber(ARGV[3])
if omask == 0 and add == 0 then return 0 end
local function has(mask, i) return math.floor(mask / 2 ^ i) % 2 == 1 end
local kept = omask
if oday < tonumber(ARGV[6]) then kept = 0 end
local mask = 0
for i = 0, #cats - 1 do
  if has(add, i) or (has(kept, i) and not has(clear, i)) then mask = mask + 2 ^ i end
end
local lang, day = olang, oday
if tonumber(ARGV[4]) >= 0 then lang = tonumber(ARGV[4]) end
if tonumber(ARGV[5]) >= 0 then day = tonumber(ARGV[5]) end
local function count(m, l, by)
  if m == 0 then return end
  redis.call('HINCRBY', KEYS[2], '*:' .. langs[l + 1], by)
  for i = 0, #cats - 1 do
    if has(m, i) then redis.call('HINCRBY', KEYS[2], cats[i + 1] .. ':' .. langs[l + 1], by) end
  end
end
count(omask, olang, -1)
count(mask, lang, 1)
if mask == 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], day * 256 + lang * 64 + mask)
end
return mask
"""
)


def _bits(categories: Iterable[DocumentCategory | str]) -> int:
    return sum(_CAT_BIT[DocumentCategory(c).value] for c in set(categories))


def _decode(value: int) -> tuple[int, str, int]:
    """(category bits, language id, last-active day) of a stored record."""
    return value & 63, LANGUAGES[(value >> 6) & 3].value, value >> 8


class Subscriptions:
    def __init__(
        self,
        redis: Redis,
        prefix: str = "rahnama:",
        ttl: timedelta = timedelta(days=180),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.redis = redis
        self.prefix = prefix
        self.ttl = ttl
        self.clock = clock
        self._update = redis.register_script(_UPDATE)

    def bucket_key(self, bucket: int) -> str:
        return f"{self.prefix}subs:{bucket}"

    @property
    def counters_key(self) -> str:
        return f"{self.prefix}subs:n"

    def _today(self) -> int:
        return int(self.clock() // DAY)

    async def _change(self, user_id: int, clear: int, add: int, lang: int, day: int) -> int:
        keys = [self.bucket_key(int(user_id) % BUCKETS), self.counters_key]
        args = [int(user_id), clear, add, lang, day, self._today() - self.ttl.days]
        return int(await self._update(keys=keys, args=args))

    async def subscribe(self, user_id: int, category: DocumentCategory | str, lang: Language | str) -> None:
        """Subscribe to one category; the language applies to all of the person's subscriptions."""
        await self._change(user_id, 0, _bits([category]), _LANG_INDEX[Language(lang).value], self._today())

    async def subscribe_many(self, entries: Iterable[tuple[int, DocumentCategory | str, Language | str]]) -> None:
        """Bulk `subscribe` of (user id, category, language), pipelined: imports and benchmarks."""
        day, stale = self._today(), self._today() - self.ttl.days
        pipe = self.redis.pipeline(transaction=False)
        for i, (user_id, category, lang) in enumerate(entries, 1):
            keys = [self.bucket_key(int(user_id) % BUCKETS), self.counters_key]
            args = [int(user_id), 0, _bits([category]), _LANG_INDEX[Language(lang).value], day, stale]
            await self._update(keys=keys, args=args, client=pipe)
            if i % 1000 == 0:
                await pipe.execute()
        await pipe.execute()

    async def unsubscribe(self, user_id: int, category: DocumentCategory | str | None = None) -> None:
        """Drop one category, or every subscription with `category=None`."""
        clear = ALL_CATEGORIES if category is None else _bits([category])
        await self._change(user_id, clear, 0, -1, self._today())

    async def touch(self, user_id: int) -> None:
        """The person used the bot: keep their subscriptions another `ttl`. Cheap when they have none."""
        await self._change(user_id, 0, 0, -1, self._today())

    async def forget(self, user_id: int) -> None:
        """Erase the person's subscriptions (their broadcast traces are the engine's: jobs.forget_recipient)."""
        await self._change(user_id, ALL_CATEGORIES, 0, -1, -1)

    async def categories_of(self, user_id: int) -> set[DocumentCategory]:
        return self._categories(await self.redis.hget(self.bucket_key(int(user_id) % BUCKETS), str(int(user_id))))

    def categories_into(self, batch: Batch, user_id: int) -> Callable[[], set[DocumentCategory]]:
        """`categories_of`, with the other commands of `batch` (bot/redis_batch.py)."""

        def queue(pipe: Pipeline) -> Decode[set[DocumentCategory]]:
            pipe.hget(self.bucket_key(int(user_id) % BUCKETS), str(int(user_id)))
            return lambda replies: self._categories(replies[0])

        return batch.add(queue)

    def _categories(self, raw: str | None) -> set[DocumentCategory]:
        if raw is None:
            return set()
        mask, _, day = _decode(int(raw))
        if self._is_stale(day):
            return set()
        return {cat for cat in CATEGORIES if mask & _CAT_BIT[cat.value]}

    async def language_of(self, user_id: int) -> Language | None:
        raw = await self.redis.hget(self.bucket_key(int(user_id) % BUCKETS), str(int(user_id)))
        return None if raw is None else Language(_decode(int(raw))[1])

    async def count(self, category: DocumentCategory | str | None = None, lang: Language | str | None = None) -> int:
        """Subscribers of a category (any: None) in a language (any: None); people, not subscriptions."""
        counters = await self.redis.hgetall(self.counters_key)
        langs = [lang] if lang is not None else [x.value for x in LANGUAGES]
        what = "*" if category is None else DocumentCategory(category).value
        return sum(int(counters.get(f"{what}:{Language(x).value}", 0)) for x in langs)

    def _is_stale(self, day: int) -> bool:
        return day < self._today() - self.ttl.days

    async def _buckets(self, chunk: int = 256) -> AsyncIterator[dict[str, str]]:
        # Pipelined reads of fixed bucket names: 32 round trips for the whole table, no SCAN cursor.
        for start in range(0, BUCKETS, chunk):
            async with self.redis.pipeline(transaction=False) as pipe:
                for bucket in range(start, min(start + chunk, BUCKETS)):
                    pipe.hgetall(self.bucket_key(bucket))
                for records in await pipe.execute():
                    if records:
                        yield records

    async def audience(
        self, categories: Iterable[DocumentCategory | str], languages: Iterable[Language | str] | None = None
    ) -> AsyncIterator[tuple[int, str]]:
        """(user id, language id) of everyone subscribed to any of the categories, each person once."""
        wanted = _bits(categories)
        langs = {Language(x).value for x in (languages if languages is not None else LANGUAGES)}
        async for records in self._buckets():
            for user_id, raw in records.items():
                mask, lang, day = _decode(int(raw))
                if mask & wanted and lang in langs and not self._is_stale(day):
                    yield int(user_id), lang

    async def expire_inactive(self) -> int:
        """Delete subscriptions of people silent for longer than `ttl`; returns how many."""
        stale = []
        async for records in self._buckets():
            stale += [int(uid) for uid, raw in records.items() if self._is_stale(_decode(int(raw))[2])]
        for user_id in stale:
            await self._change(user_id, ALL_CATEGORIES, 0, -1, -1)
        return len(stale)
