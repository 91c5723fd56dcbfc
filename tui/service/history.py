"""Fixing the record: edit or delete a log (by id) or a check-in (by date), each one undoable
change; and a month of the history at a time (the History screen pages through years of it).

Edits keep a record's date, activity and session (a log on the wrong day is deleted and
logged again); the changed record is checked as a new one would be (LogEntry/CheckIn
validation, ``dates.check_loggable``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..core.dates import check_loggable
from ..core.errors import RehabError
from ..core.records import CheckIn, LogEntry

if TYPE_CHECKING:
    from ..storage.store import Store

LOG_FIELDS = ("status", "minutes", "pain", "foot", "note")
CHECKIN_FIELDS = ("morning_pain", "walking_pain", "numbness", "swelling", "night_pain", "callus",
                  "sore_next_day", "warmth_redness", "limping", "footwear", "note")


@dataclass(frozen=True)
class Month:
    """One calendar month of records, newest day first (what the History screen shows)."""

    first: dt.date
    days: tuple[tuple[dt.date, tuple[LogEntry, ...], CheckIn | None], ...]

    @property
    def label(self) -> str:
        return f"{self.first:%B %Y}"


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    return first, after - dt.timedelta(days=1)


def month(store: Store, day: dt.date) -> Month:
    """The month holding ``day``: one read of its logs and check-ins."""
    first, last = month_bounds(day)
    by_day: dict[dt.date, list[LogEntry]] = {}
    for log in store.logs(first, last):
        by_day.setdefault(log.date, []).append(log)
    checkins = {c.date: c for c in store.checkins(first, last)}
    dates = sorted(set(by_day) | set(checkins), reverse=True)
    return Month(first, tuple((d, tuple(by_day.get(d, ())), checkins.get(d)) for d in dates))


def get_log(store: Store, log_id: int) -> LogEntry:
    found = store.get_log(log_id)
    if found is None:
        raise RehabError(f"no logged session with id {log_id} (`rehab history` lists the ids)")
    return found


def edit_log(store: Store, log_id: int, today: dt.date, changes: dict[str, Any]) -> LogEntry:
    """The log with ``changes`` (status, minutes, pain, foot, note), saved as one undoable change."""
    unknown = set(changes) - set(LOG_FIELDS)
    if unknown:
        raise RehabError(f"a log's {', '.join(sorted(unknown))} cannot be changed; delete it and log again")
    old = get_log(store, log_id)
    check_loggable(old.date, today)
    new = replace(old, **changes)
    store.update_log(log_id, new, f"edit log {log_id} ({old.activity} on {old.date.isoformat()})")
    return new


def save_log(store: Store, entry: LogEntry, today: dt.date) -> LogEntry:
    """An edited log (from the app's log dialog: same id) saved as one undoable change."""
    if entry.id is None:
        raise RehabError("only a logged session can be edited")
    old = get_log(store, entry.id)
    return edit_log(store, entry.id, today, {f: getattr(entry, f) for f in LOG_FIELDS if getattr(entry, f)
                                                 != getattr(old, f)})


def delete_log(store: Store, log_id: int) -> LogEntry:
    old = get_log(store, log_id)
    store.delete_log(log_id, f"delete log {log_id} ({old.activity} on {old.date.isoformat()})")
    return old


def get_checkin(store: Store, day: dt.date) -> CheckIn:
    found = store.checkins(day, day)
    if not found:
        raise RehabError(f"no check-in on {day.isoformat()}")
    return found[-1]


def edit_checkin(store: Store, day: dt.date, changes: dict[str, Any]) -> CheckIn:
    unknown = set(changes) - set(CHECKIN_FIELDS)
    if unknown:
        raise RehabError(f"a check-in has no {', '.join(sorted(unknown))}")
    new = replace(get_checkin(store, day), **changes)
    store.add_checkin(new, f"edit check-in of {day.isoformat()}")
    return new


def delete_checkin(store: Store, day: dt.date) -> CheckIn:
    old = get_checkin(store, day)
    store.delete_checkin(day, f"delete check-in of {day.isoformat()}")
    return old
