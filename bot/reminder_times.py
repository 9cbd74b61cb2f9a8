"""When reminders go out: 10:00 in Pakistan on their day, never in quiet hours (22:00-07:00)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.i18n.dates import PAKISTAN_TZ

SEND_AT = time(10, 0)  # well inside waking hours, leaving ~12 h to reach everyone at 30 msg/s
QUIET_FROM, QUIET_UNTIL = time(22, 0), time(7, 0)


def due_at(day: date, days_before: int) -> datetime:
    return datetime.combine(day - timedelta(days=days_before), SEND_AT, PAKISTAN_TZ)


def is_quiet(now: datetime) -> bool:
    local = now.astimezone(PAKISTAN_TZ).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def quiet_from(now: datetime) -> datetime:
    """When quiet hours begin on `now`'s day in Pakistan: the latest a reminder sent that day may go."""
    return datetime.combine(now.astimezone(PAKISTAN_TZ).date(), QUIET_FROM, PAKISTAN_TZ)
