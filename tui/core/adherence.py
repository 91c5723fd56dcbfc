"""Adherence, streaks and the "under way" figures, all counted in sittings.

Pure functions over a Plan, LogEntry lists, flare dates and "today" (see ``stats``).
Each scheduled session on a day is read by the one sittings rule
(``sittings.session_day``); the rules here:

- Credit per session and day = sittings done / sittings planned, capped at 1
  (a partial sitting is worth half; ``SessionDay.credit``). A session-day is
  *counted* once it is settled: a past day, or today with all its sittings logged.
  Today's sessions with sittings still to log, and future ones, are *pending*:
  not counted, but reported (``Adherence.pending``, ``SittingFigures``) so that a
  figure never looks finished while the day or week is under way.
- Rest sessions (kind ``rest``) ask nothing to be done and are never counted.
- Flare days are left out of the numerator and the denominator.
- Streak: consecutive days, back from today, on which every counted session has
  some sitting done (status done or partial). Today extends the streak once all
  its sittings are logged so; until then it neither breaks nor extends it. Flare
  days and days with nothing to count keep the streak without adding to it. The
  streak only looks as far back as the logs it is given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from .dates import week_start
from .kinds import KINDS
from .records import LogEntry
from .schedule import Plan, ScheduledSession
from .sittings import SessionDay, session_day

ONE_DAY = dt.timedelta(days=1)
CREDIT = {"done": 1.0, "partial": 0.5, "skipped": 0.0, "missed": 0.0}
SETTLED = frozenset(CREDIT)
UNCOUNTED_KINDS = frozenset({"rest"})

LogsByDate: TypeAlias = Mapping[dt.date, list[LogEntry]]
Logs: TypeAlias = Iterable[LogEntry] | LogsByDate
Flares: TypeAlias = Iterable[dt.date | str] | None


def flare_dates(flares: Flares) -> frozenset[dt.date]:
    """Flare days as dates, from dates or ISO strings (``store.flares()``); bad strings are skipped."""
    out = set()
    for item in flares or ():
        if isinstance(item, dt.date):
            out.add(item)
            continue
        try:
            out.add(dt.date.fromisoformat(str(item)))
        except ValueError:
            continue
    return frozenset(out)


def credit(status: str) -> float | None:
    """Credit of a once-a-day session by its status; None when not counted (due, planned)."""
    return CREDIT.get(status)


def logs_by_date(logs: Logs) -> LogsByDate:
    """Logs indexed by date (a mapping is passed through)."""
    if isinstance(logs, Mapping):
        return logs
    out: dict[dt.date, list[LogEntry]] = defaultdict(list)
    for log in logs:
        out[log.date].append(log)
    return out


def read_session(session: ScheduledSession, by_date: LogsByDate, today: dt.date) -> SessionDay:
    """``sittings.session_day`` with logs indexed by date (one lookup, not a scan)."""
    return session_day(session, by_date.get(session.date, ()), today)


def status_of(session: ScheduledSession, by_date: LogsByDate, today: dt.date) -> str:
    """The session's status by the sittings rule (kept for older callers)."""
    return read_session(session, by_date, today).status


def session_days(plan: Plan, logs: Logs, first: dt.date, last: dt.date, today: dt.date,
                 flares: Flares = None) -> list[SessionDay]:
    """Every scheduled session first..last (inclusive) that adherence looks at (no rest,
    nothing on flare days), read from the logs."""
    skip = flare_dates(flares)
    by_date = logs_by_date(logs)
    return [
        read_session(s, by_date, today)
        for s in plan.sessions_between(first, last)
        if s.kind not in UNCOUNTED_KINDS and s.date not in skip
    ]


def counted_sessions(plan: Plan, logs: Logs, first: dt.date, last: dt.date, today: dt.date,
                     flares: Flares = None) -> list[tuple[ScheduledSession, str]]:
    """(session, status) pairs of ``session_days`` (kept for older callers)."""
    return [(d.session, d.status) for d in session_days(plan, logs, first, last, today, flares)]


@dataclass(frozen=True)
class Adherence:
    """Credit earned over the session-days counted; ``ratio`` 0-1, None when nothing counted.

    ``pending``: session-days in the range not counted yet (today's with sittings to log,
    future ones): while it is over 0 the range is under way.
    """

    credit: float = 0.0
    counted: int = 0
    pending: int = 0

    @property
    def ratio(self) -> float | None:
        return self.credit / self.counted if self.counted else None

    @property
    def under_way(self) -> bool:
        return self.pending > 0

    def text(self) -> str:
        """"83%" or "n/a" (nothing to count yet)."""
        return "n/a" if self.ratio is None else f"{self.ratio:.0%}"

    def detail(self) -> str:
        """"62% (2.5 of 4 sessions), 3 still to come", so a figure under way says so."""
        if self.ratio is None:
            text = "n/a"
        else:
            noun = "session" if self.counted == 1 else "sessions"
            text = f"{self.text()} ({round(self.credit, 2):g} of {self.counted} {noun})"
        return f"{text}, {self.pending} still to come" if self.pending else text

    def __add__(self, other: Adherence) -> Adherence:
        return Adherence(self.credit + other.credit, self.counted + other.counted, self.pending + other.pending)


def tally(days: Iterable[SessionDay]) -> Adherence:
    """Adherence over session-days (see the module doc)."""
    got, counted, pending = 0.0, 0, 0
    for day in days:
        if day.status in SETTLED:
            got += day.credit
            counted += 1
        else:
            pending += 1
    return Adherence(got, counted, pending)


