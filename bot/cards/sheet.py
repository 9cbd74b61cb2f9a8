"""A `CardSummary` worded in its language and laid out as an HTML page (templates/card.html).

Labels come from the gettext catalogues, texts from the pack (via the summary); Dari and Pashto
pages are `dir="rtl"`, with Latin terms, phone numbers and dates in bidi isolates so they keep
their own order inside right-to-left lines. The same page prints as the phone PNG and the A4 PDF.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from bot.cards.qr import qr_svg
from bot.cards.summary import CardSummary, DateLine
from bot.content.review import ReviewState
from bot.domain import Language
from bot.i18n.bidi import isolate_ltr_runs, ltr
from bot.i18n.catalog import translator
from bot.i18n.dates import format_date
from bot.i18n.digits import localize_digits

Page = Literal["phone", "a4"]
FONT_STACK = '"Noto Naskh Arabic", "Noto Sans", sans-serif'  # Debian's fonts-noto-core; English pages: Latin first


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("bot.cards", "templates"), autoescape=select_autoescape(["html"]))


def card_html(summary: CardSummary, page: Page) -> str:
    lang = summary.lang
    _ = translator(lang).gettext
    return (
        environment()
        .get_template("card.html")
        .render(
            lang=lang.value,
            dir="rtl" if lang.is_rtl else "ltr",
            page=page,
            brand=_("Rahnama"),
            title=summary.title or _("Information card"),
            status_heading=_("What it means now"),
            status=[_text(s, lang) for s in summary.status],
            dates_heading=_("Dates that apply"),
            dates=[_date(d, lang) for d in summary.dates],
            todo_heading=_("Three things to do"),
            todo=[_text(t, lang) for t in summary.todo],
            help_heading=_("Free legal help"),
            helplines=summary.helplines,
            old_numbers=_("These numbers come from older sources and may have changed.")
            if summary.numbers_may_be_old
            else "",
            left_out=_("Parts of this card are still being reviewed and are left out. The bot shows what is ready.")
            if summary.left_out
            else "",
            discreet_note=_("More in the chat: scan the code.") if summary.discreet else "",
            age=age_line(summary),
            review=review_line(summary) if summary.status or summary.todo else "",
            handle=_("{handle}: help is free, and we never ask for money.").format(
                handle=ltr("@" + summary.bot_username)
            ),
            comma="،" if lang.is_rtl else ",",
            scan=_("Scan to open the bot"),
            qr=qr_svg(summary.deep_link) if summary.deep_link else "",
            deep_link=summary.deep_link,
        )
    )


def age_line(summary: CardSummary) -> str:
    """As of and age, as the chat says them: the pack's date and how many months old it is."""
    t = translator(summary.lang)
    as_of = t.gettext("Information as of {date}.").format(date=format_date(summary.as_of, summary.lang))
    age = t.ngettext(  # the chat's own age line (bot/conversation/vetting.py), word for word
        "⚠️ This information is {n} month old. Check with free legal aid before you act.",
        "⚠️ This information is {n} months old. Check with free legal aid before you act.",
        summary.age_months,
    ).format(n=localize_digits(str(summary.age_months), summary.lang))
    return f"{as_of} {age}" if summary.age_months else as_of


def review_line(summary: CardSummary) -> str:
    _ = translator(summary.lang).gettext
    if summary.review is ReviewState.SIGNED:
        return _("Checked by a legal reviewer.")
    draft = _("Draft: not yet checked by a lawyer.")
    return draft if summary.lang is Language.ENGLISH else _("Draft translation.") + " " + draft


def _date(line: DateLine, lang: Language, *, plain: bool = False) -> tuple[str, str]:
    _ = translator(lang).gettext
    when = format_date(line.day, lang)
    label = _("Coming: {date}") if line.coming else _("In force since {date}")
    return label.format(date=when), line.text if plain else _text(line.text, lang)


def _text(text: str, lang: Language) -> str:
    return isolate_ltr_runs(text) if lang.is_rtl else text


def card_text(summary: CardSummary) -> str:
    """The card as Markdown, for channels that cannot send a picture (the terminal)."""
    lang = summary.lang
    _ = translator(lang).gettext
    blocks = [f"**{summary.title or _('Information card')}**"]
    if summary.status:
        blocks.append(f"**{_('What it means now')}**\n" + "\n".join(f"- {s}" for s in summary.status))
    if summary.dates:
        lines = [f"- {when}: {what}" for when, what in (_date(d, lang, plain=True) for d in summary.dates)]
        blocks.append(f"**{_('Dates that apply')}**\n" + "\n".join(lines))
    if summary.todo:
        blocks.append(f"**{_('Three things to do')}**\n" + "\n".join(f"- {t}" for t in summary.todo))
    helplines = [
        f"- {h.organisation}: {', '.join(h.phones)}" + (f" ({h.hours})" if h.hours else "") for h in summary.helplines
    ]
    blocks.append(f"**{_('Free legal help')}**\n" + "\n".join(helplines))
    if summary.left_out:
        blocks.append(_("Parts of this card are still being reviewed and are left out. The bot shows what is ready."))
    blocks.append("\n".join(filter(None, (age_line(summary), review_line(summary), summary.deep_link))))
    return "\n\n".join(blocks)
