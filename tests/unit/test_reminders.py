"""Due logic: sittings at their times (or spread over waking hours), due now, next, missed, snooze."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tui.core.errors import RehabError
from tui.core.records import LogEntry
from tui.core.reminders import (
    Sitting,
    WakingHours,
    due_report,
    handled_counts,
    missed_since,
    parse_hhmm,
    sittings_of,
)

DAY = dt.date(2026, 11, 24)


@dataclass(frozen=True)
class FakeDose:
    times_per_day: int | None = None
    times: tuple[str, ...] | None = None
    minutes: int | None = 15

    def timer_seconds(self) -> int | None:
        return self.minutes * 60 if self.minutes else None


@dataclass(frozen=True)
class FakeSession:
    date: dt.date
    session_id: str
    activity_id: str
    name: str
    kind: str = "ice"
    dose: FakeDose = field(default_factory=FakeDose)


def at(hhmm: str, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, parse_hhmm(hhmm))


def ice(day: dt.date = DAY, times=("07:30", "12:30", "19:00")) -> FakeSession:
    return FakeSession(day, "settle-ice", "ice-pack", "Ice pack", dose=FakeDose(3, times))


def stretch(day: dt.date = DAY) -> FakeSession:
    return FakeSession(day, "settle-calf", "calf-stretch", "Calf stretch", "stretch",
                       FakeDose(2, ("08:00", "19:30"), None))


def log(session: FakeSession, status: str = "done", by_activity: bool = False) -> LogEntry:
    return LogEntry(session.date, session.activity_id, status,
                    None if by_activity else session.session_id)


def test_parse_hhmm_and_waking_hours_refuse_bad_values():
    assert parse_hhmm(" 7:05 ") == dt.time(7, 5)
    for bad in ("24:00", "7", "07:5", "ab:cd", "12:60", ""):
        with pytest.raises(RehabError, match="HH:MM"):
            parse_hhmm(bad)
    with pytest.raises(RehabError, match="later than wake"):
        WakingHours("22:00", "07:00")


def test_timed_sittings_use_the_dose_times_sorted_and_carry_the_dose_length():
    sittings = sittings_of([FakeSession(DAY, "s", "ice-pack", "Ice pack",
                                        dose=FakeDose(2, ("18:00", "08:15")))])
    assert [(s.index, s.time, s.timed, s.minutes) for s in sittings] == [
        (1, dt.time(8, 15), True, 15), (2, dt.time(18, 0), True, 15)]
    assert sittings[0].key == "2026-11-24/s/1" and sittings[1].label == "Ice pack 2/2"


def test_untimed_sittings_spread_over_waking_hours_or_all_at_waking():
    session = FakeSession(DAY, "s", "ice-pack", "Ice pack", dose=FakeDose(3))
    spread = sittings_of([session], WakingHours("07:00", "22:00"))
    assert [s.time for s in spread] == [dt.time(7), dt.time(12), dt.time(17)]
    assert not any(s.timed for s in spread)
    late = sittings_of([session], WakingHours("09:30", "23:30"))
    assert [s.time for s in late] == [dt.time(9, 30), dt.time(14, 10), dt.time(18, 50)]
    allday = sittings_of([session], WakingHours("06:00", "21:00"), untimed="all-day")
    assert [s.time for s in allday] == [dt.time(6)] * 3
    once = sittings_of([FakeSession(DAY, "w", "towel-curls", "Towel curls", "strength", FakeDose())])
    assert [(s.time, s.count) for s in once] == [(dt.time(7), 1)]
    with pytest.raises(RehabError, match="untimed"):
        sittings_of([session], untimed="never")


def test_fewer_times_than_sittings_fills_the_rest_from_waking_hours():
    session = FakeSession(DAY, "s", "ice-pack", "Ice pack", dose=FakeDose(3, ("07:45",)))
    sittings = sittings_of([session])
    assert [(s.index, s.time, s.timed) for s in sittings] == [
        (1, dt.time(7, 45), True), (2, dt.time(12), False), (3, dt.time(17), False)]


def test_rest_days_are_not_sittings():
    rest = FakeSession(DAY, "rest", "rest", "Rest", "rest", FakeDose(None, None, None))
    assert sittings_of([rest]) == []


def test_due_now_and_next_as_the_day_goes_on():
    sessions = [ice(), stretch()]
    sittings = sittings_of(sessions)
    morning = due_report(sittings, {}, at("06:00"))
    assert morning.due == [] and morning.next.key == "2026-11-24/settle-ice/1"
    assert morning.line() == "next: Ice pack 1/3 at 07:30"
    midday = due_report(sittings, {}, at("12:40"))
    assert [s.key for s in midday.due] == ["2026-11-24/settle-ice/1", "2026-11-24/settle-calf/1",
                                           "2026-11-24/settle-ice/2"]
    assert (midday.next.label, midday.next.time) == ("Ice pack 3/3", dt.time(19))
    assert [s.label for s in midday.later_today] == ["Ice pack 3/3", "Calf stretch 2/2"]


def test_each_log_handles_one_sitting_in_order_skipped_included():
    sessions = [ice(), stretch()]
    sittings = sittings_of(sessions)
    logs = [log(sessions[0]), log(sessions[1], "skipped")]
    report = due_report(sittings, handled_counts(sessions, logs), at("12:40"))
    assert [s.label for s in report.due] == ["Ice pack 2/3"]
    assert report.line() == "due now: Ice pack 2/3 (12:30) · next: Ice pack 3/3 at 19:00"
    # an old log naming only the activity counts for that day's session
    more = [*logs, log(sessions[0], by_activity=True)]
    assert due_report(sittings, handled_counts(sessions, more), at("12:40")).due == []
    # extra logs beyond the sittings do no harm
    many = [log(sessions[0])] * 5
    assert [s.session_id for s in due_report(sittings, handled_counts(sessions, many), at("20:00")).due] \
        == ["settle-calf", "settle-calf"]


def test_logs_of_other_days_or_unplanned_activities_do_not_count():
    sessions = [ice()]
    other_day = LogEntry(DAY - dt.timedelta(days=1), "ice-pack", "done", "settle-ice")
    unplanned = LogEntry(DAY, "cycling", "done")
    counts = handled_counts(sessions, [other_day, unplanned])
    assert counts.get((DAY, "settle-ice"), 0) == 0
    assert len(due_report(sittings_of(sessions), counts, at("08:00")).due) == 1


def test_next_is_on_a_later_day_when_today_is_done():
    sessions = [ice(), ice(DAY + dt.timedelta(days=1)), ice(DAY + dt.timedelta(days=3))]
    report = due_report(sittings_of(sessions), {(DAY, "settle-ice"): 3}, at("20:00"))
    assert report.due == [] and report.next.date == DAY + dt.timedelta(days=1)
    assert report.line() == "next: Ice pack 1/3 at 07:30 tomorrow"
    far = due_report(sittings_of(sessions[2:]), {}, at("20:00"))
    assert far.line() == "next: Ice pack 1/3 at 07:30 on Fri 27 Nov"
    assert due_report([], {}, at("20:00")).line() == "nothing due"


def test_yesterdays_unlogged_sittings_are_not_due_but_are_missed():
    yesterday = DAY - dt.timedelta(days=1)
    sessions = [ice(yesterday), ice()]
    sittings = sittings_of(sessions)
    report = due_report(sittings, {}, at("07:00"))
    assert report.due == []
    missed = missed_since(sittings, {(yesterday, "settle-ice"): 1}, at("10:00", yesterday), at("08:00"))
    assert [s.key for s in missed] == ["2026-11-23/settle-ice/2", "2026-11-23/settle-ice/3",
                                       "2026-11-24/settle-ice/1"]
    assert missed_since(sittings, {}, at("07:30"), at("08:00"))[0].key == "2026-11-24/settle-ice/1"
    assert missed_since(sittings, {}, at("07:31"), at("08:00")) == []


def test_snoozed_sittings_wait_until_the_snooze_ends():
    sittings = sittings_of([ice()])
    key = "2026-11-24/settle-ice/1"
    snoozes = [(key, at("07:40")), (key, at("08:00"))]  # the later snooze wins
    report = due_report(sittings, {}, at("07:50"), snoozes)
    assert report.due == [] and [(s.key, u) for s, u in report.snoozed] == [(key, at("08:00"))]
    assert report.line() == "snoozed: 1 · next: Ice pack 2/3 at 12:30"
    assert [s.key for s in due_report(sittings, {}, at("08:00"), snoozes).due] == [key]


def test_sitting_round_trips_through_a_dict_and_the_report_is_json_ready():
    import json

    (first, *_rest) = sittings_of([ice()])
    assert Sitting.from_dict(first.to_dict()) == first
    data = json.loads(json.dumps(due_report(sittings_of([ice()]), {}, at("12:40")).to_dict()))
    assert data["now"] == "2026-11-24T12:40:00" and data["next"]["time"] == "19:00"
    assert data["due"][0] == {"date": "2026-11-24", "time": "07:30", "timed": True,
                              "session_id": "settle-ice", "activity": "ice-pack", "name": "Ice pack",
                              "kind": "ice", "sitting": 1, "sittings": 3, "minutes": 15,
                              "key": "2026-11-24/settle-ice/1"}


def test_works_on_real_plan_sessions():
    from tui.core.schedule import Plan
    from tui.core.templates import load_template_file

    plans = Path(__file__).resolve().parents[2] / "plans"
    tpl = load_template_file(plans / "metatarsalgia-conservative.json").to_dict()
    plan = Plan.start_from_template(tpl, DAY)
    sessions = plan.sessions_on(DAY)
    sittings = sittings_of(sessions)
    expected = sum((getattr(s.dose, "times_per_day", None) or 1) for s in sessions if s.kind != "rest")
    assert len(sittings) == expected
    report = due_report(sittings, {}, at("23:00"))
    assert len(report.due) == expected


def test_the_module_imports_nothing_heavy():
    code = ("import sys, tui.core.reminders; "
            "print(','.join(m for m in ('dataclasses', 'typing', 'dateutil', 'tinydb', 'textual') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_real_dose_times_make_timed_sittings():
    from tui.core.dose import Dose
    from tui.core.schedule import Plan
    from tui.core.templates import load_template_file

    plans = Path(__file__).resolve().parents[2] / "plans"
    tpl = load_template_file(plans / "metatarsalgia-conservative.json").to_dict()
    plan = Plan.start_from_template(tpl, DAY)
    ice_id = next(s.session_id for s in plan.sessions_on(DAY) if s.activity_id == "ice-pack")
    plan = plan.set_dose(ice_id, Dose(minutes=15, times_per_day=3, times=("08:00", "13:00", "19:00")))
    ice_sittings = [s for s in sittings_of(plan.sessions_on(DAY)) if s.session_id == ice_id]
    assert [(s.time, s.timed, s.minutes) for s in ice_sittings] == [
        (dt.time(8), True, 15), (dt.time(13), True, 15), (dt.time(19), True, 15)]


def test_snooze_gives_the_pair_due_report_takes():
    from tui.core.reminders import snooze

    sittings = sittings_of([ice()])
    first = sittings[0]
    pair = snooze(first, 10, at("07:35"))
    assert pair == (first.key, at("07:45"))
    assert due_report(sittings, {}, at("07:44"), [pair]).due == []
    assert due_report(sittings, {}, at("07:45"), [pair]).due == [first]
    with pytest.raises(RehabError, match="10, 30, 60"):
        snooze(first, 15, at("07:35"))


def test_new_core_modules_stay_pure():
    code = ("import sys, tui.core.reminders, tui.core.notify_seq, tui.core.exports.vdir, tui.core.exports.ics; "
            "print(','.join(m for m in ('textual', 'tinydb', 'rich', 'tui.fileio', 'tui.locations') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
