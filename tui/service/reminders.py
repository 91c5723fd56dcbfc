"""Reminder flows both interfaces share: what is due, what was missed, a sitting logged, vdir.

The decisions are the core's (tui/core/reminders.py); this module feeds them
the plan's sessions and the logs from the store, with the waking hours and the
notify mode from the config file (tui.config: top-level ``wake``/``sleep``,
``[reminders] notify``). Nothing here prints or imports textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import RehabError
from ..core.records import LogEntry
from ..core.reminders import DueReport, Sitting, WakingHours, due_report, handled_counts, missed_since, sittings_of
from ..core.substitution import pause_from
from ..storage.due_cache import flags_now

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..vdir_io import VdirResult
    from .service import RehabService

CATCH_UP_DAYS = 7  # a catch-up looks this many days back at most
LOG_STATUSES = ("done", "skipped")


@dataclass(frozen=True)
class ReminderSettings:
    """How the app reminds: ``notify`` off | notice | terminal, and the waking hours."""

    notify: str = "notice"
    wake: dt.time = dt.time(7, 0)
    sleep: dt.time = dt.time(22, 30)

    @property
    def enabled(self) -> bool:
        return self.notify != "off"

    @property
    def terminal(self) -> bool:
        return self.notify == "terminal"

    def hours(self) -> WakingHours:
        try:
            return WakingHours(f"{self.wake:%H:%M}", f"{self.sleep:%H:%M}")
        except RehabError:  # waking hours across midnight: the defaults
            return WakingHours()


def load_settings(path: Path | None = None) -> tuple[ReminderSettings, str | None]:
    """The settings from the config file and at most one warning line (never raises)."""
    from ..config import config_path, load_config

    config, warnings = load_config(path or config_path())
    settings = ReminderSettings(config.reminders.notify, config.wake, config.sleep)
    return settings, (warnings[0] if warnings else None)


@dataclass(frozen=True)
class ReminderCheck:
    """One look at the plan at ``report.now``: the due report and the catch-up list."""

    report: DueReport
    missed: list[Sitting]


def check(service: RehabService, now: dt.datetime, settings: ReminderSettings,
          snoozes: Sequence[tuple[str, dt.datetime]] = (), since: dt.datetime | None = None) -> ReminderCheck:
    """What is due at ``now`` (snoozes applied) and, with ``since``, the sittings missed since then.

    One read of the plan and one of the logs; no plan: nothing due.
    """
    today = now.date()
    first = today if since is None else max(since.date(), today - dt.timedelta(days=CATCH_UP_DAYS))
    last = today + dt.timedelta(days=1)  # tomorrow's first sitting can be the next one
    plan = service.plan()
    if plan is None:
        return ReminderCheck(DueReport(now, [], [], [], None), [])
    sessions = pause_from(plan.sessions_between(first, last), flags_now(service.store, plan, today), today)
    logs = service.store.logs(first, last)
    sittings = sittings_of(sessions, settings.hours())
    handled = handled_counts(sessions, logs)
    report = due_report(sittings, handled, now, snoozes)
    if since is not None:
        since = max(since, _started_at(plan.data.get("created"), now))
    missed = missed_since(sittings, handled, since, now) if since is not None else []
    return ReminderCheck(report, missed)


def _started_at(created: object, now: dt.datetime) -> dt.datetime:
    """When a plan started today was made: nothing before it counts as missed (a plan
    started at 09:00 has not missed its 07:30 sittings). Other days: no limit."""
    floor = dt.datetime.min
    if not isinstance(created, str):
        return floor
    try:
        moment = dt.datetime.fromisoformat(created)
    except ValueError:
        return floor
    moment = moment.replace(tzinfo=None)
    return moment if moment.date() == now.date() and moment <= now else floor


def log_sitting(service: RehabService, sitting: Sitting, status: str = "done") -> LogEntry:
    """Log one sitting (done or skipped) against its session; a day in the future is refused."""
    if status not in LOG_STATUSES:
        raise RehabError(f"a sitting is logged as {' or '.join(LOG_STATUSES)}, not {status!r}")
    entry = LogEntry(date=sitting.date, activity=sitting.activity_id, status=status,
                     session_id=sitting.session_id, note="")
    service.add_log(entry, f"log {sitting.label} ({status}) from a reminder")
    return entry


def export_vdir(service: RehabService, folder: Path) -> VdirResult:
    """One calendar file per sitting in ``folder`` (made if missing); re-export updates in place."""
    from ..core.exports.vdir import vdir_files
    from ..vdir_io import write_vdir

    plan = service.require_plan()
    return write_vdir(Path(folder), vdir_files(plan, service.store.logs()))
