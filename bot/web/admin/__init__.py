"""Staff's face of the bot: the admin API (/admin/api, bearer ADMIN_TOKEN) and the admin page (/admin).

    app.include_router(admin_router(AdminServices(settings, redis, prefix, content, replace_content, clock)))

Without ADMIN_TOKEN the router is empty: no admin route exists at all. See docs/admin.md.
"""

from __future__ import annotations

from fastapi import APIRouter

from bot.web.admin.api import api_router
from bot.web.admin.auth import MIN_TOKEN_CHARS
from bot.web.admin.page import page_router
from bot.web.admin.services import AdminServices

__all__ = ["AdminServices", "admin_router"]


def admin_router(services: AdminServices) -> APIRouter:
    router = APIRouter()
    secret = services.settings.admin_token
    if secret is None:
        return router
    token = secret.get_secret_value()
    if len(token) < MIN_TOKEN_CHARS:  # it guards personal data: refuse to start with a guessable one
        raise ValueError(f"ADMIN_TOKEN must be at least {MIN_TOKEN_CHARS} characters (e.g. `openssl rand -hex 32`)")
    router.include_router(api_router(services, token))
    router.include_router(page_router(services, token))
    return router
