"""ExportDialog: choose a format and a path; the file is written by the app in a worker.

Formats come from the core (tui/core/exports): ics calendar, csv history, md and
html handouts, json whole-data backup. The path starts as the suggested file name in
the current folder and follows the format until the user edits it; it completes
as it is typed (right arrow takes the completion). A path whose folder does not
exist, or that is a folder, is refused in the dialog; an existing file is replaced
only after a second Enter. The calendar takes the config file's ``[export]``
alarm and time of day.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from ...config import ExportDefaults
from ...core.errors import RehabError
from ...core.exports import FORMATS, suggested_filename
from ...core.safe_text import safe_name
from ..widgets.choice import Choice
from ..widgets.path_suggester import PathSuggester
from .form import FormDialog

LABELS = {"ics": "calendar", "csv": "csv", "md": "handout", "html": "html", "json": "backup"}


def export_options(fmt: str, defaults: ExportDefaults) -> dict[str, Any]:
    """The render options of ``fmt``: the calendar's alarm and time from the config file."""
    return {"alarm_minutes": defaults.alarm, "at": defaults.at} if fmt == "ics" else {}


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


class ExportDialog(FormDialog["tuple[str, Path, dict[str, Any]]"]):
    BINDINGS = [
        Binding("enter", "save", "Export", priority=True, id="rehab.export.ok",
                tooltip="Write the export to the file given (asks before replacing a file)"),
        Binding("escape", "cancel", "Cancel", id="rehab.export.cancel", tooltip="Close without exporting"),
    ]

    def __init__(self, today: dt.date, fmt: str = "ics", defaults: ExportDefaults | None = None) -> None:
        super().__init__()
        self.today = today
        self.fmt = fmt
        self.defaults = defaults or ExportDefaults()
        self._suggested = suggested_filename(fmt, today)
        self._replace: Path | None = None  # the existing file a second Enter replaces

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static("Export", classes="dialog-title")
            with Horizontal(classes="field", id="export-format-row"):  # wraps below 78 columns
                yield Label("Format", classes="field-label")
                yield Choice([(f, LABELS[f]) for f in FORMATS], self.fmt, id="export-format")
            yield Static(FORMATS[self.fmt], id="export-what", classes="dim", markup=False)
            with Horizontal(classes="field"):
                yield Label("File", classes="field-label")
                yield Input(self._suggested, id="export-path", compact=True, suggester=PathSuggester())
            yield Static(f"Relative names are saved in {os.getcwd()}", classes="dim", markup=False)
            yield self.error_line()
            yield from self.buttons("Export")

    def focus_first(self) -> Choice:
        return self.query_one(Choice)

    @on(Choice.Changed, "#export-format")
    def _format_changed(self, event: Choice.Changed) -> None:
        self.fmt = event.value
        self._replace = None
        self.query_one("#export-what", Static).update(FORMATS[self.fmt])
        path = self.query_one("#export-path", Input)
        if path.value == self._suggested:  # follow the format until the user edits the name
            self._suggested = suggested_filename(self.fmt, self.today)
            path.value = self._suggested

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._replace = None

    def result(self) -> tuple[str, Path, dict[str, Any]]:
        path = check_path(self.query_one("#export-path", Input).value)
        if path.exists() and self._replace != path:
            self._replace = path
            raise RehabError(f"{safe_name(path.name)} exists: Enter again replaces it, Esc keeps it")
        return self.fmt, path, export_options(self.fmt, self.defaults)
