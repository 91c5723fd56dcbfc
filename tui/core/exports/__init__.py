"""Exports: calendar (ics), spreadsheet (csv), handout (md) and whole-data backup (json).

The CLI (`rehab export`) and the TUI's export dialog both call
:func:`render_export` (or :func:`export_store` with a Store); writing the file
is theirs. Nothing here imports textual or tinydb.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Protocol

from ..errors import PlanError, RehabError

FORMATS: dict[str, str] = {
    "ics": "calendar of the plan (RFC 5545), for calendar apps",
    "csv": "logged sessions and check-ins, one row each, for a spreadsheet",
    "md": "printable handout of the plan (Markdown)",
    "json": "whole-data backup (restore with `rehab restore FILE`)",
}
EXTENSIONS = {"ics": "ics", "csv": "csv", "md": "md", "json": "json"}


class _HasTables(Protocol):
    def export_all(self) -> dict[str, dict[str, dict]]: ...


def suggested_filename(fmt: str, today: dt.date) -> str:
    stem = "rehab-backup" if fmt == "json" else "rehab-history" if fmt == "csv" else "rehab-plan"
    return f"{stem}-{today.isoformat()}.{EXTENSIONS[fmt]}"


def render_export(
    fmt: str,
    plan: Any = None,
    logs: Iterable[dict] = (),
    checkins: Iterable[dict] = (),
    flares: Iterable[str] = (),
    *,
    tables: dict[str, dict[str, dict]] | None = None,
    alarm_minutes: int | None = None,
    at: dt.time | None = None,
    now: dt.datetime | None = None,
) -> str:
    """The export text for fmt.

    plan: a core ``Plan`` (or its dict); logs / checkins: record dicts as the
    Store returns them; flares: ISO dates. ``json`` needs ``tables`` (the
    Store's ``export_all()``). Raises RehabError when the format needs a plan
    and there is none, or the format is unknown.
    """
    if fmt not in FORMATS:
        raise RehabError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        from .backup import backup_document, dump_backup

        if tables is None:
            raise RehabError("a json backup needs every table (use export_store)")
        return dump_backup(backup_document(tables))
    if fmt == "csv":
        from .csv import history_csv

        return history_csv(logs, checkins, flares)
    if plan is None:
        raise PlanError(f"no active plan to export as {fmt}; start one with "
                        "`rehab plan start metatarsalgia-conservative`")
    from ..schedule import Plan

    if isinstance(plan, dict):
        plan = Plan.from_dict(plan)
    if fmt == "ics":
        from .ics import build_calendar

        return build_calendar(plan, alarm_minutes=alarm_minutes, at=at, now=now).decode("utf-8")
    from .markdown import handout

    return handout(plan)


def export_store(fmt: str, store: _HasTables, **options: Any) -> str:
    """render_export over everything a Store holds (one consistent snapshot)."""
    from .backup import backup_document

    tables = store.export_all()
    doc = backup_document(tables)
    return render_export(fmt, doc["plan"], doc["logs"], doc["checkins"], doc["flares"],
                         tables=tables, **options)
