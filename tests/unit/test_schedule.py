import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from tui.core.dates import parse_date, week_days
from tui.core.dose import Dose
from tui.core.errors import PlanError, RehabError
from tui.core.records import CheckIn, LogEntry, check_pain, session_status
from tui.core.schedule import Plan

PLANS = Path(__file__).resolve().parents[2] / "plans"
MONDAY = dt.date(2026, 11, 23)


def conservative() -> dict:
    return json.loads((PLANS / "metatarsalgia-conservative.json").read_text())


def test_plan_expands_phases_in_order():
    plan = Plan.start_from_template(conservative(), MONDAY)
    spans = plan.spans()
    assert [s.id for s in spans] == [p["id"] for p in conservative()["phases"]]
    assert spans[0].start == MONDAY
    for a, b in itertools.pairwise(spans):
        assert b.start == a.end + dt.timedelta(days=1)
    assert plan.end_date == spans[-1].end
    assert plan.sessions_on(MONDAY - dt.timedelta(days=1)) == []
    assert plan.sessions_on(plan.end_date + dt.timedelta(days=1)) == []


def test_first_week_has_what_the_issue_asks():
    plan = Plan.start_from_template(conservative(), MONDAY)
    week = plan.sessions_between(MONDAY, MONDAY + dt.timedelta(days=6))
    kinds_by_day = {d: {s.kind for s in week if s.date == d} for d in week_days(MONDAY)}
    acts = {s.activity_id for s in week}
    assert any("rest" in k and "cross-training" not in k for k in kinds_by_day.values())
    assert {"cycling", "swimming"} <= acts and "walk-run" not in acts
    assert all(s.dose.times_per_day and s.dose.times_per_day >= 2 for s in week if s.kind == "ice")
    assert all("stretch" in k and "strength" in k for k in kinds_by_day.values())
    assert {"thumb-sweep", "thumb-walk", "ball-roll"} <= acts


def test_edits_return_new_plans_and_export_has_no_personal_data():
    plan = Plan.start_from_template(conservative(), MONDAY)
    first = plan.template["phases"][0]
    sid = first["sessions"][0]["id"]
    moved = plan.move_session(sid, ["mo", "th"])
    assert moved.session_spec(sid)["rrule"] == "FREQ=WEEKLY;BYDAY=MO,TH"
    assert plan.session_spec(sid)["rrule"] != moved.session_spec(sid)["rrule"]
    dosed = moved.set_dose(sid, Dose(minutes=12))
    assert dosed.session_spec(sid)["dose"] == {"minutes": 12}
    added = dosed.add_session(first["id"], "marble-pickup", "FREQ=WEEKLY;BYDAY=SA")
    new_id = added.template["phases"][0]["sessions"][-1]["id"]
    assert any(s.session_id == new_id for s in added.sessions_between(MONDAY, MONDAY + dt.timedelta(days=6)))
    removed = added.remove_session(new_id)
    assert all(s["id"] != new_id for s in removed.template["phases"][0]["sessions"])
    renamed = removed.rename("  My   plan ")
    assert renamed.name == "My plan"
    exported = renamed.export_template()
    text = json.dumps(exported)
    assert "start" not in exported and "segments" not in exported and "2026-" not in text
    with pytest.raises(PlanError):
        plan.set_dose(sid, Dose(minutes=500))
    with pytest.raises(PlanError):
        plan.move_session(sid, ["xx"])
    with pytest.raises(RehabError):
        plan.add_session(first["id"], "jogging")


def test_segments_move_phases():
    plan = Plan.start_from_template(conservative(), MONDAY)
    second = plan.template["phases"][1]["id"]
    later = MONDAY + dt.timedelta(weeks=1)
    advanced = plan.with_segment(second, later)
    assert advanced.phase_on(later)["id"] == second
    assert advanced.phase_on(MONDAY)["id"] == plan.template["phases"][0]["id"]


def test_dates_and_pain_checks():
    assert parse_date("2026-03-02") == dt.date(2026, 3, 2)
    for bad in ("2026-02-30", "tomorrowish", "2026-13-01"):
        with pytest.raises(RehabError) as err:
            parse_date(bad)
        assert "\n" not in str(err.value)
    for bad in ("11", "-1", "x"):
        with pytest.raises(RehabError):
            check_pain(bad)
    assert check_pain("0") == 0 and check_pain(None) is None


def test_records_round_trip_and_status():
    log = LogEntry(date=MONDAY, activity="ice-pack", session_id="s1", pain=2, foot="left")
    assert LogEntry.from_dict(log.to_dict()) == log
    c = CheckIn(date=MONDAY, morning_pain=3, numbness=True)
    assert CheckIn.from_dict(c.to_dict()) == c
    with pytest.raises(RehabError):
        LogEntry(date=MONDAY, activity="ice-pack", status="maybe")
    plan = Plan.start_from_template(conservative(), MONDAY)
    s = plan.sessions_on(MONDAY)[0]
    today = MONDAY + dt.timedelta(days=1)
    assert session_status(s, [], today) == "missed"
    assert session_status(s, [], MONDAY) == "due"
    assert session_status(s, [], MONDAY - dt.timedelta(days=1)) == "planned"
    done = LogEntry(date=MONDAY, activity=s.activity_id, session_id=s.session_id)
    assert session_status(s, [done], today) == "done"


def test_dose_describe_and_timer():
    assert Dose(minutes=15, times_per_day=3).describe() == "15 min, 3x a day"
    assert Dose(minutes_per_foot=3).timer_seconds() == 360
    assert Dose(hold_seconds=30, reps=3).timer_seconds() == 90
    assert Dose(sets=3, walk_minutes=4, run_minutes=1).describe() == "3 x (4 min walk / 1 min run)"
    assert Dose(sets=3, reps=10).timer_seconds() is None
    assert Dose(minutes=400).problems()


def test_with_segment_never_relabels_past_weeks():
    plan = Plan.start_from_template(conservative(), MONDAY)
    ids = [p["id"] for p in plan.template["phases"]]
    in_third = MONDAY + dt.timedelta(weeks=4)
    assert plan.phase_on(in_third)["id"] == ids[2]
    back = plan.with_segment(ids[1], MONDAY + dt.timedelta(weeks=5))
    assert back.phase_on(MONDAY)["id"] == ids[0]
    assert back.phase_on(MONDAY + dt.timedelta(weeks=2))["id"] == ids[1]
    assert back.phase_on(in_third)["id"] == ids[2]  # lived weeks keep their phase
    assert back.phase_on(MONDAY + dt.timedelta(weeks=5))["id"] == ids[1]
