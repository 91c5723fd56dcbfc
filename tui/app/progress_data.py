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
from ..core.errors import RehabError
from ..core.records import CheckIn
from ..core.schedule import Plan
from .weekview import Week, parse_logs


@dataclass(frozen=True)
class Progress:
    summary: stats.ProgressSummary
    week_adherence: stats.Adherence
    week_monday: dt.date
    flags: tuple[str, ...] = ()


def parse_checkins(raw: list[dict]) -> list[CheckIn]:
    out = []
    for doc in raw:
        try:
            out.append(CheckIn.from_dict(doc))
        except (KeyError, ValueError, TypeError, RehabError):
            continue
    return out


def window_summary(store, plan: Plan, today: dt.date) -> stats.ProgressSummary:
    first, last = stats.summary_range(today)
    logs = parse_logs(store.logs(first, last))
    checkins = parse_checkins(store.checkins(first, last))
    return stats.progress_summary(plan, logs, checkins, store.flares(), today)


def red_flags(store, plan: Plan, today: dt.date) -> tuple[str, ...]:
    """Warning signs to show in a banner, from the review rules when they are available."""
    try:
        from ..core import review
    except ImportError:
        return ()
    finder = getattr(review, "red_flags", None)
    if finder is None:
        return ()
    first = today - dt.timedelta(days=13)
    checkins = parse_checkins(store.checkins(first, today))
    logs = parse_logs(store.logs(first, today))
    try:
        found = finder(checkins=checkins, logs=logs, today=today)
    except TypeError:
        return ()
    return tuple(str(getattr(f, "message", f)) for f in found or ())


def week_progress(summary: stats.ProgressSummary, plan: Plan, week: Week, today: dt.date,
                  flares, flags: tuple[str, ...] = ()) -> Progress:
    week_adh = stats.adherence(plan, week.logs, week.monday, week.sunday, today, flares)
    return Progress(summary, week_adh, week.monday, flags)
