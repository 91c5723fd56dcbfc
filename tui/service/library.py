"""The template library both interfaces use: list, show, import, export and start.

Templates come from the built-in folder, the shared folders (REHAB_TEMPLATE_PATH)
and the user's library (tui/core/sources.py); the schema ships beside the
built-in plans and is handed to the core from here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.activities import get_activity
from ..core.dates import week_start
from ..core.dose import Dose
from ..core.errors import RehabError
from ..core.schedule import Plan, session_dose
from ..core.sources import TemplateCatalog, discover_templates
from ..core.templates import Template, parse_template, validate_template
from ..fileio import folder_problem, private_dir, read_template_bytes, write_json
from .template_dirs import TemplateDirs

SAMPLE_MONDAY = dt.date(2026, 1, 5)


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


class ImportClash(RehabError):
    """The imported template's id is already one of the user's own: replace it or rename."""

    def __init__(self, shown: str, template: Template, existing: str) -> None:
        super().__init__(f"{shown}: id {template.id!r} is already in your library ({existing}); "
                         "replace it (--replace) or import it under another id (--as NEW_ID)")
        self.template = template


ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def checked_id(new_id: str) -> str:
    """``new_id`` when it is a valid template id, else a one-line RehabError."""
    if not ID_PATTERN.match(new_id):
        raise RehabError(f"{new_id!r} is not a template id: use lowercase letters, digits and '-', "
                         "starting with a letter or digit, at most 64 characters")
    return new_id


def id_from_name(name: str) -> str:
    """A template id made from a plan's name: "My plan (v2)" -> "my-plan-v2"."""
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
                  .decode("ascii").lower()).strip("-")[:64].strip("-")
    return slug or "my-plan"


def renamed(dirs: TemplateDirs, template: Template, new_id: str) -> Template:
    """``template`` under another id (validated again)."""
    data = template.to_dict()
    data["id"] = checked_id(new_id)
    return validate_template(data, new_id, schema_path=dirs.schema)


def check_import(dirs: TemplateDirs, known: TemplateCatalog, path: Path | str,
                 shown: str | None = None, *, replace: bool = False, as_id: str | None = None) -> Template:
    """The template in ``path`` (``shown`` as the user wrote it), checked; refused when its id
    is a built-in template's. ``as_id`` imports it under another id; an id already in the
    user's library raises ImportClash unless ``replace``."""
    template = load_file(dirs, path)
    if as_id is not None:
        template = renamed(dirs, template, as_id)
    entry = known.get(template.id)
    if entry is not None and entry.origin == "built-in":
        raise RehabError(f"{shown or path}: id {template.id!r} is a built-in template's; "
                         "import it under another id (--as NEW_ID)")
    if entry is not None and entry.origin == "user" and not replace:
        raise ImportClash(str(shown or path), template, entry.template.name)
    return template


def save_import(dirs: TemplateDirs, template: Template) -> Path:
    """Copy a checked template into the user's library (0700 folder, atomic 0600 file)."""
    private_dir(dirs.user)  # 0700, parents too, whatever the umask
    return write_json(dirs.user / f"{template.id}.json", template.to_dict())


def plan_as_template(dirs: TemplateDirs, plan: Plan, new_id: str | None = None,
                     known: TemplateCatalog | None = None) -> Template:
    """The active plan, with its edits, as a shareable template of its own id (no dates, logs
    or check-ins): ``new_id``, or one made from the plan's name. Never a built-in's id, so
    importing the file back works."""
    data = plan.export_template()
    builtin = {tid for tid, entry in (known or {}).items() if entry.origin == "built-in"}
    if new_id is not None:
        data["id"] = checked_id(new_id)
        if new_id in builtin:
            raise RehabError(f"{new_id!r} is a built-in template's id; choose another")
    else:
        data["id"] = id_from_name(str(data.get("name", "")))
        if data["id"] in builtin or data["id"] == plan.template_id:
            data["id"] = f"{data['id'][:58]}-mine"
    return validate_template(data, "your plan", schema_path=dirs.schema)


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
