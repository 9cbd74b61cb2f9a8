"""Media the bot sends (photo, document, audio, video, animation, voice, video note, sticker, location).

Files arrive as multipart uploads, URLs or file_ids; the fake stores uploads so getFile and the file URL
can serve them back. A file_id the fake never issued is rejected like Telegram rejects unknown ones.
"""

from __future__ import annotations

import itertools
from typing import Any

from .errors import bad_request
from .methods_messages import formatted, send
from .registry import Api, handles
from .validate import Upload

_ids = itertools.count(1)

# method -> (parameter and Message field, extra fields of the media object)
MEDIA: dict[str, tuple[str, dict[str, Any]]] = {
    "sendPhoto": ("photo", {"width": 1280, "height": 853}),
    "sendDocument": ("document", {}),
    "sendAudio": ("audio", {"duration": 1}),
    "sendVideo": ("video", {"width": 640, "height": 360, "duration": 1}),
    "sendAnimation": ("animation", {"width": 320, "height": 240, "duration": 1}),
    "sendVoice": ("voice", {"duration": 1}),
    "sendVideoNote": ("video_note", {"length": 240, "duration": 1}),
    "sendSticker": (
        "sticker",
        {"type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False},
    ),
}


def store_file(api: Api, kind: str, value: Upload | str) -> dict[str, Any]:
    """file_id, file_unique_id and file_size of a file sent by upload, URL or known file_id."""
    if isinstance(value, str) and value in api.state.files:
        file_id = value
    elif isinstance(value, str) and not value.startswith(("http://", "https://")):
        raise bad_request("wrong file identifier/HTTP URL specified", f"{kind} {value!r} is no known file_id", "state")
    else:
        file_id = f"fake-bot-{kind}-{next(_ids)}"
        data = value.data if isinstance(value, Upload) else b""
        name = value.filename if isinstance(value, Upload) else value.rsplit("/", 1)[-1]
        api.state.files[file_id] = (f"{kind}s/{name or file_id}", data)
    return {
        "file_id": file_id,
        "file_unique_id": f"u-{file_id}",
        "file_size": len(api.state.files[file_id][1]),
    }


def _media_handler(kind: str, extra: dict[str, Any]):
    async def send_media(api: Api, p: dict[str, Any]) -> dict[str, Any]:
        api.state.chat_for_sending(p["chat_id"])  # chat errors come before file errors
        media = store_file(api, kind, p[kind]) | extra
        if kind == "document" and isinstance(p[kind], Upload):
            media |= {"file_name": p[kind].filename, "mime_type": p[kind].content_type}
        content: dict[str, Any] = {kind: [media] if kind == "photo" else media}
        if "caption" in p:
            content |= formatted(api, p, "caption", "caption_entities")
        return send(api, p, content)

    return send_media


for _method, (_kind, _extra) in MEDIA.items():
    handles(_method)(_media_handler(_kind, _extra))


@handles("sendLocation")
async def send_location(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    return send(api, p, {"location": {"latitude": p["latitude"], "longitude": p["longitude"]}})
