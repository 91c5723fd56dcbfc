"""Plan templates, format v1: load, cap, validate (JSON Schema + semantic checks).

A template is shared between people, so every import is treated as hostile:
the file size, nesting depth, string lengths and counts are capped before
anything else looks at it; then the JSON Schema in ``plans/`` checks the shape
and the semantic checks here check what a schema cannot (known activities,
dose ranges, RRULEs, unique ids). Every error is one line naming the file,
the JSON path and the problem, e.g.
``mine.json: $.phases[0].sessions[2].dose.minutes: 400 is over the maximum 180``.
"""

from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .activities import CATALOG
from .dose import Dose
from .errors import TemplateError
from .rules import DEFAULTS, dose_limit_problems

SCHEMA_NAME = "template.schema.json"

FORMAT = "rehab-planner/template"
VERSION = 1

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 8
MAX_STRING = 2000
MAX_NODES = 20_000
MAX_SESSIONS = 200

EXIT_DEFAULTS = {"max_activity_pain": int(DEFAULTS["max_activity_pain"]), "morning_pain_not_worse": True,
                 "min_adherence": float(DEFAULTS["min_adherence"])}  # from rules.py, the one place

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_RULE_PARTS = re.compile(r"^[A-Z]+=[A-Z0-9,+-]+$")
_ALLOWED_RULE_KEYS = {"FREQ", "INTERVAL", "BYDAY", "WKST"}


