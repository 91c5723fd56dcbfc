"""Choice: a one-line, focusable pick-one widget ("(•) done  ( ) partial  ( ) skipped").

Left/right (or h/l, space) change the value directly, a click picks an option;
Enter is left alone so a dialog can use it to save.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Choice(Widget, can_focus=True):
    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    Choice:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous", show=False),
        Binding("right,l,space", "move(1)", "Next", show=False),
    ]

    value: reactive[str] = reactive("", layout=False)

    class Changed(Message):
        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, options: list[tuple[str, str]], value: str | None = None, **kwargs: Any) -> None:
        """options: (value, label) pairs."""
        super().__init__(**kwargs)
        self.options = options
        self.set_reactive(Choice.value, value if value is not None else options[0][0])

    def _spans(self) -> list[tuple[int, int, str]]:
        out, x = [], 0
        for value, label in self.options:
            width = 4 + len(label)
            out.append((x, x + width, value))
            x += width + 2
        return out

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        dot = "*" if getattr(getattr(self.app, "glyphs", None), "ascii", False) else "•"
        for i, (value, label) in enumerate(self.options):
            on = value == self.value
            if i:
                parts.append("  ")
            parts.append((f"({dot}) " if on else "( ) ", "bold" if on else ""))
            parts.append((label, "bold underline" if on else ""))
        return Content.assemble(*parts)

    def action_move(self, step: int) -> None:
        values = [v for v, _ in self.options]
        self.value = values[(values.index(self.value) + step) % len(values)]

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, value in self._spans():
            if start <= offset.x < end:
                self.value = value
                return
