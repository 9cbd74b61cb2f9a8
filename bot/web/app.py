"""The web server: PTB in webhook mode inside FastAPI's lifespan, health, metrics, and the admin's routers.

Nothing that matters lives in the process: state, order and counts shared by workers are in Redis,
so any number of these processes behind one URL act as one bot.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.channels.telegram.app import ALLOWED_UPDATES, TelegramBot, build_application
from bot.channels.telegram.helpline_group import announce_claim, announce_close
from bot.config import Settings
from bot.content import ContentPack
from bot.helpline.store import Referral
from bot.i18n import catalog
from bot.safety.ordering import PersonQueue
from bot.store import StateStore
from bot.web.admin.services import AdminServices, ReferralChange
from bot.web.metrics import Metrics
from bot.web.webhook import WebhookEndpoint

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"


# Further routers (the admin API and page) are built from what the admin needs (bot/web/admin/services.py).
RouterFactory = Callable[[AdminServices], APIRouter]


def webhook_url(settings: Settings) -> str:
    assert settings.public_url is not None
    return settings.public_url.rstrip("/") + WEBHOOK_PATH


def create_app(
    settings: Settings,
    content: ContentPack,
    store: StateStore,
    *,
    routers: Sequence[RouterFactory] = (),
    metrics: Metrics | None = None,
    freeze_after_start: bool = False,
) -> FastAPI:
    """`routers`: factories of further routers (the admin API and page), given the AdminServices.
    `freeze_after_start`: for a server process (not a test run, whose objects would never be freed)."""
    if settings.webhook_secret is None or settings.public_url is None:
        raise ValueError("WEBHOOK_SECRET and PUBLIC_URL must be set for webhook mode")
    metrics = metrics or Metrics()
    application = build_application(settings, content, store, webhook=True)
    bot: TelegramBot = application.bot_data["rahnama"]
    bot.observer = metrics

    # The admin and /metrics read the bot's clock: the pack's age and review states on the bot's day.
    services = AdminServices(
        settings, store.redis, store.prefix, lambda: bot.content, bot.use_content, clock=lambda: bot.clock()
    )
    if bot.helpline is not None:  # a claim or close on the admin page is announced as one from the group
        desk = bot.helpline

        async def after_referral(change: ReferralChange, referral: Referral, operator: str) -> None:
            announce = announce_claim if change == "claimed" else announce_close
            await announce(desk, application.bot, referral, operator)

        services.after_referral = after_referral

    queue = PersonQueue(store.redis, store.prefix)
    endpoint = WebhookEndpoint(
        application, settings.webhook_secret.get_secret_value(), queue, metrics, settings.webhook_reply_in_response
    )
    metrics.watch_budget(bot.budget)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # As run_polling does, minus the Updater: initialize, post_init (profile, broadcasts, reminders), start.
        await application.initialize()
        await bot.post_init(application)
        await application.start()
        await application.bot.set_webhook(
            webhook_url(settings),
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
            max_connections=settings.webhook_max_connections,
        )
        log.info("webhook set", extra={"max_connections": settings.webhook_max_connections})
        # Alive in Redis; people of a process that died are taken over from here (ordering.py).
        stop_keeping_alive = asyncio.Event()
        keep_alive = asyncio.create_task(queue.keep_alive(endpoint.handle, stop_keeping_alive))
        if freeze_after_start:
            # Everything built so far (content, language models, PTB, the app) lives as long as the process:
            # out of the collector's sight, a full collection no longer walks it in the middle of an update.
            gc.freeze()
        try:
            yield
        finally:
            # The webhook stays: another worker may still be serving it.
            await endpoint.finish()  # updates taken in are answered before the process goes
            stop_keeping_alive.set()
            await keep_alive
            await queue.retire()
            await application.stop()
            await bot.post_stop(application)  # finishes broadcast sends in flight
            await application.shutdown()

    app = FastAPI(title="Rahnama", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.services = services
    app.state.application = application
    # A plain Starlette route: Telegram's calls skip FastAPI's dependency and response machinery.
    app.router.add_route(WEBHOOK_PATH, endpoint.__call__, methods=["POST"], include_in_schema=False)
    app.include_router(health_router(services, metrics, application_running=lambda: application.running))
    for make_router in routers:
        app.include_router(make_router(services))
    return app


def health_router(services: AdminServices, metrics: Metrics, application_running: Callable[[], bool]) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        checks = {
            "redis": await _redis_reachable(services.redis),
            "content": services.content() is not None,
            "catalogues": catalog.loaded(),
            "telegram": application_running(),
        }
        ready = all(checks.values())
        body = {"status": "ready" if ready else "not ready", "checks": checks}
        if not ready:
            body["failed"] = [name for name, ok in checks.items() if not ok]
        return JSONResponse(body, status_code=200 if ready else 503)

    @router.get("/metrics")
    async def scrape() -> Response:
        metrics.content_aged(services.content(), services.clock())
        try:
            await metrics.refresh_from_redis(services.redis, services.prefix)
        except RedisError as error:  # the process's own counters are still worth scraping
            log.warning("metrics: Redis figures unavailable: %s", type(error).__name__)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return router


async def _redis_reachable(redis: Redis) -> bool:
    try:  # a Redis that does not answer must not hang the probe
        return bool(await asyncio.wait_for(redis.ping(), timeout=2))
    except (RedisError, OSError, TimeoutError):
        return False
