"""One Mon-Sun week as both interfaces show it: the plan's sessions (flare days applied),
each with its status and log, and the week's phase names.

Plain data (no widgets): the TUI's panes and `rehab week` render it, tests
assert on it. Loading a week reads that week's logs only, so moving a week
stays cheap with years of history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.dates import WEEKDAY_NAMES, week_start

__all__ = ["MARKS", "STATUS_TEXT", "SessionRow", "DayRow", "Week", "build_week", "week_start"]
from ..core.records import LogEntry, match_log, session_status
from ..core.schedule import Plan, ScheduledSession

ONE_DAY = dt.timedelta(days=1)

# Every status has a text mark, so nothing depends on colour alone.
MARKS = {"done": "✓", "partial": "½", "skipped": "✗", "due": "•", "missed": "!", "planned": "·"}
STATUS_TEXT = {
    "done": "done", "partial": "partial", "skipped": "skipped",
    "due": "due", "missed": "missed", "planned": "planned",
}


@dataclass(frozen=True)
class SessionRow:
    session: ScheduledSession
    status: str
    log: LogEntry | None

    @property
    def mark(self) -> str:
        return MARKS[self.status]


@dataclass(frozen=True)
class DayRow:
    date: dt.date
    rows: tuple[SessionRow, ...]
    phase_name: str | None
    flare: bool = False  # a flare day: the plan's load is replaced by rest, ice, gentle massage

    @property
    def label(self) -> str:
        return f"{WEEKDAY_NAMES[self.date.weekday()]} {self.date.day}"

    def done_count(self) -> tuple[int, int]:
        """(done or partial, sessions that ask for something: rest days not counted)."""
        counted = [r for r in self.rows if r.session.kind != "rest"]
        return sum(r.status in ("done", "partial") for r in counted), len(counted)


@dataclass(frozen=True)
class Week:
    monday: dt.date
    days: tuple[DayRow, ...]
    logs: tuple[LogEntry, ...]

    @property
    def sunday(self) -> dt.date:
        return self.monday + 6 * ONE_DAY

    def day(self, date: dt.date) -> DayRow:
        return self.days[(date - self.monday).days]

    def phase_text(self) -> str:
        names: list[str] = []
        for day in self.days:
            if day.phase_name and day.phase_name not in names:
                names.append(day.phase_name)
        return " → ".join(names) if names else "outside the plan"


def build_week(plan: Plan | None, day: dt.date, today: dt.date, logs: list[LogEntry],
               flare_days: set[dt.date]) -> Week:
    """The week holding ``day`` from the week's logs and the flare days (no storage reads)."""
    monday = week_start(day)
    sunday = monday + 6 * ONE_DAY
    by_date: dict[dt.date, list[LogEntry]] = {}
    for log in logs:
        by_date.setdefault(log.date, []).append(log)
    sessions = plan.sessions_between(monday, sunday) if plan is not None else []
    flares = {d for d in flare_days if monday <= d <= sunday}
    if flares and plan is not None:
        from ..core.flare import apply_flares

        sessions = apply_flares(sessions, flares, monday, sunday)
    per_day: dict[dt.date, list[SessionRow]] = {monday + i * ONE_DAY: [] for i in range(7)}
    for s in sessions:
        per_day[s.date].append(
            SessionRow(s, session_status(s, by_date.get(s.date, []), today), match_log(s, by_date.get(s.date, [])))
        )
    days = []
    for date, rows in per_day.items():
        phase = plan.phase_on(date) if plan is not None else None
        days.append(DayRow(date, tuple(rows), phase["name"] if phase else None, date in flares))
    return Week(monday, tuple(days), tuple(logs))
