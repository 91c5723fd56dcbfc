"""Decisions an audit against CLINICAL.md's "Rules a clinician expects" found wrong (issue 12): a walk-run
step done once moved on; "no improvement" fired again the day after a clinician had seen the foot."""

import datetime as dt
import json
from pathlib import Path

from tui.core.records import CheckIn, LogEntry
from tui.core.redflags import active_flags, find_flags
from tui.core.review import weekly_review
from tui.core.rules import DEFAULTS, RULES, thresholds
from tui.core.schedule import Plan

PLANS = Path(__file__).resolve().parents[2] / "plans"
WEEK1 = dt.date(2026, 11, 9)
WEEK2 = WEEK1 + dt.timedelta(days=7)
ONE = dt.timedelta(days=1)


def template(name: str) -> dict:
    return json.loads((PLANS / f"{name}.json").read_text())


def step_week(plan: Plan, runs: int) -> list[LogEntry]:
    """Ready week and step 1 done in full, but only the first ``runs`` of step 1's walk-runs."""
    logs, kept = [], 0
    for s in plan.sessions_between(WEEK1, WEEK2 + 6 * ONE):
        if s.kind == "rest":
            continue
        if s.activity_id == "walk-run" and s.date >= WEEK2:
            kept += 1
            if kept > runs:
                continue
        logs += [LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id, pain=0)
                 for _ in range(s.dose.sittings)]
    return logs


def test_a_walk_run_step_done_fewer_than_twice_repeats():
    plan = Plan.start_from_template(template("return-to-run"), WEEK1)
    checkins = [CheckIn(date=WEEK1 + i * ONE, morning_pain=1) for i in range(15)]
    assert DEFAULTS["min_step_runs"] == 2 and "clinic" in RULES["step-runs"].source
    for runs, decision in ((0, "hold"), (1, "hold"), (2, "progress"), (3, "progress")):
        review = weekly_review(plan, step_week(plan, runs), checkins, (), WEEK2, WEEK2 + 8 * ONE)
        assert review.decision == decision, (runs, review.reasons)
        hit = next(h for h in (*review.rules_fired, *review.rules_met) if h.rule == "step-runs")
        assert hit.to_dict()["done"] == runs and hit.kind == ("needs" if runs < 2 else "met")
    once = weekly_review(plan, step_week(plan, 1), checkins, (), WEEK2, WEEK2 + 8 * ONE)
    assert once.change.phase_id == "step-1" and once.adherence_ratio >= 0.8
    assert "The walk-run was done once this week (Step 1: 4 min walk / 1 min run, 3 planned): each step is done " \
           "at least 2 times before the next, so this step repeats." in once.reasons
    one_run = {"rules": {"min_step_runs": 1}}
    assert thresholds(one_run)["min_step_runs"] == 1


def test_no_improvement_is_dated_at_the_six_week_mark_so_a_visit_clears_it():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    checkins = [CheckIn(date=WEEK1 + i * ONE, morning_pain=4) for i in range(42)]
    mark = WEEK1 + 35 * ONE
    assert find_flags(checkins, [], mark - ONE, plan) == []
    for today in (mark, mark + 3 * ONE, mark + 6 * ONE):
        [flag] = find_flags(checkins, [], today, plan)
        assert flag.id == "no-improvement" and flag.dates == (mark,)
        assert active_flags([flag], mark - ONE) == [flag]  # a visit before the mark: still a concern
        assert active_flags([flag], mark + ONE) == []  # seen at or after it: no longer active
