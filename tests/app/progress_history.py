"""Scripted histories for the review and progress screen tests, written through the Store.

The plan (metatarsalgia-conservative) starts on Mon 2 Nov 2026: Settle for
2 weeks, then Reload from Mon 16 Nov. "Today" is Tue 24 Nov, so last week
(16-22 Nov) is Reload's first week and its review is offered on start-up.
"""

from __future__ import annotations

import datetime as dt

from app_helpers import FIXED_AT, TODAY, start_plan

from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.storage.store import Store

PLAN_START = dt.date(2026, 11, 2)
LAST_WEEK = dt.date(2026, 11, 16)
SHOES = ("Trainers + metatarsal pad", "Work shoes", "Trainers")
FEET = ("left", "right", "both")
MISS_DAYS = (dt.date(2026, 11, 11), dt.date(2026, 11, 18))


def _day_pain(day: dt.date, rising: bool) -> tuple[int, int]:
    """(morning pain, pain during the day's sessions)."""
    n = (day - PLAN_START).days
    morning = (3, 3, 2, 3, 2, 2, 2)[n % 7] if n < 14 else 2
    activity = 1 + n % 2
    if rising and day >= LAST_WEEK:
        # brisk walks on Wed 18 and Fri 20 hurt 4/10; the next mornings rise from 2 to 4, then to 5
        morning = {dt.date(2026, 11, 19): 4, dt.date(2026, 11, 20): 3,
                   dt.date(2026, 11, 21): 5, dt.date(2026, 11, 22): 4}.get(day, 2)
    return morning, activity


def script_history(store: Store, *, rising: bool = False, numbness_days: int = 0,
                   start: dt.date = PLAN_START, skip_week: dt.date | None = None,
                   misses: bool = False, today: dt.date = TODAY) -> Plan:
    """Every session done (rest days aside) from the plan's start to yesterday, with pain,
    feet and footwear; a morning check-in every day up to today. ``skip_week``: the Monday
    of a week with nothing recorded at all. ``misses``: a quarter of the first week's sessions
    skipped or partly done, and the strength work on two later days (the streak then runs
    from Thu 19 Nov)."""
    plan = start_plan(store, start=start)
    numb = {today - dt.timedelta(days=k) for k in range(numbness_days)}
    day = start
    n = 0
    while day <= today:
        if skip_week is not None and skip_week <= day < skip_week + dt.timedelta(days=7):
            day += dt.timedelta(days=1)
            continue
        morning, activity = _day_pain(day, rising)
        if day < today:
            for s in plan.sessions_on(day):
                if s.kind == "rest":
                    continue
                pain = activity
                if rising and s.activity_id == "brisk-walk" and day >= LAST_WEEK:
                    pain = 4
                per_foot = s.kind in ("ice", "massage")
                status = "done"
                if misses and ((day < start + dt.timedelta(days=7) and n % 4 == 1)
                               or (day in MISS_DAYS and s.kind == "strength")):
                    status = "skipped" if n % 2 else "partial"
                for _ in range(s.dose.sittings):  # one log per sitting
                    store.add_log(LogEntry(
                        date=day, activity=s.activity_id, session_id=s.session_id, status=status,
                        minutes=(s.dose.timer_seconds() or 600) / 60, pain=pain,
                        foot=FEET[n % 3] if per_foot else None, logged_at=FIXED_AT,
                    ))
                n += 1
        store.add_checkin(CheckIn(
            date=day, morning_pain=morning, walking_pain=min(10, morning + 1),
            numbness=day in numb, footwear=SHOES[day.toordinal() % 3], logged_at=FIXED_AT,
        ))
        day += dt.timedelta(days=1)
    return plan
