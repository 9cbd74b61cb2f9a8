"""multipart/form-data bodies read with a real parser (python-multipart), strictly, as Telegram's server does.

Every part must be `form-data` with a name; a part with a filename is a file (an InputFile), any other is a
parameter in UTF-8; a name may come only once; the body must end with the closing boundary.
"""

from __future__ import annotations

from typing import Any

from python_multipart.multipart import MultipartParser, parse_options_header

from .errors import bad_request
from .validate import Upload


def parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, Upload]]:
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise bad_request("can't parse multipart body", "multipart/form-data without a boundary")
    parts: list[dict[str, Any]] = []
    state: dict[str, Any] = {}

    def begin() -> None:
        state.update(headers={}, data=bytearray(), field=b"", value=b"")

    def header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def header_end() -> None:
        state["headers"][state["field"].decode("latin-1").lower()] = state["value"].decode("utf-8", "replace")
        state["field"], state["value"] = b"", b""

    def part_data(data: bytes, start: int, end: int) -> None:
        state["data"] += data[start:end]

    def part_end() -> None:
        parts.append({"headers": dict(state["headers"]), "data": bytes(state["data"])})

    def done() -> None:
        state["finished"] = True

    parser = MultipartParser(
        boundary,
        callbacks={
            "on_part_begin": begin,
            "on_header_field": header_field,
            "on_header_value": header_value,
            "on_header_end": header_end,
            "on_part_data": part_data,
            "on_part_end": part_end,
            "on_end": done,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except Exception as error:  # the parser's own errors: a malformed body
        raise bad_request("can't parse multipart body", f"malformed multipart body: {type(error).__name__}") from None
    if not state.get("finished"):
        raise bad_request("can't parse multipart body", "the multipart body does not end with its closing boundary")
    return _fields(parts)


def _fields(parts: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Upload]]:
    params: dict[str, Any] = {}
    uploads: dict[str, Upload] = {}
    for part in parts:
        disposition, options = parse_options_header(part["headers"].get("content-disposition", ""))
        name = options.get(b"name", b"").decode("utf-8")
        if disposition != b"form-data" or not name:
            raise bad_request("can't parse multipart body", "a part without Content-Disposition: form-data; name=…")
        if name in params or name in uploads:
            raise bad_request("can't parse multipart body", f"the part {name!r} comes twice")
        if b"filename" in options:
            content_type = part["headers"].get("content-type", "application/octet-stream")
            uploads[name] = Upload(options[b"filename"].decode("utf-8"), content_type, part["data"])
        else:
            try:
                params[name] = part["data"].decode("utf-8")
            except UnicodeDecodeError:
                raise bad_request("can't parse multipart body", f"the part {name!r} is not UTF-8") from None
    return params, uploads
