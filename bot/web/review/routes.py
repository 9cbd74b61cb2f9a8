"""The review workspace under /review: reviewers' own logins, their signing key made in the browser,
the queue, one text at a time, signing and sending back, and the audit list. Separate from the
operators' admin (/admin): nothing here accepts the admin token, and nothing in the admin signs.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bot.content.review import Role
from bot.content.reviewers import Reviewer, fingerprint, public_key_text
from bot.content.signatures import canonical, parse_statement, statement, why_not
from bot.content.signing import unsigned
from bot.domain import Language
from bot.i18n.dates import PAKISTAN_TZ, today_in_pakistan
from bot.reviewing.live import with_live
from bot.reviewing.store import ReviewStore
from bot.web.admin.services import AdminServices
from bot.web.review.accounts import MIN_PASSWORD, SESSION_HOURS, Accounts, Session
from bot.web.review.desk import exact_text, item_view, queue, statements_for, with_diff

HERE = Path(__file__).parent
ADMIN_STATIC = HERE.parent / "admin" / "static"
COOKIE = "rahnama_review"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",  # the invitation link must not leak to a linked source
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
NOTES = {
    "signed": "Signed. The bot serves it as soon as every sign-off it needs is there.",
    "sent-back": "Sent back to the editors with your comment.",
    "logged-out": "Logged out.",
}
LANG_TAG = {"prs": "fa-AF", "ps": "ps", "en": "en"}
LANG_NAME = {"prs": "Dari", "ps": "Pashto", "en": "English"}
_SUBJECT = re.compile(r"[a-z0-9-]+(:[a-z0-9-]+)?")

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals.update(LANG_TAG=LANG_TAG, LANG_NAME=LANG_NAME)
templates.env.filters["rtl"] = lambda lang: "rtl" if Language(lang).is_rtl else "ltr"
templates.env.filters["langnames"] = lambda langs: ", ".join(LANG_NAME[str(lang)] for lang in langs)
templates.env.filters["karachi"] = lambda iso: iso.replace("T", " ")[:16] if iso else "—"


def review_router(services: AdminServices) -> APIRouter:
    page = APIRouter(prefix="/review", include_in_schema=False)
    accounts = Accounts(services.redis, services.prefix)
    store = ReviewStore(services.redis, services.prefix)

    def today() -> date:
        return today_in_pakistan(services.clock())

    async def session_of(request: Request) -> Session:
        found = await accounts.session(request.cookies.get(COOKIE))
        if found is None:
            raise HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": "/review/login"})
        return found

    async def reviewer_of(session: Session) -> Reviewer | None:
        """The approved reviewer (reviewers.yaml or approved since), or None while the key waits."""
        live = await store.live()
        return with_live(services.content(), live).trust.all_reviewers().get(session.reviewer)

    async def approved(request: Request) -> tuple[Session, Reviewer]:
        session = await session_of(request)
        reviewer = await reviewer_of(session)
        if reviewer is None or reviewer.revoked:
            raise HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": "/review/key"})
        return session, reviewer

    async def checked_form(request: Request, session: Session) -> Any:
        form = await request.form()
        if str(form.get("csrf", "")) != session.csrf:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "the form expired or did not come from this page")
        return form

    def checked_header(request: Request, session: Session) -> None:
        if request.headers.get("X-CSRF-Token", "") != session.csrf:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "the request did not come from this page")

    def render(request: Request, name: str, code: int = 200, session: Session | None = None, **values: Any) -> Response:
        context = {"request": request, "csrf": session.csrf if session else "",
                   "me": session.reviewer if session else None,
                   "note": NOTES.get(request.query_params.get("note", "")), **values}  # fmt: skip
        return templates.TemplateResponse(request, name, context, status_code=code, headers=HEADERS)

    @page.get("/static/{name}")
    async def static(name: str) -> Response:
        files = {"review.js": (HERE / "static" / "review.js", "text/javascript"),
                 "review.css": (HERE / "static" / "review.css", "text/css"),
                 "admin.css": (ADMIN_STATIC / "admin.css", "text/css")}  # fmt: skip
        if name not in files:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        path, kind = files[name]
        return Response(path.read_bytes(), media_type=kind, headers=HEADERS)

    def set_session(request: Request, response: Response, token: str) -> None:
        response.set_cookie(
            COOKIE, token, max_age=SESSION_HOURS * 3600, path="/review", httponly=True, samesite="strict",
            secure=request.url.scheme == "https",
        )  # fmt: skip

    # --- invitation, password, login ------------------------------------------------------------

    @page.get("/invite/{token}")
    async def invitation(request: Request, token: str) -> Response:
        found = await accounts.invitation(token)
        if found is None:
            return render(request, "message.html", 404, title="This invitation is not valid",
                          text="It was used already, or it expired. Ask for a new one.")  # fmt: skip
        return render(request, "invite.html", invitation=found, min_password=MIN_PASSWORD)

    @page.post("/invite/{token}")
    async def accept(request: Request, token: str) -> Response:
        form = await request.form()
        password, again = str(form.get("password", "")), str(form.get("again", ""))
        found = await accounts.invitation(token)
        if found is None:
            return await invitation(request, token)
        error = None
        if len(password) < MIN_PASSWORD:
            error = f"Choose a password of at least {MIN_PASSWORD} characters."
        elif password != again:
            error = "The two passwords differ."
        if error:
            return render(request, "invite.html", 422, invitation=found, min_password=MIN_PASSWORD, error=error)
        accepted = await accounts.accept(token, password)
        if accepted is None:
            return await invitation(request, token)
        await store.audit(accepted.id, "accepted the invitation and set a password")
        response = RedirectResponse("/review/key", status.HTTP_303_SEE_OTHER)
        set_session(request, response, await accounts.open_session(accepted.id))
        return response

    @page.get("/login")
    async def login_form(request: Request) -> Response:
        return render(request, "login.html")

    @page.post("/login")
    async def login(request: Request) -> Response:
        form = await request.form()
        reviewer, password = str(form.get("reviewer", "")).strip().lower()[:64], str(form.get("password", ""))
        address = request.client.host if request.client else "unknown"
        if await accounts.limit.blocked(reviewer, address):
            return render(request, "login.html", 429, error="Too many failed logins. Wait 15 minutes and try again.")
        if not await accounts.check_password(reviewer, password):
            await accounts.limit.failed(reviewer, address)
            return render(request, "login.html", 403, error="That reviewer id and password do not match.")
        await accounts.limit.succeeded(reviewer)
        response = RedirectResponse("/review/", status.HTTP_303_SEE_OTHER)
        set_session(request, response, await accounts.open_session(reviewer))
        return response

    @page.post("/logout")
    async def logout(request: Request) -> Response:
        session = await session_of(request)
        await checked_form(request, session)
        await accounts.close_session(request.cookies.get(COOKIE, ""))
        response = RedirectResponse("/review/login?note=logged-out", status.HTTP_303_SEE_OTHER)
        response.delete_cookie(COOKIE, path="/review")
        return response

    # --- the signing key ------------------------------------------------------------------------

    @page.get("/key")
    async def key_page(request: Request) -> Response:
        session = await session_of(request)
        reviewer = await reviewer_of(session)
        if reviewer is not None and not reviewer.revoked:
            return RedirectResponse("/review/", status.HTTP_303_SEE_OTHER)
        waiting = await store.proposed(session.reviewer)
        account = await accounts.account(session.reviewer)
        print_ = fingerprint(waiting.public_key) if waiting else None
        return render(request, "key.html", session=session, waiting=waiting, fingerprint=print_, account=account,
                      revoked=reviewer.revoked if reviewer else None)  # fmt: skip

    @page.post("/api/key")
    async def propose_key(request: Request) -> Response:
        session = await session_of(request)
        checked_header(request, session)
        if await reviewer_of(session) is not None:
            raise HTTPException(status.HTTP_409_CONFLICT, "you already have an approved key")
        body = await _json_object(request)
        try:
            public = public_key_text(str(body.get("public_key", "")))
        except ValueError:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "not an Ed25519 public key") from None
        account = await accounts.account(session.reviewer)
        proposed = Reviewer(
            session.reviewer, account["name"], account["organisation"],
            tuple(Role(r) for r in account["roles"].split(",")),
            tuple(Language(lang) for lang in account["languages"].split(",")), public, today(),
        )  # fmt: skip
        await store.propose(proposed)
        return JSONResponse({"fingerprint": fingerprint(public)}, headers=HEADERS)

    # --- the queue and one text -----------------------------------------------------------------

    @page.get("/")
    async def home(request: Request) -> Response:
        session, reviewer = await approved(request)
        pack = with_live(services.content(), await store.live())
        back = {f"{b['subject']}|{b['lang']}|{b['sha256']}" for b in await store.sent_back()}
        items = queue(pack, reviewer, today(), await store.served(), back)
        return render(request, "queue.html", session=session, reviewer=reviewer, items=items)

    @page.get("/text/{subject}/{lang}")
    async def text_page(request: Request, subject: str, lang: str) -> Response:
        session, reviewer = await approved(request)
        if not _SUBJECT.fullmatch(subject) or lang not in LANG_TAG:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        pack = with_live(services.content(), await store.live())
        view = item_view(pack, subject, lang, services.settings.content_dir)
        if view is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such text")
        view = with_diff(view, await store.last_signed(subject, lang))
        view.statements = statements_for(pack, view, reviewer, today())
        view.comments = [b for b in await store.sent_back() if b["subject"] == subject and b["lang"] == lang]
        texts = pack.topic(subject).texts if pack.topic(subject) else pack.records[subject]
        current = texts[lang].review.current_roles
        return render(request, "text.html", session=session, reviewer=reviewer, view=view, current=current)

    @page.post("/api/sign")
    async def sign(request: Request) -> Response:
        """The browser's signature over a statement the server issued; verified before it is stored."""
        session, reviewer = await approved(request)
        checked_header(request, session)
        body = await _json_object(request)
        fields = parse_statement(str(body.get("statement", "")))
        if fields is None or fields.get("reviewer") != session.reviewer:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "not a statement issued to you")
        pack = with_live(services.content(), await store.live())
        subject = str(fields.get("topic") or fields.get("record") or "")
        try:
            expected = unsigned(pack, subject, Language(fields["lang"]), Role(fields["role"]), reviewer.id, today())
        except (ValueError, KeyError) as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
        if canonical(statement(expected)) != body.get("statement"):
            changed = "the text changed since you opened it (or the day did): reload the page"
            raise HTTPException(status.HTTP_409_CONFLICT, changed)
        try:
            base64.b64decode(str(body.get("signature", "")), validate=True)
        except (binascii.Error, ValueError):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "the signature is not base64") from None
        signoff = replace(expected, signature=str(body.get("signature", "")))
        rejected = why_not(signoff, pack.trust.all_reviewers())
        if rejected is not None:
            lang = expected.lang.value
            await store.audit(reviewer.id, "signature refused", subject, lang, expected.sha256, rejected.why)
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, rejected.why)
        texts = pack.topic(subject).texts if pack.topic(subject) else pack.records[subject]
        await store.store_signoff(signoff, exact_text(texts[expected.lang.value], services.settings.content_dir))
        services.replace_content(with_live(services.content(), await store.live()))  # counts here at once
        return JSONResponse({"stored": True, "state": _state(services, subject, expected.lang.value)}, headers=HEADERS)

    @page.post("/text/{subject}/{lang}/send-back")
    async def send_back(request: Request, subject: str, lang: str) -> Response:
        session, reviewer = await approved(request)
        form = await checked_form(request, session)
        comment = str(form.get("comment", "")).strip()[:4000]
        pack = services.content()
        texts = pack.topic(subject).texts if pack.topic(subject) else pack.records.get(subject)
        if not texts or lang not in texts or not comment:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "write a comment for the editors")
        await store.send_back(reviewer.id, subject, lang, texts[lang].sha256, comment)
        return RedirectResponse(f"/review/text/{subject}/{lang}?note=sent-back", status.HTTP_303_SEE_OTHER)

    @page.get("/audit")
    async def audit(request: Request) -> Response:
        session, reviewer = await approved(request)
        return render(request, "audit.html", session=session, reviewer=reviewer, entries=await store.audit_list())

    return page


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "expected a JSON object")
    return body


def _state(services: AdminServices, subject: str, lang: str) -> str:
    pack = services.content()
    texts = pack.topic(subject).texts if pack.topic(subject) else pack.records[subject]
    return texts[lang].review.state_on(today_in_pakistan(services.clock())).value


__all__ = ["PAKISTAN_TZ", "review_router"]
