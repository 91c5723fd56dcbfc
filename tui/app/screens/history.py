"""The History screen (H): logs and check-ins by day, newest first, a month at a time.

Enter edits the highlighted log or check-in (the log and check-in dialogs), d deletes
it, u undoes the last change (each edit and delete is one undoable change); [ and ]
page to the older / newer month. One month is read at a time through the service
(``service.history_month``), so twenty years of history open as fast as one.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.activities import get_activity
from ...core.errors import RehabError, StorageError
from ...core.records import CheckIn, LogEntry
from ...core.safe_text import safe_line
from ...core.schedule import ScheduledSession
from ...core.sittings import session_day
from ...service.history import Month
from ...service.week import SessionRow
from ..typed import RehabScreen
from ..widgets.footer import KeyFooter

SIGNS = (("numbness", "numb"), ("swelling", "swelling"), ("night_pain", "night pain"), ("callus", "callus"),
         ("sore_next_day", "still sore"), ("warmth_redness", "warm/red"), ("limping", "limping"))


class Item(NamedTuple):
    log: LogEntry | None
    checkin: CheckIn | None


def activity_name(activity_id: str) -> str:
    try:
        return get_activity(activity_id).name
    except RehabError:
        return safe_line(activity_id)


def log_text(log: LogEntry) -> str:
    parts = [f"{activity_name(log.activity)}: {log.status}"]
    if log.minutes is not None:
        parts.append(f"{log.minutes:g} min")
    if log.pain is not None:
        parts.append(f"pain {log.pain}/10")
    if log.foot:
        parts.append(log.foot)
    if log.note:
        parts.append(safe_line(log.note))
    return "  " + " · ".join(parts)


def checkin_text(checkin: CheckIn) -> str:
    parts = [f"Check-in: morning pain {checkin.morning_pain}/10"]
    if checkin.walking_pain is not None:
        parts.append(f"walking {checkin.walking_pain}/10")
    signs = [label for name, label in SIGNS if getattr(checkin, name, False)]
    if signs:
        parts.append(", ".join(signs))
    if checkin.footwear:
        parts.append(safe_line(checkin.footwear))
    if checkin.note:
        parts.append(safe_line(checkin.note))
    return "  " + " · ".join(parts)


def edit_row(log: LogEntry, sessions: list[ScheduledSession], today: dt.date) -> SessionRow:
    """The row the log dialog edits ``log`` through: its plan session, or one made from the activity."""
    session = next((s for s in sessions if s.session_id == log.session_id), None)
    if session is None:
        activity = get_activity(log.activity)
        session = ScheduledSession(date=log.date, session_id=log.session_id or "", activity_id=activity.id,
                                   kind=activity.kind, name=activity.name, dose=activity.dose, phase_id="")
    return SessionRow(session, session_day(session, [log], today))


class HistoryScreen(RehabScreen[None]):
    BINDINGS = [
        Binding("enter", "edit", "Edit", id="rehab.history.edit",
                tooltip="Edit the highlighted log or check-in"),
        Binding("d,delete", "delete", "Delete", id="rehab.history.delete",
                tooltip="Delete the highlighted log or check-in (u brings it back)"),
        Binding("u", "undo", "Undo", id="rehab.history.undo",
                tooltip="Undo the last change (log, check-in or plan edit)"),
        Binding("left_square_bracket", "older", "Older", key_display="[", id="rehab.history.older",
                tooltip="Show the month before"),
        Binding("right_square_bracket", "newer", "Newer", key_display="]", id="rehab.history.newer",
                tooltip="Show the month after"),
        Binding("escape,q", "close", "Back", id="rehab.history.close", tooltip="Back to the week"),
    ]

    def __init__(self, month_day: dt.date) -> None:
        super().__init__()
        self.month_day = month_day.replace(day=1)
        self.items: list[Item | None] = []
        self.month: Month | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="history-title", markup=False)
        yield OptionList(id="history-list")
        yield Static(id="history-hint", classes="dim", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_from_store()
        self.query_one(OptionList).focus()

    # --- data -------------------------------------------------------------------
    def refresh_from_store(self) -> None:
        try:
            self.month = self.app.service.history_month(self.month_day)
        except StorageError as err:
            self.app.notify(str(err).splitlines()[0], severity="error", markup=False)
            return
        self._paint()

    def _paint(self) -> None:
        month = self.month
        if month is None:
            return
        olist = self.query_one(OptionList)
        keep = olist.highlighted
        options: list[Option] = []
        self.items = []
        for day, logs, checkin in month.days:
            options.append(Option(Content.styled(f"{day:%a %d %b %Y}", "bold"), disabled=True))
            self.items.append(None)
            if checkin is not None:
                options.append(Option(Content(self.app.glyphs.text(checkin_text(checkin)))))
                self.items.append(Item(None, checkin))
            for log in reversed(logs):
                options.append(Option(Content(self.app.glyphs.text(log_text(log)))))
                self.items.append(Item(log, None))
        olist.clear_options()
        olist.add_options(options)
        if options:
            first = next((i for i, item in enumerate(self.items) if item is not None), None)
            olist.highlighted = keep if keep is not None and keep < len(options) and self.items[keep] else first
        self.query_one("#history-title", Static).update(self.app.glyphs.text(
            f"History · {month.label} · newest first"))
        key = self.app.shown_key  # the keys as the config file may have remapped them
        older, newer = f"{key('history.older', '[')} older month", f"{key('history.newer', ']')} newer month"
        self.query_one("#history-hint", Static).update(
            f"Nothing logged this month. {older}, {newer}." if not month.days else
            self.app.glyphs.text(f"{key('history.edit', 'Enter')} edit · {key('history.delete', 'd')} delete · "
                                 f"{key('history.undo', 'u')} undo · {older} · {newer} · "
                                 f"{key('history.close', 'Esc')} back"))

    def current(self) -> Item | None:
        index = self.query_one(OptionList).highlighted
        return self.items[index] if index is not None and 0 <= index < len(self.items) else None

    # --- moving -------------------------------------------------------------------
    def action_older(self) -> None:
        self.month_day = (self.month_day - dt.timedelta(days=1)).replace(day=1)
        self.query_one(OptionList).highlighted = None
        self.refresh_from_store()

    def action_newer(self) -> None:
        self.month_day = (self.month_day + dt.timedelta(days=32)).replace(day=1)
        self.query_one(OptionList).highlighted = None
        self.refresh_from_store()

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    # --- changing -------------------------------------------------------------------
    def action_edit(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.log is not None:
            self._edit_log(item.log)
        elif item.checkin is not None:
            self._edit_checkin(item.checkin)

    def _edit_log(self, log: LogEntry) -> None:
        from .log_dialog import LogDialog

        plan = self.app.plan
        sessions = plan.sessions_on(log.date) if plan is not None else []
        try:
            row = edit_row(log, sessions, self.app.today)
        except RehabError as err:
            self.app.notify(str(err).splitlines()[0], severity="error", markup=False)
            return

        def save(entry: LogEntry | None) -> None:
            if entry is not None:
                note = f"Changed the log of {activity_name(entry.activity)} on {entry.date:%a %d %b} (u to undo)"
                self.app.save(lambda service: service.save_edited_log(entry) and None, note)

        self.app.push_screen(LogDialog(row, edit=log), save)

    def _edit_checkin(self, checkin: CheckIn) -> None:
        from .checkin import CheckInContext, CheckInDialog

        try:
            shoes = tuple(self.app.service.footwear())
        except RehabError:
            shoes = ()
        context = CheckInContext(self.app.today, {checkin.date: checkin}, shoes, checkin.footwear or "",
                                 day=checkin.date)

        def save(entry: CheckIn | None) -> None:
            if entry is not None:
                self.app.save(lambda service: service.checkin(entry),
                              f"Changed the check-in of {entry.date:%a %d %b} (u to undo)")

        self.app.push_screen(CheckInDialog(context), save)

    def action_delete(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.log is not None and item.log.id is not None:
            log_id, name, day = item.log.id, activity_name(item.log.activity), item.log.date
            self.app.save(lambda service: service.delete_log(log_id) and None,
                          f"Deleted the log of {name} on {day:%a %d %b} (u to undo)")
        elif item.checkin is not None:
            day = item.checkin.date
            self.app.save(lambda service: service.delete_checkin(day) and None,
                          f"Deleted the check-in of {day:%a %d %b} (u to undo)")

    def action_undo(self) -> None:
        self.app.undo()
