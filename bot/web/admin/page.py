"""The admin page under /admin: server-rendered (Jinja2) forms and tables; JavaScript only refreshes progress.

Every page needs the session cookie (auth.py); every form carries the session's CSRF token.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from bot.domain import CATEGORIES, LANGUAGES, Language
from bot.i18n.dates import PAKISTAN_TZ
from bot.web.admin import auth, broadcast_ops, content_ops, referral_ops, reviewer_ops
from bot.web.admin.models import BroadcastCreate
from bot.web.admin.services import AdminServices
from bot.web.review.accounts import LoginLimit

HERE = Path(__file__).parent
STATIC = {"admin.css": "text/css", "admin.js": "text/javascript"}
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",  # referrals hold what people told the helpline
}
NAME_COOKIE = "rahnama_admin_name"  # the operator name last used, to fill in the next claim
NOTES = {
    "reloaded": "Content reloaded.",
    "created": "Broadcast queued.",
    "cancelled": "Broadcast cancelled.",
    "not-cancelled": "That broadcast was not pending or running any more.",
    "claimed": "Referral claimed.",
    "closed": "Referral closed.",
    "conflict": "Someone else got there first: it was already claimed or closed.",
    "missing": "That referral no longer exists.",
    "logged-out": "Logged out.",
    "name-needed": "Write your name first, so colleagues know who took it on.",
}
LANG_TAG = {Language.DARI: "fa-AF", Language.PASHTO: "ps", Language.ENGLISH: "en"}

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["karachi"] = lambda moment: (
    moment.astimezone(PAKISTAN_TZ).strftime("%Y-%m-%d %H:%M") if moment else "—"
)
templates.env.globals.update(LANG_TAG=LANG_TAG, LANGUAGES=LANGUAGES, CATEGORIES=CATEGORIES)
templates.env.filters["rtl"] = lambda lang: "rtl" if Language(lang).is_rtl else "ltr"
templates.env.filters["langtag"] = lambda lang: LANG_TAG[Language(lang)]


def page_router(services: AdminServices, token: str) -> APIRouter:
    page = APIRouter(prefix="/admin", include_in_schema=False)
    max_age = services.session_hours * 3600

    def session_of(request: Request) -> str:
        cookie = request.cookies.get(auth.SESSION_COOKIE)
        if not auth.session_is_valid(cookie, token, max_age):
            raise HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": "/admin/login"})
        assert cookie is not None
        return cookie

    async def checked_form(request: Request) -> tuple[str, Any]:
        session = session_of(request)
        form = await request.form()
        if not auth.csrf_is_valid(str(form.get("csrf", "")), token, session):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "the form expired or did not come from this page")
        return session, form

    def render(request: Request, name: str, code: int = 200, session: str | None = None, **values: Any) -> Response:
        note = NOTES.get(request.query_params.get("note", ""))
        csrf = auth.csrf_token(token, session) if session else ""
        context = {"request": request, "csrf": csrf, "note": note, "logged_in": session is not None, **values}
        return templates.TemplateResponse(request, name, context, status_code=code, headers=HEADERS)

    @page.get("/static/{name}")
    async def static(name: str) -> Response:
        if name not in STATIC:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name], headers=HEADERS)

    @page.get("/login")
    async def login_form(request: Request) -> Response:
        return render(request, "login.html")

    limit = LoginLimit(services.redis, services.prefix, "admin")

    @page.post("/login")
    async def login(request: Request) -> Response:
        given = str((await request.form()).get("token", ""))
        address = request.client.host if request.client else "unknown"
        if await limit.blocked(None, address):  # the same limit as reviewers' logins, per address
            return render(request, "login.html", 429, error="Too many failed logins. Wait 15 minutes and try again.")
        if not auth.token_is_right(given, token):
            await limit.failed(None, address)
            return render(request, "login.html", status.HTTP_403_FORBIDDEN, error="That is not the admin token.")
        response = RedirectResponse("/admin/content", status.HTTP_303_SEE_OTHER)
        response.set_cookie(
            auth.SESSION_COOKIE, auth.new_session(token), max_age=int(max_age), path="/admin", httponly=True,
            samesite="strict", secure=request.url.scheme == "https",
        )  # fmt: skip
        return response

    @page.post("/logout")
    async def logout(request: Request) -> Response:
        await checked_form(request)
        response = RedirectResponse("/admin/login?note=logged-out", status.HTTP_303_SEE_OTHER)
        response.delete_cookie(auth.SESSION_COOKIE, path="/admin")
        return response

    @page.get("/")
    async def home(request: Request) -> Response:
        session_of(request)
        return RedirectResponse("/admin/content", status.HTTP_303_SEE_OTHER)

    _content_pages(page, services, session_of, checked_form, render)
    _broadcast_pages(page, services, session_of, checked_form, render)
    _referral_pages(page, services, session_of, checked_form, render)
    return page


def _content_pages(page: APIRouter, services: AdminServices, session_of: Any, checked_form: Any, render: Any) -> None:
    async def table(request: Request, session: str, code: int = 200, problems: list[str] | None = None,
                    **more: Any) -> Response:  # fmt: skip
        report = content_ops.content_status(services)
        rows: dict[str, dict[str, Any]] = {}
        for text in report.texts:
            rows.setdefault(text.topic, {})[text.lang.value] = text
        record_rows: dict[str, dict[str, Any]] = {}
        for text in report.records:
            record_rows.setdefault(text.topic, {})[text.lang.value] = text
        more["record_rows"] = record_rows
        back = await reviewer_ops.sent_back(services)
        return render(request, "content.html", code, session, report=report, rows=rows, problems=problems,
                      sent_back=back, **more)  # fmt: skip

    @page.get("/content")
    async def content(request: Request) -> Response:
        return await table(request, session_of(request))

    @page.post("/content/reload")
    async def reload(request: Request) -> Response:
        session, _ = await checked_form(request)
        try:
            await content_ops.reload_content(services)
        except content_ops.ReloadRefused as refused:
            return await table(request, session, status.HTTP_422_UNPROCESSABLE_CONTENT, refused.problems)
        return RedirectResponse("/admin/content?note=reloaded", status.HTTP_303_SEE_OTHER)

    @page.post("/reviewers/invite")
    async def invite(request: Request) -> Response:
        session, form = await checked_form(request)
        fields = {"id": str(form.get("id", "")).strip(), "name": str(form.get("name", "")),
                  "organisation": str(form.get("organisation", "")), "roles": form.getlist("roles"),
                  "languages": form.getlist("languages")}  # fmt: skip
        try:
            made = await reviewer_ops.invite(
                services, reviewer_ops.InvitationCreate.model_validate(fields), str(request.base_url)
            )
        except ValidationError as error:
            errors = [_readable(e) for e in error.errors()]
            return await table(request, session, status.HTTP_422_UNPROCESSABLE_CONTENT, invite_errors=errors)
        except reviewer_ops.InvitationRefused as refused:
            return await table(request, session, status.HTTP_409_CONFLICT, invite_errors=[str(refused)])
        return await table(request, session, invitation=made, invited=fields["id"])


def _broadcast_pages(page: APIRouter, services: AdminServices, session_of: Any, checked_form: Any, render: Any) -> None:
    async def overview(request: Request, session: str, code: int = 200, **form: Any) -> Response:
        return render(
            request, "broadcasts.html", code, session, broadcasts=await broadcast_ops.list_broadcasts(services),
            audience=await broadcast_ops.audience(services), reminders=await broadcast_ops.reminder_schedule(services),
            content=services.content(), form=form.get("form", {}), errors=form.get("errors", []),
        )  # fmt: skip

    @page.get("/broadcasts")
    async def broadcasts(request: Request) -> Response:
        return await overview(request, session_of(request))

    @page.post("/broadcasts")
    async def create(request: Request) -> Response:
        session, form = await checked_form(request)
        data = _broadcast_form(form)
        errors = _language_problems(data)
        try:
            request_ = BroadcastCreate.model_validate(_request(data))
            if not errors:
                created = await broadcast_ops.create_broadcast(services, request_)
        except ValidationError as error:
            errors += [_readable(e) for e in error.errors()]
        except broadcast_ops.BroadcastRefused as refused:
            errors.append(str(refused))
        except ValueError:  # datetime-local sends ISO times; anything else was typed by hand
            errors.append("A time is not a valid date and time.")
        if errors:
            return await overview(request, session, status.HTTP_422_UNPROCESSABLE_CONTENT, form=data, errors=errors)
        return RedirectResponse(f"/admin/broadcasts/{created.id}?note=created", status.HTTP_303_SEE_OTHER)

    @page.get("/broadcasts/{job_id}")
    async def report(request: Request, job_id: str) -> Response:
        session = session_of(request)
        found = await broadcast_ops.broadcast_status(services, job_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such broadcast (unknown, or a week past its end)")
        return render(request, "broadcast.html", 200, session, job=found)

    @page.get("/broadcasts/{job_id}/progress")
    async def progress(request: Request, job_id: str) -> Response:
        session_of(request)
        found = await broadcast_ops.broadcast_status(services, job_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        return JSONResponse(found.model_dump(mode="json"), headers=HEADERS)

    @page.post("/broadcasts/{job_id}/cancel")
    async def cancel(request: Request, job_id: str) -> Response:
        await checked_form(request)
        note = "cancelled" if await broadcast_ops.cancel_broadcast(services, job_id) else "not-cancelled"
        return RedirectResponse(f"/admin/broadcasts/{job_id}?note={note}", status.HTTP_303_SEE_OTHER)


def _broadcast_form(form: Any) -> dict[str, Any]:
    """The form as entered, to show it again on an error."""
    return {
        "categories": form.getlist("categories"),
        "languages": form.getlist("languages"),
        "messages": {lang.value: str(form.get(f"msg_{lang.value}", "")) for lang in LANGUAGES},
        "not_before": str(form.get("not_before", "")),
        "not_after": str(form.get("not_after", "")),
    }


NAMES = {"prs": "Dari", "ps": "Pashto", "en": "English"}


def _language_problems(data: dict[str, Any]) -> list[str]:
    """Staff tick the languages and write a text for each: nobody may get another language's text."""
    chosen, texts = set(data["languages"]), {k for k, v in data["messages"].items() if v.strip()}
    problems = [] if chosen else ["Choose at least one language."]
    problems += [f"No {NAMES[x]} text: every chosen language needs its own." for x in sorted(chosen - texts)]
    problems += [f"There is {NAMES[x]} text but {NAMES[x]} is not chosen." for x in sorted(texts - chosen)]
    return problems


