"""The emergency card: what to do and say now, your rights, and numbers to call at once.

Reached from any typed emergency phrase, before anything else. The advice itself is the vetted
`rights-police` topic (strict mode applies); the numbers are the nationwide legal-aid contacts.
"""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.navigation import go
from bot.conversation.replies import Button, Reply, md_escape
from bot.conversation.screens.guidance import topic_reply
from bot.conversation.screens.talk import talk_row

EMERGENCY_TOPIC = "rights-police"


def emergency_card(ctx: Context) -> Reply:
    _ = ctx._
    numbers = [
        f"📞 **{md_escape(c.organisation)}**: {', '.join(md_escape(p) for p in c.phones)}"
        for c in ctx.content.contacts_in("nationwide")
        if c.phones
    ]
    header = "\n".join([_("**If police are stopping or holding you now, you can call:**"), *numbers])
    buttons = (
        *talk_row(ctx),
        (Button(_("⚖️ Legal help"), go("help")),),
        (Button(_("☰ Menu"), go("menu")),),
    )
    topic = ctx.content.topic(EMERGENCY_TOPIC)
    if topic is None:
        return Reply(header, lang=ctx.lang, buttons=buttons, urgent=True)
    reply = topic_reply(topic, ctx, buttons)
    return Reply(header + "\n\n" + reply.text, lang=ctx.lang, buttons=reply.buttons, shown=reply.shown, urgent=True)
