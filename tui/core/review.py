"""Weekly review: progress, hold or step back, decided by the pain-monitoring model.

Rules (CLINICAL.md; Silbernagel et al. 2007 unless said otherwise):

- Pain during an activity: 0-2/10 safe, 3-5/10 acceptable, over 5/10 too much.
  Any session over 5/10 -> step back.
- Acceptable pain only counts as acceptable when the next morning is not worse:
  morning pain up by 1.5 or more (Beresford 2022's smallest change that matters;
  on a 0-10 whole-number scale that is 2 points) the morning after an impact
  session, or after any session that hurt 3/10 or more -> step back.
- The week's morning pain must not creep up: a rise of 1.5 or more in the
  average against the week before (or, lacking that, within the week) -> hold.
  This weekly-trend rule is common practice, not part of the trial.
- Moving on (progress) needs, from the phase's ``exit`` criteria in the template:
  activity pain at or under ``max_activity_pain`` (default 5), adherence at least
  ``min_adherence`` (default 0.7), at least ``min_weeks`` weeks in the phase
  (default: the phase's weeks), enough check-ins (3) in a finished week, no red flag.
  Anything short of that -> hold, with the reason.

Nothing changes until the user accepts: ``apply_review(plan, review)`` returns a
new Plan that the caller stores (``store.edit_plan``/``set_plan``, undoable).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import stats
from .activities import CATALOG
from .dates import week_start as monday_of
from .errors import RehabError
from .records import CheckIn, LogEntry
from .redflags import MEANINGFUL_CHANGE, NOTE, red_flags
from .schedule import Plan
from .substitution import SUBSTITUTES, TOO_MUCH, is_impact, similar_minutes

__all__ = [
    "ExitCriteria", "MorningRise", "PainFigures", "Change", "Review",
    "weekly_review", "apply_review", "review_ranges", "default_review_week", "red_flags", "change_word",
    "DECISIONS",
]

DECISIONS = ("progress", "hold", "step-back")
ACCEPTABLE_FROM = 3  # activity pain 3-5 is "acceptable" only if the next morning is not worse
MIN_CHECKINS = 3
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _name(activity_id: str | None) -> str:
    activity = CATALOG.get(activity_id or "")
    name = activity.name if activity else (activity_id or "session")
    return name[:1].lower() + name[1:]


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def change_word(before: float, after: float) -> str:
    """"worse", "better" or "about the same", with 1.5/10 as the smallest change that matters."""
    if after - before >= MEANINGFUL_CHANGE:
        return "worse"
    if before - after >= MEANINGFUL_CHANGE:
        return "better"
    return "about the same"


@dataclass(frozen=True)
class ExitCriteria:
    max_activity_pain: int = TOO_MUCH
    morning_pain_not_worse: bool = True
    min_adherence: float = 0.7
    min_weeks: int = 1

    @classmethod
    def of_phase(cls, phase: dict[str, Any]) -> "ExitCriteria":
        ex = phase.get("exit") or {}
        return cls(
            max_activity_pain=int(ex.get("max_activity_pain", TOO_MUCH)),
            morning_pain_not_worse=bool(ex.get("morning_pain_not_worse", True)),
            min_adherence=float(ex.get("min_adherence", 0.7)),
            min_weeks=int(ex.get("min_weeks", phase.get("weeks", 1))),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"max_activity_pain": self.max_activity_pain, "morning_pain_not_worse": self.morning_pain_not_worse,
                "min_adherence": self.min_adherence, "min_weeks": self.min_weeks}


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
        what = f"{DAY_NAMES[self.date.weekday()]}'s {_name(self.activity)}" if self.activity else DAY_NAMES[self.date.weekday()]
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

    @property
    def morning_first(self) -> int | None:
        return self.morning[0][1] if self.morning else None

    @property
    def morning_last(self) -> int | None:
        return self.morning[-1][1] if self.morning else None

    def to_dict(self) -> dict[str, Any]:
        r = (lambda x: None if x is None else round(x, 2))
        return {
            "activity_max": self.activity_max,
            "activity_mean": r(self.activity_mean),
            "activity_count": self.activity_count,
            "worst_session": None if self.worst is None else
            {"date": self.worst[0].isoformat(), "activity": self.worst[1], "pain": self.worst[2]},
            "morning": [{"date": d.isoformat(), "pain": p} for d, p in self.morning],
            "morning_first": self.morning_first,
            "morning_last": self.morning_last,
            "morning_mean": r(self.morning_mean),
            "previous_week_morning_mean": r(self.previous_week_morning_mean),
            "morning_trend": r(self.trend),
            "trend_basis": self.trend_basis,
            "morning_rises": [m.to_dict() for m in self.rises],
        }


@dataclass(frozen=True)
class Change:
    """What accepting the review does to the plan."""

    action: str  # "none" | "start-phase" | "swap-impact"
    text: str
    phase_id: str | None = None
    start: dt.date | None = None
    swaps: tuple[dict[str, Any], ...] = ()  # {"session_id", "from", "to", "minutes"}

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "text": self.text, "phase": self.phase_id,
                "start": self.start.isoformat() if self.start else None, "swaps": [dict(s) for s in self.swaps]}


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

    @property
    def adherence_ratio(self) -> float:
        """0-1; 0 when there was nothing to count."""
        return self.adherence.ratio or 0.0

    @property
    def stale(self) -> bool:
        """True for a week older than last week: accepting it would act on a later plan."""
        return monday_of(self.today) > self.week_start + dt.timedelta(days=7)

    @property
    def title(self) -> str:
        words = {"progress": "Move on", "hold": "Hold", "step-back": "Step back"}
        return f"{words[self.decision]}: week of {_day(self.week_start)}" + (
            f" ({self.phase_name})" if self.phase_name else "")

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
            "adherence": round(self.adherence_ratio, 3),
            "sessions_counted": self.adherence.counted,
            "enough_data": self.enough_data,
            "criteria": self.criteria.to_dict(),
            "pain": self.pain.to_dict(),
            "change": self.change.to_dict(),
            "note": NOTE,
        }


# --- figures ------------------------------------------------------------------------
def _pain_figures(monday: dt.date, last_day: dt.date, today: dt.date, logs: list[LogEntry],
                  checkins: list[CheckIn]) -> PainFigures:
    sunday = monday + dt.timedelta(days=6)
    week_logs = [l for l in logs if monday <= l.date <= last_day]
    pains = [l for l in week_logs if l.pain is not None]
    worst = max(pains, key=lambda l: (l.pain, is_impact(l.activity), l.date), default=None)
    morning_map = {c.date: c.morning_pain for c in checkins}
    week_morning = tuple((d, p) for d, p in sorted(morning_map.items()) if monday <= d <= last_day)
    prev = [p for d, p in morning_map.items() if monday - dt.timedelta(days=7) <= d < monday]
    this_mean = stats.mean(p for _, p in week_morning)
    prev_mean = stats.mean(prev) if len(prev) >= 2 else None

    trend = basis = t_from = t_to = None
    if this_mean is not None and prev_mean is not None and len(week_morning) >= 2:
        t_from, t_to, basis = prev_mean, this_mean, "previous week"
    elif len(week_morning) >= 4:
        k = len(week_morning) // 2
        t_from = stats.mean(p for _, p in week_morning[:k])
        t_to = stats.mean(p for _, p in week_morning[-k:])
        basis = "within the week"
    if t_from is not None and t_to is not None:
        trend = t_to - t_from

    rises = []
    day = monday
    while day <= min(sunday, today - dt.timedelta(days=1)):
        after = morning_map.get(day + dt.timedelta(days=1))
        before = morning_map.get(day)
        if before is None:  # the latest check-in of the 3 days before
            earlier = [d for d in morning_map if day - dt.timedelta(days=3) <= d < day]
            before = morning_map[max(earlier)] if earlier else None
        if after is not None and before is not None and after - before >= MEANINGFUL_CHANGE:
            done = [l for l in logs if l.date == day and l.status in ("done", "partial")]
            impact = [l for l in done if is_impact(l.activity)]
            pool = impact or [l for l in done if l.pain is not None]
            pick = max(pool, key=lambda l: -1 if l.pain is None else l.pain, default=None)
            loaded = bool(impact) or (pick is not None and pick.pain is not None and pick.pain >= ACCEPTABLE_FROM)
            rises.append(MorningRise(day, before, after, pick.activity if pick else None,
                                     pick.pain if pick else None, loaded))
        day += dt.timedelta(days=1)

    return PainFigures(
        activity_max=worst.pain if worst else None,
        activity_mean=stats.mean(l.pain for l in pains),
        activity_count=len(pains),
        worst=(worst.date, worst.activity, worst.pain) if worst else None,
        morning=week_morning,
        morning_mean=this_mean,
        previous_week_morning_mean=prev_mean,
        trend=trend, trend_basis=basis, trend_from=t_from, trend_to=t_to,
        rises=tuple(rises),
    )


# --- the review ---------------------------------------------------------------------
def review_ranges(plan: Plan, week: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """What weekly_review needs for the week holding ``week``: ((logs from, to), (check-ins from, to)),
    e.g. ``store.logs(*logs_range)`` and ``store.checkins(*checkins_range)``."""
    monday = monday_of(week)
    sunday = monday + dt.timedelta(days=6)
    before = monday - dt.timedelta(days=7)
    return (before, sunday), (min(plan.start, before), sunday + dt.timedelta(days=1))


def default_review_week(today: dt.date) -> dt.date:
    """The week a review is offered for: the Monday of the week just finished."""
    return monday_of(today) - dt.timedelta(days=7)


def weekly_review(
    plan: Plan,
    logs: Iterable[LogEntry],
    checkins: Iterable[CheckIn],
    flares: Iterable[dt.date | str] | None,
    week_start: dt.date,
    today: dt.date,
) -> Review:
    """Review the Mon-Sun week holding ``week_start``.

    Pass logs of at least that week and check-ins from the plan's start (the week
    before is used for the trend, the first week for the six-week red flag).
    """
    monday = monday_of(week_start)
    sunday = monday + dt.timedelta(days=6)
    last_day = min(sunday, today)
    logs = [l for l in logs if monday - dt.timedelta(days=7) <= l.date <= sunday]
    checkins = [c for c in checkins if c.date <= sunday + dt.timedelta(days=1)]
    flare_set = stats.flare_dates(flares)
    flags = tuple(red_flags(checkins, logs, last_day, plan))

    span = plan.span_on(last_day) or plan.span_on(monday)
    if span is None or last_day < monday:
        where = (f"The week of {_day(monday)} is outside the plan ({_day(plan.start)} to {_day(plan.end_date)})"
                 if last_day >= monday else f"The week of {_day(monday)} has not started yet")
        return Review(monday, sunday, last_day, None, None, "hold", (where + ": nothing to review.",), flags,
                      stats.Adherence(), ExitCriteria(), PainFigures(),
                      Change("none", "Nothing changes."), False, today)

    criteria = ExitCriteria.of_phase(span.phase)
    adherence = stats.adherence(plan, logs, monday, sunday, today, flare_set)
    pain = _pain_figures(monday, last_day, today, logs, [c for c in checkins if c.date >= monday - dt.timedelta(days=7)])
    week_logs = [l for l in logs if monday <= l.date <= last_day]
    flare_days = [d for d in flare_set if monday <= d <= last_day]
    days_judged = (last_day - monday).days + 1

    step_back: list[str] = []
    hold: list[str] = []
    good: list[str] = []

    # too much pain during an activity
    too_much = sorted((l for l in week_logs if l.pain is not None and l.pain > TOO_MUCH),
                      key=lambda l: (-l.pain, l.date))
    if too_much:
        worst = too_much[0]
        more = f" ({len(too_much) - 1} more session{'s' if len(too_much) > 2 else ''} over it)" if len(too_much) > 1 else ""
        step_back.append(f"Pain during {DAY_NAMES[worst.date.weekday()]}'s {_name(worst.activity)} reached "
                         f"{worst.pain}/10, over the {TOO_MUCH}/10 limit{more}.")
    # next morning worse
    pain_hold: list[str] = []  # hold reasons about pain, kept next to a step-back's
    if criteria.morning_pain_not_worse:
        loaded = [r for r in pain.rises if r.loaded]
        for rise in pain.rises:
            (step_back if rise.loaded else pain_hold).append(f"{rise.text()[:1].upper()}{rise.text()[1:]}.")
        if loaded:
            step_back.append("Pain during a session only counts as acceptable when the next morning is not "
                             "worse, so the load comes down.")

    # enough data?
    enough = True
    if not week_logs and not pain.morning:
        enough = False
        hold.insert(0, f"Nothing was logged or checked in for the week of {_day(monday)}: too little to judge, "
                       "so the plan does not move on.")
    elif len(flare_days) >= days_judged:
        enough = False
        hold.insert(0, "Every day of the week so far was a flare day: too little to judge, so the plan does not move on.")
    elif len(pain.morning) < MIN_CHECKINS:
        enough = False
        hold.insert(0, f"Only {len(pain.morning)} morning check-in{'' if len(pain.morning) == 1 else 's'} this week: "
                       f"the review needs at least {MIN_CHECKINS} to judge the pain trend.")
    if last_day < sunday and enough:
        hold.append(f"The week is not over yet (judged up to {_day(last_day)}): moving on needs the whole week.")

    if flags:
        hold.append("A warning sign came up (see the red flags): the plan should not move on until a clinician "
                    "has had a look.")

    if enough:
        ratio = adherence.ratio
        counted = f"{adherence.credit:g} of {adherence.counted} sessions"
        if ratio is not None and ratio < criteria.min_adherence:
            hold.append(f"You did {ratio:.0%} of the week's sessions ({counted}); moving on needs "
                        f"{criteria.min_adherence:.0%}.")
        elif ratio is not None:
            good.append(f"You did {ratio:.0%} of the week's sessions ({counted}; {criteria.min_adherence:.0%} needed).")
        if pain.activity_max is not None and criteria.max_activity_pain < pain.activity_max <= TOO_MUCH:
            d, act, p = pain.worst
            hold.append(f"Pain during {DAY_NAMES[d.weekday()]}'s {_name(act)} reached {p}/10: acceptable, but this "
                        f"phase moves on only when activity pain stays at {criteria.max_activity_pain}/10 or less.")
        elif pain.activity_max is not None and pain.activity_max <= criteria.max_activity_pain:
            good.append(f"Pain during activity stayed at or under {criteria.max_activity_pain}/10 "
                        f"(highest {pain.activity_max}/10).")
        elif pain.activity_max is None:
            good.append("No pain was logged during sessions.")
        if pain.trend is not None:
            word = change_word(pain.trend_from, pain.trend_to)
            a, b = _num(pain.trend_from), _num(pain.trend_to)
            if pain.trend_basis == "previous week":
                moved = f"from {a} the week before to {b} this week, on average"
                steady = f"{b} on average this week, {a} the week before"
            else:
                moved = f"from {a} early in the week to {b} late in the week, on average"
                steady = f"{a} early in the week, {b} late in the week, on average"
            if word == "worse":
                pain_hold.append(f"Morning pain is creeping up, {moved}. (Keeping the weekly trend from rising is "
                            "common practice, not a rule from the pain-monitoring trial.)")
            elif word == "better":
                good.append(f"Morning pain eased {moved}: a change that matters.")
            else:
                good.append(f"Morning pain held steady ({steady}).")
        elif pain.morning:
            good.append(f"Morning pain ran from {pain.morning_first} to {pain.morning_last} this week.")

    weeks_done = ((sunday - span.start).days + 1) // 7
    phases = plan.template["phases"]
    index = next(i for i, p in enumerate(phases) if p["id"] == span.id)
    if enough:
        if weeks_done < criteria.min_weeks:
            hold.append(f"{weeks_done} full week{'' if weeks_done == 1 else 's'} of {span.phase['name']} so far: "
                        f"this phase asks for at least {criteria.min_weeks} before moving on.")
        if index == len(phases) - 1 and not step_back:
            hold.append(f"{span.phase['name']} is the plan's last phase: keep going until the plan ends on "
                        f"{_day(plan.end_date)}.")

    data_hold = [] if enough else hold[:1]
    flag_hold = [h for h in hold if h.startswith("A warning sign")]
    if step_back:
        decision, reasons = "step-back", data_hold + step_back + pain_hold + flag_hold
    elif hold or pain_hold:
        decision, reasons = "hold", data_hold + pain_hold + hold[len(data_hold):]
    else:
        decision, reasons = "progress", good

    change = _change(plan, decision, span, index, sunday, today)
    return Review(monday, sunday, last_day, span.id, span.phase["name"], decision, tuple(reasons), flags,
                  adherence, criteria, pain, change, enough, today)


def _change(plan: Plan, decision: str, span, index: int, sunday: dt.date, today: dt.date) -> Change:
    phases = plan.template["phases"]
    start = sunday + dt.timedelta(days=1)
    if monday_of(today) > start:
        return Change("none", "That week is past: this review is for reading only and cannot change the plan.")
    name = span.phase["name"]
    if decision == "progress":
        nxt = phases[index + 1]
        return Change("start-phase", f"{nxt['name']} starts on {_day(start)}.", nxt["id"], start)
    if decision == "hold":
        if span.end < start:
            return Change("start-phase", f"{name} runs again from {_day(start)} ({span.phase['weeks']} weeks).",
                          span.id, start)
        return Change("none", f"{name} carries on as planned until {_day(span.end)}.")
    # step-back
    if index > 0:
        prev = phases[index - 1]
        return Change("start-phase", f"Back to {prev['name']} from {_day(start)}.", prev["id"], start)
    swaps = []
    for spec in span.phase["sessions"]:
        if is_impact(spec["activity"]):
            session = next((s for s in plan.sessions_between(span.start, span.end) if s.session_id == spec["id"]), None)
            minutes = similar_minutes(session) if session else 20.0
            swaps.append({"session_id": spec["id"], "from": spec["activity"], "to": SUBSTITUTES[0], "minutes": minutes})
    if swaps:
        what = ", ".join(f"{_name(s['from'])} becomes {s['minutes']:g} min of cycling" for s in swaps)
        return Change("swap-impact", f"{name} runs again from {_day(start)}; {what} (swimming works too).",
                      span.id, start, tuple(swaps))
    return Change("start-phase", f"{name} is already the first phase: it runs again from {_day(start)}.",
                  span.id, start)


# --- accepting ----------------------------------------------------------------------
def _pinned(plan: Plan, before: dt.date) -> Plan:
    """The plan with every phase span starting before ``before`` written down as a segment,
    so starting a new segment later does not re-time the weeks already lived."""
    data = plan.to_dict()
    data["segments"] = [{"phase": s.id, "start": s.start.isoformat()} for s in plan.spans() if s.start < before]
    return Plan(data)


def apply_review(plan: Plan, review: Review) -> Plan:
    """The plan after accepting ``review`` (a new Plan; ``plan`` is not changed)."""
    if review.stale:
        raise RehabError(f"the review of the week of {_day(review.week_start)} is too old to accept; "
                         "only this week's or last week's review can change the plan")
    change = review.change
    if change.action == "none":
        return Plan.from_dict(plan.to_dict())
    base = _pinned(plan, change.start)
    if change.action == "swap-impact":
        data = base.to_dict()
        for phase in data["template"]["phases"]:
            for spec in phase["sessions"]:
                swap = next((s for s in change.swaps if s["session_id"] == spec["id"]), None)
                if swap is None:
                    continue
                spec["activity"] = swap["to"]
                spec["dose"] = {"minutes": swap["minutes"]}
                spec["why"] = (f"In place of {_name(swap['from'])} after the review of the week of "
                               f"{_day(review.week_start)}: low-impact work of similar length while the foot settles.")
                spec.pop("note", None)
        base = Plan(copy.deepcopy(data))
    return base.with_segment(change.phase_id, change.start)
