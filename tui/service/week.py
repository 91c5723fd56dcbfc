"""One Mon-Sun week as both interfaces show it: the plan's sessions (flare days applied),
each with its sittings and status (``tui.core.sittings``: one rule for both interfaces),
each day's unplanned logs (an activity not planned that day, a day before the plan),
and the week's phase names.

Plain data (no widgets): the TUI's panes and `rehab week` render it, tests
assert on it. Loading a week reads that week's logs only, so moving a week
stays cheap with years of history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.dates import WEEKDAY_NAMES, week_start

__all__ = ["MARKS", "STATUS_TEXT", "DayRow", "SessionRow", "Week", "build_week", "week_start"]
from ..core.records import LogEntry
from ..core.schedule import Plan, ScheduledSession
from ..core.sittings import SessionDay, week_sheets

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
    sheet: SessionDay  # the sittings of the session that day

    @property
    def status(self) -> str:
        return self.sheet.status

    @property
    def log(self) -> LogEntry | None:
        """The newest log of the session that day (pain, foot, note shown from it)."""
        return self.sheet.latest

    @property
    def sittings(self) -> int:
        return self.sheet.sittings

    @property
    def sittings_done(self) -> int:
        return self.sheet.sittings_done

    @property
    def progress_text(self) -> str:
        """"1/3" for a session of several sittings, "" for a once-a-day one."""
        return self.sheet.progress_text()

    @property
    def all_logged(self) -> bool:
        """Every sitting has a log (done, partial or skipped)."""
        return self.sheet.next_sitting is None

    @property
    def mark(self) -> str:
        return MARKS[self.status]


@dataclass(frozen=True)
class DayRow:
    date: dt.date
    rows: tuple[SessionRow, ...]
    phase_name: str | None
    flare: bool = False  # a flare day: the plan's load is replaced by rest, ice, gentle massage
    unplanned: tuple[LogEntry, ...] = ()  # logs of the day that belong to no session of it

    @property
    def label(self) -> str:
        return f"{WEEKDAY_NAMES[self.date.weekday()]} {self.date.day}"

    def done_count(self) -> tuple[int, int]:
        """(sittings done or partly done, sittings asked for: rest not counted)."""
        counted = [r for r in self.rows if r.session.kind != "rest"]
        return sum(r.sittings_done for r in counted), sum(r.sittings for r in counted)


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
               flare_days: set[dt.date], flags: Sequence[object] = ()) -> Week:
    """The week holding ``day`` from the week's logs and the flare days (no storage reads).

    While a red flag is active (``flags``: ``redflags.active_flags``), today's and later
    impact sessions show as cycling (``substitution.pause_impact``; the session id is kept,
    so logging the cycling counts)."""
    monday = week_start(day)
    sunday = monday + 6 * ONE_DAY
    sessions = plan.sessions_between(monday, sunday) if plan is not None else []
    flares = {d for d in flare_days if monday <= d <= sunday}
    if flares and plan is not None:
        from ..core.flare import apply_flares

        sessions = apply_flares(sessions, flares, monday, sunday)
    if flags:
        from ..core.substitution import pause_from

        sessions = pause_from(sessions, flags, today)
    dates = [monday + i * ONE_DAY for i in range(7)]
    week_logs = [log for log in logs if monday <= log.date <= sunday]
    days = []
    for sheet in week_sheets(dates, sessions, week_logs, today):
        phase = plan.phase_on(sheet.day) if plan is not None else None
        rows = tuple(SessionRow(s.session, s) for s in sheet.sessions)
        days.append(DayRow(sheet.day, rows, phase["name"] if phase else None, sheet.day in flares,
                           sheet.unplanned))
    return Week(monday, tuple(days), tuple(logs))
