"""The emergency card: numbers to call now, what to say and sign, and your rights.

Reached from any typed emergency phrase, before anything else. The numbers are the legal-aid and
protection contacts, those that answer at this hour first (24/7, open now, hours unknown, closed),
each with its hours and the day a source last printed it; a complaint line is not help in a hurry.
The advice is vetted text (strict mode applies): `emergency-essentials` when the pack has it, then
`rights-police`. The card opens with the pack's age line once the pack is overdue for review.
"""

from __future__ import annotations

from bot.content import Contact, ContactKind
from bot.conversation.context import Context
from bot.conversation.navigation import go
from bot.conversation.numbers import by_answering, number_lines
from bot.conversation.replies import Button, Reply
from bot.conversation.screens.guidance import topic_text
from bot.conversation.screens.settings import clear_row
from bot.conversation.screens.talk import talk_row
from bot.conversation.vetting import servable, with_age_line

ESSENTIALS_TOPIC = "emergency-essentials"
EMERGENCY_TOPIC = "rights-police"
EMERGENCY_KINDS = (ContactKind.LEGAL_AID, ContactKind.PROTECTION)


def emergency_numbers(ctx: Context) -> list[Contact]:
    """The contacts the card offers, those answering now first."""
    found = [c for c in ctx.content.contacts if c.phones and c.kind in EMERGENCY_KINDS]
    return by_answering(found, ctx)


def emergency_card(ctx: Context) -> Reply:
    _ = ctx._
    numbers = [number_lines(c, ctx) for c in emergency_numbers(ctx)]
    parts = ["\n".join([_("**If police are stopping or holding you now, you can call:**"), *numbers])]
    shown: list[tuple[str, str]] = []
    asked: list[str] = []
    for topic_id in (ESSENTIALS_TOPIC, EMERGENCY_TOPIC):
        topic = ctx.content.topic(topic_id)
        if topic is None:  # the essentials are new: a pack without them still gets a card
            continue
        asked.append(topic.id)  # shown or withheld, it was asked for: the reviewers' queue counts it
        text = topic.texts[ctx.lang]
        if servable(text, ctx):
            parts.append(topic_text(topic, ctx))
            shown.append((topic.id, text.sha256))
        elif topic_id == EMERGENCY_TOPIC:  # the numbers are above already: say only why no text
            parts.append(_("This answer is being reviewed and cannot be shown yet."))
    rows: list[tuple[Button, ...]] = [*talk_row(ctx), (Button(_("⚖️ Legal help"), go("help")),)]
    if EMERGENCY_TOPIC in ctx.content.sensitive_topics:
        rows.append(clear_row(ctx))  # a card nobody checking the phone should find
    rows.append((Button(_("☰ Menu"), go("menu")),))
    text = with_age_line("\n\n".join(parts), ctx)
    return Reply(text, lang=ctx.lang, buttons=tuple(rows), shown=tuple(shown), asked=tuple(asked), urgent=True)
