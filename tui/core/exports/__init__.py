"""Exports: calendar (ics), spreadsheet (csv), handout (md, html) and whole-data backup (json).

The CLI (`rehab export`) and the TUI's export dialog both call
:func:`render_export` with core records (or :func:`export_store` with a
Store); writing the file is theirs. Nothing here imports textual or tinydb.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import PlanError, RehabError

if TYPE_CHECKING:
    from ..records import CheckIn, LogEntry
    from ..schedule import Plan

FORMATS: dict[str, str] = {
    "ics": "calendar of the plan (RFC 5545), for calendar apps",
    "csv": "logged sessions and check-ins, one row each, for a spreadsheet",
    "md": "printable handout of the plan (Markdown)",
    "html": "printable handout of the plan (HTML, prints on A4)",
    "json": "whole-data backup (restore with `rehab restore FILE`)",
}
EXTENSIONS = {"ics": "ics", "csv": "csv", "md": "md", "html": "html", "json": "json"}


class ExportSource(Protocol):
    """What an export reads: a Store (tui/storage) or anything shaped like it."""

    def get_plan(self) -> Plan | None: ...
    def logs(self) -> list[LogEntry]: ...
    def checkins(self) -> list[CheckIn]: ...
    def log_rows(self) -> list[dict[str, Any]]: ...
    def checkin_rows(self) -> list[dict[str, Any]]: ...
    def rows_by_year(self, *, ids: bool = True,
                     ) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]: ...
    def flares(self) -> set[dt.date]: ...
    def export_all(self) -> dict[str, Any]: ...


def suggested_filename(fmt: str, today: dt.date) -> str:
    stem = "rehab-backup" if fmt == "json" else "rehab-history" if fmt == "csv" else "rehab-plan"
    return f"{stem}-{today.isoformat()}.{EXTENSIONS[fmt]}"


def _log_row(log: LogEntry) -> dict[str, Any]:
    return {**log.to_dict(), "id": log.id}


def render_export(
    fmt: str,
    plan: Plan | None = None,
    logs: Iterable[LogEntry] = (),
    checkins: Iterable[CheckIn] = (),
    flares: Iterable[dt.date] = (),
    *,
    backup: dict[str, Any] | None = None,
    alarm_minutes: int | None = None,
    at: dt.time | None = None,
    now: dt.datetime | None = None,
) -> str:
    """The export text for fmt.

    plan: a core ``Plan``; logs / checkins: core records (as the Store returns
    them); flares: dates. ``json`` needs ``backup`` (the Store's
    ``export_all()``: the whole data set as a backup document). Raises
    RehabError when the format needs a plan and there is none, or the format
    is unknown.
    """
    if fmt not in FORMATS:
        raise RehabError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        from .backup import dump_backup

        if backup is None:
            raise RehabError("a json backup needs the whole data set (use export_store)")
        return dump_backup(backup)
    if fmt == "csv":
        from .csv import history_csv

        return history_csv([_log_row(log) for log in logs], [c.to_dict() for c in checkins],
                           [day.isoformat() for day in flares])
    if plan is None:
        raise PlanError(f"no active plan to export as {fmt}; start one with "
                        "`rehab plan start metatarsalgia-conservative`")
    if fmt == "ics":
        from .ics import build_calendar

        return build_calendar(plan, alarm_minutes=alarm_minutes, at=at, now=now).decode("utf-8")
    if fmt == "html":
        from .html import handout_html

        return handout_html(plan)
    from .markdown import handout

    return handout(plan)


def export_store(fmt: str, store: ExportSource, **options: Any) -> str:
    """render_export over what a Store holds: records for ics/csv/md, every table for json."""
    if fmt == "json":
        return render_export(fmt, backup=store.export_all(), **options)
    if fmt == "csv":
        from .csv import history_csv_years

        # the stored rows as they are (what _log_row makes of a typed record), a year at a time
        return history_csv_years(store.rows_by_year(ids=False),
                                 [day.isoformat() for day in store.flares()])
    return render_export(fmt, store.get_plan(), **options)
