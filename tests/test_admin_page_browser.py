"""The admin page in a real browser: Debian's Chromium driven by Playwright, against the app served by uvicorn.

Broadcasts are sent by a real Worker through the fake Bot API in a background thread, so the live
progress bar is watched moving to "done". Screenshots go to tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from redis.asyncio import Redis
from telegram import Bot

from bot.broadcast import EngineConfig, Worker
from bot.channels.telegram.sender import TelegramSender
from bot.conversation.referral import ReferralDraft
from bot.domain import Language
from bot.helpline.store import ReferralStore
from bot.reminders import Reminders
from bot.safety.discreet import opened
from bot.subscriptions import Subscriptions
from tests.admin_app import PREFIX, TOKEN, Served
from tests.admin_server import serve_admin
from tests.conftest import CHROMIUM, REDIS_TEST_URL, load_pack_once
from tests.fake_bot_api import FakeBotAPI

ARTIFACTS = Path(__file__).parent / "artifacts"
BOT_TOKEN = "123456:TEST-token-for-the-admin-page"
DARI = "رهنما: تمدید مهلت کارت پی او آر. برای جزئیات منو را باز کنید."
PASHTO = "رهنما: د پي او آر کارت موده وغځول شوه. د نورو لپاره مینو پرانیزئ."
WORDS = "پولیس دیروز برادرم را برد. چه کنم؟"  # what a person wrote to the helpline, in Dari

pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} missing: run `make chromium` (as root)"),
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]


class BotSide:
    """Subscribers, two referrals and a worker sending broadcasts, in their own thread and event loop."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._main(),), daemon=True)
        self.referrals: list[int] = []
        self.fake: FakeBotAPI | None = None

    def __enter__(self) -> BotSide:
        self.thread.start()
        assert self.ready.wait(20), "the bot side did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(20)

    async def _main(self) -> None:
        self.stop = asyncio.Event()
        redis = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
        async with FakeBotAPI(token=BOT_TOKEN) as fake, TelegramSender(Bot(BOT_TOKEN, base_url=fake.base_url)) as out:
            self.fake = fake
            await self._people(fake, redis)
            self.ready.set()
            # A slow rate, so the page shows the bar moving for a few seconds.
            config = EngineConfig(prefix=PREFIX, rate=4, headroom=0, concurrency=4, idle_poll=0.05)
            await Worker(redis, out, config).run(self.stop)
        await redis.aclose()

    async def _people(self, fake: FakeBotAPI, redis: Redis) -> None:
        subs = Subscriptions(redis, PREFIX)
        for user_id in range(1, 13):
            lang = ("prs", "ps", "en")[user_id % 3]
            fake.user(user_id)
            await subs.subscribe(user_id, "por" if user_id < 10 else "acc", lang)
        store, now = ReferralStore(redis, PREFIX), datetime.now(UTC)
        urgent = ReferralDraft("now", "sindh", "por", "prs", "chat", None, False, WORDS)
        call = ReferralDraft("order", "kp", "acc", "ps", "call", "+92 300 1234567", True, "")
        for user_id, draft, lang in ((501, urgent, Language.DARI), (502, call, Language.PASHTO)):
            referral, _ = await store.open(user_id, draft, lang, "Zarmina (@zarmina)", now)
            assert referral is not None
            self.referrals.append(referral.number)
        await Reminders(redis, PREFIX).schedule(load_pack_once(), now)


@pytest.fixture(scope="module")
def admin() -> Iterator[tuple[str, Served, BotSide]]:
    with serve_admin(load_pack_once()) as (url, served), BotSide() as bot_side:
        yield url, served, bot_side


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-{name}.png"), full_page=True)