def short(value: Any, limit: int = 60) -> str:
    """A value for an error line: repr, one line, cut to ``limit`` characters."""
    text = repr(value)
    text = _CONTROL.sub("?", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _key_path(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = str(key)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{path}.{key}"
    return f"{path}[{short(key, 40)}]"


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    weeks: int
    goal: str
    exit: dict[str, Any]
    sessions: tuple[dict[str, Any], ...]


class Template:
    """A validated template. ``to_dict()`` gives a deep copy of the document."""

    def __init__(self, data: dict[str, Any], source: str = "") -> None:
        self._data = data
        self.source = source
        self.id: str = data["id"]
        self.name: str = data["name"]
        self.description: str = data.get("description", "")
        self.phases: tuple[Phase, ...] = tuple(
            Phase(
                id=p["id"],
                name=p["name"],
                weeks=int(p["weeks"]),
                goal=p.get("goal", ""),
                exit=exit_criteria(p),
                sessions=tuple(p["sessions"]),
            )
            for p in data["phases"]
        )

    @property
    def weeks(self) -> int:
        return sum(p.weeks for p in self.phases)

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self._data)

    def __repr__(self) -> str:
        return f"Template({self.id!r})"


def exit_criteria(phase: dict[str, Any]) -> dict[str, Any]:
    """A phase's exit criteria with the defaults filled in."""
    out = dict(EXIT_DEFAULTS)
    out["min_weeks"] = int(phase.get("weeks", 1))
    out.update(phase.get("exit") or {})
    return out


# --------------------------------------------------------------------- loading

def load_template_file(path: str | os.PathLike[str], *, schema_path: Path | None = None) -> Template:
    """Read, cap, parse and validate a template file. Raises TemplateError."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise TemplateError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise TemplateError(f"{name}: is a directory, not a template file") from None
    except OSError as err:
        raise TemplateError(f"{name}: cannot read it ({err.strerror or err})") from None
    return parse_template(raw, name, schema_path=schema_path)


def parse_template(raw: bytes | str, source: str, *, schema_path: Path | None = None) -> Template:
    if len(raw) > MAX_FILE_BYTES:
        raise TemplateError(f"{source}: the file is over {MAX_FILE_BYTES // 1024} KiB; a template is far smaller")
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise TemplateError(f"{source}: not UTF-8 text (byte {err.start})") from None
    if not raw.strip():
        raise TemplateError(f"{source}: the file is empty")
    # Refuse deep nesting before the parser recurses into it.
    depth = level = 0
    in_string = escaped = False
    for ch in raw:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            level += 1
            depth = max(depth, level)
            if depth > MAX_DEPTH:
                raise TemplateError(f"{source}: nested more than {MAX_DEPTH} levels deep")
        elif ch in "]}":
            level -= 1
    try:
        data = json.loads(raw, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise TemplateError(f"{source}: not valid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    except (ValueError, RecursionError) as err:
        raise TemplateError(f"{source}: not valid JSON: {short(str(err), 80)}") from None
    return validate_template(data, source, schema_path=schema_path)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a template")


# ------------------------------------------------------------------ validation

def validate_template(data: Any, source: str = "template", *, schema_path: Path | None = None) -> Template:
    """Check ``data`` (a parsed JSON document); return a Template or raise TemplateError.

    ``schema_path`` is the JSON Schema file (the caller knows where the templates
    live: tui/service passes the built-in folder's); None reads the schema that
    ships beside this package's plans.
    """
    _check_caps(data, source)
    _check_schema(data, source, schema_path or packaged_schema_path())
    _check_semantics(data, source)
    return Template(copy.deepcopy(data), source)


def _fail(source: str, path: str, message: str) -> TemplateError:
    return TemplateError(f"{source}: {path}: {message}")


def _check_caps(data: Any, source: str) -> None:
    """Depth, string length, node count and control characters, before the schema."""
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    nodes = 0
    while stack:
        value, path, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise TemplateError(f"{source}: too many values (over {MAX_NODES}); a template is far smaller")
        if depth > MAX_DEPTH:
            raise _fail(source, path, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                raise _fail(source, path, f"text of {len(value)} characters is over the limit {MAX_STRING}")
            if _CONTROL.search(value):
                raise _fail(source, path, "contains a control character (e.g. a terminal escape); plain text only")
        elif isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str) or len(key) > 64 or _CONTROL.search(key):
                    raise _fail(source, path, f"has an unacceptable key {short(key, 40)}")
                stack.append((item, _key_path(path, key), depth + 1))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                stack.append((item, _key_path(path, i), depth + 1))
        elif isinstance(value, float) and value != value:  # NaN
            raise _fail(source, path, "is not a number")


@lru_cache(maxsize=4)
def _validator(schema_path: Path) -> Any:
    # Imported here, not at module import: only validation pays for jsonschema.
    from jsonschema import Draft202012Validator

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def packaged_schema_path() -> Path:
    """The schema file shipped with the package (in tui/plans/ when installed, else plans/)."""
    package = Path(__file__).resolve().parents[1]
    inside = package / "plans" / SCHEMA_NAME
    return inside if inside.is_file() else package.parent / "plans" / SCHEMA_NAME


def _schema_message(error: Any) -> str:
    validator = error.validator
    value = error.instance
    if validator == "additionalProperties":
        allowed = set((error.schema.get("properties") or {}).keys())
        extra = sorted(k for k in value if k not in allowed) if isinstance(value, dict) else []
        names = ", ".join(short(k, 30) for k in extra[:3])
        return f"unknown field {names} (allowed: {', '.join(sorted(allowed))})"
    if validator == "required":
        missing = [k for k in error.validator_value if not (isinstance(value, dict) and k in value)]
        return f"missing required field {', '.join(repr(k) for k in missing)}"
    if validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{short(value)} is not {'an' if expected[0] in 'aeiou' else 'a'} {expected}"
    if validator == "const":
        return f"must be {short(error.validator_value)}, not {short(value)}"
    if validator == "minimum":
        return f"{short(value)} is under the minimum {error.validator_value}"
    if validator == "maximum":
        return f"{short(value)} is over the maximum {error.validator_value}"
    if validator == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if validator == "maxItems":
        return f"has more than {error.validator_value} items"
    if validator == "minLength":
        return "must not be empty" if error.validator_value == 1 else f"is shorter than {error.validator_value} characters"
    if validator == "maxLength":
        return f"is longer than {error.validator_value} characters"
    if validator == "pattern":
        if ":" in error.validator_value:
            return f"{short(value)} is not a time of day (HH:MM, 00:00 to 23:59)"
        if error.validator_value.startswith("^FREQ"):
            return f"{short(value)} is not a supported rule; start with FREQ=DAILY or FREQ=WEEKLY"
        return f"{short(value)} is not a valid id (lower-case letters, digits and '-', at most 64)"
    return short(error.message, 120)


def _check_schema(data: Any, source: str, schema_path: Path) -> None:
    from jsonschema.exceptions import best_match

    validator = _validator(schema_path)
    error = best_match(validator.iter_errors(data), key=_error_rank)
    if error is not None:
        raise _fail(source, error.json_path, _schema_message(error))


def _error_rank(error: Any) -> Any:
    # Prefer the deepest error (the most precise path), then jsonschema's own relevance.
    from jsonschema.exceptions import relevance

    return (-len(error.path), relevance(error))


def _check_semantics(data: dict[str, Any], source: str) -> None:
    phase_ids: set[str] = set()
    session_ids: set[str] = set()
    count = 0
    for i, phase in enumerate(data["phases"]):
        ppath = f"$.phases[{i}]"
        if phase["id"] in phase_ids:
            raise _fail(source, f"{ppath}.id", f"duplicate phase id {phase['id']!r}")
        phase_ids.add(phase["id"])
        exit_ = phase.get("exit") or {}
        if exit_.get("min_weeks", 0) > phase["weeks"]:
            raise _fail(source, f"{ppath}.exit.min_weeks",
                        f"{exit_['min_weeks']} is more than the phase's {phase['weeks']} weeks")
        for j, session in enumerate(phase["sessions"]):
            spath = f"{ppath}.sessions[{j}]"
            count += 1
            if count > MAX_SESSIONS:
                raise _fail(source, spath, f"more than {MAX_SESSIONS} sessions in one template")
            if session["id"] in session_ids:
                raise _fail(source, f"{spath}.id", f"duplicate session id {session['id']!r}")
            session_ids.add(session["id"])
            if session["activity"] not in CATALOG:
                raise _fail(source, f"{spath}.activity",
                            f"unknown activity {session['activity']!r} (see `rehab activities`)")
            problem = rrule_problem(session["rrule"])
            if problem:
                raise _fail(source, f"{spath}.rrule", problem)
            dose = Dose.from_dict(session.get("dose"))
            activity = CATALOG[session["activity"]]
            merged = activity.dose.overridden_by(session.get("dose"))
            # Ranges of what the session sets; times against the sittings of the dose it gets.
            for field, message in dose.range_problems() + merged.times_problems():
                raise _fail(source, f"{spath}.dose.{field}", message)
            for field, message in dose_limit_problems(activity.kind, merged.minutes):
                raise _fail(source, f"{spath}.dose.{field}", message)


def rrule_problem(rule: str) -> str | None:
    """Why an RRULE is not acceptable in a template, or None.

    Allowed: FREQ=DAILY|WEEKLY with INTERVAL, BYDAY and WKST. The phase sets the
    start and the end, so DTSTART, UNTIL and COUNT are refused.
    """
    parts = rule.split(";")
    keys: set[str] = set()
    for part in parts:
        if not _RULE_PARTS.match(part):
            return f"{short(rule)} is not an RRULE (KEY=VALUE pairs joined by ';')"
        key, value = part.split("=", 1)
        if key in keys:
            return f"{key} appears twice"
        keys.add(key)
        if key in {"UNTIL", "COUNT", "DTSTART"}:
            return f"{key} is not allowed: the phase sets when sessions start and end"
        if key not in _ALLOWED_RULE_KEYS:
            return f"{key} is not supported (use FREQ, INTERVAL, BYDAY)"
        if key == "FREQ" and value not in {"DAILY", "WEEKLY"}:
            return f"FREQ={value} is not supported (use DAILY or WEEKLY)"
        if key == "INTERVAL" and not (value.isdigit() and 1 <= int(value) <= 4):
            return f"INTERVAL={value} must be 1 to 4"
        if key == "BYDAY":
            days = value.split(",")
            bad = [d for d in days if d not in {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}]
            if bad or len(set(days)) != len(days):
                return f"BYDAY={value} must list distinct days from MO TU WE TH FR SA SU"
    if "FREQ" not in keys:
        return "FREQ is missing"
    try:
        import datetime as dt

        from dateutil.rrule import rrulestr

        rrulestr(rule, dtstart=dt.datetime(2026, 1, 5))
    except (ValueError, TypeError) as err:
        return f"{short(rule)} is not a valid rule ({short(str(err), 60)})"
    return None
