"""The day pane: the selected day's sessions, one line each, with mark, name, status and
sittings ("due 1/3"); then the day's logs of activities not planned that day (not selectable)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...core.activities import get_activity
from ...core.errors import RehabError
from ...core.glyphs import UNICODE
from ...core.records import LogEntry
from ...core.safe_text import safe_line
from ...service.week import STATUS_TEXT, DayRow, SessionRow
from ..messages import CellClicked
from .week import STATUS_STYLE


def activity_name(activity_id: str) -> str:
    try:
        return get_activity(activity_id).name
    except RehabError:
        return safe_line(activity_id)


def unplanned_line(log: LogEntry) -> Content:
    """One logged activity not planned that day: "+ Swimming done (not planned)"."""
    return Content.styled(f"  + {activity_name(log.activity)} {log.status} (not planned)", "dim")


def status_text(row: SessionRow) -> str:
    """"due 1/3" for a session of several sittings, the status alone otherwise."""
    status = STATUS_TEXT[row.status]
    return f"{status} {row.progress_text}" if row.progress_text and row.status != "done" else status


def cut(text: Content, width: int, ascii: bool) -> Content:
    """``text`` in ``width`` cells, a cut shown: "…" (one cell), or "..." under ascii (a name
    cut with no sign looks whole: "Plantar fascia and")."""
    if not ascii or text.cell_length <= width:
        return text.truncate(width, ellipsis=True)
    return Content.assemble(text.truncate(max(1, width - 3)), "...")


class DayList(Widget):
    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.day: DayRow | None = None
        self.index = 0

    def show(self, day: DayRow, index: int) -> None:
        relayout = self.day is None or self._lines(self.day) != self._lines(day)
        self.day, self.index = day, index
        self.refresh(layout=relayout)

    @staticmethod
    def _lines(day: DayRow) -> int:
        return max(1, len(day.rows)) + len(day.unplanned)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._lines(self.day) if self.day else 1

    def render(self) -> Content:
        if self.day is None:
            return Content("")
        extra = [unplanned_line(log) for log in self.day.unplanned]
        if not self.day.rows:
            return Content("\n").join([Content.styled("Nothing planned (outside the plan)", "dim"), *extra])
        width = self.content_size.width
        table = getattr(self.app, "glyphs", UNICODE)
        pointer = "> " if table.ascii else "▸ "
        lines = []
        for i, row in enumerate(self.day.rows):
            selected = i == self.index
            status = status_text(row)
            name_width = max(4, width - 4 - len(status) - 1)
            name = cut(Content(safe_line(row.session.name)), name_width, table.ascii)
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
        return Content("\n").join([*lines, *extra])

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if self.day is None or offset is None or not self.day.rows:
            return
        if 0 <= offset.y < len(self.day.rows):
            self.post_message(CellClicked(self.day.date, offset.y))
