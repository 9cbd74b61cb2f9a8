"""Help contacts as a person reads them: numbers as they mean, when they answer, how old they are."""

from __future__ import annotations

from datetime import date

from bot.content import NATIONWIDE, Contact
from bot.content.phones import number_range
from bot.conversation.context import Context
from bot.conversation.record_review import record_label
from bot.conversation.replies import md_escape
from bot.opening_hours import Answering


def phone_text(written: str, ctx: Context) -> str:
    """A number as its source writes it; a range ("03000544491-8") as the numbers it stands for."""
    found = number_range(written)
    if found is None:
        return md_escape(written)
    first, last, n = found
    text = ctx.ngettext("{first} to {last} ({n} number)", "{first} to {last} ({n} numbers)", n)
    return text.format(first=md_escape(first), last=md_escape(last), n=ctx.number(n))


def phones_text(contact: Contact, ctx: Context) -> str:
    return ", ".join(phone_text(p, ctx) for p in contact.phones)


def confirmed_text(contact: Contact, ctx: Context) -> str:
    """When a source last printed the number: a date, "about 2021", or "no date"."""
    if isinstance(contact.confirmed, date):
        return ctx.date(contact.confirmed)
    if contact.confirmed.startswith("≈"):
        return ctx._("about {year}").format(year=ctx.number(int(contact.confirmed[1:])))
    return ctx._("no date")


def answering_text(contact: Contact, ctx: Context) -> str:
    """Whether it answers at this hour, with its hours as the source gives them."""
    _ = ctx._
    state = contact.opening.at(ctx.now)
    hours = contact.hours[ctx.lang] if contact.hours else ""
    if state is Answering.ALWAYS:
        return _("Answers 24 hours, every day.")
    if state is Answering.OPEN:
        return _("Open now ({hours}).").format(hours=hours)
    if state is Answering.CLOSED:
        return _("Closed now. Hours: {hours}.").format(hours=hours)
    if contact.opening.hours is not None:  # inside its hours on a day the source does not name
        return _("May be open now ({hours}; the source does not say on which days).").format(hours=hours)
    return _("Hours unknown.")


def by_answering(contacts: list[Contact], ctx: Context) -> list[Contact]:
    """Who answers now first: 24/7, open, unknown, closed; nationwide before regional; else file order."""
    return sorted(contacts, key=lambda c: (c.opening.at(ctx.now), NATIONWIDE not in c.regions))


def number_lines(contact: Contact, ctx: Context) -> str:
    """Two lines for a list of numbers to call: who (and where), then when it answers and how old it is."""
    where = ""
    if NATIONWIDE not in contact.regions:
        names = [r.name[ctx.lang] for r in ctx.content.regions if r.id in contact.regions]
        where = " – " + ctx._(", ").join(names)
    first = f"📞 **{md_escape(contact.organisation)}**{where}: {phones_text(contact, ctx)}"
    confirmed = ctx._("Number last confirmed: {date}.").format(date=confirmed_text(contact, ctx))
    label = record_label(f"contact:{contact.id}", ctx)  # strict mode marks words nobody signed off
    return f"{first}\n{answering_text(contact, ctx)}{label} {confirmed}"
