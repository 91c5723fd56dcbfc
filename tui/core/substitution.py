"""Swapping a day's impact sessions for cycling or swimming when the foot says so.

Triggers (CLINICAL.md, pain-monitoring model; thresholds from rules.py):
- the day's check-in has morning pain up by the meaningful change (1.5) or more on the
  previous check-in, or up at all after a loaded day (an impact session, or activity
  pain 3/10 or more), or
- morning pain has climbed a point a day over ``climb_days`` days, or
- pain during the last logged impact session was over 5/10.

While a red flag is active, ``pause_impact`` turns the week's impact sessions
into cycling (the week view shows those).

Choice: a swap is not a plan edit. The user logs the substitute
(``substitute_log``): a LogEntry for cycling or swimming carrying the impact
session's id, so that session counts as done for adherence and streaks, and
its note says what it replaced. The plan stays as it is for the next day.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .activities import CATALOG, get_activity
from .dose import Dose
from .errors import RehabError
from .kinds import IMPACT_KINDS
from .records import CheckIn, LogEntry, match_log
from .rules import thresholds
from .schedule import Plan, ScheduledSession

_limits = thresholds()
TOO_MUCH = _limits.whole("too_much_pain")  # activity pain over this is too much (Silbernagel 2007)
ACCEPTABLE_FROM = _limits.whole("safe_pain") + 1
SUBSTITUTES = ("cycling", "swimming")
MIN_MINUTES = 10


def is_impact(activity_id: str) -> bool:
    activity = CATALOG.get(activity_id)
    return activity is not None and (activity.impact or activity.kind in IMPACT_KINDS)


def _name(activity_id: str) -> str:
    activity = CATALOG.get(activity_id)
    name = activity.name if activity else activity_id
    return name[:1].lower() + name[1:]


def similar_minutes(session: ScheduledSession) -> float:
    """Minutes of cycling or swimming for an impact session: its length, at least 10."""
    minutes = session.dose.planned_minutes() or get_activity(session.activity_id).dose.planned_minutes()
    return float(max(MIN_MINUTES, round(minutes)))


@dataclass(frozen=True)
class Suggestion:
    date: dt.date
    session_id: str
    activity_id: str  # the impact activity
    name: str
    minutes: float  # of the substitute
    reason: str
    alternatives: tuple[str, ...] = SUBSTITUTES

    def text(self) -> str:
        return (f"Swap {_name(self.activity_id)} for about {self.minutes:g} min of cycling or swimming: "
                f"{self.reason}.")

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(), "session_id": self.session_id, "activity": self.activity_id,
            "name": self.name, "minutes": self.minutes, "alternatives": list(self.alternatives),
            "reason": self.reason, "text": self.text(),
        }


def _loaded(day: dt.date, logs: list[LogEntry]) -> bool:
    done = [log for log in logs if log.date == day and log.status in ("done", "partial")]
    return any(is_impact(log.activity) or (log.pain is not None and log.pain >= ACCEPTABLE_FROM) for log in done)


def _climb(earlier: list[CheckIn], days: int) -> list[CheckIn]:
    """The last check-ins if they climbed a point or more a day on ``days`` consecutive days."""
    run = earlier[-(days + 1):]
    if len(run) < days + 1:
        return []
    consecutive = all((b.date - a.date).days == 1 and b.morning_pain > a.morning_pain
                      for a, b in itertools.pairwise(run))
    return run if consecutive else []


def swap_reason(day: dt.date, logs: Iterable[LogEntry], checkins: Iterable[CheckIn],
                clinician_seen_on: dt.date | None = None) -> str | None:
    """Why the day's impact sessions should be swapped, or None (red flags a clinician has seen
    on or after they were last seen do not count)."""
    from .redflags import active_flags, find_flags

    logs, checkins = list(logs), list(checkins)
    limits = _limits
    flags = active_flags(find_flags(checkins, logs, day), clinician_seen_on)
    if flags:
        return f"a warning sign is active ({', '.join(f.sign for f in flags)}): impact waits for a clinician's look"
    earlier = sorted((c for c in checkins if c.date <= day), key=lambda c: c.date)
    if earlier and earlier[-1].date == day and len(earlier) >= 2:
        today_c, before = earlier[-1], earlier[-2]
        rise = today_c.morning_pain - before.morning_pain
        loaded = _loaded(before.date, logs) or _loaded(day - dt.timedelta(days=1), logs)
        if rise >= limits["meaningful_change"] or (loaded and rise > limits["next_morning_max_rise"]):
            return (f"morning pain is up from {before.morning_pain} to {today_c.morning_pain} "
                    f"since {before.date:%a} {before.date.day} {before.date:%b}")
        climb = _climb(earlier, limits.whole("climb_days"))
        if climb:
            return (f"morning pain has climbed every day since {climb[0].date:%a} {climb[0].date.day} "
                    f"{climb[0].date:%b} ({' → '.join(str(c.morning_pain) for c in climb)})")
    impact = sorted((log for log in logs if log.date < day and is_impact(log.activity) and log.status != "skipped"),
                    key=lambda log: (log.date, log.logged_at))
    if impact and impact[-1].pain is not None and impact[-1].pain > TOO_MUCH:
        last = impact[-1]
        return (f"pain during {_name(last.activity)} on {last.date:%a} {last.date.day} {last.date:%b} "
                f"was {last.pain}/10, over {TOO_MUCH}/10")
    return None


def impact_sessions(day: dt.date, plan: Plan, logs: Iterable[LogEntry],
                    flares: Iterable[dt.date | str] | None = ()) -> list[ScheduledSession]:
    """The day's impact sessions not logged yet (none on a flare day)."""
    from .stats import flare_dates

    if day in flare_dates(flares):
        return []
    todays = [log for log in logs if log.date == day]
    return [s for s in plan.sessions_on(day) if is_impact(s.activity_id) and match_log(s, todays) is None]


