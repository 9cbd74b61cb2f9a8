"""The poster (`rahnama cards poster`): a QR code per document category and language, the bot's handle,
and "free, and we never ask for money" in each language, for walls in settlements and legal camps."""

from __future__ import annotations

from bot.cards.qr import qr_svg
from bot.cards.sheet import environment
from bot.cards.summary import deep_link
from bot.content import ContentPack
from bot.domain import Language
from bot.i18n.bidi import ltr
from bot.i18n.catalog import translator

LANGUAGE_NAMES = {Language.DARI: "دری", Language.PASHTO: "پښتو", Language.ENGLISH: "English"}


def poster_html(pack: ContentPack, languages: tuple[Language, ...], bot_username: str, size: str = "A4") -> str:
    handle = "@" + bot_username.lstrip("@")
    blocks = []
    for lang in languages:
        _ = translator(lang).gettext
        codes = [
            {"label": c.label[lang], "qr": qr_svg(deep_link(bot_username, lang, c.id.value))} for c in pack.categories
        ]
        blocks.append(
            {
                "lang": lang.value,
                "dir": "rtl" if lang.is_rtl else "ltr",
                "name": LANGUAGE_NAMES[lang],
                "title": _("Information about your document, your rights and free legal help"),
                "scan": _("Scan the code of your document with your phone's camera."),
                "free": _("Free, and we never ask for money."),
                "handle": _("Our only official account in Telegram is {handle}.").format(handle=ltr(handle)),
                "codes": codes,
            }
        )
    return (
        environment()
        .get_template("poster.html")
        .render(size=size, blocks=blocks, brand="Rahnama · راهنما", handle=handle)
    )
