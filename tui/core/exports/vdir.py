"""The plan as a vdir: one iCalendar file per item, for vdirsyncer, todoman or khal.

Each sitting of each day is a VTODO (DUE at the sitting's time, or on its day
when the dose gives no times; STATUS from the logs: each log handles one
sitting, done or partial COMPLETED, skipped CANCELLED). Each rest day is an
all-day VEVENT. A todo per dated sitting, not a recurring one: a phone checks
off one sitting, and recurring todos are what sync tools handle worst.

UIDs are stable (``{plan}.{session}.{date}.{sitting}@rehab-planner``) and
give the file names, so a re-export updates the same files. Every file carries
the property ``X-REHAB-PLANNER-VDIR:1``: a re-export replaces or removes only
files with that mark (:func:`sync_plan`), never the user's own. Pure: the
caller reads the folder and writes what :func:`sync_plan` says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from icalendar import Calendar, Event, Todo

from ..errors import RehabError
from ..records import LogEntry
from ..schedule import Plan, ScheduledSession
from .ics import CLOSING, PRODID, UID_DOMAIN, sitting_times
from .text import one_line

MARK_PROPERTY = "X-REHAB-PLANNER-VDIR"
MARK_LINE = f"{MARK_PROPERTY}:1"
PREFIX = "rehab-"
SUFFIX = ".ics"
COMPLETED = {"done": "COMPLETED", "partial": "COMPLETED", "skipped": "CANCELLED"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def item_uid(plan_id: str, session_id: str, day: dt.date, sitting: int | None) -> str:
    tail = "" if sitting is None else f".{sitting}"
    return f"{plan_id}.{session_id}.{day.isoformat()}{tail}@{UID_DOMAIN}"


def file_name(uid: str) -> str:
    """A safe, stable file name for a UID (its local part, 'rehab-' first)."""
    return PREFIX + _UNSAFE.sub("_", uid.split("@", 1)[0]) + SUFFIX


def _statuses(sessions: Sequence[ScheduledSession], logs: Iterable[LogEntry]) -> dict[tuple[dt.date, str], list[str]]:
    """(date, session id) -> the statuses of its logs, oldest first (one per sitting)."""
    by_activity: dict[tuple[dt.date, str], str] = {}
    for s in sessions:
        by_activity.setdefault((s.date, s.activity_id), s.session_id)
    out: dict[tuple[dt.date, str], list[str]] = {}
    for log in sorted(logs, key=lambda entry: entry.logged_at):
        sid = log.session_id or by_activity.get((log.date, log.activity))
        if sid is not None:
            out.setdefault((log.date, sid), []).append(log.status)
    return out


def _calendar(component: Event | Todo) -> str:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add_component(component)
    text: str = cal.to_ical().decode("utf-8")
    return text


def _todo(plan: Plan, s: ScheduledSession, sitting: int, time: dt.time | None,
          status: str | None, stamp: dt.datetime) -> tuple[str, str]:
    uid = item_uid(plan.template_id, s.session_id, s.date, sitting)
    count = s.dose.sittings
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", stamp)
    todo.add("summary", f"{one_line(s.name)}{f' {sitting}/{count}' if count > 1 else ''}: {s.dose.describe()}")
    todo.add("due", dt.datetime.combine(s.date, time) if time else s.date)
    lines = [f"Dose: {s.dose.describe()}"]
    if s.why:
        lines.append(f"Why: {one_line(s.why)}")
    todo.add("description", "\n".join([*lines, CLOSING]))
    todo.add("categories", [s.kind])
    todo.add("status", COMPLETED.get(status or "", "NEEDS-ACTION"))
    todo.add("x-rehab-session", s.session_id)
    todo.add("x-rehab-activity", s.activity_id)
    todo.add("x-rehab-sitting", str(sitting))
    todo.add(MARK_PROPERTY, "1")
    return file_name(uid), _calendar(todo)


def _rest(plan: Plan, s: ScheduledSession, stamp: dt.datetime) -> tuple[str, str]:
    uid = item_uid(plan.template_id, s.session_id, s.date, None)
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", s.date)
    ev.add("dtend", s.date + dt.timedelta(days=1))
    ev.add("transp", "TRANSPARENT")
    ev.add("summary", one_line(s.name))
    ev.add("description", "\n".join([f"Why: {one_line(s.why)}" if s.why else "A rest day.", CLOSING]))
    ev.add("categories", [s.kind])
    ev.add("x-rehab-session", s.session_id)
    ev.add(MARK_PROPERTY, "1")
    return file_name(uid), _calendar(ev)


def vdir_files(plan: Plan, logs: Iterable[LogEntry] = (), *, now: dt.datetime | None = None) -> dict[str, str]:
    """{file name: iCalendar text} for every item of the plan, first day to last."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    sessions = plan.sessions_between(plan.start, plan.end_date)
    statuses = _statuses(sessions, logs)
    files: dict[str, str] = {}
    for s in sessions:
        if s.kind == "rest":
            name, text = _rest(plan, s, stamp)
            files[name] = text
            continue
        times = sitting_times(s)
        done = statuses.get((s.date, s.session_id), [])
        for i in range(s.dose.sittings):
            name, text = _todo(plan, s, i + 1, times[i] if i < len(times) else None,
                               done[i] if i < len(done) else None, stamp)
            files[name] = text
    return files


def is_ours(name: str, text: str) -> bool:
    """A file this exporter made: our name pattern and our mark inside."""
    return name.startswith(PREFIX) and name.endswith(SUFFIX) and MARK_LINE in text.splitlines()


def _without_stamp(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("DTSTAMP")]


def sync_plan(existing: dict[str, str], files: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """What a re-export does to a folder holding ``existing`` {name: text}.

    Returns (files to write: new or changed beyond their DTSTAMP, names to
    remove: our own files of items no longer in the plan). A file of one of
    our names that we did not make is a RehabError: nothing is changed.
    """
    foreign = sorted(name for name in files if name in existing and not is_ours(name, existing[name]))
    if foreign:
        raise RehabError(f"{foreign[0]} is already there and was not made by this export; "
                         "export into an empty folder or one made by `rehab export --format vdir`")
    write = {name: text for name, text in files.items()
             if name not in existing or _without_stamp(existing[name]) != _without_stamp(text)}
    remove = sorted(name for name, text in existing.items() if name not in files and is_ours(name, text))
    return write, remove
