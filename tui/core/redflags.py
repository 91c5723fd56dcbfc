"""Warning signs that mean "see a clinician" (CLINICAL.md, red flags).

Each flag is one calm sentence: what was recorded, and that a clinician should
look at it. None of them names a condition: the app does not diagnose.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterable

from .activities import CATALOG
from .records import CheckIn, LogEntry
from .stats import mean

NOTE = "This app gives self-care structure; it cannot diagnose. A clinician can."
WINDOW_DAYS = 7
NUMBNESS_DAYS = 3
SEVERE_PAIN = 7  # over this is a red flag
NO_IMPROVEMENT_WEEKS = 6
MEANINGFUL_CHANGE = 1.5  # Beresford 2022: smallest change in 0-10 pain that matters


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _days(dates: list[dt.date]) -> str:
    dates = sorted(dates)
    shown = ", ".join(_day(d) for d in dates[:3])
    return shown + (f" and {len(dates) - 3} more" if len(dates) > 3 else "")


def _activity_name(activity_id: str) -> str:
    activity = CATALOG.get(activity_id)
    name = activity.name if activity else activity_id
    return name[:1].lower() + name[1:]


def red_flags(
    checkins: Iterable[CheckIn],
    logs: Iterable[LogEntry],
    today: dt.date,
    plan=None,
) -> list[str]:
    """Red flags over the 7 days up to ``today`` (and, with a plan, since its start).

    Pass check-ins from the plan's start (the "no improvement after 6 weeks"
    rule compares the plan's first week with the last one) and logs of at least
    the last 14 days.
    """
    first = today - dt.timedelta(days=WINDOW_DAYS - 1)
    checkins = sorted((c for c in checkins if c.date <= today), key=lambda c: c.date)
    logs = [log for log in logs if log.date <= today]
    recent = [c for c in checkins if c.date >= first]
    flags: list[str] = []

    numb = [c.date for c in recent if c.numbness]
    if len(numb) >= NUMBNESS_DAYS:
        flags.append(
            f"Numbness or tingling on {len(numb)} of the last {WINDOW_DAYS} days ({_days(numb)}). "
            "When it keeps coming back, a clinician should examine the foot before you go on."
        )
    night = [c.date for c in recent if c.night_pain]
    if night:
        flags.append(
            f"Pain at night or at rest on {_days(night)}. "
            "That is worth a clinician's look soon; ease off the plan until then."
        )
    swollen = [c.date for c in recent if c.swelling]
    if swollen:
        flags.append(
            f"Swelling noted on {_days(swollen)}. Swelling, warmth or redness should be checked by a clinician."
        )

    severe: list[str] = []
    for c in recent:
        if c.morning_pain > SEVERE_PAIN:
            severe.append(f"{c.morning_pain}/10 on the morning of {_day(c.date)}")
        if c.walking_pain is not None and c.walking_pain > SEVERE_PAIN:
            severe.append(f"{c.walking_pain}/10 walking on {_day(c.date)}")
    for log in logs:
        if log.date >= first and log.pain is not None and log.pain > SEVERE_PAIN:
            severe.append(f"{log.pain}/10 during {_activity_name(log.activity)} on {_day(log.date)}")
    if severe:
        flags.append(
            f"Pain over {SEVERE_PAIN}/10 ({'; '.join(severe[:3])}). "
            "Stop the plan's harder sessions and see a clinician."
        )

    rising = _rising_activity_pain(logs, today)
    if rising:
        name, series = rising
        flags.append(
            f"Pain during {name} has gone up every time ({' → '.join(str(p) for p in series)}). "
            "Pain that climbs session after session is a reason to stop it and see a clinician."
        )

    if plan is not None:
        stuck = _no_improvement(checkins, plan.start, today)
        if stuck:
            flags.append(stuck)
    return flags


def _rising_activity_pain(logs: list[LogEntry], today: dt.date) -> tuple[str, list[int]] | None:
    """An activity whose last 3 pain figures (within 14 days) each rose, ending at 4 or more."""
    since = today - dt.timedelta(days=13)
    per_activity: dict[str, list[LogEntry]] = defaultdict(list)
    for log in logs:
        if log.pain is not None and log.date >= since:
            per_activity[log.activity].append(log)
    for activity, items in per_activity.items():
        items.sort(key=lambda l: (l.date, l.logged_at))
        last = [l.pain for l in items[-3:]]
        if len(last) == 3 and last[0] < last[1] < last[2] and last[2] >= 4 and items[-1].date >= today - dt.timedelta(days=WINDOW_DAYS - 1):
            return _activity_name(activity), last
    return None


def _no_improvement(checkins: list[CheckIn], start: dt.date, today: dt.date) -> str | None:
    if (today - start).days < NO_IMPROVEMENT_WEEKS * 7:
        return None
    early = [c.morning_pain for c in checkins if start <= c.date < start + dt.timedelta(days=WINDOW_DAYS)]
    late = [c.morning_pain for c in checkins if c.date > today - dt.timedelta(days=WINDOW_DAYS)]
    before, now = mean(early), mean(late)
    if before is None or now is None or now < 2:
        return None
    if before - now >= MEANINGFUL_CHANGE:
        return None
    weeks = (today - start).days // 7
    return (
        f"No real improvement after {weeks} weeks: morning pain averaged {before:.1f}/10 in the first week "
        f"and {now:.1f}/10 in the last. A clinician can look at what else may be going on."
    )
