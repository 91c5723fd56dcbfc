"""Clinical scenarios from CLINICAL.md's "Rules a clinician expects" (issue 12), through the real `rehab`.

Each test starts a built-in plan with the CLI, writes the routine part of the history with the
Store (so the tests stay quick), makes the events the rule is about through the CLI (`log`,
`checkin`, `flare`, `flag seen`), and reads the decision with `review --json`, `review --accept`,
`week --json` and `undo` under a fake clock (`--today`). Every decision is the one a careful
clinician would make.

Dates: every plan starts on Mon 9 Nov 2026. The conservative plan: Settle weeks 1-2, Reload weeks
3-4 (brisk walks), Return weeks 5-6 (walk-run), ends Sun 20 Dec. Return to run: Ready week 1
(brisk walks), then one walk-run step a week, ends Sun 13 Dec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan, ScheduledSession
from tui.storage.store import Store

WEEK1 = dt.date(2026, 11, 9)
ONE = dt.timedelta(days=1)
CONSERVATIVE = "metatarsalgia-conservative"
RUN = "return-to-run"
WORK = "on-your-feet-at-work"
IMPACT = ("walk-run", "brisk-walk")


def monday(n: int) -> dt.date:
    return WEEK1 + dt.timedelta(weeks=n - 1)


def day(n: int, weekday: int = 0) -> str:
    """ISO date of week ``n``'s day ``weekday`` (0 = Monday)."""
    return (monday(n) + weekday * ONE).isoformat()


def start(rehab, template: str) -> Plan:
    res = rehab("plan", "start", template, "--start", WEEK1.isoformat(), today=WEEK1.isoformat())
    assert res.code == 0, res.err
    with Store.open(rehab.data_dir, fsync=False) as store:
        plan = store.get_plan()
        assert plan is not None
        return plan


def impact_pain(s: ScheduledSession) -> int | None:
    return 0 if s.activity_id in IMPACT else None


def seed(rehab, plan: Plan, first: dt.date, last: dt.date, *, skip: tuple[str, ...] = (),
         pain: Callable[[ScheduledSession], int | None] = impact_pain,
         morning: int | Callable[[dt.date], int | None] | None = 1, mornings_to: dt.date | None = None) -> None:
    """Every sitting first..last done (but ``skip`` activities), and a morning check-in each day
    from ``first`` to ``mornings_to`` (default: the day after ``last``)."""
    with Store.open(rehab.data_dir, fsync=False) as store:
        for s in plan.sessions_between(first, last):
            if s.kind == "rest" or s.activity_id in skip:
                continue
            for _ in range(s.dose.sittings):
                store.add_log(LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id, pain=pain(s)))
        d = first
        while morning is not None and d <= (mornings_to or last + ONE):
            value = morning(d) if callable(morning) else morning
            if value is not None:
                store.add_checkin(CheckIn(date=d, morning_pain=value))
            d += ONE


def ok(result):
    assert result.code == 0, (result.out, result.err)
    return result


def review(rehab, week: int, today: str, *extra: str) -> dict:
    return ok(rehab("review", "--week", day(week), "--json", *extra, today=today)).json()


def fired(data: dict) -> list[str]:
    return [r["id"] for r in data["rules_fired"]]


def sessions(rehab, date: str, today: str) -> list[dict]:
    return ok(rehab("week", "--date", date, "--json", today=today)).json()["sessions"]


def activities_on(rehab, date: str, today: str) -> list[str]:
    return [s["activity"] for s in sessions(rehab, date, today) if s["date"] == date]


def flag_text(rehab, today: str) -> str:
    return " ".join(ok(rehab("flag", "--json", today=today)).json()["red_flags"])


def checkin(rehab, date: str, pain: int, *flags: str) -> None:
    ok(rehab("checkin", "--date", date, "--morning-pain", str(pain), *flags, today=date))


