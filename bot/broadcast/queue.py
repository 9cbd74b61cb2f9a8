"""The recipients of one running job: atomic claims with leases, outcomes, release, cancel.

Per job (keys.py): `todo` (list, the snapshot), `retry` (zset, due time), `lease` (zset, lease
expiry: claimed and in flight), `out` (hash, final outcome per recipient), `tries` (hash).
A recipient is in exactly one of todo / retry / lease / out, and each move is one Lua script.

Leases: a claim leases its recipients until now + lease. A worker killed with SIGKILL leaves them
in `lease`; once the lease expires the next claim takes them first. The lease expiry doubles as the
claim's token: only the holder of that exact lease may turn it into a retry or release it.

Duplicates: a recipient is sent twice only if a worker died (or stalled past its lease) after
Telegram accepted the message and before its outcome reached Redis, i.e. at most the sends that
worker had in flight (its concurrency). A second `sent` for one recipient is counted in `duplicates`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from redis.asyncio import Redis

from bot.broadcast.keys import JobKeys, Keys
from bot.sending.pacing import SPACING_MS

FINAL = ("sent", "blocked", "chat_not_found", "rejected", "network")
RETRY = "retry"  # network error, timeout, 5xx: counts an attempt
THROTTLED = "throttled"  # 429: tried again after retry_after, not counted as an attempt

# KEYS: job, todo, retry, lease, out, tries, active. ARGV[1] now (ms), ARGV[2] job id, ARGV[3] keep (s).
_PRELUDE = """
local job, todo, retry, lease, out, tries, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local now = tonumber(ARGV[1])
local function finish_if_done()
  if redis.call('HGET', job, 'state') ~= 'running' then return end
  if redis.call('LLEN', todo) + redis.call('ZCARD', retry) + redis.call('ZCARD', lease) > 0 then return end
  redis.call('HSET', job, 'state', 'done', 'finished', tostring(now / 1000))
  redis.call('ZREM', active, ARGV[2])
  for _, k in ipairs({job, out, tries}) do redis.call('EXPIRE', k, ARGV[3]) end
end
"""

# ARGV[4] lease (ms), ARGV[5] how many. Returns {lease expiry, member, tries, member, tries, ...} or {}.
_CLAIM = (
    _PRELUDE
    + """
if redis.call('HGET', job, 'state') ~= 'running' then return {} end
local not_after = tonumber(redis.call('HGET', job, 'not_after') or '')
if not_after and now > not_after * 1000 then
  -- Past the deadline: nobody not yet on the wire is sent; they are counted late.
  local expired = redis.call('ZRANGEBYSCORE', lease, '-inf', now)
  for _, m in ipairs(expired) do redis.call('ZREM', lease, m) end
  local late = redis.call('LLEN', todo) + redis.call('ZCARD', retry) + #expired
  if late > 0 then redis.call('HINCRBY', job, 'late', late) end
  redis.call('DEL', todo, retry)
  finish_if_done()
  return {}
