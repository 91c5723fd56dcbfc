"""The one sittings rule: status, sittings and credit of a scheduled session on its day."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core import records, stats
from tui.core.dose import Dose
from tui.core.records import LogEntry
from tui.core.schedule import ScheduledSession
from tui.core.sittings import day_sheet, matching_logs, session_day, unplanned_logs, week_sheets

DAY = dt.date(2026, 11, 24)
YESTERDAY = DAY - dt.timedelta(days=1)
TOMORROW = DAY + dt.timedelta(days=1)


def session(day=DAY, sittings=3, sid="s-ice", activity="ice-pack", times=None) -> ScheduledSession:
    dose = Dose(minutes=15, times_per_day=sittings, times=times) if sittings else Dose(minutes=15)
    return ScheduledSession(day, sid, activity, "ice", "Ice pack", dose, "settle")


def log(status="done", day=DAY, sid="s-ice", activity="ice-pack") -> LogEntry:
    return LogEntry(date=day, activity=activity, status=status, session_id=sid)


def read(statuses, day=DAY, today=DAY, sittings=3):
    return session_day(session(day, sittings), [log(st, day) for st in statuses], today)


@pytest.mark.parametrize("statuses,day,status,done", [
    ([], DAY, "due", 0),
    ([], YESTERDAY, "missed", 0),
    ([], TOMORROW, "planned", 0),
    (["done"], DAY, "due", 1),  # today, 2 to go: still due, with progress
    (["done", "done"], DAY, "due", 2),
    (["done"] * 3, DAY, "done", 3),
    (["done"], YESTERDAY, "partial", 1),  # a past day with some done
    (["done", "skipped", "skipped"], DAY, "partial", 1),  # all logged, not all done
    (["skipped"], DAY, "due", 0),  # skipped one, two still to go today
    (["skipped"], YESTERDAY, "skipped", 0),
    (["skipped"] * 3, DAY, "skipped", 0),
    (["partial"] * 3, DAY, "partial", 3),
    (["done", "done", "partial"], YESTERDAY, "partial", 3),
])
def test_status_and_sittings_done(statuses, day, status, done):
    got = read(statuses, day)
    assert (got.status, got.sittings, got.sittings_done) == (status, 3, done)
    assert got.to_dict() == {"status": status, "sittings": 3, "sittings_done": done}


def test_a_skipped_sitting_never_erases_a_done_one_whatever_the_order():
    for order in (["done", "skipped"], ["skipped", "done"]):
        got = read(order, sittings=1)
        assert got.status == "done" and got.credit == 1.0 and got.skipped == 0
        assert len(got.logs) == 2  # both kept


def test_extra_logs_are_kept_but_count_no_more():
    got = read(["done"] * 5)
    assert got.status == "done" and got.sittings_done == 3 and got.credit == 1.0 and len(got.logs) == 5
    assert got.to_do == 0 and got.next_sitting is None


def test_credit_is_done_over_planned_with_partial_worth_half():
    assert read(["done"], YESTERDAY).credit == pytest.approx(1 / 3)
    assert read(["partial"], YESTERDAY).credit == pytest.approx(1 / 6)
    assert read(["done", "partial", "skipped"]).credit == pytest.approx(1.5 / 3)
    assert read(["partial"] * 6).credit == 0.5
    assert read([], YESTERDAY).credit == 0.0


def test_progress_text():
    assert read(["done"]).progress_text() == "1/3" and read(["done"] * 4).progress_text() == "3/3"
    assert read(["done"], sittings=None).progress_text() == ""


def test_next_sitting_and_latest_log():
    got = read(["done"])
    assert got.next_sitting == 1 and got.to_do == 2 and got.latest is got.logs[-1]
    assert read([]).latest is None and read([]).next_sitting == 0


def test_once_a_day_is_one_sitting():
    assert read(["done"], sittings=None).status == "done"
    assert read(["partial"], sittings=None).status == "partial"
    assert read(["skipped"], sittings=None).status == "skipped"


def test_due_so_far_follows_times_of_day():
    timed = session(times=("08:00", "13:00", "19:00"))
    none = session_day(timed, [], DAY)
    assert [none.due_so_far(dt.time(h, m)) for h, m in [(7, 59), (8, 0), (13, 30), (23, 0)]] == [0, 1, 2, 3]
    assert none.due_so_far(None) == 3
    one = session_day(timed, [log()], DAY)
    assert one.due_so_far(dt.time(7)) == 1  # logged early: due (done) so far
    assert one.due_so_far(dt.time(13)) == 2
    assert session_day(session(), [], DAY).due_so_far(dt.time(7)) == 3  # untimed: due all day


def test_matching_by_session_id_or_by_activity():
    s = session()
    other = log(sid="other-ice")
    by_activity = LogEntry(date=DAY, activity="ice-pack")
    wrong_day = log(day=YESTERDAY)
    assert matching_logs(s, [log(), other, by_activity, wrong_day]) == [log(), by_activity]


def test_unplanned_logs_show_on_their_day():
    planned = [session()]
    cycling = log(sid=None, activity="cycling")
    assert unplanned_logs(planned, [log(), cycling]) == [cycling]
    sheet = day_sheet(DAY, [*planned, session(YESTERDAY)], [log(), cycling, log(day=YESTERDAY)], DAY)
    assert sheet.day == DAY and [d.session.date for d in sheet.sessions] == [DAY]
    assert sheet.sessions[0].sittings_done == 1 and sheet.unplanned == (cycling,)
    # a log before the plan starts: no session that day, so it is unplanned (shown, not counted)
    early = log(day=DAY - dt.timedelta(days=30))
    sheets = week_sheets([early.date, DAY], planned, [early, log()], DAY)
    assert sheets[0].sessions == () and sheets[0].unplanned == (early,)
    assert sheets[1].unplanned == ()


def test_the_old_names_follow_the_same_rule():
    s = session()
    logs = [log("done"), log("skipped")]
    assert records.session_status(s, logs, DAY) == "due"
    assert records.session_status(s, logs, TOMORROW) == "partial"
    assert records.match_log(s, logs) == logs[-1] and records.match_log(s, []) is None
    assert stats.status_of(s, {DAY: logs}, DAY) == "due"
    assert stats.status_of(s, {}, DAY) == "due"


def test_a_log_before_the_plan_starts_is_kept_shown_and_not_counted():
    import json
    from pathlib import Path

    from tui.core.schedule import Plan

    plans = Path(__file__).resolve().parents[2] / "plans"
    plan = Plan.start_from_template(json.loads((plans / "metatarsalgia-conservative.json").read_text()), DAY)
    before = LogEntry(date=DAY - dt.timedelta(days=2), activity="cycling", minutes=20)
    first, last = before.date, DAY - dt.timedelta(days=1)
    assert stats.adherence(plan, [before], first, last, today=DAY).counted == 0
    assert stats.adherence(plan, [before], first, DAY, today=DAY + dt.timedelta(days=1)) == stats.adherence(
        plan, [], first, DAY, today=DAY + dt.timedelta(days=1))
    sheet = day_sheet(before.date, plan.sessions_between(first, DAY), [before], DAY)
    assert sheet.sessions == () and sheet.unplanned == (before,)
