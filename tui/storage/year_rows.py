"""Logs and check-ins a year at a time, for reads of the whole history (exports, ``history --json``).

Each year's parts (one file, or a file per month of the newest year) are read once and let
go (``DataDir.part_once``), so 20 years are held one year at a time. Read under the data
dir's lock: no commit retires a part file in between.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from . import undo as undo_steps
from .datadir import DataDir
from .layout import Manifest, iso_day, part_span, parts_between

Rows = list[dict[str, Any]]


def in_range(docs: dict[str, dict[str, Any]] | None, lo: str | None,
             hi: str | None, part: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(key, doc) of the dated ``docs`` from ``lo`` to ``hi`` (ISO days, None: open); all of
    them, unread, when the range covers the whole span of their ``part``."""
    if part is not None:
        first, last = part_span(part)
        lo, hi = (None if lo is None or lo <= first else lo), (None if hi is None or hi >= last else hi)
    if lo is None and hi is None:
        return list((docs or {}).items())
    return [(key, doc) for key, doc in (docs or {}).items()
            if (lo is None or doc["date"] >= lo) and (hi is None or doc["date"] <= hi)]


def by_date(items: list[tuple[str, dict[str, Any]]], *, ids: bool) -> list[tuple[str, dict[str, Any]]]:
    """``items`` by date, then (``ids``) by numeric id: two sorts keyed by C functions, the
    second stable, in place of one keyed by a Python lambda (60,000 records: a third the time)."""
    if ids:
        items.sort(key=_numeric_key)
    dates = [doc["date"] for _, doc in items]
    return [items[i] for i in sorted(range(len(items)), key=dates.__getitem__)]


def _numeric_key(kv: tuple[str, dict[str, Any]]) -> int:
    return int(kv[0])


def rows_by_year(datadir: DataDir, start: dt.date | None, end: dt.date | None, *,
                 ids: bool = True) -> Iterator[tuple[Rows, Rows]]:
    """(log rows by date and id, check-in rows by date) of each year in the range, oldest first
    (the parts of one year read together); ``ids=False``: the logs without their ids, the
    stored dicts themselves (read only)."""
    log_row = undo_steps.log_row if ids else undo_steps.log_doc
    lo, hi = (None if start is None else iso_day(start)), (None if end is None else iso_day(end))
    manifest = datadir.manifest() or Manifest()
    years: dict[str, list[str]] = {}
    for part in parts_between(manifest, lo, hi):
        years.setdefault(part[:4], []).append(part)
    for parts in years.values():
        logs: list[tuple[str, dict[str, Any]]] = []
        checkins: list[tuple[str, dict[str, Any]]] = []
        for name in parts:
            tables = datadir.part_once(manifest, name)
            logs += in_range(tables.get("logs"), lo, hi, name)
            checkins += in_range(tables.get("checkins"), lo, hi, name)
        logs, checkins = by_date(logs, ids=True), by_date(checkins, ids=False)
        yield ([log_row(key, doc, datadir.manifest_path) for key, doc in logs],
               [undo_steps.checkin_row(key, doc, datadir.manifest_path) for key, doc in checkins])
