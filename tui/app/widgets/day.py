"""The day pane: the selected day's sessions, one line each, with mark, name and status."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ..messages import CellClicked
from ...service.week import STATUS_TEXT, DayRow
from .week import STATUS_STYLE
from ...core.glyphs import UNICODE
from ...core.safe_text import safe_line


class DayList(Widget):
    can_focus = False

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.day: DayRow | None = None
        self.index = 0

    def show(self, day: DayRow, index: int) -> None:
        relayout = self.day is None or len(self.day.rows) != len(day.rows)
        self.day, self.index = day, index
        self.refresh(layout=relayout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.day.rows)) if self.day else 1

    def render(self) -> Content:
        if self.day is None:
            return Content("")
        if not self.day.rows:
            return Content.styled("Nothing planned (outside the plan)", "dim")
        width = self.content_size.width
        table = getattr(self.app, "glyphs", UNICODE)
        pointer = "> " if table.ascii else "▸ "
        lines = []
        for i, row in enumerate(self.day.rows):
            selected = i == self.index
            status = STATUS_TEXT[row.status]
            name_width = max(4, width - 4 - len(status) - 1)
            name = Content(safe_line(row.session.name)).truncate(name_width, ellipsis=not table.ascii)
            line = Content.assemble(
                (pointer if selected else "  "),
                (table.mark(row.status), STATUS_STYLE[row.status]),
                " ",
                name.pad_right(name_width - name.cell_length),
                " ",
                (status, STATUS_STYLE[row.status] or "dim"),
            )
            if selected:
                line = line.stylize("reverse")
            lines.append(line)
        return Content("\n").join(lines)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if self.day is None or offset is None or not self.day.rows:
            return
        if 0 <= offset.y < len(self.day.rows):
            self.post_message(CellClicked(self.day.date, offset.y))
