"""The progress pane's figures, from the core's rules (tui/core/stats.py, review.py).

One place that reads what the pane needs from the store, so the pane itself
only renders. The window figures (streak, pain trend, last 28 days) are read
once per data change; the viewed week's adherence is recomputed from the week
already loaded when the user moves a week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core import stats
from ..core.schedule import Plan
from .weekview import Week


@dataclass(frozen=True)
class Progress:
    summary: stats.ProgressSummary
    week_adherence: stats.Adherence
    week_monday: dt.date
    flags: tuple[str, ...] = ()


def window_summary(store, plan: Plan, today: dt.date) -> stats.ProgressSummary:
    first, last = stats.summary_range(today)
    logs = store.logs(first, last)
    checkins = store.checkins(first, last)
    return stats.progress_summary(plan, logs, checkins, store.flares(), today)


def red_flags(store, plan: Plan, today: dt.date) -> tuple[str, ...]:
    """Warning signs for the banner (tui/core/redflags.py rules): check-ins since the
    plan's start (the "no improvement" rule), logs of the last 14 days."""
    from ..core.redflags import red_flags as find

    first = min(plan.start, today - dt.timedelta(days=13))
    checkins = store.checkins(first, today)
    logs = store.logs(today - dt.timedelta(days=13), today)
    return tuple(find(checkins, logs, today, plan=plan))


def week_progress(summary: stats.ProgressSummary, plan: Plan, week: Week, today: dt.date,
                  flares, flags: tuple[str, ...] = ()) -> Progress:
    week_adh = stats.adherence(plan, week.logs, week.monday, week.sunday, today, flares)
    return Progress(summary, week_adh, week.monday, flags)
