"""Words for the helpline referral screens: the answers' labels, the opening hours, the numbers to call.

Kept apart from the flow (screens/helpline.py) so the flow reads as steps and this reads as text.
"""

from __future__ import annotations

from datetime import timedelta

from bot.conversation.context import Context
from bot.conversation.referral import HelplineTerms, ReferralDraft
from bot.conversation.replies import md_escape
from bot.conversation.screens.menu import LANGUAGE_NAMES
from bot.domain import Language
from bot.i18n.dates import PAKISTAN_TZ
from bot.i18n.digits import localize_digits

# Each language's name in its own script, as on the language chooser; Urdu too, which many speak in Pakistan.
HELPLINE_LANGUAGE_NAMES = {lang.value: name for lang, name in LANGUAGE_NAMES.items()} | {"ur": "اردو"}


def urgency_labels(ctx: Context) -> dict[str, str]:
    _ = ctx._
    return {
        "now": _("🔴 Detained, or police here now"),
        "order": _("🟠 I got a deportation notice"),
        "other": _("⚪ Something else"),
    }


def region_label(region_id: str | None, ctx: Context) -> str:
    region = ctx.content.region(region_id or "")
    return region.name[ctx.lang] if region else ctx._("Somewhere else, or not said")


def category_label(category_id: str | None, ctx: Context) -> str:
    category = ctx.content.category(category_id or "")
    return category.label[ctx.lang] if category else ctx._("Not sure")


def contact_label(draft: ReferralDraft, ctx: Context) -> str:
    _ = ctx._
    if draft.contact == "call" and draft.phone:
        return _("a call back on {phone}").format(phone=md_escape(draft.phone))
    return _("here in this chat")


def answers(draft: ReferralDraft, ctx: Context) -> list[str]:
    """What the helpline will receive, in the person's words, before they send it."""
    _ = ctx._
    lines = [
        _("- How urgent: {urgency}").format(urgency=urgency_labels(ctx).get(draft.urgency or "", "")),
        _("- Province: {region}").format(region=region_label(draft.region, ctx)),
        _("- Document: {category}").format(category=category_label(draft.category, ctx)),
        _("- Language: {language}").format(language=HELPLINE_LANGUAGE_NAMES.get(draft.language or "", "")),
        _("- How to reach you: {contact}").format(contact=contact_label(draft, ctx)),
        _("- Your Telegram name: shared") if draft.share_name else _("- Your Telegram name: not shared"),
    ]
    if draft.description:
        shown = draft.description if len(draft.description) <= 300 else draft.description[:300] + "…"
        lines.append(_("- Your words: {text}").format(text=md_escape(" ".join(shown.split()))))
    else:
        lines.append(_("- Your words: none"))
    return lines


def weekday(day: int, ctx: Context) -> str:
    _ = ctx._
    names = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
    return names[day]


def opening_hours(terms: HelplineTerms, ctx: Context) -> str:
    """ "The helpline answers Monday to Saturday, 09:00–17:00 (Pakistan time). It is closed now: …" """
    _ = ctx._
    hours = terms.hours
    runs = [
        weekday(first, ctx)
        if first == last
        else _("{first} to {last}").format(first=weekday(first, ctx), last=weekday(last, ctx))
        for first, last in hours.day_ranges()
    ]
    line = _("The helpline answers {days}, {opens}–{closes} (Pakistan time).").format(
        days=_(", ").join(runs),
        opens=_clock(hours.opens.strftime("%H:%M"), ctx),
        closes=_clock(hours.closes.strftime("%H:%M"), ctx),
    )
    if hours.is_open(ctx.now):
        return line + " " + _("It is open now.")
    return line + " " + _("It is closed now: expect an answer from {when}.").format(when=next_opening(terms, ctx))


def next_opening(terms: HelplineTerms, ctx: Context) -> str:
    _ = ctx._
    opening = terms.hours.next_opening(ctx.now)
    today = ctx.now.astimezone(PAKISTAN_TZ).date()
    at = _clock(opening.strftime("%H:%M"), ctx)
    if opening.date() == today:
        return _("today at {time}").format(time=at)
    if opening.date() == today + timedelta(days=1):
        return _("tomorrow at {time}").format(time=at)
    return _("{day} at {time}").format(day=weekday(opening.weekday(), ctx), time=at)


def call_now(ctx: Context) -> list[str]:
    """The nationwide legal-aid numbers, for when waiting is not possible."""
    _ = ctx._
    numbers = [
        f"📞 **{md_escape(c.organisation)}**: {', '.join(md_escape(p) for p in c.phones)}"
        for c in ctx.content.contacts_in("nationwide")
        if c.phones
    ]
    return [_("**If police are holding someone now, call at once:**"), *numbers] if numbers else []


def _clock(text: str, ctx: Context) -> str:
    return localize_digits(text, ctx.lang) if ctx.lang is not Language.ENGLISH else text
