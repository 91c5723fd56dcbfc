"""Date parsing and week arithmetic."""

from __future__ import annotations

import datetime as dt

from .errors import RehabError

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_date(text: str, what: str = "date") -> dt.date:
    """Parse YYYY-MM-DD; a date that does not exist is a RehabError."""
    text = (text or "").strip()
    if text.lower() == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        raise RehabError(f"{what} {text!r} does not exist (check the day and month)")
    raise RehabError(f"{what} {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-02")


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week holding day."""
    return day - dt.timedelta(days=day.weekday())


def week_days(day: dt.date) -> list[dt.date]:
    start = week_start(day)
    return [start + dt.timedelta(days=i) for i in range(7)]