def _request(data: dict[str, Any]) -> dict[str, Any]:
    """The form as an API request: the chosen languages' texts."""
    chosen = set(data["languages"])
    return {
        "categories": data["categories"],
        "messages": {lang: text for lang, text in data["messages"].items() if lang in chosen and text.strip()},
        "not_before": _karachi(data["not_before"]),
        "not_after": _karachi(data["not_after"]),
    }


def _karachi(value: str) -> datetime | None:
    """A datetime-local field is Karachi time (what staff and the people reached live by)."""
    if not value.strip():
        return None
    return datetime.fromisoformat(value).replace(tzinfo=PAKISTAN_TZ)


def _readable(error: Any) -> str:
    field = str(error.get("loc", ("",))[0])
    if field == "categories" and error.get("type") == "too_short":
        return "Choose at least one document category."
    if field == "messages" and error.get("type") == "too_short":
        return "Write the text for at least one language."
    where = ".".join(str(part) for part in error.get("loc", ()))
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _referral_pages(page: APIRouter, services: AdminServices, session_of: Any, checked_form: Any, render: Any) -> None:
    @page.get("/referrals")
    async def referrals(request: Request) -> Response:
        session = session_of(request)
        wanted = request.query_params.get("status")
        shown = wanted if wanted in ("open", "claimed", "closed") else None
        found = await referral_ops.list_referrals(services, shown)  # type: ignore[arg-type]
        found.sort(key=lambda r: (r.status == "closed", r.urgency != "now", -r.number))  # urgent, still open: first
        operator = unquote(request.cookies.get(NAME_COOKIE, ""))
        content = services.content()
        return render(
            request, "referrals.html", 200, session, referrals=found, shown=shown, operator=operator, content=content
        )

    async def act(request: Request, number: int, action: Any) -> Response:
        _, form = await checked_form(request)
        operator = str(form.get("operator", "")).strip()[:64]
        if not operator:
            return RedirectResponse("/admin/referrals?note=name-needed", status.HTTP_303_SEE_OTHER)
        result, _ = await action(services, number, operator)
        done = "claimed" if action is referral_ops.claim_referral else "closed"
        note = {1: done, 0: "conflict"}.get(result, "missing")
        response = RedirectResponse(f"/admin/referrals?{urlencode({'note': note})}", status.HTTP_303_SEE_OTHER)
        response.set_cookie(
            NAME_COOKIE, quote(operator), max_age=30 * 86400, path="/admin", httponly=True, samesite="strict",
            secure=request.url.scheme == "https",
        )  # fmt: skip
        return response

    @page.post("/referrals/{number}/claim")
    async def claim(request: Request, number: int) -> Response:
        return await act(request, number, referral_ops.claim_referral)

    @page.post("/referrals/{number}/close")
    async def close(request: Request, number: int) -> Response:
        return await act(request, number, referral_ops.close_referral)
