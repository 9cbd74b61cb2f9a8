"""The pack's age and rules in force, end to end: a Telegram user of the real PTB Application against the
validating fake Bot API, and the operators' /metrics and admin API, all on a moved clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
from redis.asyncio import Redis

from bot.content import ContentPack
from bot.domain import Language
from bot.i18n.bidi import strip_bidi_controls
from bot.i18n.catalog import translator
from bot.i18n.dates import format_date
from tests.admin_app import AUTH, TOKEN, Served, admin_app, fixed_clock
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_harness import running_bot
from tests.test_telegram_e2e import converse, press
from tests.test_webhook import metric, start_web

LATE = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)  # 23:00 in Karachi, 270 days after the pack's as_of


async def test_a_dari_speaker_with_a_por_card_sees_how_old_it_is_and_that_deportation_is_in_force(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    dari = translator(Language.DARI)
    age = dari.ngettext(
        "⚠️ This information is {n} month old. Check with free legal aid before you act.",
        "⚠️ This information is {n} months old. Check with free legal aid before you act.",
        8,
    ).format(n="۸")
    since = dari.gettext("In force since {date}.").format(date=format_date(date(2025, 9, 1), Language.DARI))
    async with running_bot(fake, content, redis_client, clock=lambda: LATE):
        user = fake.user(1310, first_name="R", language_code="fa")
        (category,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "prs_por"))
        (deadlines,) = await press(fake, user, category, "📅")
        text = strip_bidi_controls(deadlines["text"])
        assert text.startswith(age)
        assert strip_bidi_controls(since) in text
        assert dari.gettext("passed") not in text
        (guidance,) = await press(fake, user, category, dari.gettext("What it means now"))
        assert strip_bidi_controls(guidance["text"]).startswith(age)


async def test_metrics_report_the_age_of_the_content_in_days(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    async with start_web(fake, content, redis_client) as web:
        web.app.state.application.bot_data["rahnama"].clock = lambda: LATE
        assert metric((await web.http.get("/metrics")).text, "rahnama_content_age_days") == 270
        web.app.state.application.bot_data["rahnama"].clock = lambda: datetime(2026, 3, 21, 7, tzinfo=UTC)
        assert metric((await web.http.get("/metrics")).text, "rahnama_content_age_days") == 10


async def test_the_admin_sees_the_age_and_that_the_review_is_overdue(content: ContentPack, redis_client: Redis) -> None:
    app, _ = admin_app(redis_client, Served(content), clock=fixed_clock(LATE))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://admin") as client:
        body = (await client.get("/admin/api/content/status", headers=AUTH)).json()
    assert (body["as_of"], body["age_days"], body["review_due"], body["overdue"]) == (
        "2026-03-11",
        270,
        "2026-05-10",
        True,
    )


async def test_the_admin_page_says_how_old_the_pack_is(content: ContentPack, redis_client: Redis) -> None:
    app, _ = admin_app(redis_client, Served(content), clock=fixed_clock(LATE))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://admin.test") as client:
        await client.post("/admin/login", data={"token": TOKEN})
        page = await client.get("/admin/content")
    assert page.status_code == 200
    assert "270 days old: review overdue since 2026-05-10" in page.text
