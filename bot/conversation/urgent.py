"""Someone may be in trouble: the emergency card at once, or one question when the detector is unsure.

Any readable text counts: a typed message, a voice note's or photo's caption, a forwarded message's
text. `bot.understanding` gives a verdict: "emergency" opens the card; "unsure" asks "Is this
happening now?" with two buttons instead of guessing: yes opens the card, no gives the answer the
message would have had. Nothing the person wrote is kept: the "no" button carries where the answer is
(a screen, or the topics to offer), and the "yes" button the language the card is to be shown in.

Actions: `now:yes:<language>` and `now:no:<where>`, where <where> is `go:<screen>`, `t:<topic>,<topic>…`
(offer these topics) or empty (nothing matched).
"""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.events import Event, Forwarded, Media, Text
from bot.conversation.replies import Button, Reply
from bot.domain import Language
from bot.understanding import CONFIDENT, Route

YES = "now:yes:"
NO = "now:no:"
_CALLBACK_BYTES = 64


def readable_text(event: Event) -> str:
    """What the person wrote or passed on: a message, a caption, a forwarded text ("" for none)."""
    if isinstance(event, Text):
        return event.text
    if isinstance(event, Media):
        return event.caption
    if isinstance(event, Forwarded):
        return event.text
    return ""


def happening_now(ctx: Context, calm: str) -> Reply:
    """ "Is this happening now?" in `ctx.lang`; `calm` is the `now:no:` remainder (see `calm_answer`)."""
    _ = ctx._
    buttons = ((Button(_("Yes, now"), YES + ctx.lang.value), Button(_("No"), (NO + calm)[:_CALLBACK_BYTES])),)
    return Reply(_("Is this happening now?"), lang=ctx.lang, buttons=buttons)


def calm_answer(found: Route, screen: str | None) -> str:
    """Where "no" leads: the screen a confident answer shows, else the topics to offer, else nothing."""
    if screen is not None and found.confidence >= CONFIDENT:
        return "go:" + screen
    topics = ""
    for topic, _score in found.alternatives:  # as many as fit in Telegram's callback data
        longer = f"{topics},{topic}" if topics else topic
        if len(f"{NO}t:{longer}".encode()) > _CALLBACK_BYTES:
            break
        topics = longer
    return f"t:{topics}" if topics else ""


def yes_language(action: str) -> Language | None:
    value = action.removeprefix(YES)
    return Language(value) if value in Language._value2member_map_ else None
