"""`rehab review`, `flare`, `stats`, `swap` through the real entry point, over scripted histories.

The plan is started and the review read through the CLI; the bulk of a history
(a fortnight of logs) is written with the Store so the tests stay quick, and the
parts the issue names (check-ins with numbness, flare days, accept + undo) go
through the CLI too.
"""

import datetime as dt

import pytest

from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.storage.store import Store

WEEK1 = dt.date(2026, 11, 9)
WEEK2 = dt.date(2026, 11, 16)
WEEK3 = dt.date(2026, 11, 23)  # holds TODAY, 2026-11-24


def one_line_error(result):
    assert result.code == 1, (result.out, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def start(rehab, template: str, when: dt.date = WEEK1) -> Plan:
    res = rehab("plan", "start", template, "--start", when.isoformat())
    assert res.code == 0, res.err
    with Store.open(rehab.data_dir, fsync=False) as store:
        return store.get_plan()


def seed(rehab, plan: Plan, first: dt.date, last: dt.date, pain=lambda s: None, mornings=()):
    with Store.open(rehab.data_dir, fsync=False) as store:
        for s in plan.sessions_between(first, last):
            for _ in range(s.dose.sittings if s.kind != "rest" else 0):  # one log per sitting
                store.add_log(LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id,
                                       pain=pain(s)))
        for day, value in mornings:
            store.add_checkin(CheckIn(date=day, morning_pain=value))


def fortnight(value: int):
    return [(WEEK1 + dt.timedelta(days=i), value) for i in range(14)]


def test_clean_fortnight_gives_progress(rehab):
    plan = start(rehab, "metatarsalgia-conservative")
    seed(rehab, plan, WEEK1, WEEK3 - dt.timedelta(days=1), pain=lambda s: 1 if s.kind == "cross-training" else None,
         mornings=fortnight(2))
    res = rehab("review", "--json")
    assert res.code == 0, res.err
    data = res.json()
    assert data["week_start"] == "2026-11-16" and data["decision"] == "progress"
    assert data["adherence"] == 1 and data["red_flags"] == []
    assert data["pain"]["activity_max"] == 1 and data["pain"]["morning_mean"] == 2
    assert data["change"] == {"action": "start-phase", "text": data["change"]["text"], "phase": "reload",
                              "start": "2026-11-23", "swaps": []}
    text = rehab("review")
    assert text.code == 0 and "MOVE ON" in text.out and "rehab review --week 2026-11-16 --accept" in text.out


def test_rising_morning_pain_after_walk_run_repeats_the_step_and_accept_is_undoable(rehab):
    # Changed (issue 12): this asserted a step back to "ready"; a walk-run step whose runs leave the
    # next morning worse is repeated (CLINICAL.md: graded steps repeat, they do not collapse).
    plan = start(rehab, "return-to-run")
    pains = iter([3, 4, 4])
    seed(rehab, plan, WEEK1, WEEK2 - dt.timedelta(days=1), pain=lambda s: 1 if s.kind == "walk-run" else None,
         mornings=[(WEEK1 + dt.timedelta(days=i), 2) for i in range(7)])
    seed(rehab, plan, WEEK2, WEEK3 - dt.timedelta(days=1),
         pain=lambda s: next(pains) if s.activity_id == "walk-run" else None,
         mornings=[(WEEK2 + dt.timedelta(days=i), v) for i, v in enumerate([2, 4, 3, 5, 4, 6, 5])])
    data = rehab("review", "--week", "2026-11-18", "--json").json()
    assert data["decision"] == "hold" and data["phase"] == "step-1"
    assert [r["effect"] for r in data["rules_fired"] if r["id"] == "next-morning-worse"] == ["repeat"] * 3
    assert "Morning pain rose from 2 to 4 after Monday's walk-run intervals." in data["reasons"]
    assert [r["date"] for r in data["pain"]["morning_rises"]] == ["2026-11-16", "2026-11-18", "2026-11-20"]
    assert data["change"]["phase"] == "step-1"

    before = rehab("plan", "show", "--json").json()
    accepted = rehab("review", "--accept", "--json").json()
    assert accepted["accepted"] is True
    after = rehab("plan", "show", "--json").json()
    assert [(p["phase"], p["start"]) for p in after["phases"]][:3] == [
        ("ready", "2026-11-09"), ("step-1", "2026-11-16"), ("step-1", "2026-11-23")]
    week = rehab("week", "--json").json()
    assert {s["phase"] for s in week["sessions"]} == {"step-1"}
    again = rehab("review", "--week", "2026-11-16", "--accept")  # the lived weeks kept their phases
    assert again.code == 0 and "already in the plan" in again.out
    undo = rehab("undo")
    assert undo.code == 0 and "accept review of week 2026-11-16" in undo.out
    assert rehab("plan", "show", "--json").json() == before


