"""The figures a weekly review decides from: pain during sessions, morning pain, rises,
climbs, sore-next-day reports and the brisk-walk readiness test. Exact: means are Fractions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .activities import CATALOG
from .records import CheckIn, LogEntry
from .rules import Thresholds, to_fraction
from .substitution import is_impact

if TYPE_CHECKING:
    from .schedule import Plan

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DONE = ("done", "partial")
BRISK_WALK = "brisk-walk"  # the readiness test for running


def name_of(activity_id: str | None) -> str:
    activity = CATALOG.get(activity_id or "")
    name = activity.name if activity else (activity_id or "session")
    return name[:1].lower() + name[1:]


def exact_mean(numbers: Iterable[int]) -> Fraction | None:
    items = list(numbers)
    return Fraction(sum(items), len(items)) if items else None


def _r(x: Fraction | float | None) -> float | None:
    return None if x is None else round(float(x), 2)


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _number(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


@dataclass(frozen=True)
class MorningRise:
    """Morning pain worse the morning after ``date`` than on the morning of it."""

    date: dt.date  # the day of the session(s)
    before: int
    after: int
    activity: str | None  # the day's impact session, else its most painful one
    activity_pain: int | None
    loaded: bool  # an impact session, or a session at 3/10 or more: the pain-monitoring rule applies

    def text(self) -> str:
        day = DAY_NAMES[self.date.weekday()]
        what = f"{day}'s {name_of(self.activity)}" if self.activity else day
        return f"morning pain rose from {self.before} to {self.after} after {what}"

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "before": self.before, "after": self.after,
                "activity": self.activity, "activity_pain": self.activity_pain, "loaded": self.loaded}


@dataclass(frozen=True)
class PainFigures:
    activity_max: int | None = None
    activity_mean: float | None = None
    activity_count: int = 0  # logs with a pain figure
    worst: tuple[dt.date, str, int] | None = None  # (date, activity, pain)
    morning: tuple[tuple[dt.date, int], ...] = ()  # the week's check-ins
    morning_mean: float | None = None
    previous_week_morning_mean: float | None = None
    trend: float | None = None  # later average minus earlier average
    trend_basis: str | None = None  # "previous week" | "within the week"
    trend_from: float | None = None
    trend_to: float | None = None
    rises: tuple[MorningRise, ...] = ()
    climb: tuple[tuple[dt.date, int], ...] = ()  # the longest point-a-day climb reaching into this week
    sore_days: tuple[dt.date, ...] = ()  # days whose session left pain or swelling past 24 h
    brisk_walks: tuple[BriskWalk, ...] = ()
    checked_days: tuple[dt.date, ...] = ()  # check-in dates from Monday to the Monday after
    exact_trend: tuple[Fraction, Fraction] | None = None  # (from, to) as exact averages: what rules compare

    @property
    def morning_first(self) -> int | None:
        return self.morning[0][1] if self.morning else None

    @property
    def morning_last(self) -> int | None:
        return self.morning[-1][1] if self.morning else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "activity_max": self.activity_max,
            "activity_mean": _r(self.activity_mean),
            "activity_count": self.activity_count,
            "worst_session": None if self.worst is None else
            {"date": self.worst[0].isoformat(), "activity": self.worst[1], "pain": self.worst[2]},
            "morning": [{"date": d.isoformat(), "pain": p} for d, p in self.morning],
            "morning_first": self.morning_first,
            "morning_last": self.morning_last,
            "morning_mean": _r(self.morning_mean),
            "previous_week_morning_mean": _r(self.previous_week_morning_mean),
            "morning_trend": _r(self.trend),
            "trend_basis": self.trend_basis,
            "morning_rises": [m.to_dict() for m in self.rises],
            "morning_climb": [{"date": d.isoformat(), "pain": p} for d, p in self.climb],
            "sore_next_day": [d.isoformat() for d in self.sore_days],
            "brisk_walks": [b.to_dict() for b in self.brisk_walks],
        }


@dataclass(frozen=True)
class BriskWalk:
    """A logged brisk walk and whether it passes as the readiness test."""

    date: dt.date
    status: str
    pain: int | None
    morning_before: int | None
    morning_after: int | None
    minutes: float | None  # as logged
    planned: float | None = None  # the planned minutes of that day's brisk walk (else the week's)
    needed: Fraction = Fraction(0)  # the planned minutes, and never under brisk_walk_min_minutes

    @property
    def walked(self) -> float | None:
        """The minutes walked: as logged, else as planned (a log that gives none)."""
        return self.minutes if self.minutes is not None else self.planned

    @property
    def long_enough(self) -> bool:
        return self.walked is not None and to_fraction(self.walked) >= self.needed

    def pain_free(self, limits: Thresholds) -> bool:
        """Done, activity pain 0-2/10 and the next morning not worse (the minutes aside)."""
        return (self.status == "done" and self.pain is not None and self.pain <= limits["safe_pain"]
                and self.morning_after is not None and self.morning_before is not None
                and self.morning_after - self.morning_before <= limits["next_morning_max_rise"])

    def passes(self, limits: Thresholds) -> bool:
        return self.pain_free(limits) and self.long_enough

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "status": self.status, "pain": self.pain,
                "morning_before": self.morning_before, "morning_after": self.morning_after, "minutes": self.minutes,
                "planned_minutes": self.planned, "minutes_needed": _number(self.needed)}


@dataclass(frozen=True)
class WalkPlan:
    """The planned minutes of the week's brisk walks: by day, and the week's usual one (for a walk
    logged on a day with none planned)."""

    by_date: Mapping[dt.date, float] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: Plan, first: dt.date, last: dt.date) -> WalkPlan:
        return cls({s.date: s.dose.minutes for s in plan.sessions_between(first, last)
                    if s.activity_id == BRISK_WALK and s.dose.minutes})

    def minutes_on(self, day: dt.date) -> float | None:
        return self.by_date.get(day, max(self.by_date.values(), default=None))

    def needed_on(self, day: dt.date, limits: Thresholds) -> Fraction:
        planned = self.minutes_on(day)
        floor = limits["brisk_walk_min_minutes"]
        return max(floor, to_fraction(planned)) if planned is not None else floor


def morning_before(morning: dict[dt.date, int], day: dt.date) -> int | None:
    """The morning pain of ``day``, else the latest of the 3 days before."""
    if day in morning:
        return morning[day]
    earlier = [d for d in morning if day - dt.timedelta(days=3) <= d < day]
    return morning[max(earlier)] if earlier else None


def _rises(monday: dt.date, last: dt.date, logs: list[LogEntry], morning: dict[dt.date, int],
           limits: Thresholds) -> list[MorningRise]:
    rises = []
    day = monday
    while day <= last:
        after, before = morning.get(day + dt.timedelta(days=1)), morning_before(morning, day)
        if after is not None and before is not None and after > before:
            done = [log for log in logs if log.date == day and log.status in DONE]
            impact = [log for log in done if is_impact(log.activity)]
            pool = impact or [log for log in done if log.pain is not None]
            pick = max(pool, key=lambda log: -1 if log.pain is None else log.pain, default=None)
            loaded = bool(impact) or (pick is not None and pick.pain is not None and pick.pain > limits["safe_pain"])
            if loaded or after - before >= limits["meaningful_change"]:
                rises.append(MorningRise(day, before, after, pick.activity if pick else None,
                                         pick.pain if pick else None, loaded))
        day += dt.timedelta(days=1)
    return rises


def _climb(series: list[tuple[dt.date, int]], monday: dt.date, days: int) -> tuple[tuple[dt.date, int], ...]:
    """The longest run of consecutive days each a point or more above the one before, if it rose on
    ``days`` days (a point a day over 3 days: 4 check-ins) and reaches into the week from ``monday``.
    ``series`` may start ``days`` days before Monday: a climb that crosses the week boundary counts."""
    best: list[tuple[dt.date, int]] = []
    run: list[tuple[dt.date, int]] = []
    for item in series:
        if run and (item[0] - run[-1][0]).days == 1 and item[1] >= run[-1][1] + 1:
            run.append(item)
        else:
            run = [item]
        if len(run) > len(best) and item[0] >= monday:
            best = list(run)
    return tuple(best) if len(best) > days else ()


def _trend(week_morning: tuple[tuple[dt.date, int], ...], prev: list[int]
           ) -> tuple[Fraction | None, Fraction | None, str | None]:
    this_mean = exact_mean(p for _, p in week_morning)
    prev_mean = exact_mean(prev) if len(prev) >= 2 else None
    if this_mean is not None and prev_mean is not None and len(week_morning) >= 2:
        return prev_mean, this_mean, "previous week"
    if len(week_morning) >= 4:
        k = len(week_morning) // 2
        return (exact_mean(p for _, p in week_morning[:k]), exact_mean(p for _, p in week_morning[-k:]),
                "within the week")
    return None, None, None


def pain_figures(monday: dt.date, last_day: dt.date, today: dt.date, logs: list[LogEntry],
                 checkins: list[CheckIn], limits: Thresholds, walk_plan: WalkPlan | None = None) -> PainFigures:
    """The week's pain figures: ``logs`` and ``checkins`` may reach a week back (for the trend);
    ``walk_plan``: the planned minutes of the week's brisk walks (the readiness test's length)."""
    sunday = monday + dt.timedelta(days=6)
    week_logs = [log for log in logs if monday <= log.date <= last_day]
    pains = [log for log in week_logs if log.pain is not None]
    worst = max(pains, key=lambda log: (log.pain or 0, is_impact(log.activity), log.date), default=None)
    morning = {c.date: c.morning_pain for c in checkins}
    week_morning = tuple((d, p) for d, p in sorted(morning.items()) if monday <= d <= last_day)
    prev = [p for d, p in morning.items() if monday - dt.timedelta(days=7) <= d < monday]
    t_from, t_to, basis = _trend(week_morning, prev)
    days = limits.whole("climb_days")
    climb = _climb([(d, p) for d, p in sorted(morning.items()) if monday - dt.timedelta(days=days) <= d <= last_day],
                   monday, days)
    sore = tuple(sorted(c.date - dt.timedelta(days=1) for c in checkins
                        if getattr(c, "sore_next_day", False) and monday < c.date <= sunday + dt.timedelta(days=1)))
    walk_plan = walk_plan or WalkPlan()
    walks = tuple(BriskWalk(log.date, log.status, log.pain, morning_before(morning, log.date),
                            morning.get(log.date + dt.timedelta(days=1)), log.minutes,
                            walk_plan.minutes_on(log.date), walk_plan.needed_on(log.date, limits))
                  for log in sorted(week_logs, key=lambda log: log.date) if log.activity == BRISK_WALK)
    return PainFigures(
        activity_max=worst.pain if worst else None,
        activity_mean=_f(exact_mean(log.pain for log in pains if log.pain is not None)),
        activity_count=len(pains),
        worst=(worst.date, worst.activity, worst.pain) if worst and worst.pain is not None else None,
        morning=week_morning,
        morning_mean=_f(exact_mean(p for _, p in week_morning)),
        previous_week_morning_mean=_f(exact_mean(prev)) if len(prev) >= 2 else None,
        trend=None if t_from is None or t_to is None else float(t_to - t_from),
        trend_basis=basis, trend_from=_f(t_from), trend_to=_f(t_to),
        exact_trend=None if t_from is None or t_to is None else (t_from, t_to),
        rises=tuple(_rises(monday, min(sunday, today - dt.timedelta(days=1)), logs, morning, limits)),
        climb=climb, sore_days=sore, brisk_walks=walks,
        checked_days=tuple(d for d in sorted(morning) if monday <= d <= sunday + dt.timedelta(days=1)),
    )
