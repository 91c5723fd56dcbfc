"""Logged sessions and check-ins as one CSV table, for a spreadsheet or a clinician.

One row per logged session and one per check-in, in date order (a day's
check-in first, then its sessions in the order they were logged). Dates are
ISO (YYYY-MM-DD); yes/no flags; empty cells where a column does not apply.
"""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterable
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
    text = plain(value).replace("\t", " ")
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _yes(value: Any) -> str:
    return "yes" if value else "no"


def session_row(log: dict[str, Any], flares: set[str]) -> dict[str, str]:
    return {
        "type": "session",
        "date": str(log.get("date", "")),
        "activity": _text(log.get("activity")),
        "session_id": _text(log.get("session_id")),
        "status": _text(log.get("status")),
        "minutes": _number(log.get("minutes")),
        "pain": _number(log.get("pain")),
        "foot": _text(log.get("foot")),
        "flare_day": _yes(log.get("date") in flares),
        "note": _text(log.get("note")),
        "logged_at": _text(log.get("logged_at")),
    }


def checkin_row(checkin: dict[str, Any], flares: set[str]) -> dict[str, str]:
    row = {
        "type": "checkin",
        "date": str(checkin.get("date", "")),
        "morning_pain": _number(checkin.get("morning_pain")),
        "walking_pain": _number(checkin.get("walking_pain")),
        "footwear": _text(checkin.get("footwear")),
        "flare_day": _yes(checkin.get("date") in flares),
        "note": _text(checkin.get("note")),
        "logged_at": _text(checkin.get("logged_at")),
    }
    row.update({flag: _yes(checkin.get(flag)) for flag in CHECKIN_FLAGS})
    return row


def history_csv(logs: Iterable[dict[str, Any]], checkins: Iterable[dict[str, Any]], flares: Iterable[str] = ()) -> str:
    """The CSV text (RFC 4180: CRLF line ends, a header row)."""
    flare_days = set(flares)
    keyed: list[tuple[tuple[Any, ...], dict[str, str]]] = []
    for c in checkins:
        keyed.append(((str(c.get("date", "")), 0, 0), checkin_row(c, flare_days)))
    for n, log in enumerate(logs):
        keyed.append(((str(log.get("date", "")), 1, log.get("id") or 0, n), session_row(log, flare_days)))
    keyed.sort(key=lambda item: item[0])
    out = io.StringIO()
    writer = _csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(row for _, row in keyed)
    return out.getvalue()
