"""FormDialog: the shape every field dialog shares.

Enter checks and saves: ``result()`` builds the value from the fields as they
are at that moment or raises RehabError, whose first line is shown in
``#dialog-error`` (nothing is saved); Esc cancels. Enter is no priority binding:
in an Input it is the Input's own submit (``Input.Submitted``), elsewhere the
dialog's ``enter`` binding, so it is handled after the keys typed before it
(the app hands keys out one at a time: tui/app/keys.py). The Save / Cancel
buttons are there for the mouse and never take the focus, so Enter always
means "save". ``focus_first()`` says which field has the focus when the dialog
opens (set in on_mount, before the app hands the dialog any key).
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from ...core.errors import RehabError
from ..bindings import DIALOG_HELP
from ..typed import RehabModal

T = TypeVar("T")


class FormDialog(RehabModal["T | None"], Generic[T]):
    BINDINGS = [DIALOG_HELP]  # `?` (outside a text field) and F1 show this dialog's keys

    def result(self) -> T:
        raise NotImplementedError

    def focus_first(self) -> Widget | None:
        return None

    @staticmethod
    def error_line() -> Static:
        return Static("", id="dialog-error", classes="error", markup=False)

    @staticmethod
    def buttons(save_label: str = "Save") -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(f"{save_label} (Enter)", id="save", variant="primary", compact=True)
            yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        first = self.focus_first()
        if first is not None:
            first.focus()

    def show_error(self, text: str) -> None:
        self.query_one("#dialog-error", Static).update(text.splitlines()[0] if text else "")

    def action_save(self) -> None:
        try:
            value = self.result()
        except RehabError as err:
            self.show_error(str(err))
            return
        if self.is_current:
            self.dismiss(value)

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
