"""Flare days: a bad day turns into rest, icing and gentle massage.

The user marks a day (``store.set_flare(day, True)``, undoable); the plan itself
is not edited. Whoever shows a day's sessions passes them through
``apply_flares``. Flare days are left out of adherence and keep streaks going
(see stats.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .activities import get_activity
from .dose import Dose
from .schedule import ScheduledSession
from .stats import flare_dates

FLARE_WHY = "Flare day: the plan's load is off today; rest, cool the forefoot and keep any massage gentle."

# (activity id, dose for the day, note)
FLARE_DAY: tuple[tuple[str, Dose | None, str], ...] = (
    ("rest", None, "Feet up when you can; skip anything that presses on the sore spot."),
    ("ice-pack", Dose(minutes=15, times_per_day=3, times=("07:30", "12:30", "19:30")),
     "Wrapped in a thin towel; never more than 20 minutes."),
    ("ball-roll", Dose(minutes_per_foot=2), "Light pressure only: lift off if it hurts."),
    ("thumb-sweep", Dose(minutes_per_foot=2), "Gentle strokes around the tender spot, not into it."),
)


def flare_sessions(day: dt.date, phase_id: str = "",
                   replaced: Iterable[ScheduledSession] = ()) -> list[ScheduledSession]:
    """The sessions of a flare day. A session id of the day's plan is reused when it has
    the same activity, so a log made from the plan (or by activity) still matches."""
    ids = {s.activity_id: s.session_id for s in replaced}
    out = []
    for activity_id, dose, note in FLARE_DAY:
        activity = get_activity(activity_id)
        out.append(
            ScheduledSession(
                date=day,
                session_id=ids.get(activity_id, f"flare-{activity_id}"),
                activity_id=activity_id,
                kind=activity.kind,
                name=activity.name,
                dose=dose if dose is not None else activity.dose,
                phase_id=phase_id,
                why=FLARE_WHY,
                note=note,
            )
        )
    return out


def is_flare_session(session: ScheduledSession) -> bool:
    return session.why == FLARE_WHY


def apply_flares(
    sessions: list[ScheduledSession],
    flares: Iterable[dt.date | str] | None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[ScheduledSession]:
    """Replace the sessions of each flare day with the flare-day set; other days unchanged.

    ``flares``: dates or ISO strings (``store.flares()``). With ``first``/``last``,
    flare days in that range that had no sessions (outside the plan) get the set too.
    Order is kept: by date, the flare set where that day's sessions were.
    """
    days = flare_dates(flares)
    if not days:
        return list(sessions)
    by_day: dict[dt.date, list[ScheduledSession]] = {}
    for s in sessions:
        by_day.setdefault(s.date, []).append(s)
    if first is not None and last is not None:
        for d in days:
            if first <= d <= last:
                by_day.setdefault(d, [])
    out: list[ScheduledSession] = []
    for d in sorted(by_day):
        todays = by_day[d]
        if d in days:
            phase = todays[0].phase_id if todays else ""
            out.extend(flare_sessions(d, phase, todays))
        else:
            out.extend(todays)
    return out
