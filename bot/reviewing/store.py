"""The review records in Redis. Keys (after the prefix, `rahnama:` by default):

- `rv:version`: a counter bumped on every change that affects what counts (a key approved, a
  sign-off stored); running processes watch it (live.py);
- `rv:pending`: hash, reviewer id → the reviewer record whose key waits for the owner's approval;
- `rv:reviewers`: hash, reviewer id → a reviewer the owner approved (also written to reviewers.yaml);
- `rv:signoffs`: list of signed sign-offs stored by the workspace (`content signoffs export` writes
  them to signoffs.yaml; the signature travels with them, so the list proves nothing by itself);
- `rv:signed`: hash, `<text id>|<lang>|<sha256>` → that signed version's text, to show what changed since;
- `rv:last`: hash, `<text id>|<lang>` → SHA-256 of the version last signed;
- `rv:sentback`: list of texts sent back with a comment (text id, lang, SHA-256, reviewer, comment, time);
- `rv:audit`: list of everything reviewers and the owner did (who, what, which hash, when); only appended to;
- `rv:served`: hash, `<topic>|<lang>` → how often the bot was asked for that text (no person in it).

These are content and its history, not people's data: none of them expires. Reviewer accounts,
invitations, sessions and login counters live in bot/web/review/accounts.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis

from bot.content.errors import Problem
from bot.content.review import SignOff
from bot.content.reviewers import Reviewer, reviewer_from
from bot.content.schema import Reader
from bot.content.signing import signoff_record
from bot.content.signoffs import signoff_from


@dataclass(frozen=True)
class Live:
    """What the workspace added since the files were written: approved reviewers and sign-offs."""

    version: int
    reviewers: tuple[Reviewer, ...]
    signoffs: tuple[SignOff, ...]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ReviewStore:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self.redis = redis
        self.prefix = prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}rv:{name}"

    async def version(self) -> int:
        return int(await self.redis.get(self.key("version")) or 0)

    async def live(self) -> Live:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.get(self.key("version"))
            pipe.hvals(self.key("reviewers"))
            pipe.lrange(self.key("signoffs"), 0, -1)
            version, reviewers, signoffs = await pipe.execute()
        problems: list[Problem] = []  # stored records were checked when stored; a bad one is skipped
        reader = Reader("redis", problems, ())
        found_reviewers = (reviewer_from(reader, json.loads(raw), "reviewer") for raw in reviewers)
        found_signoffs = (signoff_from(reader, json.loads(raw), "signoff", None) for raw in signoffs)
        return Live(
            int(version or 0),
            tuple(r for r in found_reviewers if r is not None),
            tuple(s for s in found_signoffs if s is not None),
        )

    # --- keys waiting for the owner -------------------------------------------------------------

    async def propose(self, reviewer: Reviewer) -> None:
        await self.redis.hset(self.key("pending"), reviewer.id, json.dumps(reviewer.record()))
        await self.audit(reviewer.id, "key proposed", detail=reviewer.public_key)

    async def pending(self) -> list[Reviewer]:
        reader = Reader("redis", [], ())
        found = (
            reviewer_from(reader, json.loads(raw), "pending") for raw in await self.redis.hvals(self.key("pending"))
        )
        return sorted((r for r in found if r is not None), key=lambda r: r.id)

    async def approve(self, reviewer: Reviewer, by: str) -> None:
        """Live for every running process at once; the owner's command also writes reviewers.yaml."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self.key("reviewers"), reviewer.id, json.dumps(reviewer.record()))
            pipe.hdel(self.key("pending"), reviewer.id)
            pipe.incr(self.key("version"))
            await pipe.execute()
        await self.audit(by, "key approved", detail=f"{reviewer.id} {reviewer.public_key}")

    async def reviewer(self, reviewer_id: str) -> Reviewer | None:
        raw = await self.redis.hget(self.key("reviewers"), reviewer_id)
        return reviewer_from(Reader("redis", [], ()), json.loads(raw), "reviewer") if raw else None

    async def proposed(self, reviewer_id: str) -> Reviewer | None:
        raw = await self.redis.hget(self.key("pending"), reviewer_id)
        return reviewer_from(Reader("redis", [], ()), json.loads(raw), "pending") if raw else None

    # --- sign-offs and the texts they name ------------------------------------------------------

    async def store_signoff(self, signoff: SignOff, text: str) -> None:
        """A verified sign-off, with the exact text it names (to show later what changed since)."""
        pair = f"{signoff.subject}|{signoff.lang.value}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(self.key("signoffs"), json.dumps(signoff_record(signoff)))
            pipe.hset(self.key("signed"), f"{pair}|{signoff.sha256}", text)
            pipe.hset(self.key("last"), pair, signoff.sha256)
            pipe.incr(self.key("version"))
            await pipe.execute()
        what = f"signed as {signoff.role.value} reviewer"
        await self.audit(signoff.reviewer, what, signoff.subject, signoff.lang.value, signoff.sha256)

    async def last_signed(self, subject: str, lang: str) -> tuple[str, str] | None:
        """(SHA-256, text) of the version of a text last signed in the workspace, if any."""
        sha = await self.redis.hget(self.key("last"), f"{subject}|{lang}")
        if not sha:
            return None
        text = await self.redis.hget(self.key("signed"), f"{subject}|{lang}|{sha}")
        return (sha, text) if text is not None else None

    # --- send-backs, audit, demand --------------------------------------------------------------

    async def send_back(self, reviewer: str, subject: str, lang: str, sha256: str, comment: str) -> None:
        item = {"subject": subject, "lang": lang, "sha256": sha256, "reviewer": reviewer, "comment": comment,
                "at": _now()}  # fmt: skip
        await self.redis.rpush(self.key("sentback"), json.dumps(item, ensure_ascii=False))
        await self.audit(reviewer, "sent back with a comment", subject, lang, sha256)

    async def sent_back(self) -> list[dict[str, Any]]:
        return [json.loads(raw) for raw in await self.redis.lrange(self.key("sentback"), 0, -1)]

    async def audit(self, who: str, what: str, subject: str = "", lang: str = "", sha256: str = "",
                    detail: str = "") -> None:  # fmt: skip
        item = {"at": _now(), "who": who, "what": what, "text": subject, "lang": lang, "sha256": sha256,
                "detail": detail}  # fmt: skip
        await self.redis.rpush(self.key("audit"), json.dumps(item, ensure_ascii=False))

    async def audit_list(self, newest: int = 500) -> list[dict[str, Any]]:
        return [json.loads(raw) for raw in reversed(await self.redis.lrange(self.key("audit"), -newest, -1))]

    async def served(self) -> dict[str, int]:
        return {k: int(v) for k, v in (await self.redis.hgetall(self.key("served"))).items()}


def served_field(topic: str, lang: str) -> str:
    return f"{topic}|{lang}"
