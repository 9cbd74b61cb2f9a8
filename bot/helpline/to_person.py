"""What the person receives from the helpline side, in the language they read: pure text building.

An operator's words are theirs: they are sent as plain text (escaped), after a label from the
catalogue that says who is writing, never parsed as formatting.
"""

from __future__ import annotations

import html

from bot.conversation.navigation import go
from bot.conversation.replies import Button, Reply, md_escape
from bot.domain import Language
from bot.helpline.store import Referral
from bot.helpline.summary import TELEGRAM_TEXT_LIMIT, split_text
from bot.i18n.bidi import isolate_ltr_runs
from bot.i18n.catalog import translator
from bot.i18n.digits import localize_digits
from bot.safety.discreet import opened, opening


def from_helpline(referral: Referral, text: str, *, discreet: bool = True) -> list[str]:
    """An operator's message as Telegram HTML messages, each starting with the "Helpline" label.

    Discreet mode: the first message opens with the neutral line, so a lock screen never shows "Helpline"."""
    lang = referral.lang
    label = translator(lang).gettext("💬 Helpline (request {number}):").format(number=_number(referral.number, lang))
    label = isolate_ltr_runs(label) if lang.is_rtl else label
    chunks = split_text(text, TELEGRAM_TEXT_LIMIT - 200)
    parts = [f"<b>{html.escape(label)}</b>\n{html.escape(part)}" for part in chunks]
    if discreet and parts:
        parts[0] = f"{html.escape(opening(lang))}\n\n{parts[0]}"
    return parts


def claimed(referral: Referral, *, discreet: bool = True) -> Reply:
    _ = translator(referral.lang).gettext
    lines = [_("A person from the helpline has taken your request {number}.").format(number=_n(referral))]
    if referral.contact == "call" and referral.phone:
        lines.append(
            _("They will call you on {phone}. You can also write to them here.").format(phone=md_escape(referral.phone))
        )
    else:
        lines.append(_("They will write to you here. What you write in this chat now goes to them."))
    return Reply(opened("\n\n".join(lines), referral.lang, discreet=discreet), lang=referral.lang)


def closed(referral: Referral, *, discreet: bool = True) -> Reply:
    _ = translator(referral.lang).gettext
    text = _(
        "The helpline has closed your request {number}. What you write here no longer goes to them. "
        "If you need help again, choose “Talk to a person” in the menu."
    ).format(number=_n(referral))
    text = opened(text, referral.lang, discreet=discreet)
    return Reply(text, lang=referral.lang, buttons=((Button(_("☰ Menu"), go("menu")),),))


def _n(referral: Referral) -> str:
    return _number(referral.number, referral.lang)


def _number(number: int, lang: Language) -> str:
    return localize_digits(str(number), lang)
