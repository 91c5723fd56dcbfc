"""The log dialog: status (done by default), minutes, pain 0-10, foot, note. Enter saves.

Opened on a session it logs the next sitting (each log is one sitting: "sitting 2
of 3"), starting from the plan's dose. Opened with ``edit=`` (the History screen) it
starts from that log and returns it changed (same id, date and session). Returns a
validated LogEntry, or None when cancelled. Bad input shows one line in the dialog
and nothing is saved.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from ...core.records import LogEntry, check_minutes_field, check_pain_field
from ...core.safe_text import safe_line
from ...service.week import SessionRow
from ..widgets.choice import Choice
from .form import FormDialog

STATUS_OPTIONS = [("done", "done"), ("partial", "partial"), ("skipped", "skipped")]
FOOT_OPTIONS = [("", "not said"), ("left", "left"), ("right", "right"), ("both", "both")]


def planned_minutes(row: SessionRow) -> str:
    seconds = row.session.dose.timer_seconds()
    return f"{seconds / 60:g}" if seconds else ""


class LogDialog(FormDialog[LogEntry]):
    BINDINGS = [
        Binding("enter", "save", "Save", id="rehab.log.save",
                tooltip="Save the log (status, minutes, pain, foot, note)"),
        Binding("escape", "cancel", "Cancel", id="rehab.log.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, row: SessionRow, edit: LogEntry | None = None) -> None:
        super().__init__()
        self.row = row
        self.edit = edit

    def title_text(self) -> str:
        s = self.row.session
        if self.edit is not None:
            return f"Edit log of {s.name} · {s.date:%a %d %b %Y}"
        sitting = ""
        if self.row.sittings > 1:
            number = self.row.sheet.logged + 1
            sitting = (f" · sitting {number} of {self.row.sittings}" if number <= self.row.sittings
                       else f" · an extra sitting ({self.row.sittings} logged)")
        return f"Log {s.name}{sitting} · {s.date:%a %d %b %Y}"

    def compose(self) -> ComposeResult:
        s = self.row.session
        log = self.edit
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content(self.app.glyphs.text(safe_line(self.title_text()))), classes="dialog-title")
            yield Static(f"Planned: {s.dose.describe()}" if s.phase_id or log is None else "Not planned that day",
                         classes="dim", markup=False)
            with Horizontal(classes="field"):
                yield Label("Status", classes="field-label")
                yield Choice(STATUS_OPTIONS, log.status if log else "done", id="status")
            with Horizontal(classes="field"):
                yield Label("Minutes", classes="field-label")
                minutes = (f"{log.minutes:g}" if log.minutes is not None else "") if log else planned_minutes(self.row)
                yield Input(minutes, placeholder="how long", id="minutes", compact=True)
            with Horizontal(classes="field"):
                yield Label("Pain 0-10", classes="field-label")
                pain = "" if log is None or log.pain is None else str(log.pain)
                yield Input(pain, placeholder="during the session (optional)", id="pain", compact=True)
            with Horizontal(classes="field"):
                yield Label("Foot", classes="field-label")
                default_foot = (log.foot if log else None) or ("both" if s.dose.per_foot else "")
                yield Choice(FOOT_OPTIONS, default_foot, id="foot")
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield Input(log.note if log else "", placeholder="optional", id="note", compact=True)
            yield self.error_line()
            yield from self.buttons("Save")

    def focus_first(self) -> Choice:
        return self.query_one("#status", Choice)

    def entry(self) -> LogEntry:
        """The LogEntry the fields describe; RehabError (one line) if something is wrong."""
        s = self.row.session
        pain = check_pain_field(self.query_one("#pain", Input).value)
        minutes = check_minutes_field(self.query_one("#minutes", Input).value)
        foot = self.query_one("#foot", Choice).value or None
        if self.edit is not None:
            return replace(self.edit, status=self.query_one("#status", Choice).value, minutes=minutes, pain=pain,
                           foot=foot, note=self.query_one("#note", Input).value.strip())
        return LogEntry(
            date=s.date,
            activity=s.activity_id,
            session_id=s.session_id,
            status=self.query_one("#status", Choice).value,
            minutes=minutes,
            pain=pain,
            foot=foot,
            note=self.query_one("#note", Input).value.strip(),
        )

    def result(self) -> LogEntry:
        return self.entry()
