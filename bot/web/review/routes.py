"""The review workspace under /review: reviewers' own logins, their signing key made in the browser,
the queue, one text at a time, signing and sending back, and the audit list. Separate from the
operators' admin (/admin): nothing here accepts the admin token, and nothing in the admin signs.
Pages: account_pages.py and desk_pages.py; what they share: workspace.py.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response

from bot.web.admin.services import AdminServices
from bot.web.review.account_pages import account_routes
from bot.web.review.desk_pages import desk_routes
from bot.web.review.workspace import HEADERS, Workspace

HERE = Path(__file__).parent
STATIC = {
    "review.js": (HERE / "static" / "review.js", "text/javascript"),
    "review.css": (HERE / "static" / "review.css", "text/css"),
    "admin.css": (HERE.parent / "admin" / "static" / "admin.css", "text/css"),
}


def review_router(services: AdminServices) -> APIRouter:
    page = APIRouter(prefix="/review", include_in_schema=False)

    @page.get("/static/{name}")
    async def static(name: str) -> Response:
        if name not in STATIC:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        path, kind = STATIC[name]
        return Response(path.read_bytes(), media_type=kind, headers=HEADERS)

    workspace = Workspace.over(services)
    account_routes(page, workspace)
    desk_routes(page, workspace)
    return page