end
local expiry, n = now + tonumber(ARGV[4]), tonumber(ARGV[5])
local got = {expiry}
local function take(m)
  if redis.call('HEXISTS', out, m) == 1 then
    redis.call('ZREM', lease, m)  -- already has an outcome (a slow worker's late ack): never resend
    return
  end
  redis.call('ZADD', lease, expiry, m)
  got[#got + 1] = m
  got[#got + 1] = tonumber(redis.call('HGET', tries, m) or '0')
end
local function room() return n - (#got - 1) / 2 end
local expired = redis.call('ZRANGEBYSCORE', lease, '-inf', now, 'LIMIT', 0, n)
if #expired > 0 then redis.call('HINCRBY', job, 'reclaimed', #expired) end
for _, m in ipairs(expired) do take(m) end
if room() > 0 then
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', retry, '-inf', now, 'LIMIT', 0, room())) do
    redis.call('ZREM', retry, m)
    take(m)
  end
end
if room() > 0 then
  local fresh = redis.call('LPOP', todo, room())
  if fresh then for _, m in ipairs(fresh) do take(m) end end
end
if #got == 1 then
  finish_if_done()
  return {}
end
return got
"""
)

# ARGV[4] lease expiry of the claim, then (member, outcome, due ms) triples. KEYS[8…]: the chats' pacing
# keys (pacing.py), set to expire a second from now: the message has reached Telegram.
_ACK = (
    _PRELUDE
    + """
local expiry = tonumber(ARGV[4])
local state = redis.call('HGET', job, 'state')
for i = 5, #ARGV, 3 do
  local m, outcome, due = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local mine = tonumber(redis.call('ZSCORE', lease, m) or '-1') == expiry
  if outcome == 'retry' or outcome == 'throttled' then
    if outcome == 'throttled' then redis.call('HINCRBY', job, 'throttled', 1) end
    if mine and redis.call('HEXISTS', out, m) == 0 then
      redis.call('ZREM', lease, m)
      if state == 'running' then
        redis.call('ZADD', retry, due, m)
        if outcome == 'retry' then
          redis.call('HINCRBY', tries, m, 1)
          redis.call('HINCRBY', job, 'retried', 1)
        end
      else
        redis.call('HINCRBY', job, 'cancelled', 1)
      end
    end
  else
    if redis.call('HSETNX', out, m, outcome) == 1 then
      redis.call('HINCRBY', job, outcome, 1)
    elseif outcome == 'sent' then
      redis.call('HINCRBY', job, 'duplicates', 1)
    end
    if mine then redis.call('ZREM', lease, m) end
    redis.call('HDEL', tries, m)
  end
end
for k = 8, #KEYS do redis.call('SET', KEYS[k], '1', 'PX', SPACING_MS) end
finish_if_done()
return 1
"""
).replace("SPACING_MS", str(SPACING_MS))

# ARGV[4] lease expiry, then members: claimed but never sent (clean stop); they go back to the front.
_RELEASE = (
    _PRELUDE
    + """
local expiry = tonumber(ARGV[4])
for i = #ARGV, 5, -1 do
  if tonumber(redis.call('ZSCORE', lease, ARGV[i]) or '-1') == expiry then
    redis.call('ZREM', lease, ARGV[i])
    if redis.call('HGET', job, 'state') == 'running' then
      redis.call('LPUSH', todo, ARGV[i])
    else
      redis.call('HINCRBY', job, 'cancelled', 1)
    end
  end
end
finish_if_done()
return 1
"""
)

# Cancel a pending or running job: whoever is not yet on the wire is not sent.
_CANCEL = (
    _PRELUDE
    + """
local state = redis.call('HGET', job, 'state')
if state ~= 'pending' and state ~= 'running' then return 0 end
local left = redis.call('LLEN', todo) + redis.call('ZCARD', retry)
redis.call('HINCRBY', job, 'cancelled', left)
redis.call('DEL', todo, retry)
redis.call('HSET', job, 'state', 'cancelled', 'finished', tostring(now / 1000))
redis.call('ZREM', active, ARGV[2])
for _, k in ipairs({job, out, tries}) do redis.call('EXPIRE', k, ARGV[3]) end
return 1
"""
)


@dataclass(frozen=True)
class Claim:
    job_id: str
    expiry: int  # lease expiry (ms), the claim's token
    members: list[tuple[str, int]]  # ("user_id:lang", failed attempts so far)


class RecipientQueue:
    def __init__(self, redis: Redis, keys: Keys, keep_seconds: int) -> None:
        self.redis = redis
        self.keys = keys
        self.keep = keep_seconds
        self._claim = redis.register_script(_CLAIM)
        self._ack = redis.register_script(_ACK)
        self._release = redis.register_script(_RELEASE)
        self._cancel = redis.register_script(_CANCEL)

    def _keys(self, job_id: str) -> list[str]:
        jk = JobKeys(self.keys.prefix, job_id)
        return [jk.job, jk.todo, jk.retry, jk.lease, jk.out, jk.tries, self.keys.active]

    def _args(self, job_id: str, now: float) -> list[str | int]:
        return [int(now * 1000), job_id, self.keep]

    async def claim(self, job_id: str, now: float, lease: float, n: int) -> Claim | None:
        reply = await self._claim(keys=self._keys(job_id), args=[*self._args(job_id, now), int(lease * 1000), n])
        if not reply:
            return None
        members = [(str(reply[i]), int(reply[i + 1])) for i in range(1, len(reply), 2)]
        return Claim(job_id, int(reply[0]), members)

    async def ack(
        self, job_id: str, now: float, expiry: int, results: list[tuple[str, str, float]], paced: Iterable[str] = ()
    ) -> None:
        """results: (member, outcome, due time in s for retries else 0); paced: pacing keys of the chats sent to."""
        flat: list[str | int] = []
        for member, outcome, due in results:
            flat += [member, outcome, int(due * 1000)]
        keys = [*self._keys(job_id), *paced]
        await self._ack(keys=keys, args=[*self._args(job_id, now), expiry, *flat])

    async def release(self, job_id: str, now: float, expiry: int, members: list[str]) -> None:
        if members:
            await self._release(keys=self._keys(job_id), args=[*self._args(job_id, now), expiry, *members])

    async def cancel(self, job_id: str, now: float) -> bool:
        return bool(await self._cancel(keys=self._keys(job_id), args=self._args(job_id, now)))
