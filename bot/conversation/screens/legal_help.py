"""Legal help: contacts by province, with hours, numbers and how old each source is."""

from __future__ import annotations

from bot.content import Contact
from bot.conversation.context import Context
from bot.conversation.navigation import go, nav_row
from bot.conversation.numbers import confirmed_text, phones_text
from bot.conversation.record_review import record_label
from bot.conversation.replies import Button, Reply, md_escape
from bot.conversation.vetting import notice_under_review, servable


def regions(ctx: Context) -> Reply:
    _ = ctx._
    note = ctx.content.topic("contacts-note")
    text, shown = _("Where are you?"), ()
    if note is not None:
        note_text = note.texts[ctx.lang]
        if servable(note_text, ctx):
            text, shown = note_text.body.strip() + "\n\n" + text, ((note.id, note_text.sha256),)
        else:
            text = notice_under_review(ctx) + "\n\n" + text
    rows = [(Button(r.name[ctx.lang], go(f"help:{r.id}")),) for r in ctx.content.regions if r.id != "nationwide"]
    rows.append(nav_row("help", ctx))
    return Reply(text, lang=ctx.lang, buttons=tuple(rows), shown=shown)


def region(region_id: str, ctx: Context) -> Reply | None:
    found = ctx.content.region(region_id)
    if found is None or region_id == "nationwide":
        return None
    _ = ctx._
    blocks = [_("**Legal help: {region}**").format(region=found.name[ctx.lang])]
    blocks += [contact_block(contact, ctx) for contact in ctx.content.contacts_in(region_id)]
    blocks.append(_("Help from UNHCR and its partners is free. Never pay anyone for it."))
    return Reply("\n\n".join(blocks), lang=ctx.lang, buttons=(nav_row(f"help:{region_id}", ctx),))


def contact_block(contact: Contact, ctx: Context) -> str:
    _ = ctx._
    description = contact.description[ctx.lang] + record_label(f"contact:{contact.id}", ctx)  # strict: marked
    lines = [f"**{md_escape(contact.organisation)}**", description]
    if contact.phones:
        lines.append("📞 " + phones_text(contact, ctx))
    if contact.email:
        lines.append("✉️ " + md_escape(contact.email))
    if contact.hours:
        lines.append("🕘 " + contact.hours[ctx.lang])
    source_date = confirmed_text(contact, ctx)  # when a source last printed the number
    if contact.stale:
        lines.append(_("⚠️ Source date: {date}. This may be out of date.").format(date=source_date))
    else:
        lines.append(_("Source date: {date}.").format(date=source_date))
    return "\n".join(lines)
