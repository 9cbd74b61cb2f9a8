"""What Telegram checks of an uploaded photo before it answers: size, dimensions, that it is an image.

Telegram: photos at most 10 MB, width + height at most 10000, a width/height ratio of at most 20; documents
(uploaded by a bot) at most 50 MB. Dimensions are read from the PNG or JPEG header itself.
"""

from __future__ import annotations

import struct

from .errors import bad_request
from .validate import Upload

PHOTO_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_MAX_BYTES = 50 * 1024 * 1024
PHOTO_SIZES = (90, 320, 800, 1280)  # the longest side of each size Telegram keeps of a photo


def check_photo(upload: Upload) -> tuple[int, int]:
    if len(upload.data) > PHOTO_MAX_BYTES:
        raise bad_request("PHOTO_INVALID_DIMENSIONS", f"the photo has {len(upload.data)} bytes; at most 10 MB")
    size = image_size(upload.data)
    if size is None:
        raise bad_request("IMAGE_PROCESS_FAILED", "the photo is neither a PNG nor a JPEG image", "validation")
    width, height = size
    if width + height > 10000 or max(width, height) > 20 * min(width, height):
        raise bad_request("PHOTO_INVALID_DIMENSIONS", f"{width}×{height}: width + height ≤ 10000, ratio ≤ 20")
    return width, height


def check_document(upload: Upload) -> None:
    if len(upload.data) > DOCUMENT_MAX_BYTES:
        raise bad_request("file is too big", f"the document has {len(upload.data)} bytes; at most 50 MB", "validation")


def photo_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """The sizes Telegram answers with: smaller copies, then one no longer than 1280 on its long side."""
    longest = max(width, height)
    sizes = []
    for side in PHOTO_SIZES:
        scale = min(1.0, side / longest)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if size not in sizes:
            sizes.append(size)
    return sizes


def image_size(data: bytes) -> tuple[int, int] | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return None
