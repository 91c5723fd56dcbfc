"""The whole data set as one versioned JSON document, and its validation.

Document (keys sorted, two-space indent, UTF-8, one trailing newline):

    {"format": "rehab-planner/backup", "version": 1,
     "plan": {...} | null,                 # the active plan with its edits
     "logs": [{"id": 1, "date": ...}, ...],  # logged sessions, by id
     "checkins": [{"id": 1, "date": ...}, ...],
     "flares": ["YYYY-MM-DD", ...],        # flare days, sorted
     "<other table>": [{"id": n, ...}, ...]}  # e.g. footwear, settings, when present

Tables are passed in and out as the storage holds them: ``{name: {"<id>": doc}}``.
Ids are kept, so export -> restore -> export gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from ..errors import RehabError
from ..records_schema import FIRST_YEAR, LAST_YEAR, id_problem, parse_day, record_fault

FORMAT = "rehab-planner/backup"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024
FORBIDDEN = {"meta", "undo"}  # storage internals, never in a backup

Tables = dict[str, dict[str, dict]]


class BackupError(RehabError):
    """A backup file that cannot be restored; the message is one line."""


# --------------------------------------------------------------------- export

def _by_id(table: dict[str, dict]) -> list[dict]:
    return [{**doc, "id": int(key)} for key, doc in sorted(table.items(), key=lambda kv: int(kv[0]))]


def backup_document(tables: Tables) -> dict[str, Any]:
    """The backup document for the storage's tables (meta and undo are left out)."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    plan_docs = _by_id(tables.get("plan", {}))
    doc["plan"] = copy.deepcopy(plan_docs[0]["plan"]) if plan_docs else None
    doc["flares"] = sorted({d["date"] for d in tables.get("flares", {}).values() if "date" in d})
    doc["logs"] = copy.deepcopy(_by_id(tables.get("logs", {})))
    doc["checkins"] = copy.deepcopy(_by_id(tables.get("checkins", {})))
    for name, table in tables.items():
        if name in doc or name in FORBIDDEN or name in ("plan", "flares"):
            continue
        doc[name] = copy.deepcopy(_by_id(table))
    return doc


def dump_backup(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------- restore
# Every record is checked against the one schema the storage also applies on
# load (tui.core.records_schema): a backup that restores is a data set that loads.

TOP_LEVEL = ("format", "version", "plan", "logs", "checkins", "flares", "settings")


def _fail(source: str, path: str, message: str) -> BackupError:
    return BackupError(f"{source}: {path}: {message}" if path else f"{source}: {message}")


def _id_list(source: str, name: str, items: Any) -> dict[str, dict]:
    """``[{"id": n, ...}]`` -> ``{"n": record}``, each record checked against the schema."""
    if not isinstance(items, list):
        raise _fail(source, f"$.{name}", "must be a list")
    out: dict[str, dict] = {}
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
        built.end_date
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


def _flares(source: str, flares: Any) -> dict[str, dict]:
    if not isinstance(flares, list):
        raise _fail(source, "$.flares", "must be a list of YYYY-MM-DD dates")
    for i, day in enumerate(flares):
        if parse_day(day) is None:
            raise _fail(source, f"$.flares[{i}]",
                        f"{day!r} is not a YYYY-MM-DD date from {FIRST_YEAR} to {LAST_YEAR}")
        if i and day <= flares[i - 1]:
            raise _fail(source, f"$.flares[{i}]", "flare days must be sorted and appear once")
    return {str(n): {"date": day} for n, day in enumerate(flares, 1)}


def parse_backup(text: str | bytes, source: str = "backup") -> Tables:
    """Validate a backup document and return the data set it holds.

    Raises BackupError (one line naming the file and the JSON path) on any problem.
    """
    doc = _load(text, source)
    _check_plan(source, doc["plan"])
    tables: Tables = {"plan": {"1": {"plan": doc["plan"]}} if doc["plan"] is not None else {}}
    tables["flares"] = _flares(source, doc["flares"])
    tables["logs"] = _id_list(source, "logs", doc["logs"])
    tables["checkins"] = _id_list(source, "checkins", doc["checkins"])
    seen: set[str] = set()
    for n, c in enumerate(tables["checkins"].values()):
        if c["date"] in seen:
            raise _fail(source, f"$.checkins[{n}].date", f"a second check-in for {c['date']}")
        seen.add(c["date"])
    if "settings" in doc:
        tables["settings"] = _id_list(source, "settings", doc["settings"])
        keys = [s["key"] for s in tables["settings"].values()]
        if len(keys) != len(set(keys)):
            raise _fail(source, "$.settings", "a setting appears twice")
    return tables


def summary(tables: Tables) -> str:
    """'a plan, 120 logged sessions, 30 check-ins, 2 flare days' (what a data set holds)."""
    parts = ["a plan"] if tables.get("plan") else []
    for name, label in (("logs", "logged session"), ("checkins", "check-in"), ("flares", "flare day")):
        n = len(tables.get(name, {}))
        if n:
            parts.append(f"{n} {label}{'' if n == 1 else 's'}")
    for name, table in sorted(tables.items()):
        if name not in ("plan", "logs", "checkins", "flares") and table:
            parts.append(f"{len(table)} {name} record{'' if len(table) == 1 else 's'}")
    return ", ".join(parts) if parts else "nothing"
