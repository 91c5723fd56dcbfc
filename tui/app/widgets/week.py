"""The week pane: Mon-Sun columns, one text mark per session, today and the cursor marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...core.glyphs import UNICODE
from ...service.week import Week
from ..messages import CellClicked

STATUS_STYLE = {
    "done": "$text-success",
    "partial": "$text-warning",
    "skipped": "$text-muted",
    "due": "bold $text-accent",
    "missed": "bold $text-error",
    "planned": "",
}
GAP = 1


class WeekGrid(Widget):
    """Seven day columns: the day, its marks (wrapping), and done / asked."""

    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.week: Week | None = None
        self.selected: dt.date | None = None
        self.index = 0
        self.today: dt.date | None = None

    def show(self, week: Week, selected: dt.date, index: int, today: dt.date) -> None:
        relayout = self.week is None or self._mark_lines(week) != self._mark_lines(self.week)
        self.week, self.selected, self.index, self.today = week, selected, index, today
        self.refresh(layout=relayout)

    # --- geometry ---------------------------------------------------------------
    def _column_width(self, width: int | None = None) -> int:
        width = self.content_size.width if width is None else width
        return max(3, (width - GAP * 6) // 7)

    def _mark_lines(self, week: Week, width: int | None = None) -> int:
        col = self._column_width(width)
        most = max((len(day.rows) for day in week.days), default=0)
        return max(1, -(-most // col))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.week is None:
            return 3
        return 2 + self._mark_lines(self.week, width)

    # --- drawing ----------------------------------------------------------------
    def render(self) -> Content:
        if self.week is None:
            return Content("")
        col = self._column_width()
        table = getattr(self.app, "glyphs", UNICODE)
        n_marks = self._mark_lines(self.week)
        lines: list[list[Content]] = [[] for _ in range(2 + n_marks)]
        for day in self.week.days:
            is_sel = day.date == self.selected
            is_today = day.date == self.today
            label = day.label
            style = "bold reverse" if is_sel else ("bold underline $text-accent" if is_today else "bold")
            lines[0].append(Content.styled(label, style).truncate(col).pad_right(col - min(col, len(label))))
            for line in range(n_marks):
                chunk = day.rows[line * col:(line + 1) * col]
                parts: list[tuple[str, str] | str] = []
                for i, row in enumerate(chunk):
                    style = STATUS_STYLE[row.status]
                    if is_sel and line * col + i == self.index:
                        style = f"{style} reverse".strip()
                    parts.append((table.mark(row.status), style))
                parts.append(" " * (col - len(chunk)))
                lines[1 + line].append(Content.assemble(*parts))
            done, asked = day.done_count()
            count = f"{done}/{asked}" if asked else ("rest" if day.rows else "-")
            if day.flare:
                count = "F " + count
            if is_today:
                count += " today"
            count_style = "bold $text-accent" if is_today else "dim"
            lines[-1].append(Content.styled(count, count_style).truncate(col).pad_right(col - min(col, len(count))))
        gap = " " * GAP
        return Content("\n").join(Content(gap).join(parts) for parts in lines)

    # --- mouse ------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        if self.week is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        col = self._column_width()
        column, inside = divmod(offset.x, col + GAP)
        if not 0 <= column < 7 or inside >= col:
            return
        day = self.week.days[column]
        index = None
        if 1 <= offset.y <= self._mark_lines(self.week):
            i = (offset.y - 1) * col + inside
            index = i if i < len(day.rows) else None
        self.post_message(CellClicked(day.date, index))
