"""What the chooser and the library show about a template: phases, weeks and weekly load.

Plain text and numbers (no widgets); text from the template is returned as-is
and rendered literally by the screens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.dates import week_start
from ..core.schedule import Plan

SAMPLE_MONDAY = dt.date(2026, 1, 5)


@dataclass(frozen=True)
class PhaseLoad:
    name: str
    weeks: int
    goal: str
    sessions: int  # sessions in its first week, rest days not counted
    minutes: float  # planned minutes in that week (times a day included)


def phase_loads(template: dict) -> list[PhaseLoad]:
    plan = Plan.start_from_template(template, SAMPLE_MONDAY)
    out = []
    for span in plan.spans():
        first = week_start(span.start)
        week = [s for s in plan.sessions_between(first, first + dt.timedelta(days=6)) if s.kind != "rest"]
        minutes = sum(s.dose.planned_minutes() * (s.dose.times_per_day or 1) for s in week)
        out.append(PhaseLoad(span.phase["name"], int(span.phase["weeks"]), span.phase.get("goal", ""),
                             len(week), minutes))
    return out


def hours(minutes: float) -> str:
    minutes = int(round(minutes))
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"
