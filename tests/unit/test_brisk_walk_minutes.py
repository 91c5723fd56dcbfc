"""The brisk-walk running gate counts a walk's minutes (issue 12): a walk passes only when its minutes
(as logged, else as planned) reach its session's planned minutes and rules' brisk_walk_min_minutes
(20, a shortened test); a step back shortens the test to that floor, never below, never removes it."""

import datetime as dt
import json
from pathlib import Path

from tui.core.records import CheckIn, LogEntry
from tui.core.review import apply_review, weekly_review
from tui.core.rules import DEFAULTS, thresholds
from tui.core.schedule import Plan

PLANS = Path(__file__).resolve().parents[2] / "plans"
WEEK1 = dt.date(2026, 11, 9)  # a Monday: return-to-run's Ready week
WEEK2 = WEEK1 + dt.timedelta(days=7)
ONE = dt.timedelta(days=1)


def ready_plan() -> Plan:
    return Plan.start_from_template(json.loads((PLANS / "return-to-run.json").read_text()), WEEK1)


def week_logs(plan: Plan, monday: dt.date, walk_minutes: dict[int, float | None]) -> list[LogEntry]:
    """Every sitting of the week done, pain 0 on impact; brisk walks logged with ``walk_minutes``
    by weekday (a walk not named is left out)."""
    out = []
    for s in plan.sessions_between(monday, monday + 6 * ONE):
        if s.kind == "rest":
            continue
        if s.activity_id == "brisk-walk":
            weekday = s.date.weekday()
            if weekday in walk_minutes:
                out.append(LogEntry(date=s.date, activity="brisk-walk", session_id=s.session_id, pain=0,
                                    minutes=walk_minutes[weekday]))
            continue
        out += [LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id) for _ in range(s.dose.sittings)]
    return out


def mornings(first: dt.date, days: int = 8) -> list[CheckIn]:
    return [CheckIn(date=first + i * ONE, morning_pain=1) for i in range(days)]


def gate(review):
    return next(h for h in (*review.rules_fired, *review.rules_met) if h.rule == "brisk-walk-gate")


def test_the_floor_is_a_rules_default_labelled_common_practice():
    assert DEFAULTS["brisk_walk_min_minutes"] == 20
    assert thresholds({"rules": {"brisk_walk_min_minutes": 25}})["brisk_walk_min_minutes"] == 25
    assert thresholds({"rules": {"shortened_test_minutes": 15}})["brisk_walk_min_minutes"] == 15  # older name
    both = {"rules": {"brisk_walk_min_minutes": 25, "shortened_test_minutes": 15}}
    assert thresholds(both)["brisk_walk_min_minutes"] == 25
    from tui.core.rules import RULES

    assert "common practice" in RULES["brisk-walk-gate"].source


def test_a_three_minute_brisk_walk_logged_done_is_not_the_test():
    plan = ready_plan()
    review = weekly_review(plan, week_logs(plan, WEEK1, {4: 3}), mornings(WEEK1), (), WEEK1, WEEK2 + ONE)
    assert review.decision == "hold" and gate(review).kind == "needs"
    assert any("your brisk walk on Fri 13 Nov was 3 min; the test needs at least 30 min (as planned; never under 20)"
               in r for r in review.reasons), review.reasons
    figures = gate(review).to_dict()
    assert figures["min_minutes"] == 20 and figures["passed"] == []
    assert figures["short"] == [{"date": "2026-11-13", "minutes": 3, "needed": 30}]
    assert figures["walks"][0]["long_enough"] is False and figures["walks"][0]["pain_free"] is True
    assert json.dumps(review.to_dict())  # JSON-ready


def test_the_planned_minutes_count_when_the_log_gives_none_and_logged_minutes_when_it_does():
    plan = ready_plan()
    for minutes, moves_on in ((None, True), (30, True), (45, True), (25, False)):
        review = weekly_review(plan, week_logs(plan, WEEK1, {2: minutes}), mornings(WEEK1), (), WEEK1, WEEK2 + ONE)
        assert (review.decision == "progress") is moves_on, (minutes, review.reasons)
    review = weekly_review(plan, week_logs(plan, WEEK1, {2: 30}), mornings(WEEK1), (), WEEK1, WEEK2 + ONE)
    assert any("The brisk walk on Wed 11 Nov was pain-free (0-2/10), 30 min (30 needed)" in r
               for r in review.reasons), review.reasons


def test_several_short_walks_are_named_with_their_minutes():
    plan = ready_plan()
    review = weekly_review(plan, week_logs(plan, WEEK1, {0: 5, 2: 10, 4: 12}), mornings(WEEK1), (), WEEK1,
                           WEEK2 + ONE)
    assert any("your brisk walks were 5 min (Mon 9 Nov), 10 min (Wed 11 Nov) and 12 min (Fri 13 Nov); the test "
               "needs at least 30 min" in r for r in review.reasons), review.reasons


def test_a_step_back_shortens_the_test_to_the_floor_and_the_floor_still_counts():
    plan = ready_plan()
    painful = [LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id,
                        pain=6 if s.activity_id == "brisk-walk" else None)
               for s in plan.sessions_between(WEEK1, WEEK2 - ONE) if s.kind != "rest"]
    back = weekly_review(plan, painful, mornings(WEEK1), (), WEEK1, WEEK2)
    assert back.decision == "step-back"
    plan = apply_review(plan, back)
    assert plan.session_spec("ready-brisk")["dose"] == {"minutes": 20.0}  # shortened, not removed
    checkins = mornings(WEEK1, 15)
    short = weekly_review(plan, painful + week_logs(plan, WEEK2, {4: 15}), checkins, (), WEEK2, WEEK2 + 8 * ONE)
    assert short.decision == "hold"
    assert any("was 15 min; the test needs at least 20 min." in r for r in short.reasons), short.reasons
    good = weekly_review(plan, painful + week_logs(plan, WEEK2, {4: None}), checkins, (), WEEK2, WEEK2 + 8 * ONE)
    assert good.decision == "progress" and good.change.phase_id == "step-1", good.reasons


def test_a_template_planning_a_walk_under_the_floor_needs_the_floor():
    data = json.loads((PLANS / "return-to-run.json").read_text())
    spec = next(s for s in data["phases"][0]["sessions"] if s["activity"] == "brisk-walk")
    spec["dose"] = {"minutes": 10}
    plan = Plan.start_from_template(data, WEEK1)
    review = weekly_review(plan, week_logs(plan, WEEK1, {2: None}), mornings(WEEK1), (), WEEK1, WEEK2 + ONE)
    assert review.decision == "hold"
    assert gate(review).to_dict()["short"] == [{"date": "2026-11-11", "minutes": 10, "needed": 20}]


def test_a_walk_on_a_day_with_none_planned_is_held_to_the_weeks_planned_minutes():
    plan = ready_plan()
    logs = week_logs(plan, WEEK1, {}) + [LogEntry(date=WEEK1 + ONE, activity="brisk-walk", pain=0, minutes=22)]
    review = weekly_review(plan, logs, mornings(WEEK1), (), WEEK1, WEEK2 + ONE)
    assert review.decision == "hold"
    assert gate(review).to_dict()["short"] == [{"date": "2026-11-10", "minutes": 22, "needed": 30}]