# --- running only after a pain-free brisk walk that was done ---------------------------------
def test_reload_with_pain_free_brisk_walks_moves_on_to_running(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(5) - ONE)
    data = review(rehab, 4, day(5), "--accept")
    assert data["decision"] == "progress" and data["accepted"] is True, data["reasons"]
    assert "brisk-walk-gate" in [r["id"] for r in data["rules_met"]]
    assert "walk-run" in activities_on(rehab, day(5), day(5))


def test_brisk_walks_skipped_in_reload_keep_running_out(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(5) - ONE, skip=("brisk-walk",))
    data = review(rehab, 4, day(5), "--accept")
    assert data["decision"] != "progress" and "brisk-walk-gate" in fired(data)
    assert "walk-run" not in activities_on(rehab, day(5), day(5))


def test_a_brisk_walk_logged_without_its_pain_is_not_the_test(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(5) - ONE, pain=lambda s: None)
    data = review(rehab, 4, day(5))
    assert data["decision"] != "progress" and "brisk-walk-gate" in fired(data)


def test_a_brisk_walk_that_hurt_3_is_not_pain_free(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(4) - ONE)
    seed(rehab, plan, monday(4), monday(5) - ONE, pain=lambda s: 3 if s.activity_id == "brisk-walk" else None)
    data = review(rehab, 4, day(5))
    assert data["decision"] != "progress"
    assert "brisk-walk-gate" in fired(data)


def test_a_partial_brisk_walk_is_not_the_test(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(4) - ONE)
    seed(rehab, plan, monday(4), monday(5) - ONE, skip=("brisk-walk",))
    for weekday in (2, 4):  # Wed, Fri
        ok(rehab("log", "brisk-walk", "--date", day(4, weekday), "--status", "partial", "--pain", "0",
                 today=day(4, weekday)))
    data = review(rehab, 4, day(5))
    assert data["decision"] != "progress" and "brisk-walk-gate" in fired(data)


def test_a_brisk_walk_of_a_few_minutes_is_not_the_test(rehab):
    """About 30 minutes of brisk walking is the usual entry test: a 3- or 5-minute walk logged
    "done" and pain-free does not open running; the planned 30 logged does."""
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(4) - ONE)
    seed(rehab, plan, monday(4), monday(5) - ONE, skip=("brisk-walk",))
    for weekday, minutes in ((2, "5"), (4, "3")):  # Wed, Fri
        ok(rehab("log", "brisk-walk", "--date", day(4, weekday), "--minutes", minutes, "--pain", "0",
                 today=day(4, weekday)))
    data = review(rehab, 4, day(5), "--accept")
    assert data["decision"] == "hold" and data["accepted"] is True
    gate = next(r for r in data["rules_fired"] if r["id"] == "brisk-walk-gate")
    assert gate["effect"] == "needs" and gate["min_minutes"] == 20 and gate["passed"] == []
    assert gate["short"] == [{"date": day(4, 2), "minutes": 5, "needed": 30},
                             {"date": day(4, 4), "minutes": 3, "needed": 30}]
    assert any("your brisk walks were 5 min (Wed 2 Dec) and 3 min (Fri 4 Dec); the test needs at least 30 min"
               in r for r in data["reasons"]), data["reasons"]
    assert "walk-run" not in activities_on(rehab, day(5), day(5))
    assert "brisk-walk" in [s["activity"] for s in sessions(rehab, day(5), day(5))]  # Reload again: the test stays
    ok(rehab("undo", today=day(5)))
    ok(rehab("log", "brisk-walk", "--date", day(4, 4), "--minutes", "30", "--pain", "0", today=day(5)))
    data = review(rehab, 4, day(5), "--accept")
    assert data["decision"] == "progress" and data["accepted"] is True, data["reasons"]
    met = next(r for r in data["rules_met"] if r["id"] == "brisk-walk-gate")
    assert met["passed"] == [day(4, 4)]
    assert "walk-run" in activities_on(rehab, day(5), day(5))


