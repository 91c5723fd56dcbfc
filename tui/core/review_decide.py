"""Which of the review's rules fire for a week (rules.py), and the decision they make.

No English here: each rule that fires is a ``Hit`` with its figures; review_words.py
words them afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from . import stats
from .records import LogEntry
from .redflags import Flag
from .review_figures import PainFigures
from .rules import Hit, Thresholds
from .schedule import PhaseSpan, Plan
from .substitution import is_impact

RUN_ACTIVITY = "walk-run"


def has_running(phase: dict[str, Any]) -> bool:
    """A graded (walk-run) phase: one with a walk-run session."""
    return any(s["activity"] == RUN_ACTIVITY for s in phase["sessions"])


@dataclass(frozen=True)
class Week:
    """What the decision reads about the week under review."""

    plan: Plan
    span: PhaseSpan
    index: int  # of the span's phase in the template
    monday: dt.date
    last_day: dt.date  # judged through
    today: dt.date
    logs: Sequence[LogEntry]  # the week's logs
    pain: PainFigures
    adherence: stats.Adherence
    flags: Sequence[Flag]
    flare_days: Sequence[dt.date]
    limits: Thresholds

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def graded(self) -> bool:
        return has_running(self.span.phase)

    @property
    def last_phase(self) -> bool:
        return self.index == len(self.plan.template["phases"]) - 1

    @property
    def weeks_done(self) -> int:
        return ((self.sunday - self.span.start).days + 1) // 7


def data_hits(week: Week) -> list[Hit]:
    """Why there is too little to judge (at most one hit)."""
    days_judged = (week.last_day - week.monday).days + 1
    if not week.logs and not week.pain.morning:
        return [Hit("no-data", {"week_start": week.monday})]
    if len(week.flare_days) >= days_judged:
        return [Hit("all-flare", {"flare_days": len(week.flare_days)})]
    if len(week.pain.morning) < week.limits["min_checkins"]:
        return [Hit("enough-checkins", {"checkins": len(week.pain.morning),
                                        "needed": week.limits.whole("min_checkins")})]
    return []


def load_hits(week: Week) -> list[Hit]:
    """Step-back, repeat and pain-hold rules: checked whatever the amount of data."""
    limits, pain = week.limits, week.pain
    hits: list[Hit] = []
    too_much = sorted((log for log in week.logs if log.pain is not None and log.pain > limits["too_much_pain"]),
                      key=lambda log: (-(log.pain or 0), log.date))
    if too_much:
        worst = too_much[0]
        hits.append(Hit("activity-too-much", {"date": worst.date, "activity": worst.activity, "pain": worst.pain,
                                              "limit": limits["too_much_pain"], "more": len(too_much) - 1}))
    sore_runs = [d for d in pain.sore_days if _ran_on(week, d)] if week.graded else []
    for rise in pain.rises:
        figures = {"date": rise.date, "activity": rise.activity, "activity_pain": rise.activity_pain,
                   "before": rise.before, "after": rise.after}
        if rise.loaded and rise.date not in sore_runs:
            # In a graded (walk-run) step the step is repeated, not dropped back a phase (CLINICAL.md).
            graded_run = week.graded and _ran_on(week, rise.date)
            hits.append(Hit("next-morning-worse", {**figures, "graded": graded_run}, "repeat" if graded_run else ""))
        elif not rise.loaded:
            hits.append(Hit("morning-rise-unloaded", {**figures, "change": limits["meaningful_change"]}))
    if pain.climb:
        hits.append(Hit("morning-climb", {"dates": [d for d, _ in pain.climb], "pains": [p for _, p in pain.climb],
                                          "days": limits.whole("climb_days")}))
    for day in pain.sore_days:
        graded_run = day in sore_runs
        hits.append(Hit("sore-next-day", {"date": day, "graded": graded_run, "phase": week.span.phase["name"]},
                        "repeat" if graded_run else "hold"))
    return hits


def _ran_on(week: Week, day: dt.date) -> bool:
    return any(log.date == day and log.activity == RUN_ACTIVITY and log.status in ("done", "partial")
               for log in week.logs)


def hold_hits(week: Week, enough: bool) -> list[Hit]:
    hits: list[Hit] = []
    if week.flags:
        hits.append(Hit("red-flag", {"signs": [f.sign for f in week.flags], "flags": [f.id for f in week.flags]}))
    if len(week.flare_days) > week.limits["max_flare_days"] and enough:
        hits.append(Hit("flare-days", {"flare_days": len(week.flare_days),
                                       "dates": sorted(week.flare_days), "most": week.limits.whole("max_flare_days")}))
    if week.last_day < week.sunday:
        hits.append(Hit("week-not-over", {"judged_through": week.last_day, "week_end": week.sunday}))
    return hits


def needs_hits(week: Week) -> list[Hit]:
    """What moving on needs (effect "needs" when missing, "met" when met), for a week with enough data."""
    limits, pain, hits = week.limits, week.pain, []
    ratio = None if not week.adherence.counted else Fraction(week.adherence.credit).limit_denominator(1000) / \
        week.adherence.counted
    if ratio is not None:
        hits.append(Hit("adherence", {"ratio": ratio, "needed": limits["min_adherence"],
                                      "credit": week.adherence.credit, "counted": week.adherence.counted},
                        "needs" if ratio < limits["min_adherence"] else "met"))
    ceiling = limits["max_activity_pain"]
    over = pain.activity_max is not None and ceiling < pain.activity_max <= limits["too_much_pain"]
    if over and pain.worst is not None:
        d, act, p = pain.worst
        hits.append(Hit("phase-pain-ceiling", {"date": d, "activity": act, "pain": p, "ceiling": ceiling}, "needs"))
    else:
        hits.append(Hit("phase-pain-ceiling", {"highest": pain.activity_max, "ceiling": ceiling}, "met"))
    hits += _unknown_mornings(week)
    if pain.exact_trend is not None:
        change, (before, after) = limits["meaningful_change"], pain.exact_trend
        rise = after - before
        word = "worse" if rise >= change else "better" if -rise >= change else "steady"
        hits.append(Hit("weekly-creep", {"from": before, "to": after, "basis": pain.trend_basis,
                                         "change": change, "word": word}, "hold" if word == "worse" else "met"))
    elif pain.morning:
        hits.append(Hit("weekly-creep", {"first": pain.morning_first, "last": pain.morning_last}, "met"))
    if week.graded:
        hits.append(_step_runs(week))
    if week.weeks_done < limits["min_weeks"]:
        hits.append(Hit("min-weeks", {"weeks_done": week.weeks_done, "min_weeks": limits.whole("min_weeks"),
                                      "phase": week.span.phase["name"]}, "needs"))
    return hits + _gate_and_end(week)


def _step_runs(week: Week) -> Hit:
    """A walk-run step done fewer than ``min_step_runs`` times this week repeats (CLINICAL.md: each step
    is usually done at least twice)."""
    needed = week.limits["min_step_runs"]
    done = sorted(log.date for log in week.logs if log.activity == RUN_ACTIVITY and log.status == "done")
    planned = sum(1 for s in week.plan.sessions_between(week.monday, week.sunday) if s.activity_id == RUN_ACTIVITY)
    return Hit("step-runs", {"done": len(done), "dates": done, "planned": planned, "needed": needed,
                             "phase": week.span.phase["name"]}, "needs" if len(done) < needed else "met")


def _unknown_mornings(week: Week) -> list[Hit]:
    """Acceptable (3-5) activity pain on a day whose next morning was not checked in."""
    for log in week.logs:
        if log.pain is None or not week.limits["safe_pain"] < log.pain <= week.limits["too_much_pain"]:
            continue
        if log.date + dt.timedelta(days=1) not in week.pain.checked_days:
            return [Hit("next-morning-unknown", {"date": log.date, "activity": log.activity, "pain": log.pain})]
    return []


def _gate_and_end(week: Week) -> list[Hit]:
    phases = week.plan.template["phases"]
    if week.last_phase:
        if week.weeks_done >= week.limits["min_weeks"] and week.span.end <= week.sunday:
            return [Hit("plan-complete", {"plan_end": week.plan.end_date, "next_plan": next_plan_id(week.plan)})]
        return [Hit("last-phase", {"phase": week.span.phase["name"], "plan_end": week.plan.end_date})]
    nxt = phases[week.index + 1]
    if has_running(nxt) and not week.graded:
        return [_gate(week, nxt["name"])]
    return []


def _gate(week: Week, next_phase: str) -> Hit:
    """The readiness test: a brisk walk done, pain-free, next morning not worse, and long enough
    (its planned minutes, never under ``brisk_walk_min_minutes``; logged minutes, else planned)."""
    limits, walks = week.limits, week.pain.brisk_walks
    passed = [w for w in walks if w.passes(limits)]
    done = [w for w in walks if w.status == "done"]
    return Hit("brisk-walk-gate", {
        "passed": [w.date for w in passed], "logged": len(walks), "done": len(done),
        "safe_pain": limits["safe_pain"], "next_phase": next_phase, "min_minutes": limits["brisk_walk_min_minutes"],
        "short": [{"date": w.date, "minutes": w.walked, "needed": w.needed} for w in done if not w.long_enough],
        "walks": [{"date": w.date, "status": w.status, "minutes": w.walked, "logged_minutes": w.minutes,
                   "needed": w.needed, "pain": w.pain, "long_enough": w.long_enough,
                   "pain_free": w.pain_free(limits)} for w in walks],
    }, "met" if passed else "needs")


def next_plan_id(plan: Plan) -> str:
    """What to offer when a plan ends: return to running when running is the goal, else maintenance."""
    template = plan.template
    runs = any(has_running(p) for p in template["phases"])
    goal = "running" in " ".join(template.get("tags") or []) or runs
    if goal and template.get("id") != "return-to-run":
        return "return-to-run"
    return "maintenance"


def decide(hits: Sequence[Hit]) -> str:
    """progress | hold | step-back, from the effects of the rules that fired."""
    kinds = {h.kind for h in hits}
    if "step-back" in kinds:
        return "step-back"
    if kinds & {"repeat", "hold", "needs", "data"}:
        return "hold"
    return "progress"


def impact_in(phase: dict[str, Any]) -> list[dict[str, Any]]:
    return [spec for spec in phase["sessions"] if is_impact(spec["activity"])]
