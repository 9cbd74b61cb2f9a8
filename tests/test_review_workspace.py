"""The review workspace over HTTP (no browser): invitations used once, logins limited, CSRF, and a
server that stores only signatures that verify with an approved reviewer's key. The browser itself
is in test_review_workspace_browser.py."""

from __future__ import annotations

import base64
import re
from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from redis.asyncio import Redis

from bot.content import ContentPack
from bot.content.review import ReviewState
from bot.conversation import Reply
from bot.domain import Language
from bot.redis_batch import Batch
from bot.reviewing.demand import count_asked_into
from bot.reviewing.store import ReviewStore
from tests.admin_app import AUTH, PREFIX, TOKEN, Served, admin_app

INVITE = {"id": "amina-k", "name": "Amina K.", "organisation": "Partner legal aid", "roles": ["legal", "language"],
          "languages": ["prs", "en"]}  # fmt: skip
PASSWORD = "a long passphrase for the test"


@pytest.fixture
async def client(redis_client: Redis, content: ContentPack) -> AsyncIterator[tuple[httpx.AsyncClient, Served]]:
    served = Served(content)
    app, _ = admin_app(redis_client, served)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://admin.test") as c:
        yield c, served


async def invited(c: httpx.AsyncClient, **changes: object) -> str:
    made = await c.post("/admin/api/reviewers/invitations", json=INVITE | changes, headers=AUTH)
    assert made.status_code == 201, made.text
    return made.json()["url"].removeprefix("http://admin.test")


async def enrolled(c: httpx.AsyncClient, redis: Redis) -> tuple[Ed25519PrivateKey, str]:
    """Invited, password set, key proposed (as the browser would) and approved by the owner: (key, csrf)."""
    link = await invited(c)
    assert (await c.post(link, data={"password": PASSWORD, "again": PASSWORD})).status_code == 303
    csrf = csrf_of((await c.get("/review/key")).text)
    key = Ed25519PrivateKey.generate()
    raw = base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
    proposed = await c.post("/review/api/key", json={"public_key": raw}, headers={"X-CSRF-Token": csrf})
    assert proposed.status_code == 200
    store = ReviewStore(redis, PREFIX)
    (waiting,) = await store.pending()
    await store.approve(waiting, by="owner")
    return key, csrf


def csrf_of(html: str) -> str:
    found = re.search(r'<meta name="csrf" content="([^"]+)">', html)
    assert found
    return found.group(1)


def statements(html: str) -> dict[str, str]:
    import html as markup

    found = re.findall(r'data-role="(\w+)" data-statement="([^"]+)"', html)
    return {role: markup.unescape(text) for role, text in found}


def signed(key: Ed25519PrivateKey, statement: str) -> str:
    return base64.b64encode(key.sign(statement.encode())).decode()


async def test_an_invitation_works_once_and_needs_a_long_password(client, redis_client: Redis) -> None:  # type: ignore[no-untyped-def]
    c, _ = client
    link = await invited(c)
    assert "Amina K." in (await c.get(link)).text
    short = await c.post(link, data={"password": "short", "again": "short"})
    assert short.status_code == 422 and "at least 12 characters" in short.text
    assert (await c.post(link, data={"password": PASSWORD, "again": PASSWORD})).status_code == 303
    assert (await c.get(link)).status_code == 404  # used
    again = await c.post("/admin/api/reviewers/invitations", json=INVITE, headers=AUTH)
    assert again.status_code == 409  # that reviewer has an account already
    stored = await redis_client.hget(f"{PREFIX}rv:account:amina-k", "password")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


async def test_failed_logins_are_limited_per_account_and_per_address(client, redis_client: Redis) -> None:  # type: ignore[no-untyped-def]
    c, _ = client
    link = await invited(c)
    await c.post(link, data={"password": PASSWORD, "again": PASSWORD})
    for _ in range(5):
        assert (await c.post("/review/login", data={"reviewer": "amina-k", "password": "wrong"})).status_code == 403
    blocked = await c.post("/review/login", data={"reviewer": "amina-k", "password": PASSWORD})
    assert blocked.status_code == 429 and "Too many failed logins" in blocked.text
    assert await redis_client.ttl(f"{PREFIX}rv:fail:review:acct:amina-k") > 0  # forgotten after the window
    for n in range(15):  # other accounts from the same address
        await c.post("/review/login", data={"reviewer": f"guess-{n}", "password": "wrong"})
    assert (await c.post("/review/login", data={"reviewer": "someone", "password": "x"})).status_code == 429


async def test_the_admin_login_has_the_same_limit(client) -> None:  # type: ignore[no-untyped-def]
    c, _ = client
    for _ in range(20):
        assert (await c.post("/admin/login", data={"token": "not-the-token-at-all"})).status_code == 403
    assert (await c.post("/admin/login", data={"token": TOKEN})).status_code == 429


async def test_the_admin_token_opens_nothing_in_the_workspace_and_signs_nothing(client, redis_client) -> None:  # type: ignore[no-untyped-def]
    c, _ = client
    await c.post("/admin/login", data={"token": TOKEN})  # an admin session cookie, and the bearer token
    for path in ("/review/", "/review/key", "/review/audit"):
        assert (await c.get(path, headers=AUTH)).status_code == 303
    tried = await c.post("/review/api/sign", json={"statement": "{}", "signature": "AAAA"}, headers=AUTH)
    assert tried.status_code == 303 and await redis_client.llen(f"{PREFIX}rv:signoffs") == 0


