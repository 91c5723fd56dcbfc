"""Weekly review: move on, hold or step back, decided by named rules (rules.py).

A decision aid, not a diagnosis. The review first works out which rules fire for
the week (review_decide.py, with the figures of review_figures.py), decides from
their effects, and only then words the reasons (review_words.py). Each rule has
an id, a statement, its thresholds (the phase's ``exit``, the template's
``rules``, else rules.DEFAULTS) and its source; ``Review.rules_fired`` carries
the ids with their figures.

Nothing changes until the user accepts: ``apply_review(plan, review)`` returns a
new Plan that the caller stores (``store.edit_plan``/``set_plan``, undoable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from . import stats
from .dates import default_review_week
from .dates import week_start as monday_of
from .errors import RehabError
from .records import CheckIn, LogEntry
from .redflags import NOTE, Flag, active_flags, flags_over, red_flags
from .review_change import Change, apply_change, plan_change
from .review_decide import Week, data_hits, decide, hold_hits, load_hits, needs_hits
from .review_figures import MorningRise, PainFigures, WalkPlan, pain_figures
from .review_words import day_text, reasons
from .rules import Hit, Thresholds, percent, shown, thresholds, thresholds_on, to_fraction
from .schedule import Plan

__all__ = [
    "DECISIONS",
    "Change",
    "ExitCriteria",
    "MorningRise",
    "PainFigures",
    "Review",
    "apply_review",
    "change_word",
    "default_review_week",
    "red_flags",
    "review_ranges",
    "weekly_review",
]

DECISIONS = ("progress", "hold", "step-back")
FLAGS_AFTER = 7  # days after the reviewed Sunday whose red flags still hold its review (it is acceptable until then)


def change_word(before: float, after: float) -> str:
    """"worse", "better" or "about the same", with 1.5/10 as the smallest change that matters (exact)."""
    change = thresholds()["meaningful_change"]
    diff = to_fraction(after) - to_fraction(before)
    if diff >= change:
        return "worse"
    if -diff >= change:
        return "better"
    return "about the same"


@dataclass(frozen=True)
class ExitCriteria:
    max_activity_pain: int = 5
    morning_pain_not_worse: bool = True
    min_adherence: float = 0.7
    min_weeks: int = 1

    @classmethod
    def of_phase(cls, phase: dict[str, Any], template: dict[str, Any] | None = None) -> ExitCriteria:
        limits = thresholds(template, phase)
        return cls(
            max_activity_pain=limits.whole("max_activity_pain"),
            morning_pain_not_worse=bool((phase.get("exit") or {}).get("morning_pain_not_worse", True)),
            min_adherence=float(limits["min_adherence"]),
            min_weeks=limits.whole("min_weeks"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"max_activity_pain": self.max_activity_pain, "morning_pain_not_worse": self.morning_pain_not_worse,
                "min_adherence": self.min_adherence, "min_weeks": self.min_weeks}


@dataclass(frozen=True)
class Review:
    week_start: dt.date
    week_end: dt.date
    judged_through: dt.date  # the last day looked at (today, for a week not over yet)
    phase_id: str | None
    phase_name: str | None
    decision: str  # progress | hold | step-back
    reasons: tuple[str, ...]
    red_flags: tuple[str, ...]
    adherence: stats.Adherence
    criteria: ExitCriteria
    pain: PainFigures
    change: Change
    enough_data: bool
    today: dt.date = field(default_factory=dt.date.today)
    rules_fired: tuple[Hit, ...] = ()  # the rules that fired, with their figures
    rules_met: tuple[Hit, ...] = ()  # the criteria for moving on that were met
    flags: tuple[Flag, ...] = ()  # red_flags as records: sign, dates, next step
    plan_complete: bool = False  # the plan's last week, judged good: nothing more is scheduled
    next_plan: str | None = None  # template id offered when the plan is complete ("return-to-run" | "maintenance")

    @property
    def adherence_ratio(self) -> float:
        """0-1; 0 when there was nothing to count."""
        return self.adherence.ratio or 0.0

    @property
    def stale(self) -> bool:
        """True for a week older than last week: accepting it would act on a later plan."""
        return monday_of(self.today) > self.week_start + dt.timedelta(days=7)

    @property
    def outside(self) -> bool:
        """A week outside the plan (before its start, after its end, or not started): nothing to review."""
        return self.phase_id is None

    @property
    def week_over(self) -> bool:
        return self.judged_through >= self.week_end

    @property
    def repeats_step(self) -> bool:
        """A hold that repeats the phase because pain or swelling lasted past 24 h after a run."""
        return any(h.kind == "repeat" for h in self.rules_fired)

    @property
    def adherence_text(self) -> str:
        """The week's adherence precise enough to show the decision: "69.6% (39 of 56 sessions; 70% needed)"."""
        hit = next((h for h in (*self.rules_fired, *self.rules_met) if h.rule == "adherence"), None)
        if hit is None:
            return self.adherence.text()
        f = hit.figures
        credit = shown(Fraction(f["credit"]).limit_denominator(100))
        needed = percent(f["needed"])
        return f"{percent(f['ratio'], f['needed'])} ({credit} of {f['counted']} sessions; {needed} needed)"

    @property
    def title(self) -> str:
        words = {"progress": "Move on", "hold": "Hold", "step-back": "Step back"}
        head = "Plan complete" if self.plan_complete else "Nothing to review" if self.outside else words[self.decision]
        return f"{head}: week of {day_text(self.week_start)}" + (f" ({self.phase_name})" if self.phase_name else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "week_start": self.week_start.isoformat(),
            "week_end": self.week_end.isoformat(),
            "judged_through": self.judged_through.isoformat(),
            "phase": self.phase_id,
            "phase_name": self.phase_name,
            "decision": self.decision,
            "reasons": list(self.reasons),
            "red_flags": list(self.red_flags),
            "red_flag_signs": [f.to_dict() for f in self.flags],
            "adherence": round(self.adherence_ratio, 3),
            "sessions_counted": self.adherence.counted,
            "enough_data": self.enough_data,
            "criteria": self.criteria.to_dict(),
            "pain": self.pain.to_dict(),
            "change": self.change.to_dict(),
            "rules_fired": [h.to_dict() for h in self.rules_fired],
            "rules_met": [h.to_dict() for h in self.rules_met],
            "plan_complete": self.plan_complete,
            "next_plan": self.next_plan,
            "week_over": self.week_over,
            "note": NOTE,
        }


