"""Sittings: the one rule that turns a day's logs into a scheduled session's status.

A session whose dose has ``times_per_day`` N is N sittings that day (1 when unset);
each log is one sitting. For a scheduled session on its day, from that day's logs:

- A log belongs to the session when it is on the session's date and names its
  session id, or names no session id and the same activity (``matches``).
- Sittings are filled in the order done, partial, skipped, up to N: a skipped
  sitting never erases a done one (whatever order they were logged in), and logs
  beyond N are kept (``logs``) but count no more.
- ``sittings_done`` counts done and partial sittings (what the "1/3" mark shows);
  for credit a partial sitting is worth half a done one:
  ``credit = (done + partial / 2) / N``, capped at 1.
- ``status``:
  - ``done``: all N sittings done;
  - ``partial``: all N logged with some done or partial but not all done, or a
    past day with some done or partial;
  - ``skipped``: skipped and none done or partial, once all N are logged or the day
    has passed;
  - otherwise as with no log: ``due`` today (with progress: ``sittings_done`` of
    ``sittings``), ``missed`` on a past day, ``planned`` on a future day.
- A log whose day has no session it belongs to is *unplanned*: kept, shown on its
  day (``unplanned_logs``, ``day_sheet``), counted in no adherence. A log dated before
  the plan's start is one of these.

``due_so_far(now)`` says how many of today's sittings are due by ``now``: logged ones,
plus those whose time of day (``Dose.times``) has come; a sitting without a time is due
all day, so it counts as due from the day's start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .records import LogEntry
from .schedule import ScheduledSession

PARTIAL_WORTH = 0.5


def matches(session: ScheduledSession, log: LogEntry) -> bool:
    """True when ``log`` is a sitting of ``session``: same date and session id (or activity)."""
    if log.date != session.date:
        return False
    if log.session_id is not None:
        return log.session_id == session.session_id
    return log.activity == session.activity_id


def matching_logs(session: ScheduledSession, logs: Iterable[LogEntry]) -> list[LogEntry]:
    """The logs that are sittings of ``session``, in the order given (oldest first)."""
    return [log for log in logs if matches(session, log)]


@dataclass(frozen=True)
class SessionDay:
    """A scheduled session on its day, read from that day's logs (see the module doc)."""

    session: ScheduledSession
    status: str
    sittings: int
    done: int  # sittings fully done (capped at ``sittings``)
    partial: int  # sittings partly done (after the done ones, capped)
    skipped: int  # sittings skipped (after done and partial, capped)
    logs: tuple[LogEntry, ...]  # every log of the session that day, extras included

    @property
    def sittings_done(self) -> int:
        """Sittings done or partly done: the "1" of "1/3"."""
        return self.done + self.partial

    @property
    def logged(self) -> int:
        """Sittings accounted for by a log (done, partial or skipped), at most ``sittings``."""
        return self.done + self.partial + self.skipped

    @property
    def to_do(self) -> int:
        """Sittings with no log yet."""
        return self.sittings - self.logged

    @property
    def credit(self) -> float:
        """Adherence credit, 0-1: (done + partial / 2) / sittings."""
        return min(1.0, (self.done + PARTIAL_WORTH * self.partial) / self.sittings)

    @property
    def latest(self) -> LogEntry | None:
        """The newest log of the session that day (what a row shows for pain, foot, note)."""
        return self.logs[-1] if self.logs else None

    @property
    def next_sitting(self) -> int | None:
        """0-based index of the next sitting to log, or None when all are logged."""
        return self.logged if self.logged < self.sittings else None

    def due_so_far(self, now: dt.time | None = None) -> int:
        """Sittings due by ``now``: logged ones plus unlogged ones whose time has come.

        Without ``now`` or without times (whole-day sittings), every sitting is due all day.
        """
        times = self.session.dose.times
        if now is None or not times:
            return self.sittings
        clock = now.strftime("%H:%M")
        timed = sum(1 for t in times[self.logged:] if t <= clock)
        return self.logged + timed

    def progress_text(self) -> str:
        """"1/3" for a session of several sittings, "" for a once-a-day one."""
        return f"{self.sittings_done}/{self.sittings}" if self.sittings > 1 else ""

    def to_dict(self) -> dict[str, object]:
        """The figures ``week --json`` adds to a session."""
        return {"status": self.status, "sittings": self.sittings, "sittings_done": self.sittings_done}


def session_day(session: ScheduledSession, logs: Iterable[LogEntry], today: dt.date) -> SessionDay:
    """The status and sittings of ``session`` from the logs (any logs: only its own count)."""
    own = tuple(matching_logs(session, logs))
    sittings = session.dose.sittings
    statuses = [log.status for log in own]
    done = min(statuses.count("done"), sittings)
    partial = min(statuses.count("partial"), sittings - done)
    skipped = min(statuses.count("skipped"), sittings - done - partial)
    return SessionDay(
        session=session,
        status=_status(session.date, today, sittings, done, partial, skipped),
        sittings=sittings,
        done=done,
        partial=partial,
        skipped=skipped,
        logs=own,
    )


def _status(day: dt.date, today: dt.date, sittings: int, done: int, partial: int, skipped: int) -> str:
    logged = done + partial + skipped
    if done == sittings:
        return "done"
    over = logged == sittings or day < today
    if done + partial and over:
        return "partial"
    if skipped and not done + partial and over:
        return "skipped"
    if day == today:
        return "due"
    return "missed" if day < today else "planned"


def unplanned_logs(sessions: Iterable[ScheduledSession], logs: Iterable[LogEntry]) -> list[LogEntry]:
    """Logs that are a sitting of none of ``sessions`` (e.g. an activity not planned that day,
    or a day before the plan starts), in the order given."""
    planned = list(sessions)
    return [log for log in logs if not any(matches(s, log) for s in planned)]


@dataclass(frozen=True)
class DaySheet:
    """One day as the week view shows it: each scheduled session, then the unplanned logs."""

    day: dt.date
    sessions: tuple[SessionDay, ...]
    unplanned: tuple[LogEntry, ...]


def day_sheet(day: dt.date, sessions: Iterable[ScheduledSession], logs: Iterable[LogEntry], today: dt.date) -> DaySheet:
    """``day``'s sessions (those dated ``day``) with their sittings, and the day's unplanned logs."""
    todays = [s for s in sessions if s.date == day]
    day_logs = [log for log in logs if log.date == day]
    return DaySheet(
        day=day,
        sessions=tuple(session_day(s, day_logs, today) for s in todays),
        unplanned=tuple(unplanned_logs(todays, day_logs)),
    )


def week_sheets(days: Iterable[dt.date], sessions: Iterable[ScheduledSession], logs: Iterable[LogEntry],
                today: dt.date) -> list[DaySheet]:
    """``day_sheet`` for each of ``days`` (e.g. ``dates.week_days(d)``), logs indexed once."""
    by_day: dict[dt.date, list[ScheduledSession]] = {}
    for s in sessions:
        by_day.setdefault(s.date, []).append(s)
    logs_by_day: dict[dt.date, list[LogEntry]] = {}
    for log in logs:
        logs_by_day.setdefault(log.date, []).append(log)
    return [day_sheet(d, by_day.get(d, ()), logs_by_day.get(d, ()), today) for d in days]
