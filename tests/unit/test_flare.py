"""Flare days (tui/core/flare.py): rest + icing + gentle massage in place of the day's plan."""

import datetime as dt
import json
from pathlib import Path

from tui.core.flare import apply_flares, is_flare_session
from tui.core.records import LogEntry, session_status
from tui.core.schedule import Plan

PLANS = Path(__file__).resolve().parents[2] / "plans"
MONDAY = dt.date(2026, 11, 23)


def week():
    plan = Plan.start_from_template(json.loads((PLANS / "metatarsalgia-conservative.json").read_text()), MONDAY)
    return plan.sessions_between(MONDAY, MONDAY + dt.timedelta(days=6))


def test_a_flare_day_becomes_rest_ice_and_gentle_massage():
    sessions = week()
    tuesday = MONDAY + dt.timedelta(days=1)
    out = apply_flares(sessions, {tuesday.isoformat()})
    todays = [s for s in out if s.date == tuesday]
    assert [s.activity_id for s in todays] == ["rest", "ice-pack", "ball-roll", "thumb-sweep"]
    assert [s.kind for s in todays] == ["rest", "ice", "massage", "massage"]
    assert all(is_flare_session(s) and s.phase_id == "settle" for s in todays)
    assert todays[2].dose.minutes_per_foot == 2  # gentler than the usual 3
    assert "gentle" in todays[3].note.lower() or "gentle" in todays[3].why.lower()
    # the plan's own session ids are kept where the activity is the same
    assert todays[1].session_id == "settle-ice" and todays[3].session_id == "flare-thumb-sweep"
    # other days untouched, order by date kept
    assert [s for s in out if s.date != tuesday] == [s for s in sessions if s.date != tuesday]
    assert [s.date for s in out] == sorted(s.date for s in out)
    assert not any(s.kind == "cross-training" for s in todays)


def test_no_flares_no_change_and_dates_work_too():
    sessions = week()
    assert apply_flares(sessions, set()) == sessions
    assert apply_flares(sessions, {MONDAY}) == apply_flares(sessions, {MONDAY.isoformat()})


def test_flare_outside_the_plan_gets_the_set_when_a_range_is_given():
    day = dt.date(2027, 6, 1)
    assert apply_flares([], {day}) == []
    out = apply_flares([], {day}, day - dt.timedelta(days=3), day + dt.timedelta(days=3))
    assert [s.activity_id for s in out] == ["rest", "ice-pack", "ball-roll", "thumb-sweep"]
    assert out[0].phase_id == ""


def test_logging_ice_on_a_flare_day_matches_its_session():
    tuesday = MONDAY + dt.timedelta(days=1)
    out = apply_flares(week(), {tuesday})
    ice = next(s for s in out if s.date == tuesday and s.kind == "ice")
    # Ice is 3 sittings a day: three logs (by session id or by activity) make it done.
    by_id = [LogEntry(date=tuesday, activity="ice-pack", session_id="settle-ice")] * ice.dose.sittings
    by_activity = [LogEntry(date=tuesday, activity="ice-pack")] * ice.dose.sittings
    assert session_status(ice, by_id, tuesday) == "done"
    assert session_status(ice, by_activity, tuesday) == "done"
