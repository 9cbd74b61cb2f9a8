"""The workspace's reviewing pages: the queue, one text, signing (verified before it is stored),
sending back with a comment, and the audit list."""

from __future__ import annotations

import asyncio
import base64
import binascii
import re
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import JSONResponse, RedirectResponse, Response

from bot.content.record_texts import RecordText
from bot.content.review import Role
from bot.content.signatures import canonical, parse_statement, statement, why_not
from bot.content.signing import unsigned
from bot.domain import Language
from bot.i18n.dates import today_in_pakistan
from bot.reviewing.history import version_from_git
from bot.reviewing.live import with_live
from bot.web.admin.services import AdminServices
from bot.web.review.desk import exact_text, item_view, queue, statements_for, with_diff
from bot.web.review.workspace import HEADERS, LANG_TAG, Workspace, json_object

_SUBJECT = re.compile(r"[a-z0-9-]+(:[a-z0-9-]+)?")


def desk_routes(page: APIRouter, ws: Workspace) -> None:
    services, store, today, approved = ws.services, ws.store, ws.today, ws.approved
    checked_form, checked_header, render = ws.checked_form, ws.checked_header, ws.render

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
        texts = pack.topic(subject).texts if pack.topic(subject) else pack.records[subject]
        last = await store.last_signed(subject, lang) or await _signed_in_file(texts[lang], services)
        view = with_diff(view, last)
        view.statements = statements_for(pack, view, reviewer, today())
        view.comments = [b for b in await store.sent_back() if b["subject"] == subject and b["lang"] == lang]
        current = texts[lang].review.current_roles
        return render(request, "text.html", session=session, reviewer=reviewer, view=view, current=current)

    @page.post("/api/sign")
    async def sign(request: Request) -> Response:
        """The browser's signature over a statement the server issued; verified before it is stored."""
        session, reviewer = await approved(request)
        checked_header(request, session)
        body = await json_object(request)
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


async def _signed_in_file(text: Any, services: AdminServices) -> tuple[str, str] | None:
    """(SHA-256, text) of the version a sign-off in signoffs.yaml names, when it is not the current one and
    the repository's history still has it (topic files only)."""
    older = sorted((s for s in text.review.signoffs if s.sha256 != text.sha256), key=lambda s: s.signed_on)
    if not older or isinstance(text, RecordText):
        return None
    sha = older[-1].sha256
    body = await asyncio.to_thread(version_from_git, services.settings.content_dir, str(text.path), sha)
    return (sha, body) if body is not None else None


def _state(services: AdminServices, subject: str, lang: str) -> str:
    pack = services.content()
    texts = pack.topic(subject).texts if pack.topic(subject) else pack.records[subject]
    return texts[lang].review.state_on(today_in_pakistan(services.clock())).value
