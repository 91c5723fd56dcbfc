"""Progress figures (tui/core/stats.py) over small scripted histories."""

import copy
import datetime as dt
import subprocess
import sys
import time

import pytest

from tui.core import stats
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan

TODAY = dt.date(2026, 11, 24)  # Tuesday
START = dt.date(2026, 11, 9)  # Monday, two weeks before TODAY's week

TEMPLATE = {
    "format": "rehab-planner/template", "version": 1,
    "id": "tiny", "name": "Tiny plan", "description": "for tests",
    "phases": [
        {"id": "settle", "name": "Settle", "weeks": 3, "sessions": [
            {"id": "s-ice", "activity": "ice-pack", "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"},
            {"id": "s-calf", "activity": "calf-stretch", "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"},
            {"id": "s-rest", "activity": "rest", "rrule": "FREQ=WEEKLY;BYDAY=SU"},
            {"id": "s-ball", "activity": "ball-roll", "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
        ]},
        {"id": "load", "name": "Load", "weeks": 2, "sessions": [
            {"id": "l-run", "activity": "walk-run", "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
            {"id": "l-ice", "activity": "ice-pack", "rrule": "FREQ=DAILY"},
        ]},
    ],
}


def plan() -> Plan:
    return Plan.start_from_template(TEMPLATE, START)


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def log_all(p: Plan, first: dt.date, last: dt.date, status: str = "done", **kw) -> list[LogEntry]:
    """One log per sitting of every session first..last (ice 3x a day: three logs)."""
    return [
        LogEntry(date=s.date, activity=s.activity_id, status=status, session_id=s.session_id, **kw)
        for s in p.sessions_between(first, last)
        if s.kind != "rest"
        for _ in range(s.dose.sittings)
    ]


def test_credit_rules():
    assert stats.credit("done") == 1 and stats.credit("partial") == 0.5
    assert stats.credit("skipped") == 0 and stats.credit("missed") == 0
    assert stats.credit("due") is None and stats.credit("planned") is None


def test_adherence_counts_sittings_done_partial_skipped_missed_and_not_future_or_rest():
    p = plan()
    monday = day(0)
    # Monday: ice (3 sittings) 1 done, calf (2 sittings) 1 partial, ball (1) skipped.
    # Tuesday: ice 1 of 3 done (no session id: matched by activity), calf not logged.
    logs = [
        LogEntry(date=monday, activity="ice-pack", session_id="s-ice"),
        LogEntry(date=monday, activity="calf-stretch", status="partial", session_id="s-calf"),
        LogEntry(date=monday, activity="ball-roll", status="skipped", session_id="s-ball"),
        LogEntry(date=day(1), activity="ice-pack"),
    ]
    a = stats.adherence(p, logs, monday, day(1), today=day(1))
    # Monday is over: 1/3 + 0.5/2 + 0; Tuesday's two sessions still have sittings to do: pending
    assert a.counted == 3 and a.credit == pytest.approx(1 / 3 + 0.25) and a.pending == 2
    assert a.ratio == pytest.approx((1 / 3 + 0.25) / 3) and a.text() == "19%" and a.under_way
    b = stats.adherence(p, logs, monday, day(1), today=day(2))  # now Tuesday is over
    assert b.counted == 5 and b.credit == pytest.approx(1 / 3 + 0.25 + 1 / 3) and not b.under_way
    # the whole week with today on Tuesday: the rest of the week is pending, Sunday's rest never counts
    week = stats.adherence(p, logs, monday, day(6), today=day(1))
    assert week.counted == 3 and week.pending == 2 + 3 + 2 + 3 + 2  # Tue to Sat
    assert stats.adherence(p, [], day(30), day(36), today=day(1)).ratio is None
    assert stats.Adherence().text() == "n/a"
    assert a.detail() == "19% (0.58 of 3 sessions), 2 still to come"
    assert stats.Adherence(1.0, 1).detail() == "100% (1 of 1 session)"
    assert stats.Adherence(0, 0, 4).detail() == "n/a, 4 still to come"


def test_all_sittings_logged_today_count_and_extra_logs_count_no_more():
    p = plan()
    ice = [LogEntry(date=day(1), activity="ice-pack", session_id="s-ice")] * 5  # 3 sittings, 5 logs
    a = stats.adherence(p, ice, day(1), day(1), today=day(1))
    assert (a.credit, a.counted, a.pending) == (1.0, 1, 1)  # ice done; calf still due
    skipped_after = ice[:1] + [LogEntry(date=day(1), activity="ice-pack", status="skipped")] * 2
    b = stats.adherence(p, skipped_after, day(1), day(1), today=day(1))
    assert b.counted == 1 and b.credit == pytest.approx(1 / 3)  # the skips never erase the done one


def test_sitting_figures_say_the_day_is_under_way():
    p = plan()
    logs = log_all(p, day(0), day(0)) + [LogEntry(date=day(1), activity="ice-pack", session_id="s-ice")] * 2
    today = stats.range_sittings(p, logs, day(1), day(1), today=day(1))
    # Tuesday: ice 3 + calf 2 = 5 sittings, 2 done; untimed sittings are due all day
    assert today.to_dict() == {"planned": 5, "done": 2, "due_so_far": 5, "to_do_today": 3, "later": 0}
    assert today.text() == "2 of 5 due so far, 3 still to do today" and today.under_way
    week = stats.range_sittings(p, logs, day(0), day(6), today=day(1))
    # Mon/Wed/Fri 6 sittings, Tue/Thu/Sat 5; due so far: Monday's 6 and today's 5
    assert (week.planned, week.done, week.due_so_far, week.to_do_today, week.later) == (33, 8, 11, 3, 22)
    assert week.text() == "8 of 11 due so far, 3 still to do today, 22 later"
    finished = stats.range_sittings(p, log_all(p, day(0), day(0)), day(0), day(0), today=day(3))
    assert finished.text() == "6 of 6 done" and not finished.under_way
    assert stats.SittingFigures().text() == "nothing to do"


def test_timed_sittings_are_due_when_their_time_comes():
    timed = copy.deepcopy(TEMPLATE)
    timed["phases"][0]["sessions"][0]["dose"] = {"minutes": 15, "times_per_day": 3,
                                                 "times": ["08:00", "13:00", "19:00"]}
    timed["phases"][0]["sessions"] = timed["phases"][0]["sessions"][:1]
    p = Plan.start_from_template(timed, START)
    one = [LogEntry(date=day(1), activity="ice-pack", session_id="s-ice")]
    clock = [(7, 0), (12, 59), (13, 0), (20, 0)]
    at = {t: stats.range_sittings(p, one, day(1), day(1), day(1), now=dt.time(*t)) for t in clock}
    assert [f.due_so_far for f in at.values()] == [1, 1, 2, 3]
    assert at[(13, 0)].text() == "1 of 2 due so far, 2 still to do today"
    assert all(f.to_do_today == 2 for f in at.values())


def test_flare_days_count_neither_way():
    p = plan()
    logs = log_all(p, day(0), day(0))
    plain = stats.adherence(p, logs, day(0), day(1), today=day(5))
    assert plain.counted == 5 and plain.credit == 3  # Tuesday all missed
    flared = stats.adherence(p, logs, day(0), day(1), today=day(5), flares={day(1).isoformat()})
    assert (flared.credit, flared.counted) == (3, 3)
    assert stats.flare_dates(["2026-11-10", dt.date(2026, 11, 11), "junk"]) == {day(1), day(2)}


def test_adherence_by_kind_and_by_week():
    p = plan()
    logs = [log for log in log_all(p, day(0), day(13)) if not (log.activity == "ball-roll" and log.date >= day(7))]
    kinds = stats.adherence_by_kind(p, logs, day(0), day(13), today=day(14))
    assert list(kinds) == ["ice", "stretch", "massage"]  # KINDS order, no rest
    assert kinds["ice"].ratio == 1 and kinds["stretch"].ratio == 1
    assert kinds["massage"].ratio == pytest.approx(3 / 6)
    weeks = stats.adherence_by_week(p, logs, day(0), day(13), today=day(14))
    assert [w for w, _ in weeks] == [day(0), day(7)]
    assert weeks[0][1].ratio == 1
    assert weeks[1][1].counted == 6 + 6 + 3 and weeks[1][1].credit == 12


def test_streak_counts_days_and_today_only_when_done():
    p = plan()
    logs = log_all(p, day(3), day(8))  # Thu of week 1 .. Tue of week 2
    # day(2) has nothing logged: it breaks the streak; day(6) is Sunday, rest-only: neutral
    assert stats.current_streak(p, logs, today=day(8)) == 5  # days 3,4,5,7,8
    assert stats.current_streak(p, logs, today=day(9)) == 5  # day(9) due, not a break
    assert stats.current_streak(p, logs, today=day(10)) == 0  # day(9) missed
    half = [LogEntry(date=s.date, activity=s.activity_id, status="partial") for s in p.sessions_on(day(9))
            for _ in range(s.dose.sittings)]
    assert stats.current_streak(p, logs + half, today=day(9)) == 6
    # one partial sitting of each session today: sittings still to do, so today does not count yet
    some = [LogEntry(date=s.date, activity=s.activity_id, status="partial") for s in p.sessions_on(day(9))]
    assert stats.current_streak(p, logs + some, today=day(9)) == 5
    assert stats.current_streak(p, logs + some, today=day(10)) == 6  # day(9) is over: partial counts
    assert stats.current_streak(p, logs + some, today=day(11)) == 0  # day(10) missed
    # today part-done, part-due: neither breaks nor counts
    one = [LogEntry(date=day(9), activity="ice-pack")]
    assert stats.current_streak(p, logs + one, today=day(9)) == 5


def test_flare_days_keep_the_streak():
    p = plan()
    logs = log_all(p, day(0), day(3)) + log_all(p, day(5), day(8))  # day(4) missed
    assert stats.current_streak(p, logs, today=day(8)) == 3  # days 5, 7, 8 (6 is Sunday rest)
    assert stats.current_streak(p, logs, today=day(8), flares={day(4)}) == 7  # 0-3, 5, 7, 8


def test_streak_capped_by_the_logs_window():
    p = plan()
    logs = log_all(p, day(0), day(13))
    assert stats.current_streak(p, logs, today=day(13)) == 12  # two Sundays are rest-only
    # 5 days asked: the logs needed start on that week's Monday, day(7)
    s = stats.progress_summary(p, logs, [], set(), today=day(13), days=5)
    assert s.streak == 6 and s.streak_capped and s.streak_text == "6+ days"
    full = stats.progress_summary(p, logs, [], set(), today=day(13), days=28)
    assert full.streak == 12 and not full.streak_capped and full.streak_text == "12 days"


def test_pain_series():
    checkins = [CheckIn(date=day(i), morning_pain=v, walking_pain=w)
                for i, v, w in [(2, 3, None), (0, 2, 1), (5, 4, 4)]]
    assert stats.morning_pain_series(checkins, day(0), day(4)) == [(day(0), 2), (day(2), 3)]
    assert stats.walking_pain_series(checkins, day(0), day(9)) == [(day(0), 1), (day(5), 4)]
    logs = [LogEntry(date=day(1), activity="walk-run", pain=4), LogEntry(date=day(1), activity="ice-pack", pain=1),
            LogEntry(date=day(0), activity="ice-pack"), LogEntry(date=day(3), activity="cycling", pain=0)]
    series = stats.activity_pain_series(logs, day(0), day(9))
    assert series == [(day(1), 4), (day(3), 0)]
    assert stats.values(series) == [4.0, 0.0]


def test_foot_minutes_for_ice_and_massage():
    logs = [
        LogEntry(date=day(0), activity="ice-pack", minutes=15, foot="left"),
        LogEntry(date=day(0), activity="ice-pack", minutes=10, foot="right"),
        LogEntry(date=day(1), activity="frozen-bottle-roll", minutes=5),
        LogEntry(date=day(1), activity="ice-pack", minutes=15, foot="left", status="skipped"),
        LogEntry(date=day(1), activity="ball-roll", foot="left"),  # default dose per foot
        LogEntry(date=day(1), activity="ball-roll"),  # both feet
        LogEntry(date=day(1), activity="calf-stretch", minutes=5, foot="left"),  # not ice/massage
    ]
    totals = stats.foot_minutes(logs)
    assert set(totals) == {"ice", "massage"}
    assert (totals["ice"].left, totals["ice"].right, totals["ice"].both) == (15, 10, 5)
    per_foot = stats.CATALOG["ball-roll"].dose.minutes_per_foot
    assert totals["massage"].left == per_foot and totals["massage"].both == 2 * per_foot
    assert totals["ice"].total == 30


def test_footwear_vs_pain():
    checkins = [
        CheckIn(date=day(0), morning_pain=2, walking_pain=3, footwear="trainers"),
        CheckIn(date=day(1), morning_pain=4, walking_pain=5, footwear="trainers"),
        CheckIn(date=day(2), morning_pain=6, footwear="work shoes"),
        CheckIn(date=day(3), morning_pain=1),
    ]
    rows = stats.footwear_pain(checkins)
    assert [r.footwear for r in rows] == ["trainers", "work shoes"]
    assert rows[0].days == 2 and rows[0].morning_pain == 3 and rows[0].walking_pain == 4
    assert rows[1].morning_pain == 6 and rows[1].walking_pain is None


def test_progress_summary_for_a_week():
    p = plan()
    logs = log_all(p, day(0), day(15))
    checkins = [CheckIn(date=day(i), morning_pain=2, footwear="trainers") for i in range(16)]
    s = stats.progress_summary(p, logs, checkins, {day(3).isoformat()}, today=TODAY)
    assert s.week_start == dt.date(2026, 11, 23) and s.week_end == dt.date(2026, 11, 29)
    assert s.week_adherence.ratio == 1  # Mon and Tue of the week done; rest planned
    assert s.streak == 13  # days 0..15 minus two rest Sundays, flare day(3) neutral
    assert not s.streak_capped
    assert len(s.morning_pain) == 16 and s.morning_pain_values[0] == 2.0
    assert s.flare_days == [day(3)]
    assert s.by_kind["ice"].ratio == 1
    assert s.footwear[0].days == 16
    data = s.to_dict()
    assert data["week_adherence"]["ratio"] == 1 and data["streak"] == 13
    assert data["flare_days"] == [day(3).isoformat()]
    # another week: the viewed week moves, the window stays on today
    last_week = stats.progress_summary(p, logs, checkins, set(), today=TODAY, week=day(7))
    assert last_week.week_start == day(7) and last_week.week_adherence.ratio == 1
    assert stats.summary_range(TODAY, day(0)) == (TODAY - dt.timedelta(days=27), TODAY)
    assert stats.summary_range(TODAY, TODAY + dt.timedelta(days=7)) == (
        TODAY - dt.timedelta(days=27), TODAY + dt.timedelta(days=12))


def test_summary_is_fast_with_years_of_logs():
    long = {**TEMPLATE, "phases": [{**ph, "weeks": 12} for ph in TEMPLATE["phases"]] * 5}
    long["phases"] = [{**ph, "id": f"{ph['id']}{i}", "sessions": [{**s, "id": f"{s['id']}{i}"} for s in ph["sessions"]]}
                      for i, ph in enumerate(long["phases"])]
    p = Plan.start_from_template(long, dt.date(2025, 1, 6))
    logs = log_all(p, p.start, TODAY)
    assert len(logs) > 1000
    first, last = stats.summary_range(TODAY)
    window = [log for log in logs if first <= log.date <= last]
    stats.progress_summary(p, window, [], set(), today=TODAY)  # warm the rrule cache
    t = time.perf_counter()
    for week in range(10):
        stats.progress_summary(p, window, [], set(), today=TODAY, week=TODAY - dt.timedelta(weeks=week))
    assert (time.perf_counter() - t) / 10 < 0.05


def test_progress_modules_import_no_textual_or_tinydb():
    code = ("import sys, tui.core.stats, tui.core.review, tui.core.flare, tui.core.substitution, "
            "tui.core.redflags\nprint(' '.join(sorted(sys.modules)))")
    mods = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not {m for m in mods if m.split(".")[0] in {"textual", "tinydb", "rich"}}
