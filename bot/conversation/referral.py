"""The helpline referral as the conversation sees it, as plain data.

- `HelplineTerms`: what the deployment promises (hours, how long texts are kept); none: no helpline.
- `ReferralDraft`: the answers given so far, kept in the person's state while they answer.
- `ReferralView`: their open referral, read by the channel from the helpline store before each step.
- Effects the conversation asks the channel to carry out (`OpenReferral`, `RelayToHelpline`,
  `WithdrawReferral`) and the outcomes the channel reports back as events (`ReferralOpened`, …),
  which the conversation answers in the person's language. An effect whose outcome the person must
  hear about rides on a reply without text; the outcome's reply says what happened.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime

from bot.conversation.effects import Effect
from bot.conversation.events import Event
from bot.domain import Language
from bot.opening_hours import OpeningHours

URGENCIES = ("now", "order", "other")  # detained or police now / deportation notice / something else
CONTACT_WAYS = ("chat", "call")
HELPLINE_LANGUAGES = ("prs", "ps", "en", "ur")
NOT_SAID = "other"  # "somewhere else / not sure / I'd rather not say", for region and document
DESCRIPTION_LIMIT = 2000  # characters; the operators' summary must fit one Telegram message


@dataclass(frozen=True)
class HelplineTerms:
    hours: OpeningHours
    retention_days: int = 30
    organisation: str = ""  # who runs it, named on the consent screen when set


@dataclass(frozen=True)
class ReferralDraft:
    urgency: str | None = None
    region: str | None = None
    category: str | None = None
    language: str | None = None
    contact: str | None = None
    phone: str | None = None  # international form ("+92 300 1234567"), only for a call back
    share_name: bool | None = None
    description: str | None = None  # None: not asked yet; "": skipped

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> ReferralDraft | None:
        """Rebuild a stored draft; anything malformed is dropped (the person starts again)."""
        if not text:
            return None
        try:
            data = json.loads(text)
            names = {f.name for f in fields(cls)}
            draft = cls(**{k: v for k, v in data.items() if k in names})
        except (ValueError, TypeError):
            return None
        return draft if draft.valid() else None

    def valid(self) -> bool:
        return (
            self.urgency in (None, *URGENCIES)
            and self.language in (None, *HELPLINE_LANGUAGES)
            and self.contact in (None, *CONTACT_WAYS)
            and all(v is None or (isinstance(v, str) and len(v) <= 40) for v in (self.region, self.category))
            and (self.phone is None or (isinstance(self.phone, str) and self.phone.startswith("+")))
            and self.share_name in (None, True, False)
            and (self.description is None or isinstance(self.description, str))
        )


@dataclass(frozen=True)
class ReferralView:
    """The person's open referral. Not stored with the state: the channel reads it before each step."""

    number: int
    claimed: bool
    contact: str
    opened: datetime


# --- effects: what the channel does for the conversation ---------------------------------------


@dataclass(frozen=True)
class OpenReferral(Effect):
    draft: ReferralDraft
    lang: Language  # the language the person reads, for what the helpline sends back


@dataclass(frozen=True)
class RelayToHelpline(Effect):
    number: int
    text: str


@dataclass(frozen=True)
class WithdrawReferral(Effect):
    number: int


# --- outcomes: what the channel reports back ----------------------------------------------------


@dataclass(frozen=True)
class ReferralOpened(Event):
    number: int
    draft: ReferralDraft


@dataclass(frozen=True)
class ReferralNotOpened(Event):
    open_number: int | None = None  # they have this one open already; None: the helpline was unreachable


@dataclass(frozen=True)
class Relayed(Event):
    delivered: bool


@dataclass(frozen=True)
class ReferralWithdrawn(Event):
    number: int
