"""One call for a progress pane: ``progress_summary`` over the viewed week and the last days.

Callers pass logs and check-ins already cut to ``summary_range`` (so a week move stays
cheap with years of logs). Adherence is counted in sittings (``adherence``); while today
or the week is under way the summary says so (``today_sittings``, ``week_sittings``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .adherence import (
    Adherence,
    Flares,
    SittingFigures,
    flare_dates,
    logs_by_date,
    session_days,
    sitting_figures,
    streak,
    tally,
)
from .dates import week_start
from .kinds import KINDS
from .records import CheckIn, LogEntry
from .schedule import Plan
from .series import (
    FootMinutes,
    FootwearPain,
    activity_pain_series,
    foot_minutes,
    footwear_pain,
    morning_pain_series,
    values,
    walking_pain_series,
)
from .sittings import SessionDay

SUMMARY_DAYS = 28


def summary_range(today: dt.date, week: dt.date | None = None, days: int = SUMMARY_DAYS) -> tuple[dt.date, dt.date]:
    """The dates progress_summary needs logs and check-ins for: the last ``days`` days
    up to today, plus the Mon-Sun week holding ``week``."""
    monday = week_start(week or today)
    first = min(today - dt.timedelta(days=days - 1), monday)
    last = max(today, monday + dt.timedelta(days=6))
    return first, last


def _adherence_dict(a: Adherence) -> dict[str, Any]:
    return {"ratio": None if a.ratio is None else round(a.ratio, 3), "credit": round(a.credit, 3),
            "counted": a.counted, "pending": a.pending}


@dataclass(frozen=True)
class ProgressSummary:
    today: dt.date
    week_start: dt.date
    week_adherence: Adherence  # the viewed Mon-Sun week (pending sessions not counted)
    window_start: dt.date  # first day of the last-``days`` window
    window_adherence: Adherence
    by_kind: dict[str, Adherence]  # over the window
    by_week: list[tuple[dt.date, Adherence]]  # weeks touching the window
    streak: int
    streak_capped: bool  # True: the streak reaches the window start (it may be longer: show "28+")
    morning_pain: list[tuple[dt.date, int]]  # check-ins in the window
    walking_pain: list[tuple[dt.date, int]]
    activity_pain: list[tuple[dt.date, int]]  # highest activity pain per day in the window
    foot_minutes: dict[str, FootMinutes]  # "ice", "massage" over the window
    footwear: list[FootwearPain]  # over the window
    flare_days: list[dt.date] = field(default_factory=list)  # in the window and the viewed week
    week_sittings: SittingFigures = field(default_factory=SittingFigures)  # the viewed week, in sittings
    today_sittings: SittingFigures = field(default_factory=SittingFigures)  # "2 of 8 due so far, 6 still to do today"

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def morning_pain_values(self) -> list[float]:
        return values(self.morning_pain)

    @property
    def activity_pain_values(self) -> list[float]:
        return values(self.activity_pain)

    @property
    def streak_text(self) -> str:
        if self.streak_capped:
            return f"{self.streak}+ days"
        return f"{self.streak} day" + ("" if self.streak == 1 else "s")

    def to_dict(self) -> dict[str, Any]:
        def series(items: list[tuple[dt.date, int]]) -> list[dict[str, Any]]:
            return [{"date": d.isoformat(), "pain": v} for d, v in items]

        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 2)

        return {
            "today": self.today.isoformat(),
            "week_start": self.week_start.isoformat(),
            "week_adherence": _adherence_dict(self.week_adherence),
            "week_sittings": self.week_sittings.to_dict(),
            "today_sittings": self.today_sittings.to_dict(),
            "window_start": self.window_start.isoformat(),
            "window_adherence": _adherence_dict(self.window_adherence),
            "by_kind": {k: _adherence_dict(v) for k, v in self.by_kind.items()},
            "by_week": [{"week_start": d.isoformat(), **_adherence_dict(a)} for d, a in self.by_week],
            "streak": self.streak,
            "streak_capped": self.streak_capped,
            "morning_pain": series(self.morning_pain),
            "walking_pain": series(self.walking_pain),
            "activity_pain": series(self.activity_pain),
            "foot_minutes": {
                k: {"left": v.left, "right": v.right, "both": v.both, "total": v.total}
                for k, v in self.foot_minutes.items()
            },
            "footwear": [
                {"footwear": f.footwear, "days": f.days,
                 "morning_pain": rounded(f.morning_pain), "walking_pain": rounded(f.walking_pain)}
                for f in self.footwear
            ],
            "flare_days": [d.isoformat() for d in self.flare_days],
        }


def _window_weeks(days: list[SessionDay], window_start: dt.date, today: dt.date) -> list[tuple[dt.date, Adherence]]:
    groups: dict[dt.date, list[SessionDay]] = defaultdict(list)
    for day in days:
        groups[week_start(day.session.date)].append(day)
    weeks = []
    monday = week_start(window_start)
    while monday <= today:
        weeks.append((monday, tally(groups.get(monday, ()))))
        monday += dt.timedelta(days=7)
    return weeks


def progress_summary(
    plan: Plan,
    logs: Iterable[LogEntry],
    checkins: Iterable[CheckIn],
    flares: Flares,
    today: dt.date,
    week: dt.date | None = None,
    days: int = SUMMARY_DAYS,
    now: dt.time | None = None,
) -> ProgressSummary:
    """Everything a progress pane shows, for the week holding ``week`` (default: this week)
    and the last ``days`` days; ``now`` (the time of day) places today's timed sittings.

    Pass logs and check-ins covering ``summary_range(today, week, days)``, e.g.
    ``store.logs(*summary_range(today, week))``; extra older entries are ignored.
    """
    first, last = summary_range(today, week, days)
    window_start = today - dt.timedelta(days=days - 1)
    logs = [log for log in logs if first <= log.date <= last]
    checkins = [c for c in checkins if first <= c.date <= last]
    flare_set = flare_dates(flares)
    by_date = logs_by_date(logs)
    monday = week_start(week or today)
    week_days = session_days(plan, by_date, monday, monday + dt.timedelta(days=6), today, flare_set)
    window_days = session_days(plan, by_date, window_start, today, today, flare_set)
    by_kind: dict[str, list[SessionDay]] = defaultdict(list)
    for item in window_days:
        by_kind[item.session.kind].append(item)
    streak_days, capped = streak(plan, by_date, today, flare_set, first)
    window_logs = [log for log in logs if window_start <= log.date <= today]
    window_checkins = [c for c in checkins if window_start <= c.date <= today]
    return ProgressSummary(
        today=today,
        week_start=monday,
        week_adherence=tally(week_days),
        window_start=window_start,
        window_adherence=tally(window_days),
        by_kind={k: tally(by_kind[k]) for k in KINDS if k in by_kind},
        by_week=_window_weeks(window_days, window_start, today),
        streak=streak_days,
        streak_capped=capped,
        morning_pain=morning_pain_series(window_checkins, window_start, today),
        walking_pain=walking_pain_series(window_checkins, window_start, today),
        activity_pain=activity_pain_series(window_logs, window_start, today),
        foot_minutes=foot_minutes(window_logs),
        footwear=footwear_pain(window_checkins),
        flare_days=sorted(d for d in flare_set if first <= d <= last),
        week_sittings=sitting_figures(week_days, today, now),
        today_sittings=sitting_figures([d for d in window_days if d.session.date == today], today, now),
    )
