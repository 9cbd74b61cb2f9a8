"""Everything a screen needs to render, gathered once per step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.content import ContentPack
from bot.conversation.referral import HelplineTerms
from bot.domain import Language
from bot.i18n.catalog import translator
from bot.i18n.dates import days_until, format_date, today_in_pakistan
from bot.i18n.digits import localize_digits


@dataclass(frozen=True)
class Deployment:
    """What the organisation running the bot decides, as opposed to what the person does."""

    bot_handle: str | None = None  # the official @handle, so people can tell the real bot from copies
    strict: bool = False  # serve only signed-off texts
    helpline: HelplineTerms | None = None  # the legal-aid helpline people can be referred to, if any
    provenance_days: int = 90  # how long "did this come from us?" remembers what the bot sent


@dataclass(frozen=True)
class Context:
    content: ContentPack
    now: datetime
    lang: Language
    deployment: Deployment = Deployment()

    @property
    def bot_handle(self) -> str | None:
        return self.deployment.bot_handle

    @property
    def _(self) -> Callable[[str], str]:
        return translator(self.lang).gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translator(self.lang).ngettext(singular, plural, n)

    def date(self, d: date) -> str:
        return format_date(d, self.lang)

    def number(self, n: int) -> str:
        return localize_digits(str(n), self.lang)

    def days_until(self, d: date) -> int:
        return days_until(d, self.now)

    @property
    def today(self) -> date:
        """The day in Pakistan: deadlines and the pack's age are counted in Pakistan's days."""
        return today_in_pakistan(self.now)
