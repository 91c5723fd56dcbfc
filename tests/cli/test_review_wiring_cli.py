"""`rehab review` and `rehab flag` over the rules-based Review: rules_fired and can_accept in --json,
a complete plan names the command that starts the next one, an unfinished week is not accepted,
warning signs shown with the sign and the next step, a clinician's visit recorded, and the
log/check-in notices taking their thresholds from tui/core/rules."""

from __future__ import annotations

import datetime as dt

from tui.core.records import CheckIn, LogEntry
from tui.service import make_service

START = dt.date(2026, 11, 2)  # a Monday; the maintenance plan runs 4 weeks, to Sun 29 Nov
LAST_WEEK = "2026-11-23"
AFTER = "2026-11-30"


def complete_maintenance(data_dir) -> None:
    """Every sitting of the 4-week maintenance plan done at pain 1, a check-in every day."""
    service = make_service(data_dir, dt.date.fromisoformat(AFTER), fsync=False)
    service.start_template("maintenance", START)
    plan = service.plan()
    day = START
    while day <= plan.end_date:
        for session in plan.sessions_on(day):
            for _ in range(session.dose.sittings):
                service.add_log(LogEntry(date=day, activity=session.activity_id, session_id=session.session_id,
                                         status="done", pain=1))
        service.checkin(CheckIn(date=day, morning_pain=1))
        day += dt.timedelta(days=1)
    service.close()


def test_a_complete_plan_names_the_command_for_the_next_one(rehab):
    complete_maintenance(rehab.data_dir)
    data = rehab("review", "--week", LAST_WEEK, "--json", today=AFTER).json()
    assert data["plan_complete"] is True and data["next_plan"] == "maintenance"
    assert data["next_plan_command"] == f"rehab plan start maintenance --start {AFTER}"
    assert "plan-complete" in [r["id"] for r in data["rules_fired"]]
    assert data["can_accept"] is False
    text = rehab("review", "--week", LAST_WEEK, today=AFTER)
    assert "PLAN COMPLETE" in text.out.splitlines()[0]
    assert f"What next: rehab plan start maintenance --start {AFTER}" in text.out
    started = rehab(*data["next_plan_command"].split()[1:], today=AFTER)
    assert started.code == 0, started.err
    assert rehab("week", "--json", today=AFTER).json()["week_start"] == AFTER


def test_an_unfinished_week_is_not_accepted_and_says_from_when(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    data = rehab("review", "--week", "2026-11-23", "--json", today="2026-11-25").json()
    assert data["can_accept"] is False and data["week_over"] is False
    text = rehab("review", "--week", "2026-11-23", "--accept", today="2026-11-25")
    assert text.code == 0
    lines = text.out.strip().splitlines()
    assert lines[-1].startswith("Self-care structure, not medical advice")
    assert lines[-3] == "not accepted: This week is not over yet: its review can be accepted from Mon 30 Nov."


def test_warning_signs_show_the_sign_and_the_next_step_and_a_visit_clears_them(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    for day in ("2026-11-24", "2026-11-25"):
        assert rehab("checkin", "--morning-pain", "3", "--night-pain", "--date", day, today="2026-11-25").code == 0
    text = rehab("review", "--week", "2026-11-23", today="2026-11-25").out
    assert "Red flags: please see a clinician" in text
    assert "Pain at night or at rest on Tue 24 Nov, Wed 25 Nov" in text
    assert "When a clinician has seen your foot: rehab flag seen" in text
    assert text.count("it cannot diagnose") == 1
    assert "night-pain" in [f["id"] for f in rehab("review", "--week", "2026-11-23", "--json",
                                                    today="2026-11-25").json()["red_flag_signs"]]
    seen = rehab("flag", "seen", today="2026-11-25")
    assert seen.code == 0 and "a clinician saw your foot on Wed 25 Nov 2026" in seen.out
    after = rehab("review", "--week", "2026-11-23", "--json", today="2026-11-25").json()
    assert after["red_flag_signs"] == []
    assert rehab("flag", "--json", today="2026-11-25").json()["clinician_seen_on"] == "2026-11-25"


def test_a_visit_in_the_future_is_one_line(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    result = rehab("flag", "seen", "--date", "2026-12-30")
    assert result.code == 1 and result.err.strip() == (
        "rehab: 2026-12-30 is in the future; record a visit on or after the day it happened")


def test_log_and_checkin_notices_come_from_the_rules(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    assert rehab("log", "ice-pack", "--pain", "5").err == ""
    over = rehab("log", "ice-pack", "--pain", "6").err
    assert "pain over 5/10 is more than this plan aims for" in over and "red flag" not in over
    severe = rehab("log", "ice-pack", "--pain", "8").err
    assert "pain over 7/10 is a red flag" in severe
    quiet = rehab("checkin", "--morning-pain", "7")
    assert quiet.err == ""
    loud = rehab("checkin", "--morning-pain", "8", "--swelling", "--date", "2026-11-23")
    assert loud.err.startswith("warning sign: swelling, morning pain over 7/10. Please have a clinician look")


def test_no_pain_threshold_is_written_in_the_interfaces():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "tui"
    compare = re.compile(r"pain[\w.\[\]'\"]*\s*(>|<|>=|<=)\s*\d")
    found = [f"{path.relative_to(root)}:{n}" for folder in ("cli", "app", "service")
             for path in sorted((root / folder).rglob("*.py"))
             for n, line in enumerate(path.read_text().splitlines(), 1) if compare.search(line)]
    assert found == []


def test_text_reports_say_once_that_they_are_not_medical_advice(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    for args in (("week",), ("review", "--week", "2026-11-23"), ("stats",)):
        res = rehab(*args, today="2026-11-25")
        assert res.code == 0, res.err
        assert res.out.count("not medical advice") == 1, (args, res.out)
        assert "not medical advice" not in rehab(*args, "--json", today="2026-11-25").out  # JSON stays data


def test_week_names_keep_their_column(rehab):
    """The longest name fits its column: every dose starts in the same column."""
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    out = rehab("week", today="2026-11-25").out
    rows = [line for line in out.splitlines() if line[:2] == "  " and line[3:4] == " "]
    assert any("Plantar fascia and toe stretch" in r for r in rows), out
    name_width = len("Plantar fascia and toe stretch")
    dose_columns = {len(r) - len(r[4 + name_width:].lstrip()) for r in rows}
    assert len(dose_columns) == 1, out
