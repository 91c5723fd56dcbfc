"""Choice: a focusable pick-one widget ("(•) done  ( ) partial  ( ) skipped").

One line when the options fit the width; otherwise they wrap onto more lines (never
cut), and the widget is as tall as it needs. Left/right (or h/l, space) change the
value directly, a click picks an option; Enter is left alone so a dialog can use it
to save.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Choice(Widget, can_focus=True):
    DEFAULT_CSS = """
    Choice {
        height: auto;
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

    def _lines(self, width: int) -> list[list[tuple[int, str, str]]]:
        """The options laid out in ``width`` cells: lines of (x, value, label), two spaces apart."""
        lines: list[list[tuple[int, str, str]]] = [[]]
        x = 0
        for value, label in self.options:
            size = 4 + len(label)
            if lines[-1] and x + 2 + size > width:
                lines.append([])
                x = 0
            elif lines[-1]:
                x += 2
            lines[-1].append((x, value, label))
            x += size
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        dot = "*" if getattr(getattr(self.app, "glyphs", None), "ascii", False) else "•"
        rows: list[Content] = []
        for line in self._lines(self.content_size.width):
            parts: list[str | tuple[str, str]] = []
            for i, (_x, value, label) in enumerate(line):
                on = value == self.value
                if i:
                    parts.append("  ")
                parts.append((f"({dot}) " if on else "( ) ", "bold" if on else ""))
                parts.append((label, "bold underline" if on else ""))
            rows.append(Content.assemble(*parts))
        return Content("\n").join(rows)

    def action_move(self, step: int) -> None:
        values = [v for v, _ in self.options]
        self.value = values[(values.index(self.value) + step) % len(values)]

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        lines = self._lines(self.content_size.width)
        if not 0 <= offset.y < len(lines):
            return
        for x, value, label in lines[offset.y]:
            if x <= offset.x < x + 4 + len(label):
                self.value = value
                return