def test_one_missing_week_gives_hold_with_a_reason(rehab):
    plan = start(rehab, "metatarsalgia-conservative")
    seed(rehab, plan, WEEK1, WEEK2 - dt.timedelta(days=1), mornings=fortnight(2)[:7])
    data = rehab("review", "--json").json()
    assert data["decision"] == "hold"
    assert data["reasons"][0].startswith("Nothing was logged or checked in for the week of Mon 16 Nov")
    assert data["enough_data"] is False and data["adherence"] == 0


def test_numbness_on_three_days_gives_a_red_flag(rehab):
    plan = start(rehab, "metatarsalgia-conservative")
    seed(rehab, plan, WEEK1, WEEK3 - dt.timedelta(days=1), mornings=fortnight(2)[:11])
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        assert rehab("checkin", "--date", day, "--morning-pain", "2", "--numbness").code == 0
    data = rehab("review", "--json").json()
    assert len(data["red_flags"]) == 1
    assert data["red_flags"][0].startswith("Numbness or tingling on 3 of the last 7 days")
    assert data["decision"] == "hold"
    text = rehab("review")
    assert "Red flags: please see a clinician" in text.out and "cannot diagnose" in text.out


def test_flare_days_keep_the_streak_and_show_in_the_week(rehab):
    plan = start(rehab, "metatarsalgia-conservative")
    flare_days = {WEEK2 + dt.timedelta(days=2), WEEK2 + dt.timedelta(days=3)}
    seed(rehab, plan, WEEK1, WEEK3 - dt.timedelta(days=1), mornings=fortnight(2))
    with Store.open(rehab.data_dir, fsync=False) as store:  # nothing was done on the flare days
        for log in store.logs(min(flare_days), max(flare_days)):
            store.delete_log(log.id)
    today = "2026-11-22"
    assert rehab("stats", "--json", today=today).json()["streak"] == 3  # Fri-Sun since the missed days
    for day in sorted(flare_days):
        res = rehab("flare", "--date", day.isoformat(), today=today)
        assert res.code == 0 and "does not count against adherence" in res.out
    stats = rehab("stats", "--json", today=today).json()
    assert stats["streak"] == 12  # 14 days: the 2 flare days keep the streak without adding to it
    assert stats["flare_days"] == ["2026-11-18", "2026-11-19"]
    assert stats["week_adherence"]["ratio"] == 1
    review = rehab("review", "--week", "2026-11-16", "--json", today="2026-11-24").json()
    # issue 12: two flare days in one week hold the phase (it said "progress" before)
    assert review["decision"] == "hold" and review["adherence"] == 1
    assert [r["id"] for r in review["rules_fired"]] == ["flare-days"]
    week = rehab("week", "--date", "2026-11-18", "--json").json()
    wed = [s["activity"] for s in week["sessions"] if s["date"] == "2026-11-18"]
    assert wed == ["rest", "ice-pack", "ball-roll", "thumb-sweep"]
    assert rehab("flare", "--list").out.split() == ["2026-11-18", "2026-11-19"]
    assert "already" in rehab("flare", "--date", "2026-11-18").out
    assert rehab("flare", "--date", "2026-11-18", "--off").code == 0
    assert rehab("undo").out.startswith("undid: flare off 2026-11-18")
    assert rehab("flare", "--list").out.split() == ["2026-11-18", "2026-11-19"]


def test_stats_text_and_swap(rehab):
    plan = start(rehab, "return-to-run", WEEK2)  # "ready" (brisk walk Mon/Wed/Fri) this week... then step-1
    seed(rehab, plan, WEEK2, WEEK3 - dt.timedelta(days=1),
         mornings=[(WEEK2 + dt.timedelta(days=i), 2) for i in range(8)])
    assert rehab("checkin", "--morning-pain", "4", "--footwear", "trainers").code == 0  # Tue 24 Nov
    # Tuesday has no walk-run in step-1; Wednesday does, and today's pain is up by 2 on Monday's
    assert "no swap suggested" in rehab("swap").out
    wed = "2026-11-25"
    suggested = rehab("swap", "--date", wed, "--json", today=wed).json()
    assert suggested == []  # no check-in on Wednesday yet
    assert rehab("checkin", "--morning-pain", "4", today=wed).code == 0
    assert rehab("swap", "--date", wed, "--json", today=wed).json() == []  # 4 -> 4: not up
    assert rehab("checkin", "--morning-pain", "6", today=wed).code == 0
    [s] = rehab("swap", "--json", today=wed).json()
    assert s["activity"] == "walk-run" and s["minutes"] == 15 and "up from 4 to 6" in s["reason"]
    done = rehab("swap", "--to", "cycling", "--pain", "1", today=wed)
    assert done.code == 0 and "logged cycling (15 min) in place of Walk-run intervals" in done.out
    week = rehab("week", "--json", today=wed).json()
    assert [x["status"] for x in week["sessions"] if x["date"] == wed and x["kind"] == "walk-run"] == ["done"]
    stats = rehab("stats", today=wed)
    assert stats.code == 0 and "morning pain" in stats.out and "streak" in stats.out
    assert "footwear trainers: 1 days" in stats.out


