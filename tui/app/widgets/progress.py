"""The progress pane: the viewed week's adherence, the last 28 days, morning-pain sparkline, streak."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from ...service.progress import Progress

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int) -> str:
    """Pain 0-10 as block characters (one per check-in, newest last)."""
    values = values[-width:]
    return "".join(BLOCKS[min(7, int(round(v / 10 * 7)))] for v in values)


def bar(ratio: float | None, width: int) -> str:
    if ratio is None:
        return "·" * width
    filled = int(round(ratio * width))
    return "█" * filled + "░" * (width - filled)


class ProgressPane(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.progress: Progress | None = None

    def show(self, progress: "Progress | None") -> None:
        self.progress = progress
        self.update(self.content())

    def content(self) -> Content:
        p = self.progress
        if p is None:
            return Content.styled("No plan yet." if self.app.plan is None else "…", "dim")
        s = p.summary
        week = p.week_adherence
        done = f"{round(week.credit, 2):g} of {week.counted}" if week.counted else "none due yet"
        if week.under_way:  # honest while the week is under way (Adherence.detail says the same)
            done += f", {week.pending} to come"
        label = "This week" if p.week_monday == s.week_start else "That week"
        pain = s.morning_pain_values
        last = f" now {int(pain[-1])}/10" if pain else ""
        spark = sparkline(pain, 14) if pain else "none yet (c)"
        parts: list = [
            (f"{label:<10}", "bold"), f"{week.text():>4}  {done}\n",
            (f"{'Today':<10}", "bold"), f"{s.today_sittings.text()}\n",
            (f"{'28 days':<10}", "bold"), f"{s.window_adherence.text():>4}  {bar(s.window_adherence.ratio, 10)}\n",
            (f"{'Streak':<10}", "bold"), f"{s.streak_text}\n",
            (f"{'Morning':<10}", "bold"), spark, last,
        ]
        return Content.assemble(*parts)
