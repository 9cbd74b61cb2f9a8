"""What operators read in their group, as Telegram HTML: pure text building, no I/O.

Written in the operators' language (HELPLINE_LANGUAGE). The person appears only as a keyed
pseudonym ("Person u_3f9a…") unless they agreed to show their Telegram name; their Telegram id
never appears. Everything the person wrote is escaped, so it shows exactly as written.
"""

from __future__ import annotations

import html
from datetime import datetime

from bot.content import ContentPack
from bot.domain import Language
from bot.helpline.store import Referral
from bot.i18n.catalog import translator
from bot.i18n.dates import PAKISTAN_TZ

CLAIM, CLOSE = "hlc", "hlx"  # callback data prefixes of the operators' buttons: "hlc:<number>"
TELEGRAM_TEXT_LIMIT = 4096


def person_label(pseudonym: str, lang: Language) -> str:
    return translator(lang).gettext("Person {pseudonym}").format(pseudonym=pseudonym)


def summary(referral: Referral, pseudonym: str, content: ContentPack, lang: Language, *, forum: bool) -> str:
    _ = translator(lang).gettext
    e = html.escape
    lines = []
    if referral.urgent:
        lines.append(_("🔴 <b>URGENT: detained, or police there now</b>"))
    elif referral.urgency == "order":
        lines.append(_("🟠 <b>Deportation notice</b>"))
    lines.append(
        _("<b>Referral {number}</b> · {person}").format(number=referral.number, person=e(person_label(pseudonym, lang)))
    )
    region = content.region(referral.region)
    category = content.category(referral.category)
    lines += [
        _("Province: {region}").format(region=e(region.name[lang]) if region else _("not said")),
        _("Document: {category}").format(category=e(category.label[lang]) if category else _("not sure")),
        _("Language: {language}").format(language=language_name(referral.language, lang)),
        _("Contact: {contact}").format(contact=_contact(referral, lang, forum)),
        _("Telegram name: {name}").format(name=e(referral.name) if referral.name else _("not shared")),
        _("Opened: {when} (Pakistan time)").format(when=pakistan_time(referral.opened)),
    ]
    if referral.description:
        lines += ["", _("<b>In their words:</b>"), f"<blockquote>{e(referral.description)}</blockquote>"]
    lines += ["", status_line(referral, lang), how_to_answer(lang, forum=forum)]
    return "\n".join(lines)


def status_line(referral: Referral, lang: Language) -> str:
    _ = translator(lang).gettext
    if referral.status == "closed":
        return _("✅ Closed by {who}.").format(who=html.escape(referral.closed_by or "?"))
    if referral.status == "claimed":
        return _("✋ Claimed by {who}.").format(who=html.escape(referral.claimed_by or "?"))
    return _("🆕 Open: nobody has claimed it yet.")


def how_to_answer(lang: Language, *, forum: bool) -> str:
    _ = translator(lang).gettext
    if forum:
        return _(
            "<i>Write in this topic to answer the person. "
            "Start with // for a note they do not see. /close closes it.</i>"
        )
    return _(
        "<i>Reply to this message or to the person's messages to answer them. "
        "Start with // for a note they do not see. /close closes it.</i>"
    )


def language_name(code: str, lang: Language) -> str:
    _ = translator(lang).gettext
    return {"prs": _("Dari"), "ps": _("Pashto"), "en": _("English"), "ur": _("Urdu")}.get(code, html.escape(code))


def topic_name(referral: Referral, lang: Language) -> str:
    _ = translator(lang).gettext
    if referral.urgent:
        return _("🔴 {number} URGENT").format(number=referral.number)
    if referral.urgency == "order":
        return _("🟠 {number} deportation notice").format(number=referral.number)
    return _("{number} referral").format(number=referral.number)


def from_person(referral: Referral, pseudonym: str, text: str, lang: Language) -> list[str]:
    """What the person wrote, as one or more messages in the referral's thread."""
    header = "💬 <b>{}</b> ({}):".format(
        html.escape(person_label(pseudonym, lang)),
        translator(lang).gettext("referral {number}").format(number=referral.number),
    )
    return [f"{header}\n{html.escape(part)}" for part in split_text(text, TELEGRAM_TEXT_LIMIT - 200)]


def note(lang: Language, message: str, **values: object) -> str:
    """One line for the thread, e.g. "✋ Aisha claimed this." (`message` is a catalogue msgid)."""
    escaped = {k: html.escape(str(v)) for k, v in values.items()}
    return f"<i>{translator(lang).gettext(message).format(**escaped)}</i>"


def pakistan_time(moment: datetime) -> str:
    return moment.astimezone(PAKISTAN_TZ).strftime("%Y-%m-%d %H:%M")


def split_text(text: str, limit: int) -> list[str]:
    """Plain text in pieces of at most `limit` characters, cut at a line break or space where possible."""
    pieces = []
    text = text.strip()
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text else pieces


def _contact(referral: Referral, lang: Language, forum: bool) -> str:
    _ = translator(lang).gettext
    if referral.contact == "call" and referral.phone:
        return _("call back on {phone}").format(phone=html.escape(referral.phone))
    return _("in this Telegram chat")
