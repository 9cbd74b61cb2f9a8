"""The referral queue for staff: list, claim, close, through the same store the operators' group uses.

Staff see what operators see in their group (bot/helpline/summary.py): a keyed pseudonym, never the
person's Telegram id, and a name or phone number only when the person agreed to share it.
"""

from __future__ import annotations

from typing import Literal

from bot.helpline.store import Referral
from bot.helpline.store import _referral as parse_referral  # the store's own reading of a record
from bot.safety.pseudonyms import pseudonym
from bot.web.admin.models import ReferralOut
from bot.web.admin.services import AdminServices

Status = Literal["open", "claimed", "closed"]
SCAN_CHUNK = 200  # referral numbers read per round trip


async def list_referrals(services: AdminServices, status: Status | None = None, limit: int = 100) -> list[ReferralOut]:
    """Newest first. Numbers are walked down from the last one: referrals expire, so the walk stays short."""
    store = services.referrals()
    last = int(await services.redis.get(f"{services.prefix}hl:seq") or 0)
    found: list[ReferralOut] = []
    number = last
    while number > 0 and len(found) < limit:
        numbers = list(range(number, max(0, number - SCAN_CHUNK), -1))
        async with services.redis.pipeline(transaction=False) as pipe:
            for n in numbers:
                pipe.hgetall(store._k("ref", n))
            records = await pipe.execute()
        referrals = [parse_referral(n, record) for n, record in zip(numbers, records, strict=True)]
        found += [referral_out(services, r) for r in referrals if r is not None and status in (None, r.status)]
        number -= SCAN_CHUNK
    return found[:limit]


def referral_out(services: AdminServices, referral: Referral) -> ReferralOut:
    key = services.settings.pseudonym_key
    return ReferralOut(
        number=referral.number, status=referral.status,  # type: ignore[arg-type]
        person=pseudonym(referral.user_id, key.get_secret_value().encode() if key else None),
        urgency=referral.urgency, region=referral.region, category=referral.category, language=referral.language,
        contact=referral.contact, phone=referral.phone if referral.contact == "call" else None, name=referral.name,
        description=referral.description, opened=referral.opened, claimed_by=referral.claimed_by,
        closed_by=referral.closed_by,
    )  # fmt: skip


async def claim_referral(services: AdminServices, number: int, operator: str) -> tuple[int, ReferralOut | None]:
    """(1 claimed now | 0 already claimed or closed | -1 no such referral, the referral as it is now)."""
    store = services.referrals()
    result = await store.claim(number, operator, services.clock())
    referral = await store.get(number)
    if result == 1 and referral is not None and services.after_referral is not None:
        await services.after_referral("claimed", referral, operator)
    return result, referral_out(services, referral) if referral else None


async def close_referral(services: AdminServices, number: int, operator: str) -> tuple[int, ReferralOut | None]:
    """(1 closed now | 0 already closed | -1 no such referral, the referral as it is now)."""
    store = services.referrals()
    closed = await store.close(number, operator, services.clock())
    if closed is not None and services.after_referral is not None:
        await services.after_referral("closed", closed, operator)
    referral = closed or await store.get(number)
    result = 1 if closed is not None else 0 if referral is not None else -1
    return result, referral_out(services, referral) if referral else None
