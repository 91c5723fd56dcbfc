"""The progress screen (`p`): adherence by kind and by week, streak, pain over time as charts,
icing and massage per foot, footwear vs pain. `d` changes how many days back it looks.

Adherence sits in a column on the left, pain charts and the tables on the right;
what does not fit scrolls (arrows, PgUp/PgDn, mouse wheel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...core import stats
from ...core.errors import RehabError
from ...core.glyphs import UNICODE
from ...core.safe_text import safe_line
from ..bindings import PROGRESS_ACTIONS, bindings_for
from ..progress_text import adherence_content, chart_hint, chart_label, feet_content, footwear_content
from ..typed import RehabScreen
from ..widgets.footer import KeyFooter
from ..widgets.progress import chart_lines

WINDOWS = (28, 84, 365)  # days back; `d` cycles


class PainChart(Vertical):
    """A titled bar chart of 0-10 pain with its figures in words, a labelled value axis
    (0, 5, 10) and its first and last dates underneath (widgets/progress.chart_lines)."""

    def __init__(self, title: str, unit: str, **kwargs: Any) -> None:
        super().__init__(classes="pv-chart", **kwargs)
        self.title = title
        self.unit = unit
        self.series: list[tuple[dt.date, float]] = []

    def compose(self) -> ComposeResult:
        yield Static("", classes="pv-chart-label", markup=False)
        yield Static("", classes="pv-chart-bars", markup=False)
        yield Static("", classes="pv-chart-axis", markup=False)

    def show(self, series: Sequence[tuple[dt.date, float]]) -> None:
        self.series = list(series)
        sep = getattr(self.app, "glyphs", UNICODE).sep
        self.query_one(".pv-chart-label", Static).update(chart_label(self.title, self.series, self.unit, sep))
        self.query_one(".pv-chart-bars", Static).display = len(self.series) >= 2
        self._axis()

    def _axis(self) -> None:
        axis = self.query_one(".pv-chart-axis", Static)
        hint = chart_hint(self.series) if self.series else ""
        axis.update(Content.styled(hint, "dim") if hint else "")
        axis.display = bool(hint)
        if len(self.series) >= 2:
            table = getattr(self.app, "glyphs", UNICODE)
            lines = chart_lines(self.series, self.content_size.width or 40, table)
            self.query_one(".pv-chart-bars", Static).update(Content("\n".join(lines)))

    def on_resize(self) -> None:
        self._axis()


class ProgressScreen(RehabScreen[None]):
    ACTIONS = PROGRESS_ACTIONS
    BINDINGS = bindings_for(PROGRESS_ACTIONS)

    def __init__(self) -> None:
        super().__init__()
        self.days = WINDOWS[0]
        self.summary: stats.ProgressSummary | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="pv-title", markup=False)
        yield Static("", id="pv-flags", markup=False)
        with VerticalScroll(id="pv-scroll"):
            with Horizontal(id="pv-columns"):
                with Vertical(id="pv-left", classes="pv-col"):
                    yield Static("", id="pv-adherence", classes="pv-box", markup=False)
                with Vertical(id="pv-right", classes="pv-col"), Vertical(id="pv-pain", classes="pv-box"):
                    yield PainChart("Morning pain", "check-in", id="pv-morning")
                    yield PainChart("Activity pain", "day", id="pv-activity")
                    yield PainChart("Walking pain", "check-in", id="pv-walking")
            with Horizontal(id="pv-tables"):
                yield Static("", id="pv-feet", classes="pv-box", markup=False)
                yield Static("", id="pv-footwear", classes="pv-box", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#pv-pain").border_title = "Pain over time (0-10)"
        self.query_one("#pv-feet").border_title = "Icing and massage per foot"
        self.query_one("#pv-footwear").border_title = "Footwear vs pain"
        self.query_one("#pv-scroll").focus()
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        app = self.app
        plan = app.plan
        if plan is None:
            self.query_one("#pv-title", Static).update("No plan yet: start one to see progress.")
            return
        try:
            figures = app.service.figures(plan, None, self.days)
            s = self.summary = figures.summary
            flags = figures.flags
        except RehabError as err:
            self.app.notify(str(err).splitlines()[0], severity="error", markup=False)
            return
        self.query_one("#pv-title", Static).update(Content.assemble(
            ("Progress", "bold"),
            f" {self.app.glyphs.sep} last {self.days} days to {app.today:%a} {app.today.day} {app.today:%b %Y}",
        ))
        banner = self.query_one("#pv-flags", Static)
        shown = "\n".join(f"! {safe_line(flag)}" for flag in flags)
        banner.update(Content("Please see a clinician.\n" + shown) if flags else "")
        banner.display = bool(flags)
        left = self.query_one("#pv-adherence", Static)
        left.border_title = f"Adherence {self.app.glyphs.sep} week of {s.week_start.day} {s.week_start:%b}"
        left.update(adherence_content(s, self.days, plan.start, app.glyphs))
        self.query_one("#pv-morning", PainChart).show(s.morning_pain)
        self.query_one("#pv-activity", PainChart).show(s.activity_pain)
        walking = self.query_one("#pv-walking", PainChart)
        walking.show(s.walking_pain)
        walking.display = bool(s.walking_pain)
        self.query_one("#pv-feet", Static).update(feet_content(s, self.days))
        self.query_one("#pv-footwear", Static).update(footwear_content(s, self.days))

    def action_window(self) -> None:
        self.days = WINDOWS[(WINDOWS.index(self.days) + 1) % len(WINDOWS)]
        self.refresh_from_store()

    def action_close(self) -> None:
        self.app.pop_screen()