def substitutions_for(day: dt.date, plan: Plan, logs: Iterable[LogEntry], checkins: Iterable[CheckIn],
                      flares: Iterable[dt.date | str] | None = (),
                      clinician_seen_on: dt.date | None = None) -> list[Suggestion]:
    """Suggestions for the day's unlogged impact sessions, when a trigger fires; else []."""
    logs = list(logs)
    sessions = impact_sessions(day, plan, logs, flares)
    if not sessions:
        return []
    reason = swap_reason(day, logs, checkins, clinician_seen_on)
    if reason is None:
        return []
    return [Suggestion(day, s.session_id, s.activity_id, s.name, similar_minutes(s), reason) for s in sessions]


def substitute_log(suggestion: Suggestion, activity_id: str = "cycling", *, status: str = "done",
                   minutes: float | None = None, pain: int | None = None, note: str = "") -> LogEntry:
    """The log that records doing ``activity_id`` in place of the suggested impact session."""
    if activity_id not in suggestion.alternatives:
        raise RehabError(f"swap to one of {', '.join(suggestion.alternatives)}, not {activity_id!r}")
    text = f"in place of {_name(suggestion.activity_id)} ({suggestion.reason})"
    return LogEntry(
        date=suggestion.date, activity=activity_id, status=status, session_id=suggestion.session_id,
        minutes=suggestion.minutes if minutes is None else minutes, pain=pain,
        note=(note + "; " if note else "") + text,
    )


def pause_impact(sessions: Iterable[ScheduledSession], flags: Iterable[object]) -> list[ScheduledSession]:
    """The sessions with every impact session (walk-run, brisk walk) swapped for cycling of similar
    length while any red flag in ``flags`` is active (pass ``redflags.active_flags(...)``); the
    sessions unchanged when there is none. The session id is kept, so logging the cycling counts."""
    flags = list(flags)
    if not flags:
        return list(sessions)
    signs = ", ".join(dict.fromkeys(str(getattr(f, "sign", f)) for f in flags))
    cycling = get_activity(SUBSTITUTES[0])
    out = []
    for s in sessions:
        if not is_impact(s.activity_id):
            out.append(s)
            continue
        out.append(ScheduledSession(
            date=s.date, session_id=s.session_id, activity_id=cycling.id, kind=cycling.kind, name=cycling.name,
            dose=Dose(minutes=similar_minutes(s)), phase_id=s.phase_id,
            why=f"In place of {_name(s.activity_id)} while a warning sign is active ({signs}): impact waits until a "
                "clinician has seen the foot or the sign has cleared. Swimming works too.",
            note=s.note))
    return out


def pause_from(sessions: Iterable[ScheduledSession], flags: Iterable[object],
               today: dt.date) -> list[ScheduledSession]:
    """``pause_impact`` from ``today`` on (what the week view, `rehab due` and the reminders show
    while a red flag is active); earlier sessions as they were; in date order."""
    flags = list(flags)
    sessions = list(sessions)
    if not flags:
        return sessions
    out = [s for s in sessions if s.date < today] + pause_impact([s for s in sessions if s.date >= today], flags)
    out.sort(key=lambda s: s.date)
    return out
