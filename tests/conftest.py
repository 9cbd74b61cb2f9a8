"""Shared fixtures: the real content pack, compiled catalogues, a real Redis database."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import redis.asyncio as aioredis

from bot.config import PROJECT_ROOT
from bot.content import ContentPack, load_pack
from bot.i18n import catalog
from tests.fake_bot_api import FakeBotAPI

# Every test that starts a fake Bot API also checks that nothing personal reached the logs.
pytest_plugins = ["tests.log_privacy"]

# A database of its own, so the tests never touch data of a bot running on the same Redis.
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")

# The token the bots under test use against the fake Bot API (tests/fake_bot_api).
FAKE_BOT_TOKEN = "123456:TEST-token-for-the-fake-bot-api-only"

# A fixed "now" for screens with countdowns: 2025-03-20 noon in Karachi.
NOW = datetime(2025, 3, 20, 7, 0, tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def catalogues() -> None:
    catalog.install(PROJECT_ROOT / "locales")


@pytest.fixture(scope="session")
def content() -> ContentPack:
    return load_pack_once()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    """A fake Bot API that validates every request; a test passes only if it rejected none of them."""
    async with FakeBotAPI(token=FAKE_BOT_TOKEN) as server:
        yield server
    assert server.rejected == [], server.rejected


@pytest.fixture
async def redis_client() -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    await client.flushdb()
    try:
        yield client
    finally:
        await client.flushdb()
        await client.aclose()


_pack: ContentPack | None = None


def load_pack_once() -> ContentPack:
    """The real pack, loaded once per test process (hypothesis tests cannot take function fixtures)."""
    global _pack
    if _pack is None:
        _pack = load_pack(PROJECT_ROOT / "content")
    return _pack


# Debian's Chromium for the browser tests (admin page, review workspace); Playwright never downloads one.
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]  # one per test module
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()
