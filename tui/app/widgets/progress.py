"""The progress pane: the viewed week's adherence, the last 28 days, morning-pain sparkline, streak."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from ...core.glyphs import UNICODE, Glyphs
from ..typed import RehabNode

if TYPE_CHECKING:
    from ...service.progress import Progress

def sparkline(values: list[float], width: int, table: Glyphs = UNICODE) -> str:
    """Pain 0-10 as block characters (one per check-in, newest last)."""
    return table.spark(values[-width:])


def bar(ratio: float | None, width: int, table: Glyphs = UNICODE) -> str:
    if ratio is None:
        return table.empty * width
    return table.bar(ratio, width)


class ProgressPane(RehabNode, Static):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, **kwargs)
        self.progress: Progress | None = None

    def show(self, progress: Progress | None) -> None:
        self.progress = progress
        self.update(self.summary_content())

    def summary_content(self) -> Content:
        p = self.progress
        table: Glyphs = getattr(self.app, "glyphs", UNICODE)
        if p is None:
            return Content.styled("No plan yet." if self.app.plan is None else table.ellipsis, "dim")
        s = p.summary
        week = p.week_adherence
        done = f"{round(week.credit, 2):g} of {week.counted}" if week.counted else "none due yet"
        if week.under_way:  # honest while the week is under way (Adherence.detail says the same)
            done += f", {week.pending} to come"
        label = "This week" if p.week_monday == s.week_start else "That week"
        pain = s.morning_pain_values
        last = f" now {int(pain[-1])}/10" if pain else ""
        spark = sparkline(pain, 14, table) if pain else "none yet (c)"
        parts: list[str | tuple[str, str]] = [
            (f"{label:<10}", "bold"), f"{week.text():>4}  {done}\n",
            (f"{'Today':<10}", "bold"), f"{s.today_sittings.text()}\n",
            (f"{'28 days':<10}", "bold"),
            f"{s.window_adherence.text():>4}  {bar(s.window_adherence.ratio, 10, table)}\n",
            (f"{'Streak':<10}", "bold"), f"{s.streak_text}\n",
            (f"{'Morning':<10}", "bold"), spark, last,
        ]
        return Content.assemble(*parts)


# --- the progress screen's pain charts ----------------------------------------------------
CHART_HEIGHT = 4  # rows of bars: each row is 2.5 points of the 0-10 scale
Y_LABEL = 3  # "10" plus the axis line


def _columns(values: list[float], width: int) -> list[float]:
    """At most ``width`` values: the highest of each group when there are more (a flare stays seen)."""
    if len(values) <= width:
        return values
    size = len(values) / width
    return [max(values[int(i * size):max(int(i * size) + 1, int((i + 1) * size))]) for i in range(width)]


def chart_lines(series: list[tuple[dt.date, float]], width: int, table: Glyphs = UNICODE,
                height: int = CHART_HEIGHT) -> list[str]:
    """A bar chart of 0-10 values with a labelled y axis (0, 5, 10) and the dates of its ends."""
    width = max(8, width)
    values = _columns([float(v) for _, v in series], width - Y_LABEL)
    vline, corner, hline = table.box["v"], table.box["bl"], table.box["h"]
    step = 10 / height
    rows = []
    for row in range(height):
        low = (height - 1 - row) * step
        cells = []
        for value in values:
            fill = (min(max(value, 0.0), 10.0) - low) / step
            if fill >= 1:
                cells.append(table.bar_full)
            elif fill > 0:
                cells.append(table.blocks[min(len(table.blocks) - 1, int(fill * len(table.blocks)))])
            else:
                cells.append(" ")
        label = "10" if row == 0 else " 5" if row == height // 2 else " 0" if row == height - 1 else "  "
        rows.append(f"{label}{vline}{''.join(cells)}")
    rows.append(f"  {corner}{hline * len(values)}")
    if series:
        first, last = _short(series[0][0]), _short(series[-1][0])
        room = len(values)
        if len(series) > 1 and room >= len(first) + len(last) + 1:
            rows.append(" " * Y_LABEL + first + " " * (room - len(first) - len(last)) + last)
        else:
            rows.append(" " * Y_LABEL + last)
    return rows


def _short(day: dt.date) -> str:
    return f"{day.day} {day:%b}"
