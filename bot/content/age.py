"""How old the pack's information is on a given day, and whether its review is overdue.

The pack is checked against its sources on `as_of` and must be checked again within
`review_every_days` (pack.yaml). Past that day every answer says how old it is: a pack nobody has
looked at for months must not read as today's news.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class PackAge:
    as_of: date
    today: date
    review_every_days: int

    @property
    def days(self) -> int:
        """Days since `as_of`; 0 on that day or before it (a clock behind the pack is not "old")."""
        return max(0, (self.today - self.as_of).days)

    @property
    def months(self) -> int:
        """Whole calendar months since `as_of` (15 March → 14 May is one month, → 15 May two)."""
        if self.today <= self.as_of:
            return 0
        months = (self.today.year - self.as_of.year) * 12 + self.today.month - self.as_of.month
        return months - (self.today.day < self.as_of.day)

    @property
    def review_due(self) -> date:
        return self.as_of + timedelta(days=self.review_every_days)

    @property
    def overdue(self) -> bool:
        """True from the day after `review_due`: the information should have been checked again by now."""
        return self.today > self.review_due


def pack_age(as_of: date, review_every_days: int, today: date) -> PackAge:
    """The age of a pack checked on `as_of`, seen on `today` (Pakistan's day)."""
    return PackAge(as_of, today, review_every_days)
