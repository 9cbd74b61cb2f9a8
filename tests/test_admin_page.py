"""The admin page's login, session and CSRF rules, over HTTP (the browser test clicks through the rest)."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis

from bot.content import ContentPack
from bot.web.admin import auth
from tests.admin_app import TOKEN, Served, admin_app


@pytest.fixture
async def browser(redis_client: Redis, content: ContentPack) -> AsyncIterator[httpx.AsyncClient]:
    app, _ = admin_app(redis_client, Served(content))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://admin.test", follow_redirects=False) as c:
        yield c


async def log_in(client: httpx.AsyncClient) -> str:
    response = await client.post("/admin/login", data={"token": TOKEN})
    assert response.status_code == 303 and response.headers["location"] == "/admin/content"
    return response.headers["set-cookie"]


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert found, page.text
    return found.group(1)


async def test_pages_need_a_login_and_the_cookie_is_strict(browser: httpx.AsyncClient) -> None:
    assert (await browser.get("/admin/content")).headers["location"] == "/admin/login"
    wrong = await browser.post("/admin/login", data={"token": "guess-guess-guess-guess"})
    assert wrong.status_code == 403 and "set-cookie" not in wrong.headers
    cookie = (await log_in(browser)).lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/admin" in cookie
    page = await browser.get("/admin/content")
    assert page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


async def test_an_old_session_or_another_sessions_csrf_token_is_refused(browser: httpx.AsyncClient) -> None:
    browser.cookies.set(auth.SESSION_COOKIE, auth.new_session(TOKEN, time.time() - 13 * 3600), path="/admin")
    assert (await browser.get("/admin/content")).status_code == 303
    other = auth.new_session(TOKEN, time.time() - 60)
    await log_in(browser)
    stolen = auth.csrf_token(TOKEN, other)
    assert (await browser.post("/admin/content/reload", data={"csrf": stolen})).status_code == 403
    assert (await browser.post("/admin/content/reload", data={})).status_code == 403
    mine = csrf_of(await browser.get("/admin/content"))
    assert (await browser.post("/admin/logout", data={"csrf": mine})).headers["location"].startswith("/admin/login")


async def test_the_broadcast_form_refuses_a_text_for_a_language_not_chosen(browser: httpx.AsyncClient) -> None:
    await log_in(browser)
    csrf = csrf_of(await browser.get("/admin/broadcasts"))
    form = {"csrf": csrf, "categories": "por", "languages": "prs", "msg_prs": "سلام", "msg_en": "Hello"}
    refused = await browser.post("/admin/broadcasts", data=form)
    assert refused.status_code == 422
    assert "There is English text but English is not chosen." in refused.text
    assert 'dir="rtl">سلام</textarea>' in refused.text  # what was typed stays, right to left
    form |= {"msg_en": "", "not_before": "not a time"}
    assert "A time is not a valid date and time." in (await browser.post("/admin/broadcasts", data=form)).text
    form |= {"not_before": "2999-01-01T10:00"}
    created = await browser.post("/admin/broadcasts", data=form)
    assert created.status_code == 303 and created.headers["location"].endswith("?note=created")
    report = await browser.get(created.headers["location"])
    assert "starts 2999-01-01 10:00" in report.text  # Karachi time, as typed
