"""Red flags (tui/core/redflags.py): each CLINICAL.md warning sign, worded calmly, never a diagnosis."""

import datetime as dt

from tui.core.records import CheckIn, LogEntry
from tui.core.redflags import NOTE
from tui.core.review import red_flags
from tui.core.schedule import Plan

TODAY = dt.date(2026, 11, 24)
TEMPLATE = {"id": "t", "name": "T", "description": "", "phases": [
    {"id": "a", "name": "A", "weeks": 12,
     "sessions": [{"id": "a-ice", "activity": "ice-pack", "rrule": "FREQ=DAILY"}]}]}
DIAGNOSES = ("neuroma", "fracture", "gout", "infection", "arthritis")


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def check(flags):
    for flag in flags:
        assert "clinician" in flag
        assert not any(word in flag.lower() for word in DIAGNOSES), flag
    return flags


def test_no_flags_on_a_quiet_week():
    checkins = [CheckIn(date=ago(i), morning_pain=2) for i in range(7)]
    assert red_flags(checkins, [LogEntry(date=ago(1), activity="walk-run", pain=3)], TODAY) == []


def test_numbness_needs_three_of_the_last_seven_days():
    two = [CheckIn(date=ago(i), morning_pain=1, numbness=True) for i in (0, 3)]
    assert red_flags(two, [], TODAY) == []
    old = [*two, CheckIn(date=ago(9), morning_pain=1, numbness=True)]  # outside the 7 days
    assert red_flags(old, [], TODAY) == []
    three = [*two, CheckIn(date=ago(6), morning_pain=1, numbness=True)]
    flags = check(red_flags(three, [], TODAY))
    assert len(flags) == 1 and flags[0].startswith("Numbness or tingling on 3 of the last 7 days")


def test_night_pain_swelling_and_severe_pain():
    checkins = [
        CheckIn(date=ago(1), morning_pain=3, night_pain=True),
        CheckIn(date=ago(2), morning_pain=8, swelling=True),
    ]
    logs = [LogEntry(date=ago(3), activity="walk-run", pain=9), LogEntry(date=ago(20), activity="walk-run", pain=9)]
    flags = check(red_flags(checkins, logs, TODAY))
    assert len(flags) == 3
    assert flags[0].startswith("Pain at night or at rest on Mon 23 Nov")
    assert flags[1].startswith("Swelling noted on Sun 22 Nov")
    assert "8/10 on the morning of Sun 22 Nov" in flags[2]
    assert "9/10 during walk-run intervals on Sat 21 Nov" in flags[2]
    assert "4 Nov" not in flags[2]  # the log of 20 days ago is outside the 7 days
    assert red_flags([CheckIn(date=ago(0), morning_pain=7)], [], TODAY) == []  # 7 is not over 7


def test_pain_rising_every_session():
    logs = [LogEntry(date=ago(n), activity="brisk-walk", pain=p) for n, p in [(6, 2), (4, 3), (2, 5)]]
    flags = check(red_flags([], logs, TODAY))
    assert len(flags) == 1 and "brisk walk test has gone up every time (2 → 3 → 5)" in flags[0]
    flat = [*logs[:2], LogEntry(date=ago(2), activity="brisk-walk", pain=3)]
    assert red_flags([], flat, TODAY) == []


def test_no_improvement_after_six_weeks():
    plan = Plan.start_from_template(TEMPLATE, TODAY - dt.timedelta(weeks=7))
    first_week = [CheckIn(date=plan.start + dt.timedelta(days=i), morning_pain=4) for i in range(7)]
    stuck = first_week + [CheckIn(date=ago(i), morning_pain=4) for i in range(7)]
    flags = check(red_flags(stuck, [], TODAY, plan))
    assert len(flags) == 1 and flags[0].startswith("No real improvement after 7 weeks")
    better = first_week + [CheckIn(date=ago(i), morning_pain=2) for i in range(7)]
    assert red_flags(better, [], TODAY, plan) == []
    young = Plan.start_from_template(TEMPLATE, TODAY - dt.timedelta(weeks=5))
    assert red_flags(stuck, [], TODAY, young) == []


def test_note_says_it_does_not_diagnose():
    assert "cannot diagnose" in NOTE
