"""FakeBotAPI: a local Telegram Bot API server that the real PTB Application talks to over HTTP."""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .errors import ApiError
from .inject import Injection
from .ratelimit import RateLimiter, is_counted
from .registry import handler_for
from .server import RequestRecord, error_response, ok_response, read_params
from .spec import Method, load_spec
from .state import Chat, State, User, bot_id_from_token
from .updates import UpdateQueue
from .validate import validate_call
from .webhook import WebhookDelivery

ChatRef = Chat | User | int


def chat_id_of(chat: ChatRef) -> int:
    return chat if isinstance(chat, int) else chat.id


class FakeBotAPI(Injection):
    def __init__(
        self,
        token: str = "123456:TEST-token-fake-bot-api",
        *,
        username: str = "rahnama_test_bot",
        first_name: str = "Rahnama Test",
        rate_limit: bool = False,
        clock: Callable[[], float] = time.monotonic,
        first_update_id: int = 1,
    ) -> None:
        self.token = token
        self.spec = load_spec()
        self.state = State(bot=User(bot_id_from_token(token), first_name, username=username, is_bot=True))
        self.updates = UpdateQueue(self.state.changed, first_update_id)
        self.requests: list[RequestRecord] = []
        self.rate_limiter = RateLimiter(clock) if rate_limit else None
        self._failures: dict[str, list[list[Any]]] = {}  # method -> [[times left, ApiError arguments]]
        self._delays: dict[str, list[list[Any]]] = {}  # method -> [[times left, seconds]]
        self._runner: web.AppRunner | None = None
        self._deliveries: list[WebhookDelivery] = []
        self.port: int | None = None

    # --- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> FakeBotAPI:
        self.updates.closing = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._serve_file)
        # handler_cancellation: a long poll whose client went away ends at once instead of lingering.
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        for delivery in self._deliveries:
            await delivery.stop()
        self._deliveries.clear()
        self.updates.closing = True
        self.state.changed.notify()  # pending long polls answer [] now
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- requests --------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        record = RequestRecord(name, {}, request.method, request.content_type)
        error: ApiError | None = None
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized", f"wrong token {request.match_info['token']!r}", "auth")
            raw, uploads = await read_params(request)
            await self._call(record, name, raw, uploads)
        except ApiError as e:
            error = e
            record.fail(e)
        self.requests.append(record)
        self.state.changed.notify()
        return ok_response(record.result) if error is None else error_response(error)

    async def _call(self, record: RequestRecord, name: str, raw: dict[str, Any], uploads: dict[str, Any]) -> None:
        record.params, record.files = raw, sorted(uploads)
        method = self.spec.method(name)
        if method is None:
            raise ApiError(404, "Not Found", f"method {name!r} is not in Bot API {self.spec.version}", "not_found")
        record.method = method.name
        record.params = validate_call(self.spec, method, raw, uploads)
        record.result = await self._execute(method, record.params)
        record.ok = True

    async def call_from_webhook_response(self, body: dict[str, Any]) -> RequestRecord:
        """A method the bot put in its answer to a webhook call: validated and carried out like a request."""
        params = {k: v for k, v in body.items() if k != "method"}
        record = RequestRecord(str(body["method"]), {}, "WEBHOOK-RESPONSE", "application/json")
        try:
            await self._call(record, str(body["method"]), params, {})
        except ApiError as e:
            record.fail(e)
        self.requests.append(record)
        self.state.changed.notify()
        return record

    # --- webhook delivery ------------------------------------------------------------------------
    async def deliver_webhooks(self, target: str) -> WebhookDelivery:
        """Post queued updates to the webhook the bot set, as Telegram does; `target` is where its HTTPS
        URL leads (e.g. "http://127.0.0.1:8080"). Stopped with the fake."""
        delivery = WebhookDelivery(self, target)
        await delivery.start()
        self._deliveries.append(delivery)
        return delivery

    async def _execute(self, method: Method, params: dict[str, Any]) -> Any:
        await self._injected_delay(method.name)
        self._injected_failure(method.name)
        chat = self._rate_limited_chat(method.name, params)
        handler = handler_for(method.name)
        result = True if handler is None else await handler(self, params)
        if chat is not None and self.rate_limiter is not None:
            self.rate_limiter.record(chat.id, chat.type in ("group", "supergroup"))
        return result

    def _injected_failure(self, method: str) -> None:
        queue = self._failures.get(method.lower())
        if queue:
            entry = queue[0]
            entry[0] -= 1
            if entry[0] <= 0:
                queue.pop(0)
            raise ApiError(*entry[1])

    async def _injected_delay(self, method: str) -> None:
        # A client that times out first closes the connection; aiohttp then cancels this handler
        # (handler_cancellation), so the call has no effect, as when Telegram never got it.
        queue = self._delays.get(method.lower())
        if queue:
            entry = queue[0]
            entry[0] -= 1
            if entry[0] <= 0:
                queue.pop(0)
            await asyncio.sleep(entry[1])

    def _rate_limited_chat(self, method: str, params: dict[str, Any]) -> Chat | None:
        if self.rate_limiter is None or not is_counted(method) or "chat_id" not in params:
            return None
        try:
            chat = self.state.find_chat(params["chat_id"])
        except ApiError:
            return None  # the handler answers "chat not found"
        wait = self.rate_limiter.retry_after(chat.id, chat.type in ("group", "supergroup"))
        if wait is not None:
            description = f"Too Many Requests: retry after {wait}"
            raise ApiError(429, description, f"flood limit reached for chat {chat.id}", "rate_limit", wait)
        return chat

    async def _serve_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return error_response(ApiError(401, "Unauthorized"))
        for path, data in self.state.files.values():
            if path == request.match_info["path"]:
                return web.Response(body=data)
        return error_response(ApiError(404, "Not Found"))

    # --- test controls ---------------------------------------------------------------------------
    def fail_next(
        self, method: str, error_code: int, description: str, retry_after: int | None = None, times: int = 1
    ) -> None:
        """The next `times` valid calls of `method` fail with this error (after validation)."""
        if self.spec.method(method) is None:
            raise ValueError(f"{method!r} is not a Bot API method")
        error = (error_code, description, f"injected by fail_next({method!r})", "injected", retry_after)
        self._failures.setdefault(method.lower(), []).append([times, error])

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """The next `times` valid calls of `method` answer only after `seconds` (to provoke client timeouts)."""
        if self.spec.method(method) is None:
            raise ValueError(f"{method!r} is not a Bot API method")
        self._delays.setdefault(method.lower(), []).append([times, seconds])

    @property
    def rejected(self) -> list[RequestRecord]:
        """Every request the real Bot API would have refused (injected failures excluded, and a long poll
        ended by the bot's own stop, whose client had already gone: updates.py)."""
        return [r for r in self.requests if not r.ok and r.kind not in ("injected", "stopped")]

    def sent_messages(self, chat: ChatRef, include_deleted: bool = True) -> list[dict[str, Any]]:
        """Every message the bot sent to a chat, oldest first, as it is now (edits applied).

        Deleted messages are included by default (in their last state), so counts only grow: a bot that
        deletes its old menu and sends a new one still adds one message.
        """
        return copy.deepcopy(self.state.bot_messages(chat_id_of(chat), include_deleted))

    async def wait_for_messages(self, chat: ChatRef, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """All the bot's messages in the chat, once it sent at least `count` (deleted ones count too)."""
        chat_id = chat_id_of(chat)
        if not await self.state.changed.wait_for(lambda: len(self.state.bot_messages(chat_id, True)) >= count, timeout):
            sent = [m.get("text", m.get("caption", "<media>")) for m in self.state.bot_messages(chat_id, True)]
            raise AssertionError(
                f"expected {count} bot message(s) in chat {chat_id} within {timeout}s; "
                f"the bot sent {len(sent)}: {sent!r}; rejected requests: {self.rejected!r}"
            )
        return self.sent_messages(chat_id)

    async def wait_for_request(
        self,
        method: str,
        predicate: Callable[[RequestRecord], bool] | None = None,
        timeout: float = 5.0,
        *,
        since: int = 0,
    ) -> RequestRecord:
        """The first call of `method` (any spelling) answered so far for which predicate(record) holds.

        Calls are looked for in `requests[since:]`: pass `since=len(fake.requests)` before acting to wait
        for a new call only.
        """

        def matches(r: RequestRecord) -> bool:
            return r.method.lower() == method.lower() and (predicate is None or predicate(r))

        def found() -> RequestRecord | None:
            return next((r for r in self.requests[since:] if matches(r)), None)

        if not await self.state.changed.wait_for(lambda: found() is not None, timeout):
            seen = [r.method for r in self.requests]
            raise AssertionError(f"no matching {method} request within {timeout}s; requests were {seen}")
        record = found()
        assert record is not None
        return record

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[dict[str, Any]]:
        from .methods_bot import scope_key

        return copy.deepcopy(self.state.commands.get((scope_key(self, scope), language_code), []))

    def bot_text(self, kind: str, language_code: str = "") -> str | None:
        """The stored "description", "short_description" or "name" for a language ("" = default)."""
        return self.state.texts.get((kind, language_code))

    def callback_answer(self, update: dict[str, Any]) -> dict[str, Any] | None:
        """How the bot answered the callback query of an update from press_button (None: not yet)."""
        return self.state.callback_queries[update["callback_query"]["id"]]["answered"]
