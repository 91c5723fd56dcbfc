"""The whole data set as one versioned JSON document, and its validation.

Document (keys sorted, two-space indent, UTF-8, one trailing newline):

    {"format": "rehab-planner/backup", "version": 1,
     "plan": {...} | null,                 # the active plan with its edits
     "logs": [{"id": 1, "date": ...}, ...],  # logged sessions, by id
     "checkins": [{"id": 1, "date": ...}, ...],
     "flares": ["YYYY-MM-DD", ...],        # flare days, sorted
     "settings": [{"id": 1, "key": ..., "value": ...}]}  # when there are any

The storage builds the document (``Store.export_all``) and takes it back
(``Store.replace_all``); :func:`parse_backup` checks one against the record
schema the storage applies on load. Ids are kept, so export -> restore ->
export gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import RehabError
from ..records_schema import FIRST_YEAR, LAST_YEAR, id_problem, parse_day, record_fault

FORMAT = "rehab-planner/backup"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024
FORBIDDEN = {"meta", "undo"}  # storage internals, never in a backup

Document = dict[str, Any]


class BackupError(RehabError):
    """A backup file that cannot be restored; the message is one line."""


# --------------------------------------------------------------------- export
# The document is built by the storage (Store.export_all), which owns how
# records are kept; here it is only written out and checked.

def dump_backup(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------- restore
# Every record is checked against the one schema the storage also applies on
# load (tui.core.records_schema): a backup that restores is a data set that loads.

TOP_LEVEL = ("format", "version", "plan", "logs", "checkins", "flares", "settings")


def _fail(source: str, path: str, message: str) -> BackupError:
    return BackupError(f"{source}: {path}: {message}" if path else f"{source}: {message}")


def _id_list(source: str, name: str, items: Any) -> dict[str, dict[str, Any]]:
    """``[{"id": n, ...}]`` -> ``{"n": record}``, each record checked against the schema."""
    if not isinstance(items, list):
        raise _fail(source, f"$.{name}", "must be a list")
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(items):
        where = f"$.{name}[{i}]"
        if not isinstance(item, dict):
            raise _fail(source, where, "must be an object")
        key = item.get("id")
        if isinstance(key, bool) or not isinstance(key, int) or id_problem(key) is not None:
            raise _fail(source, f"{where}.id", "must be a whole number of 1 or more")
        if str(key) in out:
            raise _fail(source, f"{where}.id", f"{key} appears twice")
        record = {k: v for k, v in item.items() if k != "id"}
        fault = record_fault(name, record)
        if fault is not None:
            field, problem = fault
            raise _fail(source, f"{where}.{field}" if field else where, problem)
        out[str(key)] = record
    return out


def _check_plan(source: str, plan: Any) -> None:
    if plan is None:
        return
    if not isinstance(plan, dict) or not isinstance(plan.get("template"), dict):
        raise _fail(source, "$.plan", "must be an object with a template")
    fault = record_fault("plan", {"plan": plan})
    if fault is not None:
        raise _fail(source, "$.plan", fault[1])
    from ..schedule import Plan
    from ..templates import validate_template

    marker = "\x00template"
    try:
        validate_template(plan["template"], marker)
    except RehabError as err:
        message = str(err).splitlines()[0]
        if message.startswith(marker + ": $"):
            message = f"{source}: $.plan.template" + message[len(marker) + 3:]
        else:
            message = f"{source}: $.plan.template: " + message.removeprefix(marker + ": ")
        raise BackupError(message) from None
    try:
        built = Plan.from_dict(plan)
        built.spans()
        _ = built.end_date
    except RehabError as err:
        raise _fail(source, "$.plan", str(err).splitlines()[0]) from None
    except (KeyError, ValueError, TypeError, IndexError, OverflowError) as err:
        raise _fail(source, "$.plan", f"not a valid plan ({type(err).__name__}: {err})") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a backup")


def _load(text: str | bytes, source: str) -> dict[str, Any]:
    if len(text) > MAX_BYTES:
        raise _fail(source, "", f"too large for a backup ({len(text)} bytes; at most {MAX_BYTES})")
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as err:
        raise _fail(source, "", f"not valid JSON ({str(err).splitlines()[0]})") from None
    if not isinstance(doc, dict):
        raise _fail(source, "", "not a rehab-planner backup (expected a JSON object)")
    if doc.get("format") != FORMAT:
        hint = " (that is a plan template: use `rehab templates import`)" \
            if doc.get("format") == "rehab-planner/template" else ""
        raise _fail(source, "$.format", f"not a rehab-planner backup (format is not {FORMAT!r}){hint}")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail(source, "$.version", f"unknown backup version {version!r}")
    if version > VERSION:
        raise _fail(source, "$.version", f"written by a newer rehab-planner (backup version {version}; "
                                         f"this one reads up to {VERSION}); upgrade rehab-planner")
    for key in ("plan", "logs", "checkins", "flares"):
        if key not in doc:
            raise _fail(source, f"$.{key}", "is missing")
    for key in doc:
        if key not in TOP_LEVEL:
            raise _fail(source, f"$.{key}", "unknown field")
    return doc


def _flares(source: str, flares: Any) -> None:
    if not isinstance(flares, list):
        raise _fail(source, "$.flares", "must be a list of YYYY-MM-DD dates")
    for i, day in enumerate(flares):
        if parse_day(day) is None:
            raise _fail(source, f"$.flares[{i}]",
                        f"{day!r} is not a YYYY-MM-DD date from {FIRST_YEAR} to {LAST_YEAR}")
        if i and day <= flares[i - 1]:
            raise _fail(source, f"$.flares[{i}]", "flare days must be sorted and appear once")


def parse_backup(text: str | bytes, source: str = "backup") -> Document:
    """Check a backup document against the record schema; returns it (for Store.replace_all).

    Raises BackupError (one line naming the file and the JSON path) on any problem.
    """
    doc = _load(text, source)
    _check_plan(source, doc["plan"])
    _flares(source, doc["flares"])
    _id_list(source, "logs", doc["logs"])
    checkins = _id_list(source, "checkins", doc["checkins"])
    seen: set[str] = set()
    for n, c in enumerate(checkins.values()):
        if c["date"] in seen:
            raise _fail(source, f"$.checkins[{n}].date", f"a second check-in for {c['date']}")
        seen.add(c["date"])
    if "settings" in doc:
        keys = [s["key"] for s in _id_list(source, "settings", doc["settings"]).values()]
        if len(keys) != len(set(keys)):
            raise _fail(source, "$.settings", "a setting appears twice")
    return doc


def summary(doc: Document) -> str:
    """'a plan, 120 logged sessions, 30 check-ins, 2 flare days' (what a backup document holds)."""
    parts = ["a plan"] if doc.get("plan") else []
    for name, label in (("logs", "logged session"), ("checkins", "check-in"), ("flares", "flare day")):
        n = len(doc.get(name) or [])
        if n:
            parts.append(f"{n} {label}{'' if n == 1 else 's'}")
    n = len(doc.get("settings") or [])
    if n:
        parts.append(f"{n} settings record{'' if n == 1 else 's'}")
    return ", ".join(parts) if parts else "nothing"
