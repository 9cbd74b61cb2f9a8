"""HTTP plumbing: reading parameters the ways Telegram accepts them, and answering in its envelope."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .errors import ApiError, bad_request
from .multipart import parse_multipart
from .validate import Upload


@dataclass
class RequestRecord:
    """One call the bot made, as the fake saw and answered it."""

    method: str  # the spec's spelling when known, else as requested
    params: dict[str, Any]  # validated (typed) when valid, else as received
    http_method: str = "POST"
    content_type: str = ""
    files: list[str] = field(default_factory=list)  # names of uploaded file parts
    ok: bool = False
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    reason: str | None = None  # what exactly was wrong (for rejected requests)
    kind: str | None = None  # validation | state | auth | not_found | conflict | rate_limit | injected

    def fail(self, error: ApiError) -> None:
        self.ok, self.error_code, self.description = False, error.code, error.description
        self.reason, self.kind = error.detail, error.kind

    def __repr__(self) -> str:
        if self.ok:
            return f"<{self.method} ok {self.params!r}>"
        head = f"<{self.method} {self.error_code} {self.description!r}"
        return f"{head} reason={self.reason!r} params={self.params!r}>"


async def read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Query string plus body (JSON, urlencoded or multipart), as Telegram merges them."""
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if not request.can_read_body:
        return params, uploads
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON body", "the request body is not valid JSON") from None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON body", "the JSON body must be an object")
        params.update(body)
    elif request.content_type == "multipart/form-data":  # read strictly by a real parser (multipart.py)
        fields, uploads = parse_multipart(request.headers.get("Content-Type", ""), await request.read())
        params.update(fields)
    elif request.content_type == "application/x-www-form-urlencoded":
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                uploads[key] = Upload(value.filename, value.content_type, value.file.read())
            else:
                params[key] = value
    else:
        raise bad_request(
            "unsupported content type", f"Content-Type {request.content_type!r} is not one Telegram reads"
        )
    return params, uploads


def ok_response(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result}, dumps=_dumps)


def error_response(error: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    return web.json_response(body, status=error.code, dumps=_dumps)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