def test_staff_log_in_review_content_broadcast_and_handle_referrals(admin, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    url, served, bot_side = admin
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)

    # Logging in: a wrong token is refused, the right one sets a strict, HttpOnly session cookie.
    page.goto(f"{url}/admin/content")
    expect(page).to_have_url(f"{url}/admin/login")
    page.fill("#token", "not-the-token-at-all")
    page.click("button:has-text('Log in')")
    expect(page.get_by_role("alert")).to_have_text("That is not the admin token.")
    shot(page, "1-login")
    page.fill("#token", TOKEN)
    page.click("button:has-text('Log in')")
    expect(page).to_have_url(f"{url}/admin/content")
    cookie = next(c for c in context.cookies() if c["name"] == "rahnama_admin")
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/admin")

    # Content review: every topic in every language, Dari and Pashto titles right to left.
    pack = served.pack
    expect(page.locator("table.review tbody tr")).to_have_count(len(pack.topics))
    dari_title = page.locator("td .title[lang='fa-AF']").first
    expect(dari_title).to_have_attribute("dir", "rtl")
    expect(page.locator("td .title[lang='ps']").first).to_have_attribute("dir", "rtl")
    expect(page.locator("p .badge.draft")).to_have_text(f"{len(pack.topics) * 3} draft")
    shot(page, "2-content")
    page.click("button:has-text('Reload content from disk')")
    expect(page.get_by_role("status")).to_have_text("Content reloaded.")
    assert served.pack is not pack

    # A broadcast: the form refuses a chosen language without its text, keeps what was typed, then queues it.
    page.click("nav >> text=Broadcasts")
    expect(page.locator("table.numbers tr.sum td").last).to_have_text("12")
    page.check("input[name=categories][value=por]")
    page.check("input[name=languages][value=prs]")
    page.check("input[name=languages][value=ps]")
    page.fill("#msg_prs", DARI)
    page.click("button:has-text('Queue broadcast')")
    expect(page.get_by_role("alert")).to_contain_text("No Pashto text: every chosen language needs its own.")
    expect(page.locator("#msg_prs")).to_have_value(DARI)
    expect(page.locator("#msg_prs")).to_have_attribute("dir", "rtl")
    shot(page, "3-broadcast-form-error")
    page.fill("#msg_ps", PASHTO)
    page.click("button:has-text('Queue broadcast')")
    expect(page.get_by_role("status")).to_have_text("Broadcast queued.")
    # The live bar: admin.js follows the worker without reloading the page.
    progress = page.locator(".progress")
    expect(progress.locator("[data-field=state]")).to_have_text("running")
    shot(page, "4-broadcast-running")
    expect(progress.locator("[data-field=state]")).to_have_text("done")
    expect(progress.locator("[data-field=sent]")).to_have_text("6")  # 9 por subscribers, 6 read Dari or Pashto
    expect(progress.locator("[data-field=percent]")).to_have_text("100%")
    report = page.locator("table.report")
    expect(report.locator("tr", has_text="Sent").locator("td")).to_have_text("6")  # the report follows live too
    page.reload()
    expect(report.locator("tr", has_text="Audience").locator("td")).to_have_text("6")  # English readers not chosen
    expect(report.locator("tr", has_text="Sent").locator("td")).to_have_text("6")
    expect(report.locator("tr", has_text="Remaining").locator("td")).to_have_text("0")
    shot(page, "5-broadcast-report")
    assert bot_side.fake is not None
    # user 1 reads Pashto, under the neutral first line of discreet mode (everyone's default)
    assert [m["text"] for m in bot_side.fake.sent_messages(1)] == [opened(PASHTO, Language.PASHTO)]
    page.click("text=← All broadcasts")
    expect(page.locator("table.jobs tbody tr")).to_have_count(1)
    shot(page, "6-broadcasts")

    # Referrals: what the person shared, never their Telegram id; claim and close like the operators' group.
    page.click("nav >> text=Referrals")
    urgent, call = bot_side.referrals
    card = page.locator(f"#referral-{urgent}")
    expect(card.locator("blockquote")).to_have_text(WORDS)
    expect(card.locator("blockquote")).to_have_attribute("dir", "auto")
    expect(page.locator(f"#referral-{call}")).to_contain_text("+92 300 1234567")
    # The Telegram ids 501 and 502 as numbers of their own (a pseudonym's hex digits may hold "501" by chance).
    assert not re.search(r"(?<![0-9A-Za-z])50[12](?![0-9A-Za-z])", page.content())
    expect(page.locator("article.referral").first).to_have_id(f"referral-{urgent}")  # urgent first, though older
    card.locator("form[action$='/claim'] input[name=operator]").fill("Aisha")
    card.locator("button:has-text('Claim')").click()
    expect(page.get_by_role("status")).to_have_text("Referral claimed.")
    expect(card).to_contain_text("Claimed by")
    shot(page, "7-referral-claimed")
    expect(card.locator("form[action$='/close'] input[name=operator]")).to_have_value("Aisha")  # remembered
    card.locator("button:has-text('Close')").click()
    expect(page.get_by_role("status")).to_have_text("Referral closed.")
    expect(card.locator(".badge.closed")).to_have_text("closed")
    shot(page, "8-referral-closed")
    assert served.told == [("claimed", urgent, "Aisha"), ("closed", urgent, "Aisha")]

    # A form posted without this session's CSRF token does nothing.
    forged = page.request.post(f"{url}/admin/referrals/{call}/close", form={"operator": "Mallory"})
    assert forged.status == 403
    context.close()
