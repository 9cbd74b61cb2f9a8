"""A fake Telegram Bot API server for end-to-end tests of the bot with the real python-telegram-bot.

    async with FakeBotAPI() as fake:
        app = Application.builder().token(fake.token).base_url(fake.base_url)
              .base_file_url(fake.base_file_url).build()
        user = fake.user(1001, "Ahmad", language_code="fa")
        await fake.send_command(user, "/start")
        [reply] = await fake.wait_for_messages(user, 1)
        assert fake.rejected == []

Every request is validated against the Bot API spec in bot-api.json (see README.md beside this file).
"""

from .errors import ApiError
from .fake import FakeBotAPI
from .formatting import format_text, utf16_len
from .html_entities import EntityParseError, parse_html
from .inject import command_entities
from .ratelimit import RateLimiter
from .server import RequestRecord
from .spec import load_spec
from .state import Chat, User
from .threaded import ThreadedFake, threaded
from .validate import validate_object

__all__ = [
    "ApiError",
    "Chat",
    "EntityParseError",
    "FakeBotAPI",
    "RateLimiter",
    "RequestRecord",
    "ThreadedFake",
    "User",
    "command_entities",
    "format_text",
    "load_spec",
    "parse_html",
    "threaded",
    "utf16_len",
    "validate_object",
]
