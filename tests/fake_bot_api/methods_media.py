"""Media the bot sends (photo, document, audio, video, animation, voice, video note, sticker, location).

Files arrive as multipart uploads, URLs or file_ids; the fake stores uploads so getFile and the file URL
can serve them back. A file_id the fake never issued is rejected like Telegram rejects unknown ones.
"""

from __future__ import annotations

import itertools
from typing import Any

from .errors import bad_request
from .images import check_document, check_photo, photo_sizes
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
        if kind == "photo" and isinstance(p[kind], Upload):
            width, height = check_photo(p[kind])
        elif kind == "document" and isinstance(p[kind], Upload):
            check_document(p[kind])
        media = store_file(api, kind, p[kind]) | extra
        if kind == "document" and isinstance(p[kind], Upload):
            media |= {"file_name": p[kind].filename, "mime_type": p[kind].content_type}
        if kind == "photo":
            known = api.state.photo_sizes.setdefault(media["file_id"], [(extra["width"], extra["height"])])
            if isinstance(p[kind], Upload):
                known[:] = photo_sizes(width, height)
            content: dict[str, Any] = {"photo": _sizes(media, known)}
            for size in content["photo"][:-1]:  # the smaller copies are files of their own
                api.state.files.setdefault(size["file_id"], api.state.files[media["file_id"]])
        else:
            content = {kind: media}
        if "caption" in p:
            content |= formatted(api, p, "caption", "caption_entities")
        return send(api, p, content)

    return send_media


def _sizes(media: dict[str, Any], sizes: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """PhotoSize objects, smallest first; the largest is the one the file_id was sent as."""
    found = [media | {"width": w, "height": h} for w, h in sizes]
    for index, size in enumerate(found[:-1]):
        size |= {"file_id": f"{media['file_id']}-s{index}", "file_unique_id": f"{media['file_unique_id']}-s{index}"}
    return found


for _method, (_kind, _extra) in MEDIA.items():
    handles(_method)(_media_handler(_kind, _extra))


@handles("sendLocation")
async def send_location(api: Api, p: dict[str, Any]) -> dict[str, Any]:
    return send(api, p, {"location": {"latitude": p["latitude"], "longitude": p["longitude"]}})
