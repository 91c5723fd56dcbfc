"""The main screen: week, day, session and progress panes, and every key of the footer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from ...core.dates import check_loggable
from ...core.errors import RehabError, StorageError
from ...core.safe_text import safe_line
from ...service.week import SessionRow, Week
from ..bindings import MAIN_ACTIONS, main_bindings
from ..messages import CellClicked
from ..typed import RehabScreen
from ..widgets.day import DayList
from ..widgets.detail import SessionDetail
from ..widgets.footer import KeyFooter
from ..widgets.progress import ProgressPane
from ..widgets.week import WeekGrid

if TYPE_CHECKING:
    from pathlib import Path

    from ...core.records import CheckIn, LogEntry
    from ...core.stats import ProgressSummary
    from ...service.progress import Progress
    from ...service.service import RehabService

ONE_DAY = dt.timedelta(days=1)


class MainScreen(RehabScreen[None]):
    ACTIONS = MAIN_ACTIONS
    BINDINGS = main_bindings()
    HELP_TITLE = "Keys on the main screen"

    def __init__(self) -> None:
        super().__init__()
        self.selected: dt.date = self.app.today
        self.index = 0
        self.week: Week | None = None
        self.progress: Progress | None = None  # once computed (after the first paint)
        self._summary: ProgressSummary | None = None
        self._flags: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="banner", markup=False)
        with Vertical(id="week-pane"):
            yield WeekGrid(id="week")
        with Horizontal(id="lower"):
            with Vertical(id="left"):
                with Vertical(id="day-pane"):
                    yield DayList(id="day")
                yield ProgressPane(id="progress")
            yield SessionDetail(id="detail")
        yield Static(id="error-line", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#progress").border_title = "Progress"
        # The week first; the progress figures (28 days, streak, warning signs) a frame later,
        # so the first paint does not wait for them.
        try:
            self._load_week()
        except StorageError as err:
            self._show_error(str(err).splitlines()[0])
        self.call_after_refresh(self.refresh_from_store)
        self.call_after_refresh(self._offer_review)

    def on_screen_resume(self) -> None:
        # A catch-up held back while a dialog was on top comes as soon as the dialog closes.
        watch = getattr(self.app, "reminders", None)
        if watch is not None:
            watch.main_resumed()

    def _offer_review(self) -> None:
        # issue 4: last week's review, once at the start of a week (imported after the first paint)
        from .review_offer import offer_review

        offer_review(self)

    # --- data -------------------------------------------------------------------
    @property
    def today(self) -> dt.date:
        return self.app.today

    def day_changed(self, old: dt.date, new: dt.date) -> None:
        """Midnight passed (the app refreshes the visible screen after): a selection on the old
        today follows to the new one; a new week offers last week's review."""
        if self.selected == old:
            self.selected, self.index = new, 0
        if self.app.screen is self:
            self.call_after_refresh(self._offer_review)

    def refresh_from_store(self) -> None:
        """Everything again: the plan or the records changed."""
        plan = self.app.plan
        try:
            overview = self.app.service.overview(self.selected, plan, self.app.now().time())  # one read of each
            if overview.figures is not None:
                self._summary, self._flags = overview.figures.summary, overview.figures.flags
            self._load_week(overview.week)
        except StorageError as err:
            self._show_error(str(err).splitlines()[0])
            return
        self._show_error("")

    def _load_week(self, week: Week | None = None) -> None:
        plan = self.app.plan
        self.week = week if week is not None else self.app.service.week(self.selected, plan)
        if plan is not None and self._summary is not None:
            from ...service.progress import week_progress

            self.progress = week_progress(self._summary, plan, self.week, self.today,
                                          self._summary.flare_days, self._flags)
        else:
            self.progress = None
        self._clamp()
        self._paint()

    def _clamp(self) -> None:
        rows = self.week.day(self.selected).rows if self.week else ()
        self.index = max(0, min(self.index, len(rows) - 1))

    def _show_error(self, text: str) -> None:
        line = self.query_one("#error-line", Static)
        line.update(text)
        line.display = bool(text)
        if text:
            self.app.notify(text, severity="error", markup=False, timeout=8)

    # --- painting -----------------------------------------------------------------
    def _paint(self) -> None:
        week = self.week
        if week is None:
            return
        plan = self.app.plan
        day = week.day(self.selected)
        pane = self.query_one("#week-pane")
        name = plan.name if plan is not None else "No plan"
        # Content, not str: a str title is read as markup, and plan/phase names come from templates.
        sep = self.app.glyphs.sep
        pane.border_title = Content(f"{safe_line(name)} {sep} week of {week.monday:%a %d %b %Y}")
        phases = week.phase_text().replace(" → ", f" {self.app.glyphs.right} ")
        pane.border_subtitle = Content("phase: " + safe_line(phases))
        self.query_one(WeekGrid).show(week, self.selected, self.index, self.today)
        day_pane = self.query_one("#day-pane")
        day_pane.border_title = (f"{self.selected:%A %d %b}" + (f" {sep} today" if self.selected == self.today else "")
                                 + (f" {sep} flare day" if day.flare else ""))
        self.query_one(DayList).show(day, self.index)
        self.query_one(SessionDetail).show(self.current_row(), day.phase_name)
        self.query_one(ProgressPane).show(self.progress)
        banner = self.query_one("#banner", Static)
        flags = self.progress.flags if self.progress else ()
        more = f" (+{len(flags) - 1} more: p shows them all)" if len(flags) > 1 else ""
        banner.update(f"Please see a clinician. {flags[0]}{more}" if flags else "")
        banner.display = bool(flags)

    def current_row(self) -> SessionRow | None:
        if self.week is None:
            return None
        rows = self.week.day(self.selected).rows
        return rows[self.index] if 0 <= self.index < len(rows) else None

    # --- moving -------------------------------------------------------------------
    def select(self, day: dt.date, index: int | None = None) -> None:
        same_week = self.week is not None and self.week.monday <= day <= self.week.sunday
        self.selected = day
        if index is not None:
            self.index = index
        if same_week:
            self._clamp()
            self._paint()
        else:
            self._load_week()

    def action_prev_day(self) -> None:
        self.select(self.selected - ONE_DAY)

    def action_next_day(self) -> None:
        self.select(self.selected + ONE_DAY)

    def action_prev_session(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._paint()

    def action_next_session(self) -> None:
        if self.week and self.index + 1 < len(self.week.day(self.selected).rows):
            self.index += 1
            self._paint()

    def action_prev_week(self) -> None:
        self.select(self.selected - 7 * ONE_DAY)

    def action_next_week(self) -> None:
        self.select(self.selected + 7 * ONE_DAY)

    def action_detail_down(self) -> None:
        self.query_one(SessionDetail).scroll_page_down(animate=False)

    def action_detail_up(self) -> None:
        self.query_one(SessionDetail).scroll_page_up(animate=False)

    def action_today(self) -> None:
        self.select(self.today, 0)

    @on(CellClicked)
    def _clicked(self, message: CellClicked) -> None:
        self.select(message.day, message.index if message.index is not None else 0)

    # --- doing ------------------------------------------------------------------------
    def action_log(self) -> None:
        row = self.current_row()
        if row is None:
            self.app.notify("No session selected on this day.", severity="warning")
            return
        if not self._loggable(row.session.date):
            return
        from .log_dialog import LogDialog

        self.app.push_screen(LogDialog(row), self._save_log)

    def _loggable(self, day: dt.date) -> bool:
        """False (and the one message of dates.check_loggable shown) for a future day."""
        try:
            check_loggable(day, self.today)
        except RehabError as err:
            self.app.notify(str(err), severity="warning", markup=False)
            return False
        return True

    def _save_log(self, entry: LogEntry | None) -> None:
        if entry is None:
            return
        note = f"Logged {entry.activity} on {entry.date:%a %d %b}: {entry.status}"
        self.app.save(lambda service: service.add_log(entry) and None, note)

    def action_checkin(self) -> None:
        from .checkin import CheckInDialog, load_checkin_context

        try:
            context = load_checkin_context(self.app.service, self.today)
        except RehabError as err:
            self._show_error(str(err).splitlines()[0])
            return
        self.app.push_screen(CheckInDialog(context), self._save_checkin)

    def _save_checkin(self, checkin: CheckIn | None) -> None:
        if checkin is None:
            return
        from .swap import announce_after_checkin  # issue 4: swap suggested / warning sign

        self.app.save(lambda service: service.checkin(checkin),
                      f"Check-in saved for {checkin.date:%a %d %b}",
                      after=lambda: announce_after_checkin(self, checkin))

    def action_timer(self) -> None:
        row = self.current_row()
        if row is None:
            self.app.notify("No session selected on this day.", severity="warning")
            return
        if not self._loggable(row.session.date):
            return
        if row.session.dose.timer_seconds() is None:
            self.app.notify(f"{row.session.name} has no timed dose ({row.session.dose.describe()}).",
                            markup=False, severity="warning")
            return
        from .timer import TimerScreen

        self.app.push_screen(TimerScreen(row.session), self._save_log)

    def action_flare(self) -> None:
        if self.week is None or self.app.plan is None:
            return
        day = self.selected
        on = not self.week.day(day).flare
        note = (f"{day:%a %d %b} is a flare day: rest, ice and gentle massage" if on
                else f"{day:%a %d %b} is back to the plan")
        self.app.save(lambda service: service.set_flare(day, on) and None, note)

    def action_editor(self) -> None:
        if self.app.plan is None:
            self.app.notify("No plan to edit yet.", severity="warning")
            return
        from .editor import EditorScreen

        self.app.push_screen(EditorScreen())

    def action_library(self) -> None:
        from .library import LibraryScreen

        self.app.push_screen(LibraryScreen())

    # --- issue 4: weekly review, progress screen, swap (screens/review.py, progress.py, swap.py)
    def action_review(self) -> None:
        if self.app.plan is None:
            self.app.notify("No plan to review yet.", severity="warning")
            return
        from ...service.review import default_review_week
        from .review import ReviewScreen

        # Today's week is not over yet: review the week before, unless another week is on show.
        this_week = self.week is not None and self.week.monday <= self.today <= self.week.sunday
        week = default_review_week(self.today) if this_week else self.selected
        self.app.push_screen(ReviewScreen(week))

    def action_progress(self) -> None:
        if self.app.plan is None:
            self.app.notify("No plan yet: start one to see progress.", severity="warning")
            return
        from .progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_swap(self) -> None:
        if not self._loggable(self.selected):
            return
        from .swap import open_swap

        open_swap(self, self.selected)

    def action_export(self) -> None:
        from .export import ExportDialog

        self.app.push_screen(ExportDialog(self.today, defaults=self.app.settings.config.export), self._export)

    def _export(self, choice: tuple[str, Path, dict[str, Any]] | None) -> None:
        if choice is None:
            return
        fmt, path, options = choice
        from ...fileio import write_bytes, write_text

        def work(service: RehabService) -> str:
            if fmt == "json":  # the backup a few years at a time, never whole in memory
                write_bytes(path, lambda write: service.export_to(write, fmt))
            else:
                write_text(path, service.export(fmt, **options))
            return f"Exported {fmt} to {path}"

        self.app.save(work, f"Exported {fmt} to {path}")

    def action_history(self) -> None:
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.selected))

    def action_undo(self) -> None:
        self.app.undo()

    def action_help(self) -> None:
        self.app.action_screen_help()  # with the keys the config file gave them

    def action_quit(self) -> None:
        self.app.exit(return_code=0)
