"""Issue 12 through the real `rehab` entry point: rules_fired in `review --json`, an unfinished week
cannot be accepted, the plan's end adds nothing, the brisk-walk gate, accept + undo."""

import datetime as dt

from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.storage.store import Store

WEEK1 = dt.date(2026, 11, 9)
ONE = dt.timedelta(days=1)


def monday(n: int) -> dt.date:
    return WEEK1 + dt.timedelta(weeks=n - 1)


def start(rehab, template: str) -> Plan:
    assert rehab("plan", "start", template, "--start", WEEK1.isoformat()).code == 0
    with Store.open(rehab.data_dir, fsync=False) as store:
        plan = store.get_plan()
        assert plan is not None
        return plan


def seed(rehab, plan, first, last, skip=(), pain=lambda s: None, morning=1):
    with Store.open(rehab.data_dir, fsync=False) as store:
        for s in plan.sessions_between(first, last):
            if s.kind == "rest" or s.activity_id in skip:
                continue
            for _ in range(s.dose.sittings):
                store.add_log(LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id,
                                       pain=pain(s)))
        day = first
        while day <= last + ONE:
            store.add_checkin(CheckIn(date=day, morning_pain=morning))
            day += ONE


def test_reload_without_a_brisk_walk_holds_and_says_why_in_json(rehab):
    plan = start(rehab, "metatarsalgia-conservative")
    seed(rehab, plan, WEEK1, monday(5) - ONE, skip={"brisk-walk"})
    data = rehab("review", "--week", monday(4).isoformat(), "--json", today=monday(5).isoformat()).json()
    assert data["decision"] == "hold" and data["phase"] == "reload"
    gate = [r for r in data["rules_fired"] if r["id"] == "brisk-walk-gate"]
    assert gate and gate[0]["logged"] == 0 and "AOPT" in gate[0]["source"]
    assert data["change"]["phase"] == "reload"


def test_an_unfinished_week_cannot_be_accepted(rehab):
    plan = start(rehab, "metatarsalgia-conservative")
    seed(rehab, plan, WEEK1, monday(2) + 2 * ONE)
    today = (monday(2) + 3 * ONE).isoformat()
    data = rehab("review", "--week", monday(2).isoformat(), "--accept", "--json", today=today).json()
    assert data["accepted"] is False and data["week_over"] is False
    assert "week-not-over" in [r["id"] for r in data["rules_fired"]]
    assert "cannot be accepted before Mon 23 Nov" in data["change"]["text"]
    with Store.open(rehab.data_dir, fsync=False) as store:
        stored = store.get_plan()
        assert stored is not None and stored.to_dict()["segments"] == plan.to_dict()["segments"]


def test_the_last_week_says_complete_and_accepting_adds_nothing(rehab):
    plan = start(rehab, "return-to-run")
    end = plan.end_date
    seed(rehab, plan, WEEK1, end, pain=lambda s: 0 if s.kind == "walk-run" else None)
    today = (end + ONE).isoformat()
    data = rehab("review", "--week", monday(5).isoformat(), "--accept", "--json", today=today).json()
    assert data["decision"] == "progress" and data["plan_complete"] is True and data["next_plan"] == "maintenance"
    assert data["accepted"] is False and data["change"]["action"] == "none"
    assert data["reasons"][-1].startswith("The plan is complete")
    week = rehab("week", "--date", (end + 2 * ONE).isoformat(), "--json", today=today).json()
    assert week["sessions"] == []  # nothing scheduled past the end


def test_a_step_back_is_accepted_and_undone(rehab):
    plan = start(rehab, "return-to-run")
    seed(rehab, plan, WEEK1, monday(2) - ONE, pain=lambda s: 6 if s.activity_id == "brisk-walk" else None)
    today = monday(2).isoformat()
    data = rehab("review", "--week", WEEK1.isoformat(), "--accept", "--json", today=today).json()
    assert data["decision"] == "step-back" and data["accepted"] is True
    assert next(r["id"] for r in data["rules_fired"]) == "activity-too-much"
    # shortened to rules' brisk_walk_min_minutes (20), the shortest walk that still counts as the test
    assert data["change"]["swaps"] == [{"session_id": "ready-brisk", "from": "brisk-walk", "to": "brisk-walk",
                                        "minutes": 20.0}]
    week = rehab("week", "--date", today, "--json", today=today).json()
    brisk = [s for s in week["sessions"] if s["activity"] == "brisk-walk"]
    assert brisk and all(s["dose"]["minutes"] == 20 for s in brisk)
    assert rehab("undo", today=today).code == 0
    week = rehab("week", "--date", today, "--json", today=today).json()
    assert not [s for s in week["sessions"] if s["activity"] == "brisk-walk"]  # step-1 again: walk-run
