"""The admin API under /admin/api: typed JSON for content, broadcasts, referrals and the audience."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import JSONResponse

from bot.web.admin import broadcast_ops, content_ops, referral_ops, reviewer_ops
from bot.web.admin.auth import bearer_check
from bot.web.admin.models import (
    BLANKS,
    Audience,
    BroadcastCreate,
    BroadcastList,
    BroadcastStatus,
    ContentDiff,
    ContentProblems,
    ContentStatus,
    OperatorAction,
    Problem,
    ReferralList,
    ReferralOut,
    ReloadResult,
    ReminderSchedule,
)
from bot.web.admin.reviewer_ops import InvitationCreate, InvitationOut
from bot.web.admin.services import AdminServices

AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "no bearer token"},
    403: {"model": Problem, "description": "wrong token"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "unknown, or expired"}}
CONFLICT: dict[int | str, dict[str, Any]] = {409: {"model": Problem, "description": "not in a state that allows it"}}

JobId = Annotated[str, Path(pattern=r"^[0-9]{1,18}$", description="broadcast job id")]
Number = Annotated[int, Path(ge=1, le=2**53, description="referral number")]


def api_router(services: AdminServices, token: str) -> APIRouter:
    api = APIRouter(prefix="/admin/api", dependencies=[Depends(bearer_check(token))], responses=AUTH)
    _content_routes(api, services)
    _broadcast_routes(api, services)
    _referral_routes(api, services)
    _reviewer_routes(api, services)
    return api


def _reviewer_routes(api: APIRouter, services: AdminServices) -> None:
    @api.post(
        "/reviewers/invitations", response_model=InvitationOut, status_code=status.HTTP_201_CREATED,
        tags=["reviewers"], responses=CONFLICT,
    )  # fmt: skip
    async def invite_reviewer(invitation: InvitationCreate, request: Request) -> InvitationOut:
        """A one-time link for a new reviewer: they set a password and their browser makes their key,
        which waits for the owner's approval (`rahnama reviewer approve`). An admin cannot sign."""
        try:
            return await reviewer_ops.invite(services, invitation, str(request.base_url))
        except reviewer_ops.InvitationRefused as refused:
            raise HTTPException(status.HTTP_409_CONFLICT, str(refused)) from None


def _content_routes(api: APIRouter, services: AdminServices) -> None:
    @api.get("/content/status", response_model=ContentStatus, tags=["content"])
    async def content_status(on: Annotated[date | None, Query(description="as if today were")] = None) -> ContentStatus:
        """Every topic in every language: review state (draft/signed/stale/expired), review-by date, sign-offs."""
        return content_ops.content_status(services, on)

    @api.post(
        "/content/reload", response_model=ReloadResult, tags=["content"],
        responses={422: {"model": ContentProblems, "description": "the pack has problems; the old one stays"}},
    )  # fmt: skip
    async def reload_content() -> Any:
        """Read CONTENT_DIR again, check it, and swap it in whole; on any problem keep serving the old pack."""
        try:
            return await content_ops.reload_content(services)
        except content_ops.ReloadRefused as refused:
            body = ContentProblems(detail="content pack not reloaded", problems=refused.problems)
            return JSONResponse(body.model_dump(), status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)

    @api.get("/content/diff", response_model=ContentDiff, tags=["content"])
    async def content_diff(since: Annotated[date, Query(description="YYYY-MM-DD")]) -> ContentDiff:
        """Deadline steps and re-checked topics dated on or after `since`, per document category."""
        return content_ops.content_diff(services, since)


def _broadcast_routes(api: APIRouter, services: AdminServices) -> None:
    @api.post(
        "/broadcasts", response_model=BroadcastStatus, status_code=status.HTTP_201_CREATED, tags=["broadcasts"],
        responses={409: {"model": Problem, "description": "cannot be sent (e.g. deadline past)"}},
    )  # fmt: skip
    async def create_broadcast(request: BroadcastCreate) -> BroadcastStatus:
        """Queue a broadcast to the subscribers of some categories, each in their own language."""
        try:
            return await broadcast_ops.create_broadcast(services, request)
        except broadcast_ops.BroadcastRefused as refused:
            raise HTTPException(status.HTTP_409_CONFLICT, str(refused)) from None

    @api.get("/broadcasts", response_model=BroadcastList, tags=["broadcasts"])
    async def list_broadcasts() -> BroadcastList:
        """The newest broadcasts (kept a week after they end), with their progress."""
        return BroadcastList(broadcasts=await broadcast_ops.list_broadcasts(services))

    @api.get("/broadcasts/{job_id}", response_model=BroadcastStatus, responses=NOT_FOUND, tags=["broadcasts"])
    async def broadcast_progress(job_id: JobId) -> BroadcastStatus:
        """Sent, failed by reason, remaining, ETA, and who would be late."""
        found = await broadcast_ops.broadcast_status(services, job_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such broadcast")
        return found

    @api.post(
        "/broadcasts/{job_id}/cancel", response_model=BroadcastStatus, responses=NOT_FOUND | CONFLICT,
        tags=["broadcasts"],
    )  # fmt: skip
    async def cancel_broadcast(job_id: JobId) -> BroadcastStatus:
        """Stop a pending or running broadcast: nobody not yet sent gets it."""
        if await broadcast_ops.broadcast_status(services, job_id) is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such broadcast")
        if not await broadcast_ops.cancel_broadcast(services, job_id):
            raise HTTPException(status.HTTP_409_CONFLICT, "the broadcast is not pending or running")
        found = await broadcast_ops.broadcast_status(services, job_id)
        assert found is not None
        return found

    @api.get("/reminders", response_model=ReminderSchedule, tags=["broadcasts"])
    async def reminders() -> ReminderSchedule:
        """Deadline reminders scheduled to become broadcasts, and how many have fired."""
        return await broadcast_ops.reminder_schedule(services)

    @api.get("/audience", response_model=Audience, tags=["broadcasts"])
    async def audience() -> Audience:
        """Subscriber counts per category and language: aggregates only."""
        return await broadcast_ops.audience(services)


def _referral_routes(api: APIRouter, services: AdminServices) -> None:
    @api.get("/referrals", response_model=ReferralList, tags=["referrals"])
    async def list_referrals(
        status_: Annotated[referral_ops.Status | None, Query(alias="status")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> ReferralList:
        """Helpline referrals, newest first, with only what the person agreed to share."""
        return ReferralList(referrals=await referral_ops.list_referrals(services, status_, limit))

    @api.post(
        "/referrals/{number}/claim", response_model=ReferralOut, responses=NOT_FOUND | CONFLICT, tags=["referrals"]
    )
    async def claim_referral(number: Number, action: OperatorAction) -> ReferralOut:
        """Take an open referral on."""
        result, referral = await referral_ops.claim_referral(services, number, action.operator.strip(BLANKS))
        return _outcome(result, referral, "already claimed or closed")

    @api.post(
        "/referrals/{number}/close", response_model=ReferralOut, responses=NOT_FOUND | CONFLICT, tags=["referrals"]
    )
    async def close_referral(number: Number, action: OperatorAction) -> ReferralOut:
        """Close a referral: the person's slot frees up and its texts are deleted after the retention period."""
        result, referral = await referral_ops.close_referral(services, number, action.operator.strip(BLANKS))
        return _outcome(result, referral, "already closed")


def _outcome(result: int, referral: ReferralOut | None, conflict: str) -> ReferralOut:
    if result == -1 or referral is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such referral")
    if result == 0:
        raise HTTPException(status.HTTP_409_CONFLICT, conflict)
    return referral