def test_a_pain_free_brisk_walk_whose_next_morning_was_worse_does_not_open_running(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(4) - ONE)
    # Reload week 2: brisk walks Wed and Fri, each followed by a morning a point worse
    worse = {monday(4) + 3 * ONE, monday(4) + 5 * ONE}
    seed(rehab, plan, monday(4), monday(5) - ONE, morning=lambda d: 2 if d in worse else 1)
    data = review(rehab, 4, day(5), "--accept")
    assert data["decision"] != "progress"
    assert "walk-run" not in activities_on(rehab, day(5), day(5))


def test_a_step_back_in_ready_keeps_the_brisk_walk_test_and_running_waits_for_it(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE, pain=lambda s: 6 if s.activity_id == "brisk-walk" else None)
    data = review(rehab, 1, day(2), "--accept")
    assert data["decision"] == "step-back" and data["accepted"] is True
    week2 = sessions(rehab, day(2), day(2))
    assert "walk-run" not in [s["activity"] for s in week2]
    assert [s["activity"] for s in week2 if s["session_id"] == "ready-brisk"] == ["brisk-walk"] * 3
    # a week of the shortened test skipped: still no running
    with Store.open(rehab.data_dir, fsync=False) as store:
        plan = store.get_plan()
    seed(rehab, plan, monday(2), monday(3) - ONE, skip=("brisk-walk",))
    data = review(rehab, 2, day(3), "--accept")
    assert data["decision"] != "progress" and "brisk-walk-gate" in fired(data)
    assert "walk-run" not in activities_on(rehab, day(3), day(3))


