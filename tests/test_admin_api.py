"""The admin API against a real Redis and the real content pack (its own small FastAPI app)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis
from telegram import Bot

from bot.broadcast import EngineConfig, Worker
from bot.channels.telegram.sender import TelegramSender
from bot.content import ContentPack, load_pack
from bot.conversation.referral import ReferralDraft
from bot.domain import Language
from bot.helpline.store import ReferralStore
from bot.reminders import Reminders
from bot.safety.discreet import opened
from bot.subscriptions import Subscriptions
from tests.admin_app import AUTH, PREFIX, Served, admin_app
from tests.conftest import NOW
from tests.fake_bot_api import FakeBotAPI
from tests.packs import copy_pack, sign

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TEXTS = {
    "prs": "رهنما: خبر تازه درباره کارت پی او آر",
    "ps": "رهنما: د پي او آر کارت په اړه نوی خبر",
    "en": "Rahnama: news about PoR cards",
}


@pytest.fixture
def served(content: ContentPack) -> Served:
    return Served(content)


@pytest.fixture
async def client(redis_client: Redis, served: Served) -> AsyncIterator[httpx.AsyncClient]:
    app, _ = admin_app(redis_client, served)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://admin.test") as c:
        yield c


async def test_without_an_admin_token_there_is_no_admin_route(redis_client: Redis, served: Served) -> None:
    app, _ = admin_app(redis_client, served, token=None)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://admin.test") as c:
        assert (await c.get("/admin/api/content/status", headers={"Authorization": "Bearer x"})).status_code == 404
        assert (await c.get("/admin/login")).status_code == 404


def test_a_short_admin_token_is_refused_at_start(redis_client: Redis, served: Served) -> None:
    with pytest.raises(ValueError, match="at least 16"):
        admin_app(redis_client, served, token="secret")


async def test_the_api_needs_the_bearer_token(client: httpx.AsyncClient) -> None:
    missing = await client.get("/admin/api/audience")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = await client.get("/admin/api/audience", headers={"Authorization": "Bearer not-the-token-at-all"})
    assert wrong.status_code == 403
    assert (await client.get("/admin/api/audience", headers=AUTH)).status_code == 200


async def test_content_status_lists_every_topic_in_every_language(client: httpx.AsyncClient, served: Served) -> None:
    body = (await client.get("/admin/api/content/status", headers=AUTH)).json()
    assert len(body["texts"]) == len(served.pack.topics) * len(served.pack.languages)
    assert sum(body["counts"].values()) == len(body["texts"])
    dari = next(t for t in body["texts"] if t["lang"] == "prs")
    assert dari["title"] == served.pack.topic(dari["topic"]).text("prs").title
    assert dari["missing"] == ["legal", "language"] and not dari["expires_soon"]


async def test_a_signed_text_is_flagged_when_its_review_ends_within_30_days_then_expired(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, redis_client: Redis
) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "por-now", "en", "legal", "--review-by", "2031-01-31")
    app, _ = admin_app(redis_client, Served(load_pack(root)))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://admin.test") as c:

        async def por_now_en(on: str) -> dict[str, object]:
            body = (await c.get("/admin/api/content/status", params={"on": on}, headers=AUTH)).json()
            return next(t for t in body["texts"] if (t["topic"], t["lang"]) == ("por-now", "en"))

        assert (await por_now_en("2030-12-01"))["expires_soon"] is False
        soon = await por_now_en("2031-01-10")
        assert (soon["state"], soon["expires_soon"], soon["review_by"]) == ("signed", True, "2031-01-31")
        assert soon["signoffs"][0]["reviewer"] == "Test Reviewer (test-reviewer)"
        assert soon["signoffs"][0]["current"] is True
        assert (await por_now_en("2031-02-01"))["state"] == "expired"


async def test_a_broken_pack_is_not_swapped_in_and_a_fixed_one_is(
    tmp_path: Path, redis_client: Redis, served: Served
) -> None:
    root = copy_pack(tmp_path)
    before = served.pack
    app, _ = admin_app(redis_client, served, content_dir=root)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://admin.test") as c:
        title = root / "topics" / "por-now" / "en.md"
        original = title.read_text(encoding="utf-8")
        title.unlink()
        refused = await c.post("/admin/api/content/reload", headers=AUTH)
        assert refused.status_code == 422
        assert any("por-now" in p for p in refused.json()["problems"])
        assert served.pack is before

        title.write_text(original, encoding="utf-8")
        reloaded = await c.post("/admin/api/content/reload", headers=AUTH)
        assert reloaded.status_code == 200, reloaded.text
        assert served.pack is not before and reloaded.json()["topics"] == len(before.topics)


async def test_diff_since_a_date_groups_changes_by_category(client: httpx.AsyncClient, served: Served) -> None:
    body = (await client.get("/admin/api/content/diff", params={"since": "2000-01-01"}, headers=AUTH)).json()
    assert set(body["categories"]) == {str(c.id) for c in served.pack.categories} | {"general"}
    changes = [c for found in body["categories"].values() for c in found]
    assert any(c["kind"] == "deadline" and c["source"]["url"] for c in changes)
    future = (await client.get("/admin/api/content/diff", params={"since": "2999-01-01"}, headers=AUTH)).json()
    assert all(found == [] for found in future["categories"].values())


async def test_a_broadcast_reaches_only_the_languages_it_has_a_text_for(client: httpx.AsyncClient) -> None:
    async def create(**request: object) -> httpx.Response:
        return await client.post("/admin/api/broadcasts", json={"categories": ["por"]} | request, headers=AUTH)

    assert (await create(messages={})).status_code == 422
    assert (await create(messages={"prs": TEXTS["prs"], "ps": " \n "})).status_code == 422  # blank is no text
    assert (await create(messages={"ur": "x"})).status_code == 422
    past = await create(messages={"en": "x"}, not_after="2001-01-01T00:00:00Z")
    assert past.status_code == 409 and "past" in past.json()["detail"]
    crossed = await create(messages={"en": "x"}, not_before="2999-01-02T00:00:00Z", not_after="2999-01-01T00:00:00Z")
    assert crossed.status_code == 409
    created = await create(messages={"ps": TEXTS["ps"]})
    assert created.status_code == 201 and (created.json()["languages"], created.json()["messages"]) == (["ps"], ["ps"])


async def test_create_list_progress_and_cancel_a_scheduled_broadcast(client: httpx.AsyncClient) -> None:
    later = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    request = {"categories": ["por", "acc"], "messages": TEXTS, "not_before": later.isoformat()}
    created = await client.post("/admin/api/broadcasts", json=request, headers=AUTH)
    assert created.status_code == 201, created.text
    job = created.json()
    assert (job["state"], job["categories"], job["total"], job["progress"]) == ("pending", ["acc", "por"], None, 0)
    assert datetime.fromisoformat(job["not_before"]) == later

    listed = (await client.get("/admin/api/broadcasts", headers=AUTH)).json()["broadcasts"]
    assert [b["id"] for b in listed] == [job["id"]]
    cancelled = await client.post(f"/admin/api/broadcasts/{job['id']}/cancel", headers=AUTH)
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert (await client.post(f"/admin/api/broadcasts/{job['id']}/cancel", headers=AUTH)).status_code == 409
    assert (await client.get("/admin/api/broadcasts/999", headers=AUTH)).status_code == 404
    assert (await client.post("/admin/api/broadcasts/999/cancel", headers=AUTH)).status_code == 404


async def test_progress_shows_what_the_workers_sent_and_why_some_failed(
    client: httpx.AsyncClient, redis_client: Redis
) -> None:
    token = "123456:TEST-token-for-admin"
    subs = Subscriptions(redis_client, PREFIX)
    async with FakeBotAPI(token=token) as fake:
        for user_id, lang in ((1, "prs"), (2, "ps"), (3, "en")):
            fake.user(user_id)
            await subs.subscribe(user_id, "por", lang)
        await subs.subscribe(4, "por", "en")  # never started the bot: chat not found
        job = (
            await client.post("/admin/api/broadcasts", json={"categories": ["por"], "messages": TEXTS}, headers=AUTH)
        ).json()
        stop = asyncio.Event()
        async with TelegramSender(Bot(token, base_url=fake.base_url)) as sender:
            config = EngineConfig(prefix=PREFIX, rate=1000, headroom=0, concurrency=4, idle_poll=0.02)
            worker = asyncio.create_task(Worker(redis_client, sender, config).run(stop))
            deadline = time.monotonic() + 10
            while (status := (await client.get(f"/admin/api/broadcasts/{job['id']}", headers=AUTH)).json())[
                "state"
            ] != "done":
                assert time.monotonic() < deadline, status
                await asyncio.sleep(0.02)
            stop.set()
            await worker
        fake.requests = [r for r in fake.requests if r.description != "Bad Request: chat not found"]
    assert (status["total"], status["sent"], status["remaining"], status["progress"]) == (4, 3, 0, 1.0)
    assert status["failed"] == {"blocked": 0, "chat_not_found": 1, "rejected": 0, "network": 0}
    # Under the neutral first line of discreet mode, everyone's default.
    assert [m["text"] for m in fake.sent_messages(2)] == [opened(TEXTS["ps"], Language.PASHTO)]


async def test_reminder_schedule_shows_what_the_pack_plans(
    client: httpx.AsyncClient, redis_client: Redis, served: Served
) -> None:
    reminders = Reminders(redis_client, PREFIX)
    planned = await reminders.schedule(served.pack, NOW)
    body = (await client.get("/admin/api/reminders", headers=AUTH)).json()
    assert len(body["scheduled"]) == planned and body["fired"] == 0
    if planned:
        first = body["scheduled"][0]
        deadline = next(d for d in served.pack.deadlines if d.id == first["deadline"])
        assert first["title"]["ps"] == deadline.title["ps"]


async def test_audience_counts_people_per_category_and_language(client: httpx.AsyncClient, redis_client: Redis) -> None:
    subs = Subscriptions(redis_client, PREFIX)
    await subs.subscribe(1, "por", "prs")
    await subs.subscribe(1, "acc", "prs")
    await subs.subscribe(2, "por", "ps")
    body = (await client.get("/admin/api/audience", headers=AUTH)).json()
    rows = {row["category"]: row for row in body["categories"]}
    assert rows["por"]["by_language"] == {"prs": 1, "ps": 1, "en": 0} and rows["por"]["total"] == 2
    assert rows["acc"]["total"] == 1 and rows["visa"]["total"] == 0
    assert body["people_by_language"] == {"prs": 1, "ps": 1, "en": 0} and body["people"] == 2


USER = 987654321
WORDS = "پولیس برادرم را برد"  # what the person wrote, in Dari


async def open_referral(redis: Redis, user_id: int = USER, **draft: object) -> int:
    store = ReferralStore(redis, PREFIX)
    fields = {"urgency": "now", "region": "sindh", "category": "por", "language": "prs", "contact": "chat",
              "phone": "+92 300 1234567", "share_name": False, "description": WORDS} | draft  # fmt: skip
    draft_ = ReferralDraft(**fields)  # type: ignore[arg-type]
    referral, _ = await store.open(user_id, draft_, Language.DARI, "Zarmina (@z)", NOW)
    assert referral is not None
    return referral.number


async def test_referrals_show_only_what_the_person_agreed_to_share(
    client: httpx.AsyncClient, redis_client: Redis
) -> None:
    first = await open_referral(redis_client)
    second = await open_referral(redis_client, USER + 1, contact="call", share_name=True)
    response = await client.get("/admin/api/referrals", headers=AUTH)
    assert str(USER) not in response.text and str(USER + 1) not in response.text
    by_number = {r["number"]: r for r in response.json()["referrals"]}
    assert list(by_number) == [second, first]  # newest first
    assert (by_number[first]["phone"], by_number[first]["name"]) == (None, None)  # chat only, name not shared
    assert (by_number[second]["phone"], by_number[second]["name"]) == ("+92 300 1234567", "Zarmina (@z)")
    assert by_number[first]["person"].startswith("u_") and by_number[first]["description"] == WORDS


async def test_claim_and_close_behave_like_the_operators_group(
    client: httpx.AsyncClient, redis_client: Redis, served: Served
) -> None:
    number = await open_referral(redis_client)
    store = ReferralStore(redis_client, PREFIX)
    claim = await client.post(f"/admin/api/referrals/{number}/claim", json={"operator": "Aisha"}, headers=AUTH)
    assert claim.status_code == 200 and (claim.json()["status"], claim.json()["claimed_by"]) == ("claimed", "Aisha")
    again = await client.post(f"/admin/api/referrals/{number}/claim", json={"operator": "Omar"}, headers=AUTH)
    assert again.status_code == 409

    close = await client.post(f"/admin/api/referrals/{number}/close", json={"operator": "Omar"}, headers=AUTH)
    assert close.status_code == 200 and close.json()["closed_by"] == "Omar"
    assert await store.open_referral_of(USER) is None  # the person may open a new one, as after a group close
    assert await redis_client.zscore(f"{PREFIX}hl:closed", str(number)) is not None  # retention sweep will delete it
    assert 0 < await redis_client.ttl(f"{PREFIX}hl:ref:{number}") <= 31 * 86400
    assert served.told == [("claimed", number, "Aisha"), ("closed", number, "Omar")]
    closed = (await client.get("/admin/api/referrals", params={"status": "closed"}, headers=AUTH)).json()
    assert [r["number"] for r in closed["referrals"]] == [number]

    async def act(what: str, operator: str, on: int = number) -> int:
        url = f"/admin/api/referrals/{on}/{what}"
        return (await client.post(url, json={"operator": operator}, headers=AUTH)).status_code

    assert (await act("close", "x"), await act("close", "x", 999), await act("claim", " ")) == (409, 404, 422)


def test_the_schema_names_every_admin_operation(redis_client: Redis, served: Served) -> None:
    app, _ = admin_app(redis_client, served)
    paths = app.openapi()["paths"]
    assert set(paths) == {
        "/admin/api/content/status", "/admin/api/content/reload", "/admin/api/content/diff", "/admin/api/broadcasts",
        "/admin/api/broadcasts/{job_id}", "/admin/api/broadcasts/{job_id}/cancel", "/admin/api/reminders",
        "/admin/api/audience", "/admin/api/referrals", "/admin/api/referrals/{number}/claim",
        "/admin/api/referrals/{number}/close", "/admin/api/reviewers/invitations",
    }  # fmt: skip
