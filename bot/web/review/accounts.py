"""Reviewers' own logins, never the admin token. Keys (after the prefix):

- `rv:invite:<sha256 of the token>`: an invitation made by an admin (who is invited, their proposed
  roles and languages); used once, gone after INVITATION_DAYS;
- `rv:account:<id>`: the reviewer's name, organisation, proposed roles and languages and their
  password's argon2 hash (argon2-cffi); no expiry while they review (the owner deletes it with the
  reviewer's entry);
- `rv:session:<sha256 of the cookie>`: who is logged in and the session's CSRF token, SESSION_HOURS;
- `rv:fail:<who>:<account or address>`: failed logins in the last LIMIT_WINDOW (also for the admin page).

Only hashes of tokens are stored, so a copy of Redis opens no session and no invitation.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from redis.asyncio import Redis

INVITATION_DAYS = 7
SESSION_HOURS = 12
LIMIT_WINDOW = 15 * 60
ACCOUNT_LIMIT = 5  # failed logins per account per window
ADDRESS_LIMIT = 20  # failed logins per address per window (a shared office address tries several accounts)
MIN_PASSWORD = 12

_hasher = PasswordHasher()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Invitation:
    id: str
    name: str
    organisation: str
    roles: tuple[str, ...]
    languages: tuple[str, ...]

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "organisation": self.organisation,
                "roles": list(self.roles), "languages": list(self.languages)}  # fmt: skip


@dataclass(frozen=True)
class Session:
    reviewer: str
    csrf: str


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _invitation(data: dict[str, Any]) -> Invitation:
    return Invitation(data["id"], data["name"], data["organisation"], tuple(data["roles"]), tuple(data["languages"]))


class LoginLimit:
    """Failed logins counted per account and per address, each forgotten LIMIT_WINDOW after the first."""

    def __init__(self, redis: Redis, prefix: str, who: str) -> None:
        self.redis, self.base = redis, f"{prefix}rv:fail:{who}"

    def _keys(self, account: str | None, address: str) -> list[str]:
        keys = [f"{self.base}:addr:{address}"]
        return keys + [f"{self.base}:acct:{account}"] if account else keys

    async def blocked(self, account: str | None, address: str) -> bool:
        counts = await self.redis.mget(self._keys(account, address))
        limits = [ADDRESS_LIMIT, ACCOUNT_LIMIT]
        return any(int(c or 0) >= limit for c, limit in zip(counts, limits, strict=False))

    async def failed(self, account: str | None, address: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            for key in self._keys(account, address):
                pipe.incr(key)
                pipe.expire(key, LIMIT_WINDOW, nx=True)
            await pipe.execute()

    async def succeeded(self, account: str) -> None:
        await self.redis.delete(f"{self.base}:acct:{account}")


class Accounts:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self.redis, self.prefix = redis, prefix
        self.limit = LoginLimit(redis, prefix, "review")

    def _key(self, *parts: str) -> str:
        return f"{self.prefix}rv:" + ":".join(parts)

    async def invite(self, invitation: Invitation) -> str | None:
        """The one-time token of a new invitation; None when that reviewer id already has an account."""
        if await self.redis.exists(self._key("account", invitation.id)):
            return None
        token = secrets.token_urlsafe(32)
        ttl = INVITATION_DAYS * 86400
        await self.redis.set(self._key("invite", _digest(token)), json.dumps(invitation.record()), ex=ttl)
        return token

    async def invitation(self, token: str) -> Invitation | None:
        raw = await self.redis.get(self._key("invite", _digest(token)))
        if raw is None:
            return None
        return _invitation(json.loads(raw))

    async def accept(self, token: str, password: str) -> Invitation | None:
        """Use the invitation once: the account with the password's argon2 hash."""
        key = self._key("invite", _digest(token))
        raw = await self.redis.getdel(key)
        if raw is None:
            return None
        data = json.loads(raw)
        hashed = await asyncio.to_thread(_hasher.hash, password)  # ~50 ms of CPU: not on the bot's event loop
        record = {**data, "roles": ",".join(data["roles"]), "languages": ",".join(data["languages"]),
                  "password": hashed}  # fmt: skip
        if not await self.redis.hsetnx(self._key("account", data["id"]), "password", record["password"]):
            return None
        await self.redis.hset(self._key("account", data["id"]), mapping=record)
        return _invitation(data)

    async def account(self, reviewer: str) -> dict[str, str]:
        return await self.redis.hgetall(self._key("account", reviewer))

    async def check_password(self, reviewer: str, password: str) -> bool:
        stored = await self.redis.hget(self._key("account", reviewer), "password")
        if not stored:
            # As slow as a real check: the answer time does not tell who has an account.
            await asyncio.to_thread(_hasher.hash, password)
            return False
        return await asyncio.to_thread(_verify, stored, password)

    async def open_session(self, reviewer: str) -> str:
        token = secrets.token_urlsafe(32)
        session = {"reviewer": reviewer, "csrf": secrets.token_urlsafe(24)}
        await self.redis.set(self._key("session", _digest(token)), json.dumps(session), ex=SESSION_HOURS * 3600)
        return token

    async def session(self, token: str | None) -> Session | None:
        if not token:
            return None
        raw = await self.redis.get(self._key("session", _digest(token)))
        if raw is None:
            return None
        data = json.loads(raw)
        return Session(data["reviewer"], data["csrf"])

    async def close_session(self, token: str) -> None:
        await self.redis.delete(self._key("session", _digest(token)))
