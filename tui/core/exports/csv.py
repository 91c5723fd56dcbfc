"""Logged sessions and check-ins as one CSV table, for a spreadsheet or a clinician.

One row per logged session and one per check-in, in date order (a day's
check-in first, then its sessions in the order they were logged). Dates are
ISO (YYYY-MM-DD); yes/no flags; empty cells where a column does not apply.
"""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from .text import plain

COLUMNS: tuple[str, ...] = (
    "type",          # "session" or "checkin"
    "date",          # YYYY-MM-DD
    "activity",      # activity id (sessions)
    "session_id",    # the plan session it was logged against, if any
    "status",        # done | partial | skipped (sessions)
    "minutes",       # minutes actually done (sessions)
    "pain",          # pain during the activity, 0-10 (sessions)
    "foot",          # left | right | both (sessions)
    "morning_pain",  # 0-10 (check-ins)
    "walking_pain",  # 0-10 (check-ins)
    "numbness",      # yes/no (check-ins)
    "swelling",      # yes/no (check-ins)
    "night_pain",    # yes/no (check-ins)
    "callus",        # yes/no (check-ins)
    "footwear",      # footwear worn that day (check-ins)
    "flare_day",     # yes/no: the date was marked a flare day
    "note",
    "logged_at",     # when it was recorded, ISO date-time
)

CHECKIN_FLAGS = ("numbness", "swelling", "night_pain", "callus")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str:
    """Free text, made safe to open in a spreadsheet (no formula injection)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) and value.isprintable() else plain(value).replace("\t", " ")
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _yes(value: Any) -> str:
    return "yes" if value else "no"


_SESSION_KEYS = ("type", "date", "activity", "session_id", "status", "minutes", "pain", "foot",
                 "flare_day", "note", "logged_at")
_CHECKIN_KEYS = ("type", "date", "morning_pain", "walking_pain", "footwear", "flare_day", "note",
                 "logged_at", *CHECKIN_FLAGS)


class _Cleaned(dict[Any, str]):
    """``_text`` of each value, remembered for text (ids, statuses and notes repeat): a hit is
    one dict lookup. Only text and None are kept as keys, so 1 and True never share a cell."""

    def __missing__(self, value: Any) -> str:
        text = _text(value)
        if value is None or isinstance(value, str):
            self[value] = text
        return text


class _Numbers(dict[Any, str]):
    """``_number`` of each pain score and minutes value, remembered (they repeat). Records are
    checked before they reach an export, and the schema refuses booleans there, so True never
    meets 1 here; it is still never kept as a key."""

    def __missing__(self, value: Any) -> str:
        text = _number(value)
        if not isinstance(value, bool):
            self[value] = text
        return text


_NUMBERS = _Numbers()


def session_cells(log: dict[str, Any], flares: set[str], cleaned: _Cleaned | None = None) -> list[str]:
    """A logged session's row, one cell per column of COLUMNS (empty where it does not apply)."""
    text = (cleaned if cleaned is not None else _Cleaned()).__getitem__
    number = _NUMBERS.__getitem__
    get = log.get
    day = get("date", "")
    return ["session", str(day), text(get("activity")), text(get("session_id")),
            text(get("status")), number(get("minutes")), number(get("pain")),
            text(get("foot")), "", "", "", "", "", "", "", "yes" if day in flares else "no",
            text(get("note")), text(get("logged_at"))]


def checkin_cells(checkin: dict[str, Any], flares: set[str], cleaned: _Cleaned | None = None) -> list[str]:
    """A check-in's row, one cell per column of COLUMNS (empty where it does not apply)."""
    text = (cleaned if cleaned is not None else _Cleaned()).__getitem__
    get = checkin.get
    day = get("date", "")
    return ["checkin", str(day), "", "", "", "", "", "", _number(get("morning_pain")),
            _number(get("walking_pain")), _yes(get("numbness")), _yes(get("swelling")),
            _yes(get("night_pain")), _yes(get("callus")), text(get("footwear")), _yes(day in flares),
            text(get("note")), text(get("logged_at"))]


def session_row(log: dict[str, Any], flares: set[str]) -> dict[str, str]:
    row = dict(zip(COLUMNS, session_cells(log, flares), strict=True))
    return {key: row[key] for key in _SESSION_KEYS}


def checkin_row(checkin: dict[str, Any], flares: set[str]) -> dict[str, str]:
    row = dict(zip(COLUMNS, checkin_cells(checkin, flares), strict=True))
    return {key: row[key] for key in _CHECKIN_KEYS}


def _year_cells(logs: list[dict[str, Any]], checkins: list[dict[str, Any]], flares: set[str],
                cleaned: _Cleaned) -> Iterator[list[str]]:
    """One year's rows in order, from logs by (date, id) and check-ins by date: a merge."""
    at, count = 0, len(checkins)
    for log in logs:
        day = log.get("date", "")
        while at < count and checkins[at].get("date", "") <= day:
            yield checkin_cells(checkins[at], flares, cleaned)
            at += 1
        yield session_cells(log, flares, cleaned)
    for checkin in checkins[at:]:
        yield checkin_cells(checkin, flares, cleaned)


def history_csv_years(years: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
                      flares: Iterable[str] = ()) -> str:
    """``history_csv`` of records given a year at a time, oldest first, each year's logs by
    (date, id) and check-ins by date (as the Store keeps them): the same text, but only one
    year's rows are ever held (an export of 20 years)."""
    flare_days = set(flares)
    cleaned = _Cleaned()
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for logs, checkins in years:
        writer.writerows(_year_cells(logs, checkins, flare_days, cleaned))
    return out.getvalue()


def history_csv(logs: Iterable[dict[str, Any]], checkins: Iterable[dict[str, Any]],
                flares: Iterable[str] = ()) -> str:
    """The CSV text (RFC 4180: CRLF line ends, a header row)."""
    flare_days = set(flares)
    cleaned = _Cleaned()
    keyed: list[tuple[tuple[Any, ...], list[str]]] = []
    for c in checkins:
        keyed.append(((str(c.get("date", "")), 0, 0), checkin_cells(c, flare_days, cleaned)))
    for n, log in enumerate(logs):
        keyed.append(((str(log.get("date", "")), 1, log.get("id") or 0, n),
                      session_cells(log, flare_days, cleaned)))
    keyed.sort(key=lambda item: item[0])
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row for _, row in keyed)
    return out.getvalue()
