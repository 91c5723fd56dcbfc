"""PromptDialog: one line of input, checked by a parse function; its error stays in the dialog.

parse(text) returns the result (the dialog closes with it) or raises RehabError
(one line shown under the input; nothing happens).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Static

from .form import FormDialog

R = TypeVar("R")


class PromptDialog(FormDialog[R]):
    """Closes with what ``parse`` made of the text (or None: cancelled)."""

    BINDINGS = [
        Binding("enter", "save", "OK", id="rehab.prompt.ok", tooltip="Use what is typed (checked first)"),
        Binding("escape", "cancel", "Cancel", id="rehab.prompt.cancel", tooltip="Close without changing anything"),
    ]

    def __init__(self, title: str, hint: str, value: str, parse: Callable[[str], R],
                 ok_label: str = "OK", suggester: Suggester | None = None) -> None:
        super().__init__()
        self.suggester = suggester
        self.title_text = title
        self.hint = hint
        self.value = value
        self.parse = parse
        self.ok_label = ok_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.hint, classes="dim", markup=False)
            yield Input(self.value, id="prompt-input", compact=True, suggester=self.suggester)
            yield self.error_line()
            yield from self.buttons(self.ok_label)

    def focus_first(self) -> Widget | None:
        return self.query_one("#prompt-input", Input)

    def result(self) -> R:
        return self.parse(self.query_one("#prompt-input", Input).value)
