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
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...core.errors import RehabError
from ...core.exports import FORMATS, suggested_filename
from ..widgets.choice import Choice

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


class ExportDialog(ModalScreen["tuple[str, Path] | None"]):
    BINDINGS = [
        Binding("enter", "ok", "Export", priority=True, id="rehab.export.ok"),
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
            yield Static("", id="dialog-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Export (Enter)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.query_one(Choice).focus()

    @on(Choice.Changed, "#export-format")
    def _format_changed(self, event: Choice.Changed) -> None:
        self.fmt = event.value
        self.query_one("#export-what", Static).update(FORMATS[self.fmt])
        path = self.query_one("#export-path", Input)
        if path.value == self._suggested:  # follow the format until the user edits the name
            self._suggested = suggested_filename(self.fmt, self.today)
            path.value = self._suggested

    def action_ok(self) -> None:
        try:
            path = check_path(self.query_one("#export-path", Input).value)
        except RehabError as err:
            self.query_one("#dialog-error", Static).update(str(err).splitlines()[0])
            return
        self.dismiss((self.fmt, path))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_ok()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
