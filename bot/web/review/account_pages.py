"""The workspace's account pages: the invitation (a password), logging in and out, the signing key
made in the browser and proposed for the owner's approval."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import JSONResponse, RedirectResponse, Response

from bot.content.review import Role
from bot.content.reviewers import Reviewer, fingerprint, public_key_text
from bot.domain import Language
from bot.web.review.accounts import MIN_PASSWORD
from bot.web.review.workspace import COOKIE, HEADERS, Workspace, json_object


def account_routes(page: APIRouter, ws: Workspace) -> None:
    accounts, store, today, render = ws.accounts, ws.store, ws.today, ws.render
    session_of, reviewer_of, set_session = ws.session_of, ws.reviewer_of, ws.set_session
    checked_form, checked_header = ws.checked_form, ws.checked_header

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
        body = await json_object(request)
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