@pytest.mark.parametrize("args, message", [
    (("review", "--week", "2026-02-30"), "does not exist"),
    (("review", "--week", "2026-09-01", "--accept"), "too old to accept"),
    (("flare", "--date", "soon"), "is not a date"),
    (("stats", "--days", "x"), "--days must be a whole number"),
    (("stats", "--days", "3"), "--days must be from 7 to 365"),
    (("swap", "--to", "cycling"), "no walk-run or brisk walk left to swap"),
    (("swap", "--pain", "11"), "pain must be from 0 to 10"),
    (("flare", "--list", "--off"), "--list takes no --date or --off"),
])
def test_bad_input_is_one_line_and_changes_nothing(rehab, args, message):
    start(rehab, "metatarsalgia-conservative")
    before = rehab("plan", "show", "--json").out
    assert message in one_line_error(rehab(*args))
    assert rehab("plan", "show", "--json").out == before
    assert rehab("flare", "--list").out.strip() == "no flare days"


def test_review_without_a_plan(rehab):
    assert "no active plan" in one_line_error(rehab("review"))
    assert "no active plan" in one_line_error(rehab("stats"))


def test_accept_from_the_cli_records_the_offered_week_like_the_app(rehab):
    """Issue 9: the CLI's accept used to leave the review to be offered again in the TUI."""
    from tui.service.review import OFFERED_KEY

    plan = start(rehab, "metatarsalgia-conservative")
    seed(rehab, plan, WEEK1, WEEK3 - dt.timedelta(days=1), mornings=fortnight(1))
    today = (WEEK3 + dt.timedelta(days=1)).isoformat()
    assert rehab("review", "--accept", "--json", today=today).json()["accepted"] is True
    with Store.open(rehab.data_dir, fsync=False) as store:
        assert store.get_setting(OFFERED_KEY) == WEEK3.isoformat()


def test_review_on_the_plans_first_day_says_nothing_to_change_once(rehab):
    """Issue 12 polish: on the start day last week is before the plan; the review says so in one
    sentence each (was "HOLD" ... "nothing to change: Nothing changes.")."""
    start(rehab, "return-to-run", WEEK1)
    for extra in ((), ("--accept",)):
        out = rehab("review", *extra, today=WEEK1.isoformat())
        assert out.code == 0, out.err
        lines = [line for line in out.out.splitlines() if line.strip()]
        assert lines[0] == "Week of Mon 2 Nov 2026: NOTHING TO REVIEW"
        assert lines[1] == "  - The week of Mon 2 Nov is outside the plan (Mon 9 Nov to Sun 13 Dec): nothing to review."
        assert lines[2] == "Nothing to change: the plan starts on Mon 9 Nov."
        assert "Nothing changes" not in out.out and out.out.lower().count("nothing to change") == 1
        assert "adherence n/a" not in out.out
    data = rehab("review", "--json", "--accept", today=WEEK1.isoformat()).json()
    assert data["change"] == {"action": "none", "text": "Nothing to change: the plan starts on Mon 9 Nov.",
                              "phase": None, "start": None, "swaps": []}
    assert data["accepted"] is False and data["can_accept"] is False
    after = rehab("review", "--week", "2026-12-14", "--accept", today="2026-12-21").out
    assert "Nothing to change: the plan ended on Sun 13 Dec." in after
    ahead = rehab("review", "--week", "2026-11-23", today=WEEK1.isoformat()).out
    assert "Nothing to change yet: the week has not started." in ahead


def test_a_week_that_carries_on_says_nothing_to_change_once(rehab):
    plan = start(rehab, "metatarsalgia-conservative", WEEK1)
    mornings = [(WEEK1 + dt.timedelta(days=i), 1) for i in range(8)]
    seed(rehab, plan, WEEK1, WEEK2 - dt.timedelta(days=1), mornings=mornings)
    out = rehab("review", "--week", WEEK1.isoformat(), "--accept", today=WEEK2.isoformat()).out
    assert "Nothing to change: Settle carries on as planned until Sun 22 Nov." in out
    assert out.count("othing to change") == 1, out
