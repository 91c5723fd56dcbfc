"""Writes ``due-cache.json``, the small file ``rehab due`` reads instead of the database.

The store calls :func:`update_due_cache` after every commit, inside its write
lock (so no other commit can slip between the data and the fingerprint the
cache records). The file is 0600 and replaced atomically; a data dir that is
read-only (or a failed write) leaves no cache and no error: ``rehab due`` then
computes in full. The format and the freshness rules are in ``tui.due_fast``.

It is written without fsync (unlike ``tui.fileio``, whose fsync would add a
few ms to every commit): the cache can always be computed again, and a file
torn by a power cut fails to parse, which means exactly that.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tui import __version__
from tui.core.errors import RehabError
from tui.core.records import LogEntry
from tui.core.reminders import WakingHours, handled_counts, sittings_of
from tui.core.schedule import Plan, ScheduledSession
from tui.due_fast import (
    CACHE_NAME,
    FORMAT,
    VERSION,
    WINDOW_DAYS,
    config_file,
    data_fingerprint,
    watched,
)


def cache_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The days a cache written today covers (inclusive)."""
    return today, today + dt.timedelta(days=WINDOW_DAYS - 1)


NO_CONFIG_HOURS = ("07:00", "22:30")  # tui.config.Config's wake and sleep (a test checks they agree)


def reminder_settings(path: str | None = None) -> tuple[WakingHours, str, str | None]:
    """Waking hours from the config file (``wake``, ``sleep``: tui.config), the untimed
    mode, and at most one problem line; the defaults on any problem."""
    where = path or config_file()
    if not os.path.lexists(where):  # no config file: its defaults, without importing the TOML parser
        return WakingHours(*NO_CONFIG_HOURS), "spread", None
    from tui.config import load_config

    config, warnings = load_config(Path(where))
    problem = warnings[0] if warnings else None
    try:
        hours = WakingHours(config.wake.strftime("%H:%M"), config.sleep.strftime("%H:%M"))
    except RehabError as err:  # e.g. waking hours across midnight
        return WakingHours(), "spread", f"{where}: {err} for reminders; using 07:00 to 22:00"
    return hours, "spread", problem


def due_cache_document(
    sessions: Sequence[ScheduledSession] | None,
    logs: Iterable[LogEntry],
    *,
    start: dt.date,
    hours: WakingHours,
    untimed: str = "spread",
    fingerprint: list[list[Any]],
    watch: list[list[Any]],
    flags: Sequence[object] = (),
) -> dict[str, Any]:
    """``flags``: the red flags active on ``start`` (``flags_now``): while there are any, walk-runs
    and brisk walks are due as cycling, as the week view shows them."""
    first, last = cache_window(start)
    window = [s for s in sessions or () if first <= s.date <= last]
    if flags:
        from tui.core.substitution import pause_from

        window = pause_from(window, flags, first)
    in_window = [log for log in logs if first <= log.date <= last]
    counts = handled_counts(window, in_window)
    return {
        "format": FORMAT, "version": VERSION, "app": __version__,
        "from": first.isoformat(), "to": last.isoformat(),
        "plan": sessions is not None,
        "hours": {**hours.to_dict(), "untimed": untimed},
        "sittings": [s.to_dict() for s in sittings_of(window, hours, untimed)],
        "handled": {f"{day.isoformat()}|{sid}": n for (day, sid), n in sorted(counts.items())},
        "data": fingerprint,
        "watch": watch,
    }


def write_due_cache(
    data_dir: Path,
    sessions: Sequence[ScheduledSession] | None,
    logs: Iterable[LogEntry],
    *,
    start: dt.date | None = None,
    config_path: str | None = None,
    fingerprint: list[list[Any]] | None = None,
    flags: Sequence[object] = (),
) -> Path | None:
    """Write the cache for the window from ``start`` (default today); None when not written.

    sessions: the plan's sessions over at least the window (None: no active
    plan); logs: the logs of the window (others are ignored). fingerprint: the
    data dir as it was when the data was read (default: now, right for a caller
    holding the store's write lock).
    """
    data_dir = Path(data_dir)
    if not os.access(data_dir, os.W_OK):
        return None
    config = config_path or config_file()
    hours, untimed, _problem = reminder_settings(config)
    doc = due_cache_document(
        sessions, logs, start=start or dt.date.today(), hours=hours, untimed=untimed,
        fingerprint=data_fingerprint(str(data_dir)) if fingerprint is None else fingerprint,
        watch=watched([config]), flags=flags)
    try:
        return _replace(data_dir / CACHE_NAME, json.dumps(doc, separators=(",", ":")).encode())
    except OSError:
        return None


def _replace(path: Path, data: bytes) -> Path:
    """Atomic 0600 write: a new temp file (never through a link), then rename over path."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def update_due_cache(data_dir: Path, plan: Plan | dict[str, Any] | None,
                     logs: Iterable[LogEntry | dict[str, Any]], today: dt.date | None = None, *,
                     flags: Sequence[object] = ()) -> Path | None:
    """The store's one call after a commit: the plan and the logs (any range) as it holds them.

    Never raises for a plan or a log it cannot read: it removes the cache
    instead (``rehab due`` then computes in full and says what is wrong).
    """
    first, last = cache_window(today or dt.date.today())
    try:
        if isinstance(plan, dict):
            plan = Plan(plan)  # read only here: no need for from_dict's deep copy
        sessions = plan.sessions_between(first, last) if plan is not None else None
        entries = [LogEntry.from_dict(log) if isinstance(log, dict) else log for log in logs]
    except (RehabError, KeyError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            (Path(data_dir) / CACHE_NAME).unlink()
        return None
    return write_due_cache(data_dir, sessions, entries, start=first, flags=flags)


def flags_now(store: Any, plan: Plan | None, today: dt.date) -> list[Any]:
    """The red flags active on ``today`` as the week view counts them (signs a clinician has
    seen do not count), from ``store`` (a tui.storage.Store); none without a plan."""
    if plan is None:
        return []
    from tui.core.redflags import CLINICIAN_SEEN_KEY, active_flags, find_flags, flag_ranges, seen_day

    (logs_from, logs_to), (checkins_from, checkins_to) = flag_ranges(plan, today)
    found = find_flags(store.checkins(checkins_from, checkins_to), store.logs(logs_from, logs_to), today, plan)
    return active_flags(found, seen_day(store.get_setting(CLINICIAN_SEEN_KEY))) if found else []
