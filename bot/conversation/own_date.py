"""A date of the person's own (visa expiry, appointment) that they want reminders before.

Only the kind and the day are kept, never a document number or a place: that is all a reminder
needs, and all a checked phone or a leaked database could reveal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = ("visa", "appointment")
MAX_OWN_DATES = 3  # enough for a visa and an appointment or two; a cap keeps the record small


@dataclass(frozen=True, slots=True)
class OwnDate:
    slot: int  # 1..MAX_OWN_DATES: the handle the delete button carries
    kind: str  # one of KINDS
    day: date
