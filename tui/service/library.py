"""The template library both interfaces use: list, show, import, export and start.

Templates come from the built-in folder, the shared folders (REHAB_TEMPLATE_PATH)
and the user's library (tui/core/sources.py); the schema ships beside the
built-in plans and is handed to the core from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.dates import week_start
from ..core.dose import Dose
from ..core.activities import get_activity
from ..core.errors import RehabError
from ..core.schedule import Plan, session_dose
from ..core.sources import TemplateCatalog, discover_templates
from ..core.templates import SCHEMA_NAME, Template, parse_template, validate_template
from ..fileio import folder_problem, private_dir, read_template_bytes, write_json

SAMPLE_MONDAY = dt.date(2026, 1, 5)


@dataclass(frozen=True)
class TemplateDirs:
    """Where templates come from: built-in, shared (in order), the user's own library."""

    builtin: Path
    shared: tuple[Path, ...]
    user: Path

    @property
    def schema(self) -> Path:
        return self.builtin / SCHEMA_NAME


@dataclass(frozen=True)
class PhaseLoad:
    name: str
    weeks: int
    goal: str
    sessions: int  # sessions in its first week, rest days not counted
    minutes: float  # planned minutes in that week (times a day included)


@dataclass(frozen=True)
class SessionLine:
    """One session of a template as `rehab templates show` lists it."""

    activity_name: str
    dose: Dose
    rrule: str


def catalog(dirs: TemplateDirs) -> TemplateCatalog:
    """Every template (reads and validates files: call it from a worker in the TUI)."""
    return discover_templates(dirs.builtin, list(dirs.shared), dirs.user,
                              read=read_template_bytes, folder_problem=folder_problem)


def load_file(dirs: TemplateDirs, path: Path | str) -> Template:
    # Regular files only, never blocking on a FIFO or a tty, size capped (tui.fileio).
    return parse_template(read_template_bytes(Path(path).expanduser()), str(path),
                          schema_path=dirs.schema)


def check_import(dirs: TemplateDirs, known: TemplateCatalog, path: Path | str,
                 shown: str | None = None) -> Template:
    """The template in ``path`` (``shown`` as the user wrote it), checked; refused when its id
    is a built-in template's."""
    template = load_file(dirs, path)
    entry = known.get(template.id)
    if entry is not None and entry.origin == "built-in":
        raise RehabError(f"{shown or path}: id {template.id!r} is a built-in template's; give yours another id")
    return template


def save_import(dirs: TemplateDirs, template: Template) -> Path:
    """Copy a checked template into the user's library (0700 folder, atomic 0600 file)."""
    private_dir(dirs.user)  # 0700, parents too, whatever the umask
    return write_json(dirs.user / f"{template.id}.json", template.to_dict())


def plan_as_template(dirs: TemplateDirs, plan: Plan) -> Template:
    """The active plan, with its edits, as a shareable template (no dates, logs or check-ins)."""
    return validate_template(plan.export_template(), "your plan", schema_path=dirs.schema)


def _sample(template: dict[str, Any]) -> Plan:
    return Plan.start_from_template(template, SAMPLE_MONDAY)


def phase_loads(template: dict[str, Any]) -> list[PhaseLoad]:
    plan = _sample(template)
    out = []
    for span in plan.spans():
        first = week_start(span.start)
        week = [s for s in plan.sessions_between(first, first + dt.timedelta(days=6)) if s.kind != "rest"]
        minutes = sum(s.dose.planned_minutes() * (s.dose.times_per_day or 1) for s in week)
        out.append(PhaseLoad(span.phase["name"], int(span.phase["weeks"]), span.phase.get("goal", ""),
                             len(week), minutes))
    return out


def first_week_load(template: dict[str, Any]) -> tuple[int, float]:
    """(sessions, planned minutes) of the template's first week, rest days included."""
    sessions = _sample(template).sessions_between(SAMPLE_MONDAY, SAMPLE_MONDAY + dt.timedelta(days=6))
    return len(sessions), sum(s.dose.planned_minutes() * (s.dose.times_per_day or 1) for s in sessions)


def session_lines(phase: dict[str, Any]) -> list[SessionLine]:
    return [SessionLine(get_activity(spec["activity"]).name, session_dose(spec), spec["rrule"])
            for spec in phase["sessions"]]
