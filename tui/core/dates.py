"""Dates: one strict parser, friendly words against an explicit today, week arithmetic,
and the rules for which days may be logged.

- ``parse_date`` takes ISO ``YYYY-MM-DD`` only (ASCII digits, dashes: ``20260101`` is
  refused), a real calendar date, from ``MIN_DATE`` (1900-01-01) to ``MAX_DATE``
  (2200-12-31). Inside that range ``week_start`` and ``week_start + 6 days`` (and a
  plan's few months) stay valid dates, so nothing downstream overflows.
- With ``today`` given it also takes friendly words: ``today``, ``yesterday``,
  ``tomorrow``, a weekday name (``mon``, ``monday``, ...: the latest such day on or
  before today, so ``mon`` on a Monday is today), and ``-N`` (N days ago, N up to
  36,500). Without ``today`` only ``today`` is understood (the machine's date), as before.
- ``check_loggable(day, today)``: a future day cannot be logged, swapped, timed or
  checked in, from any path, with one message.
- A log dated before the plan's start is allowed: it is kept and shown on its day
  as an unplanned entry (``sittings.unplanned_logs``) and counted in no adherence,
  because no session is scheduled there.
- ``check_checkin_day(day, today)``: the app's check-in may be made for today or a
  missed day up to ``CHECKIN_DAYS_BACK`` (7) days back.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import RehabError

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FULL_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)
CHECKIN_DAYS_BACK = 7
MAX_DAYS_AGO = 36_500

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAYS_AGO = re.compile(r"-([0-9]{1,5})")
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


def check_in_range(day: dt.date, what: str = "date") -> dt.date:
    """``day`` itself when it lies in MIN_DATE..MAX_DATE; else a RehabError."""
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise RehabError(f"{what} {day!r} is not a date")
    if not MIN_DATE <= day <= MAX_DATE:
        raise RehabError(f"{what} {day.isoformat()} is out of range; use a date from "
                         f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}")
    return day


def parse_date(text: str, what: str = "date", today: dt.date | None = None) -> dt.date:
    """A date from ISO ``YYYY-MM-DD`` (or, with ``today``, a friendly word); else a RehabError."""
    if not isinstance(text, str):
        raise RehabError(f"{what} {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-02")
    clean = text.strip()
    word = clean.lower()
    if today is not None and (word in _RELATIVE or _weekday_index(word) is not None or _DAYS_AGO.fullmatch(word)):
        return check_in_range(friendly_date(word, today), what)
    if today is None and word == "today":
        return dt.date.today()
    if not _ISO.fullmatch(clean):
        hint = " (or today, yesterday, tomorrow, a weekday name, -3)" if today is not None else ""
        raise RehabError(f"{what} {_show(text)} is not a date; use YYYY-MM-DD, e.g. 2026-03-02{hint}")
    try:
        day = dt.date.fromisoformat(clean)
    except ValueError:
        raise RehabError(f"{what} {_show(text)} does not exist (check the day and month)") from None
    return check_in_range(day, what)


def friendly_date(word: str, today: dt.date) -> dt.date:
    """``today``/``yesterday``/``tomorrow``, a weekday name (the latest on or before today)
    or ``-N`` (N days ago), against ``today``; anything else is a RehabError."""
    word = word.strip().lower()
    try:
        if word in _RELATIVE:
            return today + dt.timedelta(days=_RELATIVE[word])
        index = _weekday_index(word)
        if index is not None:
            return today - dt.timedelta(days=(today.weekday() - index) % 7)
        match = _DAYS_AGO.fullmatch(word)
        if match and int(match.group(1)) <= MAX_DAYS_AGO:
            return today - dt.timedelta(days=int(match.group(1)))
    except OverflowError:
        raise RehabError(f"{_show(word)} is out of range") from None
    raise RehabError(f"{_show(word)} is not a day; use today, yesterday, tomorrow, a weekday name or -N")


def _weekday_index(word: str) -> int | None:
    """0 for mon/monday, ... 6 for sun/sunday; also the RRULE forms mo..su; else None."""
    for i, name in enumerate(FULL_WEEKDAY_NAMES):
        if word in (name, name[:3], WEEKDAYS[i].lower()):
            return i
    return None


def _show(text: object) -> str:
    shown = repr(text)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def check_loggable(day: dt.date, today: dt.date) -> dt.date:
    """``day`` when it may be logged (today or earlier, in range); else the one RehabError."""
    check_in_range(day)
    if day > today:
        raise RehabError(f"{day.isoformat()} is in the future; only today or earlier can be logged")
    return day


def checkin_days(today: dt.date, back: int = CHECKIN_DAYS_BACK) -> list[dt.date]:
    """The days a check-in can be made for from the app: today first, then up to ``back`` days back."""
    return [today - dt.timedelta(days=i) for i in range(back + 1)]


def check_checkin_day(day: dt.date, today: dt.date, back: int = CHECKIN_DAYS_BACK) -> dt.date:
    """``day`` when the app may check in for it (today or up to ``back`` days back)."""
    check_loggable(day, today)
    if (today - day).days > back:
        raise RehabError(f"{day.isoformat()} is more than {back} days ago; a check-in can be made "
                         f"for today or the last {back} days")
    return day


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week holding day."""
    return day - dt.timedelta(days=day.weekday())


def week_days(day: dt.date) -> list[dt.date]:
    start = week_start(day)
    return [start + dt.timedelta(days=i) for i in range(7)]


def default_review_week(today: dt.date) -> dt.date:
    """The week a review is offered for: the Monday of the week just finished."""
    return week_start(today) - dt.timedelta(days=7)
