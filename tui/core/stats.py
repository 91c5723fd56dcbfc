"""Progress figures: adherence, streaks, pain over time, icing/massage per foot, footwear vs pain.

One name for the figures every caller uses (the TUI, ``rehab stats``, the weekly review);
the work lives in three modules:

- ``adherence``: credit per session and day = sittings done / planned (capped at 1),
  streaks, and the "under way" figures ("2 of 8 due so far, 6 still to do today");
- ``series``: pain series, minutes per foot, footwear vs pain;
- ``summary``: ``progress_summary`` for a progress pane.

The status of one session on its day comes from ``sittings.session_day`` (the one rule).
Nothing here reads the store: callers pass lists already cut to the dates they show
(``summary_range`` says which), so a week move stays cheap even with years of logs.
"""

from __future__ import annotations

from .activities import CATALOG
from .adherence import (
    CREDIT,
    ONE_DAY,
    UNCOUNTED_KINDS,
    Adherence,
    SittingFigures,
    adherence,
    adherence_by_kind,
    adherence_by_week,
    counted_sessions,
    credit,
    current_streak,
    flare_dates,
    logs_by_date,
    range_sittings,
    read_session,
    session_days,
    sitting_figures,
    status_of,
    streak,
    tally,
)
from .series import (
    FOOT_KINDS,
    FootMinutes,
    FootwearPain,
    activity_pain_series,
    foot_minutes,
    footwear_pain,
    log_minutes,
    mean,
    morning_pain_series,
    values,
    walking_pain_series,
)
from .summary import SUMMARY_DAYS, ProgressSummary, progress_summary, summary_range

# Older private names some callers used.
_tally = tally
_streak = streak

__all__ = [
    "CATALOG", "CREDIT", "FOOT_KINDS", "ONE_DAY", "SUMMARY_DAYS", "UNCOUNTED_KINDS", "Adherence", "FootMinutes",
    "FootwearPain", "ProgressSummary", "SittingFigures", "activity_pain_series", "adherence",
    "adherence_by_kind", "adherence_by_week", "counted_sessions", "credit", "current_streak",
    "flare_dates", "foot_minutes", "footwear_pain", "log_minutes", "logs_by_date", "mean",
    "morning_pain_series", "progress_summary", "range_sittings", "read_session", "session_days",
    "sitting_figures", "status_of", "streak", "summary_range", "tally", "values", "walking_pain_series",
]
