"""The log dialog: status (done by default), minutes, pain 0-10, foot, note. Enter saves.

Returns a validated LogEntry, or None when cancelled. Bad input shows one line
in the dialog and nothing is saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from ...core.records import LogEntry, check_minutes_field, check_pain_field
from ...service.week import SessionRow
from ..widgets.choice import Choice
from ...core.safe_text import safe_line
from .form import FormDialog

STATUS_OPTIONS = [("done", "done"), ("partial", "partial"), ("skipped", "skipped")]
FOOT_OPTIONS = [("", "not said"), ("left", "left"), ("right", "right"), ("both", "both")]


def planned_minutes(row: SessionRow) -> str:
    seconds = row.session.dose.timer_seconds()
    return f"{seconds / 60:g}" if seconds else ""


class LogDialog(FormDialog[LogEntry]):
    BINDINGS = [
        Binding("enter", "save", "Save", priority=True, id="rehab.log.save"),
        Binding("escape", "cancel", "Cancel", id="rehab.log.cancel"),
    ]

    def __init__(self, row: SessionRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        s = self.row.session
        log = self.row.log
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content(f"Log {safe_line(s.name)} {self.app.glyphs.sep} {s.date:%a %d %b %Y}"),
                         classes="dialog-title")
            yield Static(f"Planned: {s.dose.describe()}", classes="dim", markup=False)
            with Horizontal(classes="field"):
                yield Label("Status", classes="field-label")
                yield Choice(STATUS_OPTIONS, log.status if log else "done", id="status")
            with Horizontal(classes="field"):
                yield Label("Minutes", classes="field-label")
                minutes = f"{log.minutes:g}" if log and log.minutes is not None else planned_minutes(self.row)
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

    def focus_first(self):
        return self.query_one("#status", Choice)

    def entry(self) -> LogEntry:
        """The LogEntry the fields describe; RehabError (one line) if something is wrong."""
        s = self.row.session
        pain = check_pain_field(self.query_one("#pain", Input).value)
        minutes = check_minutes_field(self.query_one("#minutes", Input).value)
        foot = self.query_one("#foot", Choice).value or None
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

    def result(self):
        return self.entry()
