"""An app with only the admin router, on the real content pack and a real Redis (as `rahnama serve` wires it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from redis.asyncio import Redis

from bot.config import Settings
from bot.content import ContentPack
from bot.helpline.store import Referral
from bot.web.admin import AdminServices, admin_router
from bot.web.admin.services import ReferralChange
from bot.web.review import review_router

TOKEN = "test-admin-token-0123456789abcdef"
PREFIX = "adm:"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@dataclass
class Served:
    """What the running bot would hold: the pack in use, and what the admin told the helpline side."""

    pack: ContentPack
    told: list[tuple[ReferralChange, int, str]] = field(default_factory=list)

    def replace(self, pack: ContentPack) -> None:
        self.pack = pack

    async def after_referral(self, change: ReferralChange, referral: Referral, operator: str) -> None:
        self.told.append((change, referral.number, operator))


def admin_app(
    redis: Redis, served: Served, *, content_dir: Path | None = None, clock: object = None, token: str | None = TOKEN
) -> tuple[FastAPI, AdminServices]:
    settings = Settings(admin_token=token, redis_prefix=PREFIX, **({"content_dir": content_dir} if content_dir else {}))
    services = AdminServices(
        settings, redis, PREFIX, lambda: served.pack, served.replace,
        **({"clock": clock} if clock else {}), after_referral=served.after_referral,
    )  # fmt: skip
    app = FastAPI(title="Rahnama admin")
    app.include_router(admin_router(services))
    app.include_router(review_router(services))
    return app, services


def fixed_clock(moment: datetime):  # type: ignore[no-untyped-def]
    return lambda: moment
