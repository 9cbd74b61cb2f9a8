"""The reviewers' workspace in a real browser (Debian's Chromium, Playwright), end to end, as issue #14
asks: an admin invites → the reviewer sets a password → their browser makes their Ed25519 key (WebCrypto)
→ the owner approves it (`rahnama reviewer pending/approve`, real subprocesses) → the reviewer signs the
Dari police-rights text as legal and as language reviewer → the Telegram bot (the real PTB Application
against the fake Bot API, strict mode, its own process-like thread) serves it once its poll sees the
stored sign-offs → the file is edited → the bot withholds it again and the queue shows the diff.
Screenshots: tests/artifacts/review-*.png.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from redis.asyncio import Redis

from bot.content import ContentPack, load_pack
from bot.content.review import ReviewState
from bot.domain import Language
from bot.i18n.catalog import translator
from tests.admin_app import PREFIX, TOKEN
from tests.admin_server import serve_admin
from tests.conftest import CHROMIUM, FAKE_BOT_TOKEN, REDIS_TEST_URL
from tests.fake_bot_api import FakeBotAPI
from tests.packs import copy_pack
from tests.telegram_harness import act, has_button, running_bot, says
from tests.test_admin_page_browser import ARTIFACTS

UNDER_REVIEW = "This answer is being reviewed and cannot be shown yet."
PASSWORD = "a long passphrase for the test"
DARI_READER = 7014001

pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} missing: run `make chromium` (as root)"),
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]


class BotProcess:
    """The Telegram bot in strict mode with its own event loop and pack, as another process would be:
    it learns of sign-offs only through Redis (bot/reviewing/live.py)."""

    def __init__(self, pack: ContentPack, root: Path) -> None:
        self.pack, self.root = pack, root
        self.ready = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._main(),), daemon=True)

    def __enter__(self) -> BotProcess:
        self.thread.start()
        assert self.ready.wait(30), "the bot did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(30)

    def run(self, coroutine: Any, timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _main(self) -> None:
        self.stop = asyncio.Event()
        redis = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
        async with FakeBotAPI(token=FAKE_BOT_TOKEN) as fake:
            self.fake = fake
            settings = {"content_strict": True, "review_poll_seconds": 0.1, "redis_prefix": PREFIX}
            async with running_bot(fake, self.pack, redis, content_dir=self.root, **settings) as application:
                self.handler = application.bot_data["rahnama"]
                self.ready.set()
                await self.stop.wait()
            assert fake.rejected == [], fake.rejected
        await redis.aclose()

    def state_of(self, topic: str, lang: str) -> ReviewState:
        return self.handler.content.topic(topic).text(lang).review.state

    def until(self, condition: Any, timeout: float = 60) -> None:
        """Wait (a minute at most: the issue's promise) for something the bot's own loop will do."""

        async def wait() -> None:
            deadline = time.monotonic() + timeout
            while not condition():
                assert time.monotonic() < deadline, "the bot did not pick it up within a minute"
                await asyncio.sleep(0.05)

        self.run(wait(), timeout + 5)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[str, Path, BotProcess]]:
    root = copy_pack(tmp_path)
    with serve_admin(load_pack(root), content_dir=root) as (url, _), BotProcess(load_pack(root), root) as bot:
        yield url, root, bot


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"review-{name}.png"), full_page=True)


def owner(root: Path, *args: str) -> str:
    """`rahnama …` as the project's owner runs it, a real process on the same Redis and content."""
    env = os.environ | {"REDIS_URL": REDIS_TEST_URL, "REDIS_PREFIX": PREFIX, "CONTENT_DIR": str(root)}
    done = subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_reviewer_with_only_a_browser_signs_and_strict_mode_serves_then_withholds_an_edit(
    workspace: tuple[str, Path, BotProcess], browser: Any
) -> None:
    from playwright.sync_api import expect

    url, root, bot = workspace
    fake = bot.fake
    reader = fake.user(DARI_READER, language_code="fa")
    dari_title = load_pack(root).topic("rights-police").text("prs").title
    withheld = translator(Language.DARI).gettext(UNDER_REVIEW)

    def ask_police_rights() -> dict:
        menu = bot.run(act(fake, reader.id, lambda: fake.send_command(reader, "/start", "prs_por"),
                           has_button("go:topic:por:rights")))  # fmt: skip
        return bot.run(act(fake, reader.id, lambda: fake.press_button(reader, menu, "go:topic:por:rights"),
                           lambda m: True))  # fmt: skip

    assert says(withheld)(ask_police_rights())  # strict mode, nothing signed yet

    # The admin makes a one-time invitation link on the admin page.
    admin = browser.new_context(viewport={"width": 1280, "height": 900})
    page = admin.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{url}/admin/login")
    page.fill("#token", TOKEN)
    page.click("button:has-text('Log in')")
    page.fill("#invite-id", "amina-k")
    page.fill("#invite-name", "Amina K.")
    page.fill("#invite-org", "Partner legal aid")
    for value in ("legal", "language"):
        page.check(f"input[name=roles][value={value}]")
    page.check("input[name=languages][value=prs]")
    page.click("button:has-text('Make an invitation link')")
    link = page.locator("#invitation-url").input_value()
    assert link.startswith(f"{url}/review/invite/")
    shot(page, "1-admin-invites")
    admin.close()

    # The reviewer, in their own browser: the link, a password, their key.
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="fa-AF")
    me = context.new_page()
    me.set_default_timeout(15_000)
    me.goto(link)
    expect(me.locator("#reviewer-id")).to_have_text("amina-k")
    me.fill("#password", PASSWORD)
    me.fill("#again", PASSWORD + "!")
    me.click("button:has-text('Set my password')")
    expect(me.get_by_role("alert")).to_have_text("The two passwords differ.")
    me.fill("#password", PASSWORD)
    me.fill("#again", PASSWORD)
    me.click("button:has-text('Set my password')")
    expect(me).to_have_url(f"{url}/review/key")
    cookie = next(c for c in context.cookies() if c["name"] == "rahnama_review")
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/review")
    me.click("#make-key")
    fingerprint = me.locator("#fingerprint")
    expect(fingerprint).to_be_visible()
    expect(me.locator("#key-here")).to_be_visible()  # the private key is in this browser's IndexedDB
    extractable = me.evaluate(
        """() => new Promise(resolve => { const open = indexedDB.open('rahnama-review', 1);
             open.onsuccess = () => {
               const get = open.result.transaction('keys').objectStore('keys').get('amina-k');
               get.onsuccess = () => {
                 const key = get.result.privateKey;
                 resolve([key.extractable, key.algorithm.name]);
               };
             }; })"""
    )
    assert extractable == [False, "Ed25519"]
    shot(me, "2-key-waits-for-approval")
    me.goto(f"{url}/review/")
    expect(me).to_have_url(f"{url}/review/key")  # nothing to sign before the owner approves

    # The owner compares the fingerprint the reviewer reads out, and approves.
    waiting = owner(root, "reviewer", "pending")
    assert fingerprint.inner_text() in waiting and "amina-k: Amina K. (Partner legal aid)" in waiting
    owner(root, "reviewer", "approve", "amina-k", "--fingerprint", fingerprint.inner_text())
    (enrolled,) = yaml.safe_load((root / "reviewers.yaml").read_text(encoding="utf-8"))
    assert enrolled["id"] == "amina-k" and enrolled["languages"] == ["prs"]

    # The queue: the emergency essentials (when the pack has them), then police rights, first.
    me.goto(f"{url}/review/")
    harm_first = [t for t in ("emergency-essentials", "rights-police") if load_pack(root).topic(t)]
    queue = me.locator("ol.queue li")
    assert [queue.nth(i).get_attribute("data-subject") for i in range(len(harm_first))] == harm_first
    assert me.locator("ol.queue li[data-lang=ps], ol.queue li[data-lang=en]").count() == 0  # Dari only
    shot(me, "3-queue")
    police = me.locator("ol.queue li[data-subject=rights-police][data-lang=prs]")
    police.locator("a").click()
    expect(me.locator("#translation")).to_have_attribute("dir", "rtl")
    expect(me.locator("#translation")).to_have_attribute("lang", "fa-AF")
    expect(me.locator("pre[lang=en]")).to_contain_text("Article 10")
    assert me.locator(".sources li").count() >= 1
    shot(me, "4-text-side-by-side")
    me.click("button:has-text('Sign as legal reviewer')")
    expect(me.get_by_role("status")).to_contain_text("Signed.")
    assert bot.state_of("rights-police", "prs") is ReviewState.DRAFT  # still needs the language sign-off
    me.click("button:has-text('Sign as language reviewer')")
    expect(me.get_by_role("status")).to_contain_text("Signed.")
    expect(me.locator("h1 .badge")).to_have_text("signed")
    shot(me, "5-signed")

    # The bot, on its own, sees the stored sign-offs and serves the text to the Telegram user.
    bot.until(lambda: bot.state_of("rights-police", "prs") is ReviewState.SIGNED)
    served = ask_police_rights()
    assert says(dari_title)(served) and not says(withheld)(served)
    exported = owner(root, "content", "signoffs", "export")
    assert "2 sign-off(s) written" in exported
    assert load_pack(root).topic("rights-police").text("prs").review.state is ReviewState.SIGNED  # from the file alone

    # An editor changes the Dari file; the bot's process reloads it and withholds the unsigned version.
    path = root / "topics" / "rights-police" / "prs.md"
    first_line = next(line for line in path.read_text(encoding="utf-8").splitlines()[5:] if line.strip())
    path.write_text(path.read_text(encoding="utf-8") + "\n" + first_line + "\n", encoding="utf-8")
    bot.run(_reload(bot))
    bot.until(lambda: bot.state_of("rights-police", "prs") is ReviewState.STALE)
    assert says(withheld)(ask_police_rights())

    # The workspace (after the admin's reload) shows it again, with what changed since it was signed.
    page = browser.new_context().new_page()
    page.goto(f"{url}/admin/login")
    page.fill("#token", TOKEN)
    page.click("button:has-text('Log in')")
    page.click("button:has-text('Reload content from disk')")
    me.goto(f"{url}/review/")
    expect(police.locator(".badge")).to_have_text("stale")
    police.locator("a").click()
    added = me.locator("#diff .added")
    expect(added.filter(has_text=first_line.strip("_ ")[:20])).to_have_count(1)  # the new paragraph (and a blank)
    expect(me.locator("#diff .removed")).to_have_count(0)
    shot(me, "6-diff-since-signed")

    # The audit list has every step, and the page offers no way to change it.
    me.goto(f"{url}/review/audit")
    rows = me.locator("table.audit tbody tr")
    expect(rows.filter(has_text="signed as legal reviewer")).to_have_count(1)
    expect(rows.filter(has_text="key approved")).to_have_count(1)
    assert me.locator("table.audit form, table.audit button").count() == 0
    shot(me, "7-audit")
    context.close()


async def _reload(bot: BotProcess) -> None:
    bot.handler.use_content(load_pack(bot.root))  # as `rahnama serve`'s admin reload does in that process