def review_ranges(plan: Plan, week: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """What weekly_review needs for the week holding ``week``: ((logs from, to), (check-ins from, to)),
    e.g. ``store.logs(*logs_range)`` and ``store.checkins(*checkins_range)``."""
    monday = monday_of(week)
    sunday = monday + dt.timedelta(days=6)
    before = monday - dt.timedelta(days=7)
    # logs two weeks back: the red flag for pain rising session after session looks 14 days back;
    # both up to the week after (FLAGS_AFTER): a red flag active on the day of the review holds it
    after = sunday + dt.timedelta(days=FLAGS_AFTER)
    return (monday - dt.timedelta(days=14), after), (min(plan.start, before), after)


def _outside(plan: Plan, monday: dt.date, last_day: dt.date, flags: list[Flag], today: dt.date) -> Review:
    where = (f"The week of {day_text(monday)} is outside the plan ({day_text(plan.start)} to {day_text(plan.end_date)})"
             if last_day >= monday else f"The week of {day_text(monday)} has not started yet")
    if last_day < monday:
        change = "Nothing to change yet: the week has not started."
    elif monday < plan.start:
        change = f"Nothing to change: the plan starts on {day_text(plan.start)}."
    else:
        change = f"Nothing to change: the plan ended on {day_text(plan.end_date)}."
    return Review(monday, monday + dt.timedelta(days=6), last_day, None, None, "hold",
                  (where + ": nothing to review.",), tuple(f.text for f in flags), stats.Adherence(), ExitCriteria(),
                  PainFigures(), Change("none", change), False, today, flags=tuple(flags))


def required_only(plan: Plan) -> Plan:
    """The plan without its optional sessions (``"optional": true``): they never count against adherence."""
    data = plan.to_dict()
    for phase in data["template"]["phases"]:
        kept = [spec for spec in phase["sessions"] if not spec.get("optional")]
        phase["sessions"] = kept or phase["sessions"]
    return Plan(data)


def weekly_review(
    plan: Plan,
    logs: Iterable[LogEntry],
    checkins: Iterable[CheckIn],
    flares: Iterable[dt.date | str] | None,
    week_start: dt.date,
    today: dt.date,
    clinician_seen_on: dt.date | None = None,
) -> Review:
    """Review the Mon-Sun week holding ``week_start``.

    Pass logs of at least that week and check-ins from the plan's start (the week
    before is used for the trend, the first week for the six-week red flag).
    ``clinician_seen_on``: the day the user recorded that a clinician saw the foot;
    red flags seen only up to that day no longer hold the plan.
    """
    monday = monday_of(week_start)
    sunday = monday + dt.timedelta(days=6)
    last_day = min(sunday, today)
    # red flags of every rolling window from Monday to today (to a week after the Sunday at most):
    # a sign active on the day of the review holds it, whichever calendar week it started in
    flags_to = min(today, sunday + dt.timedelta(days=FLAGS_AFTER))
    flag_logs = [log for log in logs if monday - dt.timedelta(days=14) <= log.date <= flags_to]
    next_monday = sunday + dt.timedelta(days=1)
    checkins = [c for c in checkins if c.date <= max(flags_to, next_monday)]
    logs = [log for log in flag_logs if log.date <= sunday]
    flare_set = stats.flare_dates(flares)
    span = plan.span_on(last_day) or plan.span_on(monday)
    limits = thresholds(plan.template, span.phase if span else None)
    flags = active_flags(flags_over(checkins, flag_logs, monday, flags_to, plan, limits),
                         clinician_seen_on) if last_day >= monday else []
    if span is None or last_day < monday:
        return _outside(plan, monday, last_day, flags, today)
    index = next(i for i, p in enumerate(plan.template["phases"]) if p["id"] == span.id)
    week = Week(plan, span, index, monday, last_day, today,
                [log for log in logs if monday <= log.date <= last_day],
                pain_figures(monday, last_day, today,
                             [log for log in logs if log.date >= monday - dt.timedelta(days=7)],
                             [c for c in checkins if monday - dt.timedelta(days=7) <= c.date <= next_monday], limits,
                             WalkPlan.of(plan, monday, sunday)),
                stats.adherence(required_only(plan), logs, monday, sunday, today, flare_set),
                flags, sorted(d for d in flare_set if monday <= d <= last_day), limits)
    return _judge(week)


def _judge(week: Week) -> Review:
    data = data_hits(week)
    enough = not data
    hits = data + load_hits(week) + hold_hits(week, enough) + (needs_hits(week) if enough else [])
    fired = tuple(h for h in hits if h.kind != "met")
    met = tuple(h for h in hits if h.kind == "met")
    decision = decide(fired)
    complete = decision == "progress" and any(h.rule == "plan-complete" for h in fired)
    end = next((h for h in fired if h.rule == "plan-complete"), None)
    change = plan_change(week, decision, fired)
    return Review(week.monday, week.sunday, week.last_day, week.span.id, week.span.phase["name"], decision,
                  reasons(decision, fired, met), tuple(f.text for f in week.flags), week.adherence,
                  ExitCriteria.of_phase(week.span.phase, week.plan.template), week.pain, change, enough, week.today,
                  fired, met, tuple(week.flags), complete, end.figures["next_plan"] if end else None)


def apply_review(plan: Plan, review: Review) -> Plan:
    """The plan after accepting ``review`` (a new Plan; ``plan`` is not changed)."""
    if review.stale:
        raise RehabError(f"the review of the week of {day_text(review.week_start)} is too old to accept; "
                         "only this week's or last week's review can change the plan")
    if not review.week_over and review.phase_id is not None:
        raise RehabError(f"the week of {day_text(review.week_start)} is not over yet; its review can be accepted from "
                         f"{day_text(review.week_end + dt.timedelta(days=1))}")
    return apply_change(plan, review.change, review.week_start)


def review_thresholds(plan: Plan, day: dt.date) -> Thresholds:
    """The thresholds in force on ``day`` (the phase's exit, the template's rules, the defaults)."""
    return thresholds_on(plan, day)
