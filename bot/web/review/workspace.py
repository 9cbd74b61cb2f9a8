"""What every page of the review workspace needs: who is logged in, whether their key is approved,
CSRF checks, and rendering with the workspace's headers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from bot.content.reviewers import Reviewer
from bot.domain import Language
from bot.i18n.dates import today_in_pakistan
from bot.reviewing.store import ReviewStore
from bot.web.admin.services import AdminServices
from bot.web.review.accounts import SESSION_HOURS, Accounts, Session

HERE = Path(__file__).parent
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

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals.update(LANG_TAG=LANG_TAG, LANG_NAME=LANG_NAME)
templates.env.filters["rtl"] = lambda lang: "rtl" if Language(lang).is_rtl else "ltr"
templates.env.filters["langnames"] = lambda langs: ", ".join(LANG_NAME[str(lang)] for lang in langs)
templates.env.filters["karachi"] = lambda iso: iso.replace("T", " ")[:16] if iso else "—"


@dataclass
class Workspace:
    services: AdminServices
    accounts: Accounts
    store: ReviewStore

    @classmethod
    def over(cls, services: AdminServices) -> Workspace:
        return cls(services, Accounts(services.redis, services.prefix), ReviewStore(services.redis, services.prefix))

    def today(self) -> date:
        return today_in_pakistan(self.services.clock())

    async def session_of(self, request: Request) -> Session:
        found = await self.accounts.session(request.cookies.get(COOKIE))
        if found is None:
            raise HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": "/review/login"})
        return found

    async def reviewer_of(self, session: Session) -> Reviewer | None:
        """The approved reviewer (reviewers.yaml or approved since), or None while the key waits."""
        live = await self.store.live()
        trust = replace(self.services.content().trust, live_reviewers=live.reviewers)
        return trust.all_reviewers().get(session.reviewer)

    async def approved(self, request: Request) -> tuple[Session, Reviewer]:
        session = await self.session_of(request)
        reviewer = await self.reviewer_of(session)
        if reviewer is None or reviewer.revoked:
            raise HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": "/review/key"})
        return session, reviewer

    async def checked_form(self, request: Request, session: Session) -> Any:
        form = await request.form()
        if str(form.get("csrf", "")) != session.csrf:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "the form expired or did not come from this page")
        return form

    def checked_header(self, request: Request, session: Session) -> None:
        if request.headers.get("X-CSRF-Token", "") != session.csrf:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "the request did not come from this page")

    def render(
        self, request: Request, name: str, code: int = 200, session: Session | None = None, **values: Any
    ) -> Response:
        context = {"request": request, "csrf": session.csrf if session else "",
                   "me": session.reviewer if session else None,
                   "note": NOTES.get(request.query_params.get("note", "")), **values}  # fmt: skip
        return templates.TemplateResponse(request, name, context, status_code=code, headers=HEADERS)

    def set_session(self, request: Request, response: Response, token: str) -> None:
        response.set_cookie(
            COOKIE, token, max_age=SESSION_HOURS * 3600, path="/review", httponly=True, samesite="strict",
            secure=request.url.scheme == "https",
        )  # fmt: skip


async def json_object(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "expected a JSON object")
    return body
