"""`rahnama serve` with ADMIN_TOKEN: the admin routes are mounted, and a referral claimed or closed on the admin
page reaches the person and the operators' group exactly as a claim or close from the group would."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from redis.asyncio import Redis

from bot.cli.serve import admin_routers
from bot.content import ContentPack
from bot.conversation.referral import ReferralDraft
from bot.domain import Language
from bot.helpline.store import ReferralStore
from bot.store import StateStore
from bot.web.app import create_app
from tests.fake_bot_api import FakeBotAPI
from tests.test_webhook import PREFIX, web_settings
from tests.web_harness import serving

ADMIN_TOKEN = "admin-token-for-tests-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
GROUP = -1001234567890
PERSON = 612300101


async def test_an_admin_claim_and_close_tell_the_person_and_the_group(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    operator = fake.user(612300999, first_name="Aisha", language_code="en")
    fake.group(GROUP, "Helpline operators", members=[operator])
    fake.user(PERSON, first_name="Karim", language_code="fa")
    settings = web_settings(fake, admin_token=ADMIN_TOKEN, helpline_chat_id=GROUP, helpline_hours="00:00-23:59",
                            helpline_days="Mon-Sun")  # fmt: skip
    draft = ReferralDraft(urgency="now", region="kp", category="por", language="prs", contact="chat")
    referral, _ = await ReferralStore(redis_client, PREFIX).open(PERSON, draft, Language.DARI, None, datetime.now(UTC))
    assert referral is not None
    number = referral.number

    app = create_app(settings, content, StateStore(redis_client, PREFIX), routers=admin_routers(settings))
    async with serving(app) as url, httpx.AsyncClient(base_url=url) as http:
        before = len(fake.sent_messages(PERSON))
        claim = await http.post(f"/admin/api/referrals/{number}/claim", json={"operator": "Aisha"}, headers=AUTH)
        assert claim.status_code == 200
        close = await http.post(f"/admin/api/referrals/{number}/close", json={"operator": "Aisha"}, headers=AUTH)
        assert close.status_code == 200
        unauthorised = await http.get("/admin/api/referrals")
        assert unauthorised.status_code == 401

    told = fake.sent_messages(PERSON)[before:]
    assert len(told) == 2  # "an operator took your request", then "your request is closed", in Dari
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in m["text"]) for m in told)
    notes = [m["text"] for m in fake.sent_messages(GROUP)]
    assert any("Aisha" in note and "claimed" in note for note in notes)
    assert any("Closed by Aisha" in note for note in notes)