def test_a_step_back_from_the_first_run_step_goes_back_to_the_brisk_walk_test(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    seed(rehab, plan, monday(2), monday(3) - ONE, pain=lambda s: 6 if s.activity_id == "walk-run" else None)
    data = review(rehab, 2, day(3), "--accept")
    assert data["decision"] == "step-back" and data["change"]["phase"] == "ready"
    assert "brisk-walk" in activities_on(rehab, day(3), day(3))


# --- graded steps repeat, they do not collapse -------------------------------------------
def test_pain_past_24_hours_after_a_run_repeats_that_step(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    seed(rehab, plan, monday(3), monday(4) - ONE, mornings_to=monday(3) + ONE)
    # Step 2's Wednesday run: still sore on Thursday
    checkin(rehab, day(3, 1), 1)
    checkin(rehab, day(3, 2), 1)
    checkin(rehab, day(3, 3), 1, "--sore-next-day")
    for weekday in (4, 5, 6, 7):
        checkin(rehab, (monday(3) + weekday * ONE).isoformat(), 1)
    data = review(rehab, 3, day(4), "--accept")
    assert data["decision"] == "hold" and "sore-next-day" in fired(data)
    assert data["change"]["phase"] == "step-2" and data["accepted"] is True
    runs = [s for s in sessions(rehab, day(4), day(4)) if s["activity"] == "walk-run"]
    assert runs and all(s["phase"] == "step-2" for s in runs)
    assert ok(rehab("undo", today=day(4))).code == 0
    runs = [s for s in sessions(rehab, day(4), day(4)) if s["activity"] == "walk-run"]
    assert runs and all(s["phase"] == "step-3" for s in runs)


def test_a_clean_run_step_moves_on_one_step(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    data = review(rehab, 2, day(3))
    assert data["decision"] == "progress" and data["change"]["phase"] == "step-2"


def test_a_run_step_done_once_repeats_and_done_twice_moves_on(rehab):
    """Each walk-run step is usually done at least twice: one of step 1's three runs, pain-free, with
    every other session done (adherence over 80 %), repeats the step; two move on."""
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    seed(rehab, plan, monday(2), monday(3) - ONE, skip=("walk-run",))
    ok(rehab("log", "walk-run", "--date", day(2, 0), "--pain", "0", today=day(2, 0)))
    data = review(rehab, 2, day(3), "--accept")
    step = next(r for r in data["rules_fired"] if r["id"] == "step-runs")
    assert data["decision"] == "hold" and data["adherence"] >= 0.8
    assert (step["done"], step["needed"], step["planned"]) == (1, 2, 3) and step["dates"] == [day(2, 0)]
    assert any("The walk-run was done once this week" in r and "this step repeats" in r for r in data["reasons"])
    assert data["change"]["phase"] == "step-1" and data["accepted"] is True
    assert {s["phase"] for s in sessions(rehab, day(3), day(3)) if s["activity"] == "walk-run"} == {"step-1"}
    ok(rehab("undo", today=day(3)))
    ok(rehab("log", "walk-run", "--date", day(2, 2), "--pain", "0", today=day(3)))
    data = review(rehab, 2, day(3))
    assert data["decision"] == "progress" and data["change"]["phase"] == "step-2", data["reasons"]
    assert "step-runs" in [r["id"] for r in data["rules_met"]]


def test_next_morning_worse_after_a_run_repeats_the_step_not_a_phase_back(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    worse = monday(3) + 3 * ONE  # the morning after Wednesday's run
    seed(rehab, plan, monday(3), monday(4) - ONE, morning=lambda d: 2 if d == worse else 1)
    data = review(rehab, 3, day(4))
    assert data["decision"] == "hold" and data["change"]["phase"] == "step-2"
    assert "next-morning-worse" in fired(data)


# --- red flags over rolling windows -------------------------------------------------------
def test_numbness_on_three_days_across_a_week_boundary_flags_both_weeks(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    for date in (day(2, 5), day(2, 6), day(3, 0)):  # Sat, Sun, Mon
        checkin(rehab, date, 1, "--numbness")
    last_week = review(rehab, 2, day(3, 1), "--accept")
    assert last_week["decision"] != "progress" and "numbness" in [f["id"] for f in last_week["red_flag_signs"]]
    assert "walk-run" not in activities_on(rehab, day(3, 2), day(3, 1))
    assert "Numbness or tingling on 3 of the last 7 days" in flag_text(rehab, day(3, 1))
    this_week = review(rehab, 3, day(3, 1))
    assert "numbness" in [f["id"] for f in this_week["red_flag_signs"]]


def test_numbness_that_completes_its_window_this_week_holds_last_weeks_review(rehab):
    """Sat and Sun of last week, then Tuesday: the sign is active today, so last week's review
    must not move the plan on (rolling windows, checked every day and in every review)."""
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    for date in (day(2, 5), day(2, 6), day(3, 1)):  # Sat, Sun, Tue
        checkin(rehab, date, 1, "--numbness")
    data = review(rehab, 2, day(3, 1), "--accept")
    assert data["decision"] != "progress", data["reasons"]
    assert "numbness" in [f["id"] for f in data["red_flag_signs"]]
    assert "walk-run" not in activities_on(rehab, day(3, 2), day(3, 1))


def test_numbness_on_two_days_is_not_yet_a_flag(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    for date in (day(2, 5), day(2, 6)):
        checkin(rehab, date, 1, "--numbness")
    data = review(rehab, 2, day(3))
    assert data["decision"] == "progress" and data["red_flag_signs"] == []


def test_warmth_or_redness_at_check_in_is_a_flag_that_names_the_sign_and_a_step(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    checkin(rehab, day(1, 3), 1, "--warmth-redness")
    data = review(rehab, 1, day(2))
    assert data["decision"] == "hold"
    flag = next(f for f in data["red_flag_signs"] if f["id"] == "warmth-redness")
    assert "warmth or redness" in flag["text"].lower() and "GP" in flag["text"]


def test_limping_at_check_in_is_a_flag_and_pauses_impact(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    checkin(rehab, day(2, 0), 1, "--limping")
    assert "Limping or a changed way of walking" in flag_text(rehab, day(2, 0))
    assert "walk-run" not in activities_on(rehab, day(2, 2), day(2, 0))
    assert "cycling" in activities_on(rehab, day(2, 2), day(2, 0))


def test_night_pain_swaps_runs_and_brisk_walks_until_a_clinician_has_seen_the_foot(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(5) - ONE)
    ok(rehab("review", "--week", day(4), "--accept", today=day(5)))
    checkin(rehab, day(5, 0), 2, "--night-pain")
    assert "walk-run" not in activities_on(rehab, day(5, 2), day(5, 0))
    data = review(rehab, 5, day(5, 1))
    assert "night-pain" in [f["id"] for f in data["red_flag_signs"]] and "red-flag" in fired(data)
    ok(rehab("flag", "seen", today=day(5, 1)))
    assert ok(rehab("flag", "--json", today=day(5, 1))).json()["clinician_seen_on"] == day(5, 1)
    data = review(rehab, 5, day(5, 1))
    assert data["red_flag_signs"] == [] and "red-flag" not in fired(data)
    # The week view agrees with the review: the walk-run is back once a clinician has seen it.
    assert "walk-run" in activities_on(rehab, day(5, 2), day(5, 1))


def test_signs_a_clinician_has_seen_are_listed_apart_from_the_active_ones(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    checkin(rehab, day(2, 0), 1, "--swelling")
    data = ok(rehab("flag", "--json", today=day(2, 1))).json()
    assert len(data["red_flags"]) == 1 and data["seen_by_clinician"] == []
    assert ok(rehab("flag", today=day(2, 1))).out.startswith("! Swelling noted on Mon 16 Nov")
    ok(rehab("flag", "seen", today=day(2, 1)))
    data = ok(rehab("flag", "--json", today=day(2, 2))).json()
    assert data["red_flags"] == [] and data["clinician_seen_on"] == day(2, 1)
    assert [text.split(" on ")[0] for text in data["seen_by_clinician"]] == ["Swelling noted"]
    text = ok(rehab("flag", today=day(2, 2))).out
    assert text.strip() == "no active warning signs; 1 seen up to Tue 17 Nov, when a clinician saw your foot"
    stats = ok(rehab("stats", "--json", today=day(2, 2))).json()
    assert stats["red_flags"] == [] and len(stats["seen_by_clinician"]) == 1
    assert "Red flags" not in ok(rehab("stats", today=day(2, 2))).out
    # a sign seen again after the visit is active again; the seen one is still told apart
    checkin(rehab, day(2, 3), 1, "--limping")
    data = ok(rehab("flag", "--json", today=day(2, 3))).json()
    assert [t.split(" on ")[0] for t in data["red_flags"]] == ["Limping or a changed way of walking"]
    assert len(data["seen_by_clinician"]) == 1
    lines = ok(rehab("flag", today=day(2, 3))).out.splitlines()
    assert lines[0].startswith("! Limping or a changed way of walking on Thu 19 Nov")
    assert lines[1:] == ["and 1 more warning sign seen up to Tue 17 Nov, when a clinician saw your foot",
                         "When a clinician has seen your foot: rehab flag seen"]


def test_night_pain_pauses_brisk_walks_too(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    ok(rehab("review", "--week", day(2), "--accept", today=day(3)))
    checkin(rehab, day(3, 0), 2, "--night-pain")
    assert "brisk-walk" not in activities_on(rehab, day(3, 2), day(3, 0))


def test_a_sign_clears_when_its_window_no_longer_shows_it(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    checkin(rehab, day(2, 0), 1, "--swelling")
    assert "walk-run" not in activities_on(rehab, day(2, 4), day(2, 4))
    assert "walk-run" in activities_on(rehab, day(3, 0), day(3, 0))  # seven days on


def test_pain_over_7_is_a_flag_and_7_is_not(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    checkin(rehab, day(2, 0), 7)
    assert "Pain over 7/10" not in flag_text(rehab, day(2, 0))
    checkin(rehab, day(2, 1), 8)
    assert "Pain over 7/10 (8/10" in flag_text(rehab, day(2, 1))


def test_session_pain_rising_every_time_is_a_flag(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE, skip=("walk-run",))
    for weekday, pain in ((0, 2), (2, 3), (4, 4)):
        ok(rehab("log", "walk-run", "--date", day(2, weekday), "--pain", str(pain), today=day(2, weekday)))
    data = review(rehab, 2, day(3))
    assert data["decision"] != "progress" and "rising-sessions" in [f["id"] for f in data["red_flag_signs"]]


def _six_weeks(rehab, first: int, last: int) -> None:
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(2) - ONE, morning=first)
    seed(rehab, plan, monday(2), monday(6) - ONE, morning=lambda d: first if d < monday(6) - 7 * ONE else last)
    seed(rehab, plan, monday(6), monday(7) - ONE, morning=last)


def test_no_improvement_fires_in_the_six_week_plans_last_week(rehab):
    _six_weeks(rehab, 4, 4)
    data = review(rehab, 6, day(7))
    assert "no-improvement" in [f["id"] for f in data["red_flag_signs"]]
    assert data["decision"] != "progress" and data["plan_complete"] is False
    assert "No real improvement" in flag_text(rehab, day(6, 2))


def test_no_improvement_clears_once_a_clinician_has_seen_the_foot(rehab):
    """"Until a clinician has seen the foot": `flag seen` in week 6 clears the no-improvement sign for
    the days after too (it used to fire again the next day, holding the plan's end for good)."""
    _six_weeks(rehab, 4, 4)
    assert "No real improvement" in flag_text(rehab, day(6, 1))
    assert "walk-run" not in activities_on(rehab, day(6, 2), day(6, 1))
    ok(rehab("flag", "seen", today=day(6, 1)))
    for today in (day(6, 2), day(6, 6)):
        data = ok(rehab("flag", "--json", today=today)).json()
        assert data["red_flags"] == [] and "No real improvement" in " ".join(data["seen_by_clinician"])
    assert "walk-run" in activities_on(rehab, day(6, 2), day(6, 2))
    data = review(rehab, 6, day(7))
    assert data["red_flag_signs"] == [] and "red-flag" not in fired(data), data["reasons"]
    # a visit before the six-week mark does not clear it
    ok(rehab("flag", "seen", "--date", day(5, 0), today=day(6, 2)))
    assert "No real improvement" in flag_text(rehab, day(6, 2))


def test_pain_down_by_exactly_1_5_is_an_improvement(rehab):
    plan = start(rehab, CONSERVATIVE)
    # first week mean 4; the last seven days 3, 2, 3, 2, 3, 2 and no check-in on Sunday: mean 2.5
    seed(rehab, plan, WEEK1, monday(6) - ONE, morning=lambda d: 4 if d < monday(2) else 3)
    seed(rehab, plan, monday(6), monday(7) - ONE, mornings_to=monday(6) + 5 * ONE,
         morning=lambda d: 2 if (d - monday(6)).days % 2 else 3)
    assert "No real improvement" not in flag_text(rehab, day(6, 6))


def test_pain_getting_worse_over_six_weeks_flags(rehab):
    _six_weeks(rehab, 3, 5)
    assert "No real improvement" in flag_text(rehab, day(6, 3))


def test_real_improvement_over_six_weeks_does_not_flag(rehab):
    _six_weeks(rehab, 5, 2)
    assert "No real improvement" not in flag_text(rehab, day(6, 3))


# --- the next-morning rule --------------------------------------------------------------
def test_activity_pain_3_with_a_settled_next_morning_is_acceptable(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(3) - ONE, pain=lambda s: 3 if s.activity_id == "towel-curls" else None)
    data = review(rehab, 2, day(3))
    assert data["decision"] == "progress", data["reasons"]


def test_activity_pain_3_with_a_worse_next_morning_steps_back(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    worse = monday(2) + 3 * ONE
    seed(rehab, plan, monday(2), monday(3) - ONE, pain=lambda s: 3 if s.date == worse - ONE and
         s.activity_id == "towel-curls" else None, morning=lambda d: 2 if d >= worse else 1)
    data = review(rehab, 2, day(3))
    assert data["decision"] == "step-back" and "next-morning-worse" in fired(data)


def test_activity_pain_3_without_a_next_morning_check_in_does_not_move_on(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    missing = monday(2) + 3 * ONE
    seed(rehab, plan, monday(2), monday(3) - ONE, pain=lambda s: 3 if s.date == missing - ONE and
         s.activity_id == "towel-curls" else None, morning=lambda d: None if d == missing else 1)
    data = review(rehab, 2, day(3))
    assert data["decision"] != "progress" and "next-morning-unknown" in fired(data)


def test_activity_pain_over_5_steps_back_and_5_does_not(rehab):
    plan = start(rehab, WORK)
    seed(rehab, plan, WEEK1, monday(3) - ONE, pain=lambda s: 5 if s.activity_id == "short-foot" else None)
    data = review(rehab, 2, day(3))
    assert data["decision"] == "hold" and "activity-too-much" not in fired(data)
    ok(rehab("log", "short-foot", "--date", day(2, 4), "--pain", "6", today=day(2, 4)))
    data = review(rehab, 2, day(3))
    assert data["decision"] == "step-back" and "activity-too-much" in fired(data)


def test_a_point_a_day_climb_steps_back_and_offers_a_swap(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    climb = {monday(2) + i * ONE: 1 + i for i in range(4)}  # Mon 1, Tue 2, Wed 3, Thu 4
    seed(rehab, plan, monday(2), monday(3) - ONE, skip=("walk-run",), pain=lambda s: None,
         morning=lambda d: climb.get(d, 4))
    data = review(rehab, 2, day(3))
    assert data["decision"] == "step-back" and "morning-climb" in fired(data)


def test_a_climb_across_the_week_boundary_is_a_trend(rehab):
    """Sat 1, Sun 2, Mon 3, Tue 4 with no loaded day: a point a day over three days, although
    only two of the rises fall in the reviewed week."""
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(2) - ONE, morning=lambda d: None if d >= monday(1) + 5 * ONE else 1)
    climb = {monday(1) + 5 * ONE: 1, monday(1) + 6 * ONE: 2, monday(2): 3, monday(2) + ONE: 4}
    seed(rehab, plan, monday(1) + 5 * ONE, monday(3) - ONE, pain=lambda s: None, morning=lambda d: climb.get(d, 4),
         mornings_to=monday(3))
    data = review(rehab, 2, day(3))
    assert data["decision"] == "step-back" and "morning-climb" in fired(data), data["reasons"]


def test_a_climb_today_offers_a_swap_for_the_run(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) - ONE, mornings_to=monday(2) - ONE)
    for weekday, pain in ((4, 1), (5, 2), (6, 3), (7, 4)):  # Fri 1, Sat 2, Sun 3, Mon 4
        checkin(rehab, (monday(1) + weekday * ONE).isoformat(), pain)
    data = ok(rehab("swap", "--json", today=day(2, 0))).json()
    assert "walk-run" in str(data) and "cycling" in str(data)


# --- flare days ---------------------------------------------------------------------------
def test_two_flare_days_hold_the_phase(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    ok(rehab("flare", "--date", day(2, 1), today=day(2, 1)))
    ok(rehab("flare", "--date", day(2, 3), today=day(2, 3)))
    data = review(rehab, 2, day(3), "--accept")
    assert data["decision"] == "hold" and "flare-days" in fired(data)
    assert data["change"]["phase"] == "step-1"


def test_one_flare_day_does_not_hold(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(3) - ONE)
    ok(rehab("flare", "--date", day(2, 1), today=day(2, 1)))
    data = review(rehab, 2, day(3))
    assert data["decision"] == "progress", data["reasons"]


# --- a plan ends ----------------------------------------------------------------------------
def test_return_to_run_ends_with_plan_complete_and_offers_maintenance(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, plan.end_date)
    today = (plan.end_date + ONE).isoformat()
    data = review(rehab, 5, today, "--accept")
    assert data["plan_complete"] is True and data["next_plan"] == "maintenance"
    assert data["accepted"] is False and data["change"]["action"] == "none"
    text = ok(rehab("review", "--week", day(5), today=today)).out
    assert "PLAN COMPLETE" in text and "rehab plan start maintenance" in text
    assert sessions(rehab, (plan.end_date + 2 * ONE).isoformat(), today) == []


def test_the_conservative_plan_ends_and_offers_return_to_run(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, plan.end_date, morning=lambda d: 4 if d < monday(2) else 1)
    data = review(rehab, 6, day(7), "--accept")
    assert data["plan_complete"] is True and data["next_plan"] == "return-to-run"
    assert data["accepted"] is False
    assert sessions(rehab, day(7, 2), day(7)) == []


def test_the_last_weeks_hold_adds_weeks_only_when_chosen(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, plan.end_date, skip=("walk-run", "short-foot", "calf-stretch"))
    data = review(rehab, 5, day(6))
    assert data["decision"] == "hold" and data["plan_complete"] is False
    assert "accept only if you choose" in data["change"]["text"]
    assert sessions(rehab, day(6, 2), day(6)) == []


# --- a week not over -------------------------------------------------------------------------
def test_a_week_not_over_cannot_be_accepted(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(2) + 2 * ONE)
    data = review(rehab, 2, day(2, 3), "--accept")
    assert data["accepted"] is False and data["week_over"] is False and data["decision"] != "progress"
    assert "walk-run" in activities_on(rehab, day(2, 4), day(2, 3))
    assert next(s["phase"] for s in sessions(rehab, day(3), day(2, 3)) if s["activity"] == "walk-run") == "step-2"


def test_a_last_week_not_over_is_not_complete_yet(rehab):
    plan = start(rehab, RUN)
    seed(rehab, plan, WEEK1, monday(5) + 3 * ONE)
    data = review(rehab, 5, day(5, 4), "--accept")
    assert data["plan_complete"] is False and data["accepted"] is False


# --- exact numbers ---------------------------------------------------------------------------
def optional_ids(plan: Plan) -> set[str]:
    return {spec["id"] for phase in plan.template["phases"] for spec in phase["sessions"] if spec.get("optional")}


def test_adherence_of_69_6_percent_is_under_70(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(2) - ONE)
    optional = optional_ids(plan)
    required = [s for s in plan.sessions_between(monday(2), monday(3) - ONE)
                if s.kind != "rest" and s.session_id not in optional]
    assert len(required) == 40
    ice = next(s for s in required if s.activity_id == "ice-pack")
    done = [s for s in required if s is not ice][:27]
    with Store.open(rehab.data_dir, fsync=False) as store:
        for s in done:  # 27 session-days in full
            for _ in range(s.dose.sittings):
                store.add_log(LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id))
        for status in ("done", "done", "partial"):  # and one icing day 2.5 of 3: 27.83 of 40 is 69.6 %
            store.add_log(LogEntry(date=ice.date, activity=ice.activity_id, session_id=ice.session_id, status=status))
        d = monday(2)
        while d <= monday(3):
            store.add_checkin(CheckIn(date=d, morning_pain=1))
            d += ONE
    data = review(rehab, 2, day(3))
    adherence = next(r for r in data["rules_fired"] if r["id"] == "adherence")
    assert data["decision"] == "hold" and adherence["effect"] == "needs"
    assert any("69.6%" in r and "under the 70%" in r for r in data["reasons"]), data["reasons"]


def test_a_morning_rise_of_exactly_1_5_week_on_week_holds(rehab):
    plan = start(rehab, CONSERVATIVE)
    seed(rehab, plan, WEEK1, monday(2) - ONE, morning=1, mornings_to=monday(2) - ONE)  # week 1: 1 every morning
    values = dict(zip((monday(2) + i * ONE for i in range(6)), (2, 3, 2, 3, 2, 3), strict=True))  # mean 2.5
    seed(rehab, plan, monday(2), monday(3) - ONE, pain=lambda s: None, morning=values.get,
         mornings_to=monday(3) - ONE)
    data = review(rehab, 2, day(3))
    creep = next(r for r in data["rules_fired"] if r["id"] == "weekly-creep")
    assert data["decision"] == "hold" and creep["effect"] == "hold"
    assert any("up by 1.5" in r for r in data["reasons"]), data["reasons"]
