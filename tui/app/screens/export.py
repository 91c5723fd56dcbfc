"""ExportDialog: choose a format and a path; the file is written by the app in a worker.

Formats come from the core (tui/core/exports): ics calendar, csv history, md
handout, json whole-data backup. The path starts as the suggested file name in
the current folder and follows the format until the user edits it. A path
whose folder does not exist, or that is a folder, is refused in the dialog.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from ...core.errors import RehabError
from ...core.exports import FORMATS, suggested_filename
from ..widgets.choice import Choice
from .form import FormDialog

LABELS = {"ics": "calendar", "csv": "csv", "md": "handout", "json": "backup"}


def check_path(text: str) -> Path:
    """The file to write, or RehabError (one line) when it cannot be written there."""
    text = text.strip()
    if not text:
        raise RehabError("give a file name")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = Path(os.getcwd()) / path
    if path.is_dir():
        raise RehabError(f"{path} is a folder; give a file name in it")
    if not path.parent.is_dir():
        raise RehabError(f"folder {path.parent} does not exist")
    return path


class ExportDialog(FormDialog["tuple[str, Path]"]):
    BINDINGS = [
        Binding("enter", "save", "Export", priority=True, id="rehab.export.ok"),
        Binding("escape", "cancel", "Cancel", id="rehab.export.cancel"),
    ]

    def __init__(self, today: dt.date, fmt: str = "ics") -> None:
        super().__init__()
        self.today = today
        self.fmt = fmt
        self._suggested = suggested_filename(fmt, today)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static("Export", classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("Format", classes="field-label")
                yield Choice([(f, LABELS[f]) for f in FORMATS], self.fmt, id="export-format")
            yield Static(FORMATS[self.fmt], id="export-what", classes="dim", markup=False)
            with Horizontal(classes="field"):
                yield Label("File", classes="field-label")
                yield Input(self._suggested, id="export-path", compact=True)
            yield Static(f"Relative names are saved in {os.getcwd()}", classes="dim", markup=False)
            yield self.error_line()
            yield from self.buttons("Export")

    def focus_first(self):
        return self.query_one(Choice)

    @on(Choice.Changed, "#export-format")
    def _format_changed(self, event: Choice.Changed) -> None:
        self.fmt = event.value
        self.query_one("#export-what", Static).update(FORMATS[self.fmt])
        path = self.query_one("#export-path", Input)
        if path.value == self._suggested:  # follow the format until the user edits the name
            self._suggested = suggested_filename(self.fmt, self.today)
            path.value = self._suggested

    def result(self) -> tuple[str, Path]:
        return self.fmt, check_path(self.query_one("#export-path", Input).value)
