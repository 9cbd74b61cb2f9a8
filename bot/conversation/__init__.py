"""The conversation state machine. Knows nothing of Telegram, Redis or the web."""

from bot.conversation.events import Command, Edited, Event, Forwarded, Media, NotPrivate, Pressed, Started, Text
from bot.conversation.machine import step
from bot.conversation.replies import Button, Reply
from bot.conversation.state import UserState

__all__ = [
    "Button",
    "Command",
    "Edited",
    "Event",
    "Forwarded",
    "Media",
    "NotPrivate",
    "Pressed",
    "Reply",
    "Started",
    "Text",
    "UserState",
    "step",
]
