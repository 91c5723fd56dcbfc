"""Progress figures both interfaces show, from the core's rules (tui/core/stats.py, redflags.py).

One read of the records serves the summary (adherence, streak, pain, feet,
footwear) and the red flags: logs back to 14 days or the window's start,
check-ins back to the plan's start (the "no improvement" rule needs them).
The viewed week's adherence is recomputed from a week already loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core import stats
from ..core.records import CheckIn, LogEntry
from ..core.redflags import FLAG_LOG_DAYS, active_flags, find_flags, seen_flags
from ..core.schedule import Plan
from .week import Week

if TYPE_CHECKING:
    from ..storage.store import Store

RED_FLAG_DAYS = FLAG_LOG_DAYS  # the red-flag rules look at the logs of the last 14 days


@dataclass(frozen=True)
class Figures:
    """A progress summary over a window and the warning signs as of today: ``flags`` the active
    ones (the "see a clinician" banner), ``seen`` those a clinician has seen (on ``clinician_seen_on``)."""

    summary: stats.ProgressSummary
    flags: tuple[str, ...]
    days: int
    seen: tuple[str, ...] = ()
    clinician_seen_on: dt.date | None = None


@dataclass(frozen=True)
class Progress:
    """What the main screen's progress pane shows: the window figures and the viewed week."""

    summary: stats.ProgressSummary
    week_adherence: stats.Adherence
    week_monday: dt.date
    flags: tuple[str, ...] = ()


def record_ranges(plan: Plan, today: dt.date, week: dt.date | None = None,
                  days: int = stats.SUMMARY_DAYS) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """((logs from, to), (check-ins from, to)) that the figures need."""
    first, last = stats.summary_range(today, week, days)
    recent = today - dt.timedelta(days=RED_FLAG_DAYS - 1)
    return (min(first, recent), last), (min(first, recent, plan.start), last)


def figures_from(plan: Plan, today: dt.date, logs: list[LogEntry], checkins: list[CheckIn],
                 flares: set[dt.date], week: dt.date | None = None,
                 days: int = stats.SUMMARY_DAYS, now: dt.time | None = None,
                 clinician_seen_on: dt.date | None = None) -> Figures:
    """The figures from records already read (at least the ``record_ranges``; extra are ignored);
    ``now`` (the time of day) places today's timed sittings in "due so far"; signs seen only up to
    ``clinician_seen_on`` are not active (as the review and the week view count them)."""
    summary = stats.progress_summary(plan, logs, checkins, flares, today, week, days, now)
    found = find_flags(checkins, logs, today, plan)
    return Figures(summary, tuple(f.text for f in active_flags(found, clinician_seen_on)), days,
                   tuple(f.text for f in seen_flags(found, clinician_seen_on)), clinician_seen_on)


def figures(store: Store, plan: Plan, today: dt.date, week: dt.date | None = None,
            days: int = stats.SUMMARY_DAYS) -> Figures:
    """The summary for the ``days`` back from today (``week``: the week figure's week) and the
    red flags, from one read of each table."""
    from .review_offer import clinician_seen_on

    (log_from, log_to), (checkin_from, checkin_to) = record_ranges(plan, today, week, days)
    return figures_from(plan, today, store.logs(log_from, log_to), store.checkins(checkin_from, checkin_to),
                        store.flares(), week, days, clinician_seen_on=clinician_seen_on(store))


def week_progress(summary: stats.ProgressSummary, plan: Plan, week: Week, today: dt.date,
                  flares: Iterable[dt.date], flags: tuple[str, ...] = ()) -> Progress:
    week_adh = stats.adherence(plan, week.logs, week.monday, week.sunday, today, flares)
    return Progress(summary, week_adh, week.monday, flags)
