"""What a person can do to the bot, independent of the channel that carried it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Event:
    # The channel's guess at the person's language (Telegram's language_code): only a hint,
    # used while they have not chosen one.
    hint: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Started(Event):
    """/start, possibly with a deep-link payload such as `ps_acc`."""

    payload: str = ""


@dataclass(frozen=True)
class Command(Event):
    """Any other slash command; `name` is lower-case without the slash or @botname."""

    name: str
    args: str = ""


@dataclass(frozen=True)
class Text(Event):
    text: str


@dataclass(frozen=True)
class Pressed(Event):
    """A button press; `action` is the button's data, which may be stale or forged."""

    action: str


@dataclass(frozen=True)
class Media(Event):
    """Something we cannot read: sticker, photo, voice, video, document, location, contact, other.

    `caption`: the text written under a photo, voice note, video or file, if any; it is read for an
    emergency like a typed message."""

    kind: str
    caption: str = ""


@dataclass(frozen=True)
class Edited(Event):
    """The person edited an earlier message."""


@dataclass(frozen=True)
class Flooded(Event):
    """The person sent more than the flood limit allows; this one gets a single polite notice."""


@dataclass(frozen=True)
class NotPrivate(Event):
    """Someone addressed the bot in a group or channel, where we give no guidance."""

    chat_kind: str = "group"


@dataclass(frozen=True)
class SharedContact(Event):
    """A phone number the person sent (Telegram's "share my number" button, or a contact card)."""

    phone: str


@dataclass(frozen=True)
class Forwarded(Event):
    """The person forwarded a message, to ask "did this come from you?".

    `from_bot`: Telegram says it was forwarded from this bot's own account. `sent_by_us`: the channel
    found this exact text among the texts the bot sent (a keyed hash, kept for a limited time).
    `text` is empty for forwarded media without a caption: there is nothing to compare."""

    text: str = ""
    from_bot: bool = False
    sent_by_us: bool = False
