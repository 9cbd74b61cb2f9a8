"""What the admin routes need from the running bot, handed in by whoever builds the web app."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from redis.asyncio import Redis

from bot.config import Settings
from bot.content import ContentPack
from bot.helpline.store import Referral, ReferralStore

ReferralChange = Literal["claimed", "closed"]
AfterReferral = Callable[[ReferralChange, Referral, str], Awaitable[None]]
"""Called after a referral was claimed or closed through the admin, with the operator's name.

The store alone does not tell the person or update the operators' group; a deployment with
Telegram wires this to the helpline desk so an admin close behaves like one from the group."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AdminServices:
    settings: Settings
    redis: Redis
    prefix: str
    content: Callable[[], ContentPack]
    replace_content: Callable[[ContentPack], None]
    clock: Callable[[], datetime] = utc_now
    after_referral: AfterReferral | None = None
    session_hours: float = 12.0  # how long a page login lasts
    expires_soon_days: int = 30  # a signed text whose review ends this soon is flagged
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    def referrals(self) -> ReferralStore:
        return ReferralStore(self.redis, self.prefix, timedelta(days=self.settings.helpline_retention_days))