def adherence(plan: Plan, logs: Logs, first: dt.date, last: dt.date, today: dt.date,
              flares: Flares = None) -> Adherence:
    """Adherence over first..last (inclusive); see the module doc for the rules."""
    return tally(session_days(plan, logs, first, last, today, flares))


def adherence_by_kind(plan: Plan, logs: Logs, first: dt.date, last: dt.date, today: dt.date,
                      flares: Flares = None) -> dict[str, Adherence]:
    """Adherence per activity kind (in KINDS order), only kinds with sessions counted."""
    groups: dict[str, list[SessionDay]] = defaultdict(list)
    for day in session_days(plan, logs, first, last, today, flares):
        groups[day.session.kind].append(day)
    out = {kind: tally(groups[kind]) for kind in KINDS if kind in groups}
    return {k: v for k, v in out.items() if v.counted}


def adherence_by_week(plan: Plan, logs: Logs, first: dt.date, last: dt.date, today: dt.date,
                      flares: Flares = None) -> list[tuple[dt.date, Adherence]]:
    """(Monday, adherence) for each Mon-Sun week touching first..last, oldest first;
    days outside first..last are not counted."""
    return by_week(session_days(plan, logs, first, last, today, flares), first, last)


def by_week(days: Iterable[SessionDay], first: dt.date, last: dt.date) -> list[tuple[dt.date, Adherence]]:
    groups: dict[dt.date, list[SessionDay]] = defaultdict(list)
    for day in days:
        groups[week_start(day.session.date)].append(day)
    out = []
    monday = week_start(first)
    while monday <= last:
        out.append((monday, tally(groups.get(monday, ()))))
        monday += dt.timedelta(days=7)
    return out


@dataclass(frozen=True)
class SittingFigures:
    """Sittings over a range, for "2 of 8 due so far, 6 still to do today".

    ``due_so_far``: past days' sittings, plus today's due by now (``SessionDay.due_so_far``:
    logged, or their time of day has come; a sitting without a time is due all day);
    ``done``: sittings done or partly done among them; ``to_do_today``: today's sittings
    with no log yet; ``later``: sittings on days after today.
    """

    planned: int = 0
    done: int = 0
    due_so_far: int = 0
    to_do_today: int = 0
    later: int = 0

    @property
    def under_way(self) -> bool:
        return self.to_do_today > 0 or self.later > 0

    def text(self) -> str:
        """"2 of 8 due so far, 6 still to do today" (", 12 later" when days are to come)."""
        if not self.planned:
            return "nothing to do"
        if not self.under_way:
            return f"{self.done} of {self.planned} done"
        parts = [f"{self.done} of {self.due_so_far} due so far"]
        if self.to_do_today:
            parts.append(f"{self.to_do_today} still to do today")
        if self.later:
            parts.append(f"{self.later} later")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, int]:
        return {"planned": self.planned, "done": self.done, "due_so_far": self.due_so_far,
                "to_do_today": self.to_do_today, "later": self.later}


def sitting_figures(days: Iterable[SessionDay], today: dt.date, now: dt.time | None = None) -> SittingFigures:
    """Sittings planned, done, due so far and to come over ``days`` (see SittingFigures)."""
    planned = done = due = to_do = later = 0
    for day in days:
        date = day.session.date
        planned += day.sittings
        if date > today:
            later += day.sittings
            continue
        done += day.sittings_done
        due += day.sittings if date < today else day.due_so_far(now)
        if date == today:
            to_do += day.to_do
    return SittingFigures(planned, done, due, to_do, later)


def range_sittings(plan: Plan, logs: Logs, first: dt.date, last: dt.date, today: dt.date,
                   now: dt.time | None = None, flares: Flares = None) -> SittingFigures:
    """``sitting_figures`` for first..last (e.g. today..today, or a Mon-Sun week)."""
    return sitting_figures(session_days(plan, logs, first, last, today, flares), today, now)


def current_streak(plan: Plan, logs: Logs, today: dt.date, flares: Flares = None,
                   earliest: dt.date | None = None) -> int:
    """Days in a row, back from today, with every counted session done or partial.

    ``earliest``: the first date the given logs cover (the scan stops there);
    defaults to the plan's start.
    """
    return streak(plan, logs, today, flares, earliest)[0]


def streak(plan: Plan, logs: Logs, today: dt.date, flares: Flares,
           earliest: dt.date | None) -> tuple[int, bool]:
    """(streak, capped): capped when the scan reached ``earliest`` (after the plan's
    start) without a break, so the real streak may be longer."""
    lo = max(plan.start, earliest) if earliest else plan.start
    if lo > today:
        return 0, False
    skip = flare_dates(flares)
    by_date = logs_by_date(logs)
    per_day: dict[dt.date, list[ScheduledSession]] = defaultdict(list)
    for s in plan.sessions_between(lo, today):
        if s.kind not in UNCOUNTED_KINDS:
            per_day[s.date].append(s)
    count = 0
    day = today
    while day >= lo:
        sessions = per_day.get(day)
        if sessions and day not in skip:
            statuses = [status_of(s, by_date, today) for s in sessions]
            if all(st in ("done", "partial") for st in statuses):
                count += 1
            elif day == today and all(st in ("done", "partial", "due") for st in statuses):
                pass  # today is not over yet
            else:
                return count, False
        day -= ONE_DAY
    return count, count > 0 and lo > plan.start
