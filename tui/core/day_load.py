"""How long a day of a template takes: minutes a day in its first week, optional items apart.

For the chooser ("about 40-55 min a day, plus up to 25 optional") and for the content
tests (a day a person keeps up: about 60 minutes at most, rules.DEFAULTS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .activities import get_activity
from .dose import Dose
from .schedule import Plan

FIRST_MONDAY = dt.date(2026, 1, 5)  # any Monday: the first week of the first phase is expanded from it
SECONDS_A_REP = 5  # untimed strength work (sets x reps): about 5 s a rep
PER_SIDE_KINDS = frozenset({"stretch", "strength"})  # holds and reps are per leg / per foot


def sitting_minutes(activity_id: str, dose: Dose) -> float:
    """Minutes one sitting of ``dose`` takes, both legs or feet included."""
    kind = get_activity(activity_id).kind
    if kind == "rest":
        return 0.0
    seconds = dose.timer_seconds()
    if seconds is None and (dose.reps or dose.sets):
        seconds = (dose.sets or 1) * (dose.reps or 1) * SECONDS_A_REP
    sides = 2 if kind in PER_SIDE_KINDS else 1
    return (seconds or 0) * sides / 60


@dataclass(frozen=True)
class DayLoad:
    """Minutes for each day of the first week (Monday first): required, and optional on top."""

    required: tuple[float, ...]
    optional: tuple[float, ...]

    @property
    def most(self) -> float:
        return max(self.required, default=0.0)

    @property
    def least(self) -> float:
        return min(self.required, default=0.0)

    @property
    def most_optional(self) -> float:
        return max(self.optional, default=0.0)

    def text(self) -> str:
        low, high = round(self.least / 5) * 5, round(self.most / 5) * 5
        span = f"about {high} min a day" if low == high else f"about {low}-{high} min a day"
        extra = round(self.most_optional / 5) * 5
        return span + (f", plus up to {extra} min optional" if extra else "")

    def to_dict(self) -> dict[str, Any]:
        return {"required": [round(m, 1) for m in self.required], "optional": [round(m, 1) for m in self.optional],
                "text": self.text()}


def minutes_a_day(template: Mapping[str, Any], phase_index: int = 0) -> DayLoad:
    """The minutes a day of a template's first week (or the first week of phase ``phase_index``)."""
    data = {**dict(template), "phases": list(template["phases"])[phase_index:]}
    plan = Plan.start_from_template(data, FIRST_MONDAY)
    optional = {s["id"] for p in data["phases"] for s in p["sessions"] if s.get("optional")}
    required = [0.0] * 7
    extra = [0.0] * 7
    for session in plan.sessions_between(FIRST_MONDAY, FIRST_MONDAY + dt.timedelta(days=6)):
        minutes = sitting_minutes(session.activity_id, session.dose) * (session.dose.times_per_day or 1)
        day = session.date.weekday()
        if session.session_id in optional:
            extra[day] += minutes
        else:
            required[day] += minutes
    return DayLoad(tuple(required), tuple(extra))