async def test_the_server_stores_only_signatures_that_verify(client, redis_client: Redis) -> None:  # type: ignore[no-untyped-def]
    c, served = client
    key, csrf = await enrolled(c, redis_client)
    queue = (await c.get("/review/")).text
    assert queue.index('data-subject="rights-police"') < queue.index('data-subject="about"')
    page = await c.get("/review/text/por-now/en")
    offered = statements(page.text)
    assert set(offered) == {"legal"}  # English needs only the legal sign-off
    header = {"X-CSRF-Token": csrf}
    by_another_key = signed(Ed25519PrivateKey.generate(), offered["legal"])
    forged = await c.post("/review/api/sign", json={"statement": offered["legal"], "signature": by_another_key},
                          headers=header)  # fmt: skip
    assert forged.status_code == 422 and "does not verify" in forged.json()["detail"]
    other = offered["legal"].replace('"reviewer":"amina-k"', '"reviewer":"someone-else"')
    assert (await c.post("/review/api/sign", json={"statement": other, "signature": signed(key, other)},
                         headers=header)).status_code == 422  # fmt: skip
    moved = offered["legal"].replace(served.pack.topic("por-now").text("en").sha256, "0" * 64)
    assert (await c.post("/review/api/sign", json={"statement": moved, "signature": signed(key, moved)},
                         headers=header)).status_code == 409  # fmt: skip
    for junk in (b"[1]", b"not json"):
        sent = await c.post("/review/api/sign", content=junk, headers=header | {"Content-Type": "application/json"})
        assert sent.status_code == 422
    real = {"statement": offered["legal"], "signature": signed(key, offered["legal"])}
    assert (await c.post("/review/api/sign", json=real)).status_code == 403  # no CSRF header
    assert await redis_client.llen(f"{PREFIX}rv:signoffs") == 0
    good = await c.post("/review/api/sign", json=real, headers=header)
    assert good.status_code == 200 and good.json()["state"] == "signed"
    assert served.pack.topic("por-now").text("en").review.state is ReviewState.SIGNED  # this process, at once
    audit = (await c.get("/review/audit")).text
    assert "signature refused" in audit and "signed as legal reviewer" in audit


async def test_a_text_sent_back_shows_its_comment_and_hash_to_editors(client, redis_client: Redis) -> None:  # type: ignore[no-untyped-def]
    c, served = client
    _, csrf = await enrolled(c, redis_client)
    refused = await c.post("/review/text/about/prs/send-back", data={"comment": "no csrf"})
    assert refused.status_code == 403
    sent = await c.post("/review/text/about/prs/send-back", data={"comment": "«بنده» is wrong here", "csrf": csrf})
    assert sent.status_code == 303
    await c.post("/admin/login", data={"token": TOKEN})
    editors = (await c.get("/admin/content")).text
    sha = served.pack.topic("about").text("prs").sha256
    assert "«بنده» is wrong here" in editors and sha[:12] in editors and "the text as it is now" in editors


async def test_the_bot_counts_how_often_each_text_is_asked_for_and_nobody_who(redis_client: Redis) -> None:
    batch = Batch(redis_client)
    replies = [Reply("…", lang=Language.DARI, asked=("rights-police",)), Reply("menu", lang=Language.DARI)]
    count_asked_into(batch, PREFIX, replies)
    count_asked_into(batch, PREFIX, replies[:1])
    await batch.run()
    assert await ReviewStore(redis_client, PREFIX).served() == {"rights-police|prs": 2}


def test_the_queue_puts_harm_first_then_demand(content: ContentPack) -> None:
    from bot.content.review import Role
    from bot.content.reviewers import Reviewer
    from bot.web.review.desk import queue

    reviewer = Reviewer("r", "R", "O", (Role.LEGAL,), (Language.ENGLISH,), "A" * 43 + "=", date(2026, 1, 1))
    served = {"visa-now|en": 50, "por-now|en": 7}
    items = queue(content, reviewer, date(2026, 2, 1), served, set())
    subjects = [i.subject for i in items]
    first = ["emergency-essentials", "rights-police"] if "emergency-essentials" in content.topics else ["rights-police"]
    assert subjects[: len(first)] == first
    sensitive = content.sensitive_topics - set(first)
    assert set(subjects[len(first) : len(first) + len(sensitive)]) == sensitive
    rest = subjects[len(first) + len(sensitive) :]
    assert rest.index("visa-now") < rest.index("por-now") < rest.index("about")
    assert all(i.lang == "en" and i.needs == ("legal",) for i in items)


async def test_a_text_signed_in_the_file_shows_what_changed_since_from_the_repositorys_history(
    monkeypatch,
    capsys,
    tmp_path,
    redis_client: Redis,  # type: ignore[no-untyped-def]
) -> None:
    import subprocess

    from bot.content import load_pack
    from tests.packs import copy_pack, edit, sign

    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "acc-now", "en", "legal", "--on", "2026-02-01")  # with the command line
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "signed"]):
        subprocess.run([*git, *step], check=True, capture_output=True)
    edit(root / "topics/acc-now/en.md", "It was meant", "It was intended")
    served = Served(load_pack(root))
    app, _ = admin_app(redis_client, served, content_dir=root)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.8", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://admin.test") as c:
        await enrolled(c, redis_client)
        page = (await c.get("/review/text/acc-now/en")).text
    assert 'id="diff"' in page
    assert re.search(r'class="removed">- [^<]*It was meant', page)
    assert re.search(r'class="added">\+ [^<]*It was intended', page)
