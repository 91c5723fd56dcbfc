"""RehabService: every flow the CLI and the TUI share, over one Store, a clock and the template folders.

The interfaces (tui/cli, tui/app) only parse input and render what this
returns: core records and plain dataclasses. Nothing here prints or imports
textual or argparse. The store opens on first use, so commands that need no
data (``rehab locate``) never create the data dir.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.activities import get_activity
from ..core.dates import check_loggable
from ..core.errors import PlanError, RehabError
from ..core.records import CheckIn, LogEntry
from ..core.redflags import Flag, active_flags, find_flags
from ..core.schedule import Plan
from ..storage.due_cache import flags_now
from ..storage.store import PlanEdit, Store
from . import log_notices, review_offer
from .lazy import lazy_module

if TYPE_CHECKING:  # loaded on first use, so that `rehab log` starts fast
    from ..core import sources
    from ..core.sources import TemplateCatalog, TemplateEntry
    from ..core.templates import Template
    from . import history as histories
    from . import library, progress, results
    from . import review as reviews
    from . import swap as swaps
    from . import week as weeks
    from .results import History, HistoryRows, Overview, Restored
    from .template_dirs import TemplateDirs
else:
    sources = lazy_module("tui.core.sources")
    histories = lazy_module("tui.service.history")
    library, progress = lazy_module("tui.service.library"), lazy_module("tui.service.progress")
    reviews, swaps = lazy_module("tui.service.review"), lazy_module("tui.service.swap")
    weeks = lazy_module("tui.service.week")
    results = lazy_module("tui.service.results")  # the dataclasses of what some flows return
SUMMARY_DAYS = 28  # tui.core.stats.SUMMARY_DAYS (a test checks they agree)

Today = Callable[[], dt.date]
FOOTWEAR_MAX = 60
NO_PLAN = "no active plan; start one with `rehab plan start metatarsalgia-conservative`"


def active_flag_list(plan: Plan, today: dt.date, logs: list[LogEntry], checkins: list[CheckIn],
                     clinician_seen_on: dt.date | None = None) -> list[Flag]:
    """The red flags active today (the week view swaps impact sessions while there are any):
    those seen after the day a clinician saw the foot, as the review counts them."""
    return active_flags(find_flags(checkins, logs, today, plan), clinician_seen_on)


def footwear_name(text: str | None) -> str | None:
    """A footwear name with its spaces tidied, or None when blank; over 60 characters is refused."""
    name = " ".join((text or "").split())
    if len(name) > FOOTWEAR_MAX:
        raise RehabError(f"a footwear name has {FOOTWEAR_MAX} characters at most")
    return name or None


class RehabService:
    def __init__(self, data_dir: Path, today: Today, templates: TemplateDirs, *,
                 fsync: bool = True, store: Store | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.templates_dirs = templates
        self._today = today
        self._fsync = fsync
        self._store = store

    # --- the store and the clock ----------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.data_dir, fsync=self._fsync)
        return self._store

    @property
    def data_file(self) -> Path:
        return self.store.path

    def today(self) -> dt.date:
        return self._today()

    def stamp(self) -> object:
        return self.store.stamp()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # --- plan ---------------------------------------------------------------------
    def plan(self) -> Plan | None:
        return self.store.get_plan()

    def require_plan(self) -> Plan:
        plan = self.plan()
        if plan is None:
            raise PlanError(NO_PLAN)
        return plan

    def plan_revision(self) -> int:
        return self.store.plan_revision()

    def start_plan(self, template: dict[str, Any], start: dt.date, label: str | None = None) -> Plan:
        plan = Plan.start_from_template(template, start)
        self.store.set_plan(plan, label or f"start plan {template['id']} on {start.isoformat()}")
        return plan

    def edit_plan(self, edit: Callable[[Plan], Plan], label: str,
                  seen_revision: int | None = None) -> PlanEdit:
        return self.store.edit_plan(edit, label, seen_revision)

    def undo(self) -> str | None:
        return self.store.undo()

    # --- the week -----------------------------------------------------------------
    def week(self, day: dt.date, plan: Plan | None = None) -> weeks.Week:
        """The Mon-Sun week holding ``day``: one read of its logs, flares (and red-flag records)."""
        today = self.today()
        monday = weeks.week_start(day)
        logs = self.store.logs(monday, monday + dt.timedelta(days=6))
        flags = flags_now(self.store, plan, today) if monday + dt.timedelta(days=6) >= today else []
        return weeks.build_week(plan, day, today, logs, self.store.flares(), flags)

    def overview(self, day: dt.date, plan: Plan | None, now: dt.time | None = None) -> Overview:
        """What the main screen shows after a data change: the week holding ``day`` and the
        progress figures, one read of each table (``now``: the time, for timed sittings)."""
        today = self.today()
        monday = weeks.week_start(day)
        sunday = monday + dt.timedelta(days=6)
        flares = self.store.flares()
        if plan is None:
            return results.Overview(weeks.build_week(None, day, today, self.store.logs(monday, sunday), flares), None)
        (log_from, log_to), (checkin_from, checkin_to) = progress.record_ranges(plan, today)
        logs = self.store.logs(min(log_from, monday), max(log_to, sunday))
        week_logs = [log for log in logs if monday <= log.date <= sunday]
        window_logs = [log for log in logs if log_from <= log.date <= log_to]
        checkins = self.store.checkins(checkin_from, checkin_to)
        seen_on = self.clinician_seen_on()
        figures = progress.figures_from(plan, today, window_logs, checkins, flares, now=now, clinician_seen_on=seen_on)
        flags = active_flag_list(plan, today, window_logs, checkins, seen_on) if sunday >= today else []
        return results.Overview(weeks.build_week(plan, day, today, week_logs, flares, flags), figures)

    # --- records ------------------------------------------------------------------
    def log_activity(self, activity_id: str, day: dt.date, status: str = "done",
                     minutes: float | None = None, pain: int | None = None,
                     foot: str | None = None, note: str = "") -> LogEntry:
        """Log an activity on a day, against the plan's session of that activity if there is one."""
        activity = get_activity(activity_id)
        plan = self.plan()
        sessions = plan.sessions_on(day) if plan is not None else []
        session_id = next((s.session_id for s in sessions if s.activity_id == activity.id), None)
        entry = LogEntry(date=day, activity=activity.id, status=status, session_id=session_id,
                         minutes=minutes, pain=pain, foot=foot, note=note)
        self.add_log(entry)
        return entry

    def add_log(self, entry: LogEntry, label: str | None = None) -> int:
        """Add one log (one sitting); a future day is refused (dates.check_loggable, every path)."""
        check_loggable(entry.date, self.today())
        return self.store.add_log(entry, label)

    def checkin(self, entry: CheckIn) -> None:
        """Save the day's check-in (replacing an earlier one); a future day is refused."""
        check_loggable(entry.date, self.today())
        self.store.add_checkin(entry)

    def checkin_on(self, day: dt.date) -> CheckIn | None:
        found = self.store.checkins(day, day)
        return found[-1] if found else None

    def last_footwear(self, day: dt.date, days: int = 14) -> str:
        """The footwear of the newest check-in of the ``days`` up to ``day`` ("" if none)."""
        recent = self.store.checkins(day - dt.timedelta(days=days), day)
        return next((c.footwear for c in reversed(recent) if c.footwear), "")

    def flares(self) -> set[dt.date]:
        return self.store.flares()

    def set_flare(self, day: dt.date, on: bool) -> bool:
        """Mark or unmark a flare day (undoable); False when it already was as asked."""
        if (day in self.store.flares()) == on:
            return False
        self.store.set_flare(day, on)
        return True

    def footwear(self) -> list[str]:
        return self.store.footwear()

    def add_footwear(self, text: str | None) -> str:
        name, names = self._footwear_arg(text), self.footwear()
        if name in names:
            raise RehabError(f"{name!r} is already on your list")
        self.store.set_footwear([*names, name])
        return name

    def remove_footwear(self, text: str | None) -> str:
        name, names = self._footwear_arg(text), self.footwear()
        if name not in names:
            raise RehabError(f"{name!r} is not on your list (`rehab footwear` lists it)")
        self.store.set_footwear([n for n in names if n != name])
        return name

    @staticmethod
    def _footwear_arg(text: str | None) -> str:
        name = footwear_name(text)
        if name is None:
            raise RehabError("a footwear NAME is needed")
        return name

    def history(self, start: dt.date | None = None, end: dt.date | None = None) -> History:
        if start and end and start > end:
            raise RehabError("--from date is after --to date")
        return results.History(self.store.logs(start, end), self.store.checkins(start, end))

    def history_rows(self, start: dt.date | None = None, end: dt.date | None = None) -> HistoryRows:
        """``history`` in the stored form (``history --json``): each log's fields and id, each
        check-in's fields, as ``to_dict`` gives them, without building 60,000 typed records."""
        if start and end and start > end:
            raise RehabError("--from date is after --to date")
        return results.HistoryRows(self.store.log_rows(start, end), self.store.checkin_rows(start, end))

    def history_by_year(self, start: dt.date | None = None, end: dt.date | None = None,
                        ) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        """``history_rows`` a year at a time, oldest first (log rows, check-in rows); one read."""
        if start and end and start > end:  # said before anything is written
            raise RehabError("--from date is after --to date")
        store = self.store

        def years() -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
            with store.transaction():
                yield from store.rows_by_year(start, end)

        return years()

    # --- fixing the record (each change undoable) ---------------------------------------
    def history_month(self, day: dt.date) -> histories.Month:
        """The calendar month holding ``day``, newest day first (one read of each table)."""
        return histories.month(self.store, day)

    def get_log(self, log_id: int) -> LogEntry:
        return histories.get_log(self.store, log_id)

    def edit_log(self, log_id: int, **changes: Any) -> LogEntry:
        return histories.edit_log(self.store, log_id, self.today(), changes)

    def save_edited_log(self, entry: LogEntry) -> LogEntry:
        return histories.save_log(self.store, entry, self.today())

    def delete_log(self, log_id: int) -> LogEntry:
        return histories.delete_log(self.store, log_id)

    def edit_checkin(self, day: dt.date, **changes: Any) -> CheckIn:
        return histories.edit_checkin(self.store, day, changes)

    def delete_checkin(self, day: dt.date) -> CheckIn:
        return histories.delete_checkin(self.store, day)

    # --- swap ---------------------------------------------------------------------
    def swap_choices(self, day: dt.date, plan: Plan | None = None) -> swaps.SwapChoices:
        check_loggable(day, self.today())
        return swaps.swap_choices(self.store, plan or self.require_plan(), day)

    def swap(self, choices: swaps.SwapChoices, activity: str, minutes: float | None = None,
             pain: int | None = None) -> list[LogEntry]:
        check_loggable(choices.day, self.today())
        return swaps.swap(self.store, choices, activity, minutes, pain)

    # --- weekly review --------------------------------------------------------------
    def review(self, day: dt.date, plan: Plan | None = None) -> reviews.ReviewView:
        return reviews.load_review(self.store, plan or self.require_plan(), day, self.today())

    def accept_review(self, view: reviews.ReviewView, seen_revision: int | None = None) -> reviews.Acceptance:
        return reviews.accept(self.store, view, seen_revision)

    def review_to_offer(self, plan: Plan | None) -> dt.date | None:
        return review_offer.week_to_offer(self.store, plan, self.today())

    def mark_review_offered(self) -> None:
        review_offer.mark_offered(self.store, self.today())

    def start_next_plan(self, view: reviews.ReviewView) -> Plan:
        """Start the plan a complete review offers (return-to-run or maintenance); undoable."""
        return self.start_template(str(view.next_plan), reviews.next_plan_start(view, self.today()))

    def record_clinician_seen(self, day: dt.date | None = None) -> dt.date:
        return review_offer.record_clinician_seen(self.store, day or self.today(), self.today())

    def clinician_seen_on(self) -> dt.date | None:
        return review_offer.clinician_seen_on(self.store)

    def pain_notices(self, pain: int | None, day: dt.date) -> list[str]:
        """What to say after a log with activity pain (none: no plan opened), by the rules on ``day``."""
        return [] if pain is None else log_notices.pain_notices(self.plan(), pain, day)

    def checkin_notices(self, checkin: CheckIn) -> list[str]:
        return log_notices.checkin_notices(self.plan(), checkin)

    # --- progress -----------------------------------------------------------------
    def figures(self, plan: Plan | None = None, week_day: dt.date | None = None,
                days: int = SUMMARY_DAYS) -> progress.Figures:
        return progress.figures(self.store, plan or self.require_plan(), self.today(), week_day, days)

    # --- template library -------------------------------------------------------------
    def templates(self) -> TemplateCatalog:
        return library.catalog(self.templates_dirs)

    def template(self, template_id: str) -> TemplateEntry:
        return sources.find_template(self.templates(), template_id)

    def load_template(self, path: Path | str) -> Template:
        return library.load_file(self.templates_dirs, path)

    def check_import(self, path: Path | str, known: TemplateCatalog | None = None,
                     shown: str | None = None, *, replace: bool = False, as_id: str | None = None) -> Template:
        known = self.templates() if known is None else known
        return library.check_import(self.templates_dirs, known, path, shown, replace=replace, as_id=as_id)

    def save_import(self, template: Template) -> Path:
        _ = self.store  # the data dir first, with its 0700 permissions
        return library.save_import(self.templates_dirs, template)

    def import_template(self, path: Path | str, *, replace: bool = False,
                        as_id: str | None = None) -> tuple[Template, Path]:
        template = self.check_import(path, replace=replace, as_id=as_id)
        return template, self.save_import(template)

    def start_template(self, template_id: str, start: dt.date) -> Plan:
        entry = self.template(template_id)
        return self.start_plan(entry.template.to_dict(), start, f"start plan {entry.template.id}")

    def plan_template(self, plan: Plan | None = None, new_id: str | None = None) -> Template:
        return library.plan_as_template(self.templates_dirs, plan or self.require_plan(), new_id,
                                        self.templates())

    # --- exports and restore -----------------------------------------------------------
    def export(self, fmt: str, **options: Any) -> str:
        """The export text: records for ics/csv/md, the whole data set for json (one locked read)."""
        from ..core.exports import export_store

        with self.store.transaction():
            return export_store(fmt, self.store, **options)

    def export_to(self, write: Callable[[str], object], fmt: str, **options: Any) -> None:
        """``export`` given to ``write``: a json backup in pieces, a few years at a time."""
        from ..storage.backup_stream import write_backup

        with self.store.transaction():
            if fmt == "json":
                write_backup(self.store.datadir, write)
            else:
                write(self.export(fmt, **options))

    def restore(self, raw: bytes, source: str, replace: bool = False) -> Restored:
        """Make a json backup the whole data set (undoable); refuses to mix it with data held."""
        from ..core.exports.backup import parse_backup, summary

        tables = parse_backup(raw, source)
        store = self.store
        current = store.export_all()
        had_data = store.has_data()
        if had_data and not replace:
            raise RehabError(
                f"{store.path} already holds {summary(current)}; restoring would replace all of it, "
                "not merge: run again with --replace to do that (`rehab undo` brings it back)")
        store.replace_all(tables, f"restore {Path(source).name}", replace=replace)
        return results.Restored(summary(tables), summary(current) if had_data else None)
