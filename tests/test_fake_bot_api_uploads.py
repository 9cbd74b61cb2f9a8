"""The fake Bot API reads multipart uploads with a real parser and checks photos as Telegram does."""

from __future__ import annotations

import struct
import zlib
from collections.abc import AsyncIterator

import aiohttp
import pytest
import telegram
from telegram.error import BadRequest

from tests.fake_bot_api import FakeBotAPI
from tests.test_fake_bot_api import call, fake, http  # noqa: F401 (fixtures)


def png(width: int, height: int, padding: int = 0) -> bytes:
    """A PNG header with these dimensions (the fake, like Telegram's first check, reads the header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk + b"\0" * padding


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[telegram.Bot]:  # noqa: F811
    client = telegram.Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)
    await client.initialize()
    yield client
    await client.shutdown()


async def test_an_uploaded_photo_is_answered_with_its_real_sizes_and_its_file_id_works_again(
    fake: FakeBotAPI,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    fake.user(1001)
    message = await bot.send_photo(1001, png(1080, 1920), caption="card")
    sizes = [(p.width, p.height) for p in message.photo]
    assert sizes[-1] == (720, 1280) and sizes[0] == (51, 90)
    again = await bot.send_photo(1001, message.photo[-1].file_id)
    assert again.photo[-1].file_id == message.photo[-1].file_id
    assert [r.files for r in fake.requests if r.method == "sendPhoto"] == [["photo"], []]
    assert fake.rejected == []


@pytest.mark.parametrize(
    ("data", "wording"),
    [
        (png(9000, 1001), "PHOTO_INVALID_DIMENSIONS"),  # width + height > 10000
        (png(4000, 100), "PHOTO_INVALID_DIMENSIONS"),  # ratio > 20
        (png(1080, 1920, padding=10 * 1024 * 1024), "PHOTO_INVALID_DIMENSIONS"),  # more than 10 MB
        (b"%PDF-1.4 not a picture", "IMAGE_PROCESS_FAILED"),
    ],
)
async def test_photos_telegram_would_refuse_are_refused(
    fake: FakeBotAPI,  # noqa: F811
    bot: telegram.Bot,
    data: bytes,
    wording: str,
) -> None:
    fake.user(1001)
    with pytest.raises(BadRequest, match=f"(?i){wording}"):
        await bot.send_photo(1001, data)
    assert [r.description for r in fake.rejected] == [f"Bad Request: {wording}"]
    fake.requests.clear()


async def test_an_unknown_file_id_is_refused(fake: FakeBotAPI, bot: telegram.Bot) -> None:  # noqa: F811
    fake.user(1001)
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await bot.send_photo(1001, "AgADnever-issued")
    fake.requests.clear()


async def test_malformed_multipart_bodies_are_refused(fake: FakeBotAPI, http: aiohttp.ClientSession) -> None:  # noqa: F811
    fake.user(1001)
    boundary = "b0undary"
    head = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    part = f'--{boundary}\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n1001\r\n'
    unfinished = part.encode()  # no closing boundary
    status, body = await call(http, fake, "sendMessage", data=unfinished, headers=head)
    assert status == 400 and "multipart" in body["description"]
    twice = (part + part + f"--{boundary}--\r\n").encode()
    status, body = await call(http, fake, "sendMessage", data=twice, headers=head)
    assert status == 400 and "multipart" in body["description"]
    assert "comes twice" in fake.rejected[-1].reason
    fake.requests.clear()
