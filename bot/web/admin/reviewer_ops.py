"""Inviting reviewers from the admin (API and page), and what reviewers sent back, for the editors.

An admin can only invite: the invited reviewer sets their own password and their browser makes their
key; the owner approves that key (`rahnama reviewer approve`). Nothing here can sign.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from bot.content.review import Role
from bot.domain import Language
from bot.reviewing.store import ReviewStore
from bot.web.admin.services import AdminServices
from bot.web.review.accounts import INVITATION_DAYS, Accounts, Invitation

ReviewerId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class InvitationCreate(BaseModel):
    id: ReviewerId = Field(description="the reviewer's id: lowercase letters, digits and -")
    name: Text
    organisation: Text
    roles: list[Role] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1)


class InvitationOut(BaseModel):
    url: str = Field(description="the one-time link to give the reviewer (over a channel only they read)")
    expires_in_days: int


class InvitationRefused(Exception):
    pass


async def invite(services: AdminServices, request: InvitationCreate, base_url: str) -> InvitationOut:
    invitation = Invitation(
        request.id, request.name, request.organisation,
        tuple(dict.fromkeys(r.value for r in request.roles)), tuple(dict.fromkeys(x.value for x in request.languages)),
    )  # fmt: skip
    if request.id in services.content().trust.all_reviewers():
        # An account under an enrolled reviewer's id would read and comment as them (signing needs their key).
        raise InvitationRefused(f"'{request.id}' is already a reviewer in reviewers.yaml; choose another id")
    token = await Accounts(services.redis, services.prefix).invite(invitation)
    if token is None:
        raise InvitationRefused(f"a reviewer '{request.id}' already has an account")
    await ReviewStore(services.redis, services.prefix).audit("admin", "invited a reviewer", detail=request.id)
    base = (services.settings.public_url or base_url).rstrip("/")
    return InvitationOut(url=f"{base}/review/invite/{token}", expires_in_days=INVITATION_DAYS)


async def sent_back(services: AdminServices) -> list[dict[str, Any]]:
    """Texts reviewers sent back, newest first, each marked whether the text is still that version."""
    pack = services.content()
    found = []
    for item in reversed(await ReviewStore(services.redis, services.prefix).sent_back()):
        texts = pack.topic(item["subject"]).texts if pack.topic(item["subject"]) else pack.records.get(item["subject"])
        current = bool(texts) and item["lang"] in texts and texts[item["lang"]].sha256 == item["sha256"]
        found.append(item | {"current": current})
    return found
