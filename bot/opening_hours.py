"""When a service answers: the same hours on some weekdays, in Pakistan time.

Configured as text (`HELPLINE_HOURS="09:00-17:00"`, `HELPLINE_DAYS="Mon-Sat"`; days may be a list of
ranges such as "Mon-Thu,Sat", and a range may wrap round the week, "Sat-Thu"). Used to tell a
person honestly whether anyone will read their request now, and if not, from when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import IntEnum

from bot.i18n.dates import PAKISTAN_TZ

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # datetime.weekday() order


@dataclass(frozen=True)
class OpeningHours:
    opens: time
    closes: time
    days: tuple[int, ...]
    """Weekdays it is open, 0 = Monday, in week order."""

    @classmethod
    def parse(cls, hours: str, days: str) -> OpeningHours:
        """`hours` like "09:00-17:00" (closing after opening, same day); `days` like "Mon-Sat" or "Sat-Thu,Fri"."""
        start, sep, end = hours.replace(" ", "").partition("-")
        if not sep:
            raise ValueError(f"opening hours {hours!r}: expected HH:MM-HH:MM")
        opens, closes = _time(start, hours), _time(end, hours)
        if closes <= opens:
            raise ValueError(f"opening hours {hours!r}: closing time must be after opening time")
        found: set[int] = set()
        for part in days.replace(" ", "").lower().split(","):
            first, sep, last = part.partition("-")
            a, b = _day(first, days), _day(last, days) if sep else _day(first, days)
            found.update((a + i) % 7 for i in range((b - a) % 7 + 1))
        return cls(opens, closes, tuple(sorted(found)))

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(PAKISTAN_TZ)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, now: datetime) -> datetime:
        """The next moment it opens, in Pakistan time (`now` itself when open)."""
        local = now.astimezone(PAKISTAN_TZ)
        if self.is_open(now):
            return local
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            opening = datetime.combine(day, self.opens, PAKISTAN_TZ)
            if day.weekday() in self.days and opening > local:
                return opening
        raise AssertionError("opening hours without a single day")  # parse() never builds one

    def day_ranges(self) -> list[tuple[int, int]]:
        """The open days as (first, last) runs, e.g. Mon-Sat → [(0, 5)]; a run may wrap (Sat-Thu → [(5, 3)])."""
        days = set(self.days)
        if len(days) == 7:
            return [(0, 6)]
        starts = [d for d in range(7) if d in days and (d - 1) % 7 not in days]
        runs = []
        for start in starts:
            end = start
            while (end + 1) % 7 in days:
                end = (end + 1) % 7
            runs.append((start, end))
        return runs


class Answering(IntEnum):
    """Whether a number answers at some moment, in the order an emergency card lists them."""

    ALWAYS = 0  # 24 hours, every day
    OPEN = 1  # inside its hours on one of its days
    MAYBE = 2  # its hours are unknown, or inside its hours on a day the source does not give
    CLOSED = 3


@dataclass(frozen=True)
class Opening:
    """When a contact answers, as its source says: 24/7, hours on given days, hours on days the
    source does not give (`days_known` False), or nothing known (`hours` None)."""

    always: bool = False
    hours: OpeningHours | None = None
    days_known: bool = True

    def at(self, now: datetime) -> Answering:
        if self.always:
            return Answering.ALWAYS
        if self.hours is None:
            return Answering.MAYBE
        if self.days_known:
            return Answering.OPEN if self.hours.is_open(now) else Answering.CLOSED
        local = now.astimezone(PAKISTAN_TZ).time()
        return Answering.MAYBE if self.hours.opens <= local < self.hours.closes else Answering.CLOSED


ALWAYS_OPEN = Opening(always=True)
UNKNOWN_HOURS = Opening()
EVERY_DAY = "Mon-Sun"


def _time(text: str, whole: str) -> time:
    try:
        hour, minute = (int(x) for x in text.split(":"))
        return time(hour, minute)
    except ValueError:
        raise ValueError(f"opening hours {whole!r}: {text!r} is not a time like 09:00") from None


def _day(text: str, whole: str) -> int:
    if len(text) < 3 or text[:3] not in WEEKDAYS:
        raise ValueError(f"opening days {whole!r}: {text!r} is not a weekday like Mon")
    return WEEKDAYS.index(text[:3])
