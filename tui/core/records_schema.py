"""One schema for every stored record, used on load (storage) and on restore (backups).

A record is the JSON object a data file or a backup holds for a logged
session, a check-in, a flare day, a setting, the plan or an undo step. Each
field has a type, a range and a size cap; an unknown field is refused, dates
are real calendar dates from 1900 to 2200, ids are whole numbers of 1 or more.
:func:`record_problem` returns what is wrong with one record in a short phrase
(``pain "7" is not a whole number from 0 to 10``) or None; callers add the file
and the record's id. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

import orjson

from .dates import MAX_DATE, MIN_DATE
from .records import FEET, MAX_MINUTES, MIN_MINUTES, STATUSES

FIRST_YEAR, LAST_YEAR = MIN_DATE.year, MAX_DATE.year  # the one date rule (tui.core.dates)
NOTE_CHARS = 2000
NAME_CHARS = 2000
SETTING_BYTES = 64 * 1024
PLAN_BYTES = 1024 * 1024
ID_TEXT = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,127}$")
UNDO_KINDS = ("log-add", "log-delete", "log-update", "checkin", "plan", "flare", "restore")

Check = Callable[[Any], "str | None"]


def _show(value: Any) -> str:
    try:
        text = orjson.dumps(value).decode() if not isinstance(value, str) else f'"{value}"'
    except (TypeError, orjson.JSONEncodeError):  # e.g. a whole number past 64 bits
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_day(value: Any) -> dt.date | None:
    """A YYYY-MM-DD string of a real date from 1900 to 2200, else None."""
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def _date(value: Any) -> str | None:
    if parse_day(value) is None:
        return f"{_show(value)} is not a YYYY-MM-DD date from {FIRST_YEAR} to {LAST_YEAR}"
    return None


def _pain(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        return f"{_show(value)} is not a whole number from 0 to 10"
    return None


def _optional(check: Check) -> Check:
    def run(value: Any) -> str | None:
        return None if value is None else check(value)
    return run


def _text(limit: int) -> Check:
    def run(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"{_show(value)} is not text"
        if len(value) > limit:
            return f"is {len(value)} characters long (at most {limit})"
        return None
    return run


def _one_of(choices: tuple[str, ...]) -> Check:
    def run(value: Any) -> str | None:
        return None if value in choices else f"{_show(value)} is not one of {', '.join(choices)}"
    return run


def _ident(value: Any) -> str | None:
    if not isinstance(value, str) or not ID_TEXT.match(value):
        return f"{_show(value)} is not an id (lower-case letters, digits and -, at most 128)"
    return None


def _minutes(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not MIN_MINUTES <= value <= MAX_MINUTES:
        return f"{_show(value)} is not a number of minutes from {MIN_MINUTES:g} to {MAX_MINUTES}"
    return None


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"{_show(value)} is not true or false"


def _stamp(value: Any) -> str | None:
    if isinstance(value, str) and len(value) <= 40:
        try:
            dt.datetime.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"{_show(value)} is not a date and time (YYYY-MM-DDTHH:MM:SS)"


def _json_capped(limit: int) -> Check:
    def run(value: Any) -> str | None:
        try:
            size = len(orjson.dumps(value))
        except (TypeError, orjson.JSONEncodeError):
            return "is not plain JSON"
        return None if size <= limit else f"is {size} bytes (at most {limit})"
    return run


def _revision(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"{_show(value)} is not a whole number of 0 or more"
    return None


def _plan(value: Any) -> str | None:
    if not isinstance(value, dict) or not isinstance(value.get("template"), dict):
        return "is not a plan (an object with a template)"
    if _date(value.get("start")) is not None:
        return f"start {_date(value.get('start'))}"
    return _json_capped(PLAN_BYTES)(value)


def _undo_payload(value: Any) -> str | None:
    return None if isinstance(value, dict) else "is not an object"


# field -> (check, required)
SCHEMAS: dict[str, dict[str, tuple[Check, bool]]] = {
    "logs": {
        "date": (_date, True), "activity": (_ident, True), "status": (_one_of(STATUSES), False),
        "session_id": (_optional(_ident), False), "minutes": (_optional(_minutes), False),
        "pain": (_optional(_pain), False), "foot": (_optional(_one_of(FEET)), False),
        "note": (_text(NOTE_CHARS), False), "logged_at": (_stamp, False),
    },
    "checkins": {
        "date": (_date, True), "morning_pain": (_pain, True),
        "walking_pain": (_optional(_pain), False), "numbness": (_flag, False),
        "swelling": (_flag, False), "night_pain": (_flag, False), "callus": (_flag, False),
        "sore_next_day": (_flag, False), "warmth_redness": (_flag, False), "limping": (_flag, False),
        "footwear": (_optional(_text(NAME_CHARS)), False), "note": (_text(NOTE_CHARS), False),
        "logged_at": (_stamp, False),
    },
    "flares": {"date": (_date, True)},
    "settings": {"key": (_text(64), True), "value": (_json_capped(SETTING_BYTES), True)},
    "plan": {"plan": (_plan, True), "revision": (_revision, False)},
    "undo": {"label": (_text(NAME_CHARS), True), "kind": (_one_of(UNDO_KINDS), True),
             "payload": (_undo_payload, True)},
}
TABLES = tuple(SCHEMAS)


def record_fault(table: str, doc: Any) -> tuple[str | None, str] | None:
    """(field or None, what is wrong) for one record of ``table``, or None if it is sound."""
    schema = SCHEMAS.get(table)
    if schema is None:
        return None, f"unknown table {table!r}"
    if not isinstance(doc, dict):
        return None, "is not an object"
    for name in doc:
        if name not in schema:
            return None, f"unknown field {_show(name)}"
    for name, (check, required) in schema.items():
        if name not in doc:
            if required:
                return name, "is missing"
            continue
        problem = check(doc[name])
        if problem is not None:
            return name, problem
    return None


def record_problem(table: str, doc: Any) -> str | None:
    """What is wrong with one record of ``table`` (a short phrase), or None."""
    fault = record_fault(table, doc)
    if fault is None:
        return None
    field, problem = fault
    return problem if field is None else f"{field} {problem}"


def id_problem(key: Any) -> str | None:
    """A record id as stored: the text of a whole number of 1 or more."""
    if isinstance(key, str) and key.isdigit() and key[0] != "0" and len(key) <= 12:
        return None
    if isinstance(key, int) and not isinstance(key, bool) and 0 < key < 10**12:
        return None
    return f"id {_show(key)} is not a whole number of 1 or more"


def table_problem(table: str, docs: Any) -> str | None:
    """The first problem in a whole table ``{"<id>": record}``, naming the record, or None.

    Besides each record: ids are whole numbers, and there is one check-in per
    date and one flare per date.
    """
    if not isinstance(docs, dict):
        return f"{table} is not an object of records"
    one_per_date = table in ("checkins", "flares")
    seen: set[str] = set()
    for key, doc in docs.items():
        problem = id_problem(key) or record_problem(table, doc)
        if problem is not None:
            return f"{table} record {key} is damaged: {problem}"
        if one_per_date:
            day = doc["date"]
            if day in seen:
                return f"{table} record {key} is damaged: a second {table[:-1]} for {day}"
            seen.add(day)
    return None
