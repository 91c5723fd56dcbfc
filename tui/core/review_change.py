"""What accepting a review does to the plan, and doing it (a new Plan; nothing changes until accepted)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .dates import week_start as monday_of
from .review_decide import Week, impact_in
from .review_figures import name_of
from .review_words import day_text
from .rules import Hit
from .schedule import Plan
from .substitution import SUBSTITUTES, similar_minutes

READINESS_TEST = "brisk-walk"
PAST = "That week is past"
NOT_OVER = "Nothing changes yet"


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


def _past_end(week: Week, start: dt.date, weeks: int) -> str:
    if not week.last_phase or start <= week.plan.end_date:
        return ""
    return (f" This adds {weeks} week{'s' if weeks != 1 else ''} after the plan's end on "
            f"{day_text(week.plan.end_date)}: accept only if you choose to.")


def plan_change(week: Week, decision: str, hits: Sequence[Hit]) -> Change:
    change = _plan_change(week, decision, hits)
    open_to_change = not change.text.startswith((PAST, NOT_OVER))
    if open_to_change and any(h.rule == "red-flag" for h in hits):
        note = " While the warning sign is active, its runs and brisk walks are shown as cycling or swimming."
        return Change(change.action, change.text + note, change.phase_id, change.start, change.swaps)
    return change


def _plan_change(week: Week, decision: str, hits: Sequence[Hit]) -> Change:
    phases = week.plan.template["phases"]
    start = week.sunday + dt.timedelta(days=1)
    kinds = {h.rule: h for h in hits}
    if monday_of(week.today) > start:
        return Change("none", PAST + ": this review is for reading only and cannot change the plan.")
    if "week-not-over" in kinds:
        return Change("none", f"{NOT_OVER}: the week is not over, so its review cannot be accepted before "
                              f"{day_text(start)}.")
    name = week.span.phase["name"]
    if decision == "progress":
        if "plan-complete" in kinds:
            return Change("none", "The plan is complete: nothing is added unless you choose what comes next.")
        nxt = phases[week.index + 1]
        return Change("start-phase", f"{nxt['name']} starts on {day_text(start)}.", nxt["id"], start)
    if decision == "hold":
        repeat = any(h.kind == "repeat" for h in hits)
        if week.span.end < start or (repeat and week.span.end <= week.sunday):
            weeks = int(week.span.phase["weeks"])
            what = "repeats" if repeat else "runs again"
            length = f"{weeks} week{'s' if weeks != 1 else ''}"
            return Change("start-phase", f"{name} {what} from {day_text(start)} ({length})."
                          + _past_end(week, start, weeks), week.span.id, start)
        return Change("none", f"Nothing to change: {name} carries on as planned until {day_text(week.span.end)}.")
    return _step_back(week, start)


def _step_back(week: Week, start: dt.date) -> Change:
    phases = week.plan.template["phases"]
    name = week.span.phase["name"]
    if week.index > 0:
        prev = phases[week.index - 1]
        return Change("start-phase", f"Back to {prev['name']} from {day_text(start)}."
                      + _past_end(week, start, int(prev["weeks"])), prev["id"], start)
    swaps = []
    for spec in impact_in(week.span.phase):
        session = next((s for s in week.plan.sessions_between(week.span.start, week.span.end)
                        if s.session_id == spec["id"]), None)
        minutes = similar_minutes(session) if session else 20.0
        if spec["activity"] == READINESS_TEST:  # never removed: shortened (or repeated as it is)
            shorter = min(minutes, float(week.limits["brisk_walk_min_minutes"]))
            if shorter < minutes:
                swaps.append({"session_id": spec["id"], "from": READINESS_TEST, "to": READINESS_TEST,
                              "minutes": shorter})
            continue
        swaps.append({"session_id": spec["id"], "from": spec["activity"], "to": SUBSTITUTES[0], "minutes": minutes})
    if swaps:
        what = ", ".join(f"{name_of(s['from'])} becomes {s['minutes']:g} min of cycling" if s["to"] != s["from"]
                         else f"the {name_of(s['from'])} is shortened to {s['minutes']:g} min (it stays: running "
                              "waits for it)" for s in swaps)
        swim = " (swimming works too)" if any(s["to"] != s["from"] for s in swaps) else ""
        return Change("swap-impact", f"{name} runs again from {day_text(start)}; {what}{swim}.",
                      week.span.id, start, tuple(swaps))
    return Change("start-phase", f"{name} is already the first phase: it runs again from {day_text(start)}.",
                  week.span.id, start)


# --- accepting ----------------------------------------------------------------------
def _pinned(plan: Plan, before: dt.date) -> Plan:
    """The plan with every phase span starting before ``before`` written down as a segment,
    so starting a new segment later does not re-time the weeks already lived."""
    data = plan.to_dict()
    data["segments"] = [{"phase": s.id, "start": s.start.isoformat()} for s in plan.spans() if s.start < before]
    return Plan(data)


def _swap_why(swap: dict[str, Any], week_start: dt.date) -> str:
    if swap["to"] == swap["from"]:
        return (f"Shortened to {swap['minutes']:g} min after the review of the week of {day_text(week_start)}: the "
                "brisk walk test stays, and running starts only once it is pain-free.")
    return (f"In place of {name_of(swap['from'])} after the review of the week of {day_text(week_start)}: "
            "low-impact work of similar length while the foot settles.")


def apply_change(plan: Plan, change: Change, week_start: dt.date) -> Plan:
    if change.action == "none" or change.start is None or change.phase_id is None:
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
                spec["why"] = _swap_why(swap, week_start)
                spec.pop("note", None)
        base = Plan(copy.deepcopy(data))
    return base.with_segment(change.phase_id, change.start)
