"""PromptDialog: one line of input, checked by a parse function; its error stays in the dialog.

parse(text) returns the result (the dialog closes with it) or raises RehabError
(one line shown under the input; nothing happens).
"""

from __future__ import annotations

from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...core.errors import RehabError


class PromptDialog(ModalScreen[Any]):
    BINDINGS = [
        Binding("enter", "ok", "OK", priority=True, id="rehab.prompt.ok"),
        Binding("escape", "cancel", "Cancel", id="rehab.prompt.cancel"),
    ]

    def __init__(self, title: str, hint: str, value: str, parse: Callable[[str], Any],
                 ok_label: str = "OK") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value
        self.parse = parse
        self.ok_label = ok_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.hint, classes="dim", markup=False)
            yield Input(self.value, id="prompt-input", compact=True)
            yield Static("", id="dialog-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.ok_label} (Enter)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.query_one("#prompt-input", Input).focus()

    def action_ok(self) -> None:
        try:
            result = self.parse(self.query_one("#prompt-input", Input).value)
        except RehabError as err:
            self.query_one("#dialog-error", Static).update(str(err).splitlines()[0])
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_ok()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
