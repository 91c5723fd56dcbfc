"""Store: the repository the CLI and the TUI use (plan, logs, check-ins, flares, undo).

Together with jsonstore.py this is the only code that imports tinydb.

Concurrency rule (DESIGN.md "Storage"): TinyDB Table objects cache query
results and the next document id, which go stale when another process writes
the file. So every operation builds fresh ``Table`` objects, and every write is
a locked read-modify-write inside :meth:`Store.transaction`: take the flock,
reload the file if its stamp moved, change, write, release.

Records go in and out as core records (Plan, LogEntry, CheckIn, dates); ISO
strings exist only inside this module. A record the core cannot read raises
StorageError naming the file and the record (one policy for every reader).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from tinydb.table import Document, Table

from tui.core.errors import RehabError, StorageError
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.storage.jsonstore import SafeJSONStorage

FILE_NAME = "rehab.json"
# Logs and check-ins older than the newest HOT_KEEP records move to the archive
# file once the main file holds more than HOT_LIMIT of them: every write then
# rewrites about a year of history, not all of it (5 years: 1.1x, not 1.5x).
ARCHIVE_NAME = "rehab-archive.json"
HOT_LIMIT = 6000
HOT_KEEP = 4000
FORMAT = "rehab-planner/data"
VERSION = 1
UNDO_LIMIT = 50

T_META, T_PLAN, T_LOGS, T_CHECKINS, T_FLARES, T_UNDO = (
    "meta", "plan", "logs", "checkins", "flares", "undo")
T_SETTINGS = "settings"  # small UI state (get_setting/set_setting), not undoable

# MIGRATIONS[n] turns the raw file data (dict of tables) of version n into
# version n + 1. Store.open applies them in order under the lock and writes once.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def _meta_problem(data: dict) -> str | None:
    """Validator run on every fresh load of the file."""
    meta = data.get(T_META)
    if not meta:
        return f"not a rehab-planner data file (no {T_META!r} table with the format version)"
    doc = next(iter(meta.values()))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return f"not a rehab-planner data file (format is not {FORMAT!r})"
    version = doc.get("version")
    if not isinstance(version, int) or version < 1:
        return f"unknown data format version {version!r}"
    if version > VERSION:
        return (f"written by a newer rehab-planner (data version {version}; "
                f"this one reads up to {VERSION}); upgrade rehab-planner")
    if version < VERSION and any(v not in MIGRATIONS for v in range(version, VERSION)):
        return f"data version {version} cannot be migrated to {VERSION}"
    # A hand-edited or damaged record would crash every reader: refuse the file.
    bad = next((f"{name}/{key}" for name, table in data.items()
                for key, doc in table.items() if not isinstance(doc, dict)), None)
    if bad is not None:
        return f"damaged record {bad!r} (not an object)"
    return None


# Public name for `rehab doctor` (tui/cli/doctor_cmds.py), which checks the
# data file and its backups with the same rule without opening a Store.
meta_problem = _meta_problem


@dataclass(frozen=True)
class PlanEdit:
    plan: Plan
    revision: int
    conflict: bool  # the plan had changed in another session since the caller last saw it


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _in_range(day: str, start: str | None, end: str | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


# --------------------------------------------------------------- record codec
# Documents <-> core records. A document the core cannot read is "damaged":
# every reader raises one StorageError line naming the file and the record.

class _Damaged(Exception):
    """Why a document is not a valid record (the text after "is damaged: ")."""


def _shown(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def _date_field(doc: dict[str, Any], name: str = "date") -> dt.date:
    value = doc.get(name)
    try:
        if isinstance(value, str):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise _Damaged(f"{name} {_shown(value)} is not a YYYY-MM-DD date")


def _day_key(doc: dict[str, Any]) -> str:
    """The record's ISO date, checked cheaply (shape only) so a range filter never skips
    a damaged date; the full check comes with the conversion."""
    value = doc.get("date")
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise _Damaged(f"date {_shown(value)} is not a YYYY-MM-DD date")
    return value


def _pain_field(doc: dict[str, Any], name: str, required: bool = False) -> int | None:
    value = doc.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise _Damaged(f"{name.replace('_', ' ')} {_shown(value)} is not a whole number from 0 to 10")
    return value


def _text_field(doc: dict[str, Any], name: str, optional: bool = True) -> str | None:
    value = doc.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Damaged(f"{name.replace('_', ' ')} {_shown(value)} is not text")
    return value


def _flag_field(doc: dict[str, Any], name: str) -> bool:
    value = doc.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Damaged(f"{name.replace('_', ' ')} {_shown(value)} is not true or false")
    return value


def _minutes_field(doc: dict[str, Any]) -> float | None:
    value = doc.get("minutes")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Damaged(f"minutes {_shown(value)} is not a number")
    return value


def _stamp_field(doc: dict[str, Any]) -> dict[str, Any]:
    stamp = _text_field(doc, "logged_at")
    return {} if stamp is None else {"logged_at": stamp}


def log_from_doc(doc: dict[str, Any], log_id: int) -> LogEntry:
    """A stored log document as a LogEntry (raises _Damaged)."""
    try:
        return LogEntry(
            date=_date_field(doc), activity=str(_text_field(doc, "activity", optional=False)),
            status=str(_text_field(doc, "status") or "done"), session_id=_text_field(doc, "session_id"),
            minutes=_minutes_field(doc), pain=_pain_field(doc, "pain"), foot=_text_field(doc, "foot"),
            note=_text_field(doc, "note") or "", id=log_id, **_stamp_field(doc))
    except RehabError as err:
        raise _Damaged(str(err).splitlines()[0]) from None


def checkin_from_doc(doc: dict[str, Any]) -> CheckIn:
    """A stored check-in document as a CheckIn (raises _Damaged)."""
    try:
        return CheckIn(
            date=_date_field(doc), morning_pain=int(_pain_field(doc, "morning_pain", required=True) or 0),
            walking_pain=_pain_field(doc, "walking_pain"), numbness=_flag_field(doc, "numbness"),
            swelling=_flag_field(doc, "swelling"), night_pain=_flag_field(doc, "night_pain"),
            callus=_flag_field(doc, "callus"), footwear=_text_field(doc, "footwear"),
            note=_text_field(doc, "note") or "", **_stamp_field(doc))
    except RehabError as err:
        raise _Damaged(str(err).splitlines()[0]) from None


def plan_from_doc(data: Any) -> Plan:
    """The stored plan document as a Plan, its timeline checked (raises _Damaged)."""
    if not isinstance(data, dict) or not isinstance(data.get("template"), dict):
        raise _Damaged("not an object with a template")
    try:
        plan = Plan.from_dict(data)
        plan.spans()
        return plan
    except RehabError as err:
        raise _Damaged(str(err).splitlines()[0]) from None
    except (KeyError, ValueError, TypeError, IndexError, AttributeError) as err:
        raise _Damaged(f"not a valid plan ({type(err).__name__}: {err})") from None


def _damaged(path: Path, table: str, key: str | int, why: _Damaged) -> StorageError:
    return StorageError(f"{path}: {table} record {key} is damaged: {why}")


class Store:
    def __init__(self, storage: SafeJSONStorage) -> None:
        self.storage = storage
        self.path = storage.path
        self.archive_path = storage.path.with_name(ARCHIVE_NAME)
        self._archive: SafeJSONStorage | None = None

    # ------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, data_dir: Path, *, fsync: bool = True) -> "Store":
        data_dir = Path(data_dir)
        storage = SafeJSONStorage(data_dir / FILE_NAME, validator=_meta_problem, fsync=fsync)
        store = cls(storage)
        with storage.locked():
            storage.remove_stale_temps()
            data = storage.read()
            if data is None:
                storage.write({T_META: {"1": {"format": FORMAT, "version": VERSION}}})
            else:
                store._migrate(data)
        return store

    def _migrate(self, data: dict) -> None:
        version = next(iter(data[T_META].values()))["version"]
        if version == VERSION:
            return
        data = copy.deepcopy(data)
        while version < VERSION:
            data = MIGRATIONS[version](data)
            version += 1
        meta = next(iter(data[T_META].values()))
        data[T_META] = {"1": {**meta, "format": FORMAT, "version": VERSION}}
        self.storage.write(data)

    def close(self) -> None:
        self.storage.close()
        if self._archive is not None:
            self._archive.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------- primitives

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the file lock for a read-modify-write; reads inside see the latest file."""
        with self.storage.locked():
            yield

    def _table(self, name: str) -> Table:
        # Fresh per operation: no stale query cache, next id computed from the file.
        return Table(self.storage, name, cache_size=0)

    def _push_undo(self, label: str, kind: str, payload: dict) -> None:
        undo = self._table(T_UNDO)
        undo.insert({"label": label, "kind": kind, "payload": payload})
        ids = sorted(doc.doc_id for doc in undo.all())
        if len(ids) > UNDO_LIMIT:
            undo.remove(doc_ids=ids[: len(ids) - UNDO_LIMIT])

    def stamp(self) -> Any:
        """A value that changes whenever the data changes (for polling)."""
        return self.storage.stamp()

    def backups(self) -> list[Path]:
        return self.storage.backups()

    # ------------------------------------------------------------------ plan

    def get_plan(self) -> Plan | None:
        docs = self._table(T_PLAN).all()
        if not docs:
            return None
        try:
            return plan_from_doc(docs[0].get("plan"))
        except _Damaged as why:
            raise _damaged(self.path, T_PLAN, docs[0].doc_id, why) from None

    def plan_revision(self) -> int:
        """Goes up by one with every change to the plan (from any session)."""
        docs = self._table(T_PLAN).all()
        return int(docs[0].get("revision", 0)) if docs else 0

    def set_plan(self, plan: Plan | None, label: str = "change plan") -> None:
        with self.transaction():
            table = self._table(T_PLAN)
            docs = table.all()
            previous = docs[0]["plan"] if docs else None
            revision = int(docs[0].get("revision", 0)) if docs else 0
            self._write_plan(table, None if plan is None else plan.to_dict(), revision + 1)
            self._push_undo(label, "plan", {"previous": previous})

    def edit_plan(self, edit: Callable[[Plan], Plan], label: str,
                  seen_revision: int | None = None) -> PlanEdit:
        """Apply ``edit`` to the latest plan under the lock, so edits from two
        sessions never overwrite each other wholesale.

        ``seen_revision`` is the revision the caller's screen showed; when the
        plan has changed since (another session edited it), the edit is applied
        on top of that change (on the same session, the later edit wins) and
        ``conflict`` is True so the caller can tell the user.
        """
        with self.transaction():
            table = self._table(T_PLAN)
            docs = table.all()
            if not docs:
                raise StorageError("no active plan to edit")
            current = docs[0]["plan"]
            revision = int(docs[0].get("revision", 0))
            try:
                plan = plan_from_doc(current)
            except _Damaged as why:
                raise _damaged(self.path, T_PLAN, docs[0].doc_id, why) from None
            new = edit(plan)
            self._write_plan(table, new.to_dict(), revision + 1)
            self._push_undo(label, "plan", {"previous": current})
        conflict = seen_revision is not None and seen_revision != revision
        return PlanEdit(new, revision + 1, conflict)

    def _write_plan(self, table: Table, plan: dict | None, revision: int = 0) -> None:
        table.truncate()
        if plan is not None:
            table.insert(Document({"plan": copy.deepcopy(plan), "revision": revision}, doc_id=1))

    # ------------------------------------------------------------------ logs

    def add_log(self, entry: LogEntry, label: str | None = None) -> int:
        doc = entry.to_dict()
        with self.transaction():
            doc_id = self._next_id(T_LOGS)
            self._table(T_LOGS).insert(Document(doc, doc_id=doc_id))
            self._push_undo(label or f"log {entry.activity} on {doc['date']}",
                            "log-add", {"id": doc_id})
            self._maybe_archive()
        return doc_id

    def _raw(self, name: str) -> dict[str, dict]:
        # Straight from the storage's in-memory copy: filtering before building
        # Documents keeps a week query cheap on a file of 20,000 logs.
        return (self.storage.read() or {}).get(name, {})

    def logs(self, start: dt.date | None = None, end: dt.date | None = None) -> list[LogEntry]:
        """Logged sessions from start to end (inclusive), by date then id; each carries its id."""
        lo, hi = _iso(start), _iso(end)
        out: list[LogEntry] = []
        for key, doc, path in self._sourced(T_LOGS, lo):
            try:
                if not _in_range(_day_key(doc), lo, hi):
                    continue
                out.append(log_from_doc(doc, int(key)))
            except _Damaged as why:
                raise _damaged(path, T_LOGS, key, why) from None
        out.sort(key=lambda e: (e.date, e.id or 0))
        return out

    def get_log(self, log_id: int) -> LogEntry | None:
        for key, doc, path in self._sourced(T_LOGS, None):
            if key == str(log_id):
                try:
                    return log_from_doc(doc, log_id)
                except _Damaged as why:
                    raise _damaged(path, T_LOGS, key, why) from None
        return None

    def update_log(self, log_id: int, entry: LogEntry, label: str | None = None) -> None:
        """Replace log ``log_id`` with ``entry`` (undoable); StorageError if there is none."""
        doc = entry.to_dict()
        with self.transaction():
            table = self._table(T_LOGS)
            old = table.get(doc_id=log_id)
            if old is not None:
                previous = dict(old)
                table.remove(doc_ids=[log_id])
                table.insert(Document(doc, doc_id=log_id))
            else:
                archived = self._archive_put(T_LOGS, log_id, doc)
                if archived is None:
                    raise StorageError(f"no logged session with id {log_id}")
                previous = archived
            self._push_undo(label or f"change log on {doc['date']}", "log-update",
                            {"id": log_id, "doc": previous})

    def delete_log(self, log_id: int, label: str | None = None) -> bool:
        with self.transaction():
            table = self._table(T_LOGS)
            doc = table.get(doc_id=log_id)
            if doc is None:
                doc = self._archive_pop(T_LOGS, log_id)
                if doc is None:
                    return False
            else:
                table.remove(doc_ids=[log_id])
            self._push_undo(label or f"delete log on {doc.get('date')}", "log-delete",
                            {"id": log_id, "doc": dict(doc)})
        return True

    # -------------------------------------------------------------- check-ins

    def add_checkin(self, entry: CheckIn, label: str | None = None) -> None:
        doc = entry.to_dict()
        day = doc["date"]
        with self.transaction():
            old = self._pop_checkins(day)
            table = self._table(T_CHECKINS)
            table.insert(Document(doc, doc_id=self._next_id(T_CHECKINS)))
            self._push_undo(label or f"check-in on {day}", "checkin",
                            {"date": day, "previous": old[-1] if old else None})
            worn = entry.footwear
            if isinstance(worn, str) and worn.strip() and worn not in self.footwear():
                self.set_footwear([*self.footwear(), worn])
            self._maybe_archive()

    def delete_checkin(self, day: dt.date, label: str | None = None) -> bool:
        """Remove the check-in of ``day`` (undoable); False when there is none."""
        iso = day.isoformat()
        with self.transaction():
            old = self._pop_checkins(iso)
            if not old:
                return False
            self._push_undo(label or f"delete check-in on {iso}", "checkin",
                            {"date": iso, "previous": old[-1]})
        return True

    def _pop_checkins(self, day: str) -> list[dict]:
        """Remove (inside a transaction) and return the stored check-ins of ``day``."""
        table = self._table(T_CHECKINS)
        old = [d for d in table.all() if d.get("date") == day]
        if old:
            table.remove(doc_ids=[d.doc_id for d in old])
            return [dict(d) for d in old]
        if day <= self._archived_through():
            return self._archive_pop_date(T_CHECKINS, day)
        return []

    def checkins(self, start: dt.date | None = None, end: dt.date | None = None) -> list[CheckIn]:
        lo, hi = _iso(start), _iso(end)
        out: list[CheckIn] = []
        for key, doc, path in self._sourced(T_CHECKINS, lo):
            try:
                if not _in_range(_day_key(doc), lo, hi):
                    continue
                out.append(checkin_from_doc(doc))
            except _Damaged as why:
                raise _damaged(path, T_CHECKINS, key, why) from None
        out.sort(key=lambda c: c.date)
        return out

    # ----------------------------------------------------------------- flares

    def set_flare(self, day: dt.date, on: bool, label: str | None = None) -> None:
        iso = day.isoformat()
        with self.transaction():
            table = self._table(T_FLARES)
            present = [d.doc_id for d in table.all() if d.get("date") == iso]
            if bool(present) == bool(on):
                return
            if on:
                table.insert({"date": iso})
            else:
                table.remove(doc_ids=present)
            self._push_undo(label or f"flare {'on' if on else 'off'} {iso}", "flare",
                            {"date": iso, "was": bool(present)})

    def flares(self) -> set[dt.date]:
        out: set[dt.date] = set()
        for key, doc in self._raw(T_FLARES).items():
            try:
                out.add(_date_field(doc))
            except _Damaged as why:
                raise _damaged(self.path, T_FLARES, key, why) from None
        return out

    # --------------------------------------------------------------- settings
    # Small UI state kept per user (e.g. the week whose review the TUI last
    # offered): {"key": str, "value": JSON value} in the "settings" table.
    # Not undoable: a setting is not a change to the plan or the record.

    def get_setting(self, key: str, default: Any = None) -> Any:
        for doc in self._raw(T_SETTINGS).values():
            if doc.get("key") == key:
                return copy.deepcopy(doc.get("value"))
        return default

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            table = self._table(T_SETTINGS)
            present = [d for d in table.all() if d.get("key") == key]
            if present and present[0].get("value") == value and len(present) == 1:
                return
            if present:
                table.remove(doc_ids=[d.doc_id for d in present])
            table.insert({"key": key, "value": copy.deepcopy(value)})

    # --------------------------------------------------------------- footwear
    # The user's own list of shoes and insoles (a setting), offered by the
    # check-in; a check-in naming a new pair adds it.

    def footwear(self) -> list[str]:
        return list(self.get_setting("footwear", []) or [])

    def set_footwear(self, names: list[str]) -> None:
        seen: list[str] = []
        for name in names:
            name = " ".join(str(name).split())[:60]
            if name and name not in seen:
                seen.append(name)
        self.set_setting("footwear", seen)

    # ------------------------------------------------------------------- undo

    def undo_label(self) -> str | None:
        docs = self._table(T_UNDO).all()
        return max(docs, key=lambda d: d.doc_id)["label"] if docs else None

    def undo(self) -> str | None:
        """Revert the newest undoable change; returns its label, or None if nothing to undo."""
        with self.transaction():
            undo = self._table(T_UNDO)
            docs = undo.all()
            if not docs:
                return None
            top = max(docs, key=lambda d: d.doc_id)
            kind, payload = top["kind"], top["payload"]
            if kind in ("log-add", "log-delete", "log-update"):
                self._undo_log(kind, payload)
            elif kind == "checkin":
                table = self._table(T_CHECKINS)
                day = payload["date"]
                ids = [d.doc_id for d in table.all() if d.get("date") == day]
                if ids:
                    table.remove(doc_ids=ids)
                if payload["previous"] is not None:
                    table.insert(Document(payload["previous"], doc_id=self._next_id(T_CHECKINS)))
            elif kind == "plan":
                table = self._table(T_PLAN)
                docs = table.all()
                revision = int(docs[0].get("revision", 0)) if docs else 0
                self._write_plan(table, payload["previous"], revision + 1)
            elif kind == "flare":
                table = self._table(T_FLARES)
                ids = [d.doc_id for d in table.all() if d.get("date") == payload["date"]]
                if ids:
                    table.remove(doc_ids=ids)
                if payload["was"]:
                    table.insert({"date": payload["date"]})
            elif kind == "restore":
                self._undo_restore(payload)
            else:
                raise StorageError(f"{self.path}: unknown undo entry kind {kind!r}")
            undo.remove(doc_ids=[top.doc_id])
            return top["label"]

    def _undo_log(self, kind: str, payload: dict) -> None:
        logs = self._table(T_LOGS)
        log_id = payload["id"]
        if kind == "log-add":
            if logs.contains(doc_id=log_id):
                logs.remove(doc_ids=[log_id])
            else:
                self._archive_pop(T_LOGS, log_id)
        elif kind == "log-delete":
            if logs.contains(doc_id=log_id):
                logs.insert(payload["doc"])
            else:
                logs.insert(Document(payload["doc"], doc_id=log_id))
        elif logs.contains(doc_id=log_id):  # log-update
            logs.remove(doc_ids=[log_id])
            logs.insert(Document(payload["doc"], doc_id=log_id))
        else:
            self._archive_put(T_LOGS, log_id, payload["doc"])

    # ------------------------------------- whole data set (export / restore)
    # Issue 6: `rehab export --format json` reads every table at once;
    # `rehab restore` swaps them all in one locked atomic write, undoable.

    def export_all(self) -> dict[str, dict[str, dict]]:
        """Every table but meta and undo, as ``{name: {"<id>": doc}}`` (deep copies)."""
        data = self.storage.read() or {}
        out = {name: copy.deepcopy(table) for name, table in data.items()
               if name not in (T_META, T_UNDO)}
        for name, table in self._archived_tables().items():
            out[name] = {**copy.deepcopy(table), **out.get(name, {})}
        return out

    def has_data(self) -> bool:
        data = self.storage.read() or {}
        return bool(self._archived_tables()) or any(
            table for name, table in data.items() if name not in (T_META, T_UNDO))

    def replace_all(self, tables: dict[str, dict[str, dict]], label: str = "restore a backup",
                    *, replace: bool = False) -> None:
        """Make ``tables`` the whole data set in one locked, atomic write.

        Refuses (StorageError) if the store already holds data and ``replace``
        is false. The undo history is reset to one entry that brings the
        previous data back.
        """
        with self.transaction():
            data = self.storage.read() or {}
            previous = {name: table for name, table in self.export_all().items() if table}
            if previous and not replace:
                raise StorageError(f"{self.path} already holds data; refusing to mix two data sets")
            new = {T_META: {"1": {"format": FORMAT, "version": VERSION}}}
            new.update({name: copy.deepcopy(table) for name, table in tables.items()
                        if name not in (T_META, T_UNDO)})
            self._bump_plan_revision(data, new)
            # Old undo entries point at ids of the old data: drop them.
            new[T_UNDO] = {"1": {"label": label, "kind": "restore",
                                 "payload": {"tables": copy.deepcopy(previous)}}}
            self.storage.write(new)
            self._clear_archive()
            self._maybe_archive()

    def _undo_restore(self, payload: dict) -> None:
        data = self.storage.read() or {}
        kept = {name: table for name, table in data.items() if name == T_UNDO}
        kept[T_META] = {"1": {"format": FORMAT, "version": VERSION}}
        kept.update(copy.deepcopy(payload["tables"]))
        self._bump_plan_revision(data, kept)
        self.storage.write(kept)
        self._clear_archive()

    @staticmethod
    def _bump_plan_revision(old: dict, new: dict) -> None:
        # The plan revision only ever goes up, so open sessions see the swap.
        before = max((int(d.get("revision", 0)) for d in old.get(T_PLAN, {}).values()), default=0)
        for doc in new.get(T_PLAN, {}).values():
            doc["revision"] = before + 1

    # ------------------------------------------------------------- archive
    # Old logs and check-ins live in rehab-archive.json (same format, same
    # lock: the main file's). The main file's meta records up to which date
    # records were moved ("archived_through") and the highest id moved
    # ("id_floor"), so ids stay unique. Reads that reach back that far merge
    # both files; a record in the main file wins over one with the same id.

    def _meta(self) -> dict:
        meta = (self.storage.read() or {}).get(T_META) or {}
        return next(iter(meta.values()), {}) if meta else {}

    def _set_meta(self, **changes: Any) -> None:
        table = self._table(T_META)
        doc = dict(self._meta())
        doc.update(changes)
        table.truncate()
        table.insert(Document(doc, doc_id=1))

    def _archived_through(self) -> str:
        return self._meta().get("archived_through", "")

    def _next_id(self, name: str) -> int:
        floor = int((self._meta().get("id_floor") or {}).get(name, 0))
        return max(max(map(int, self._raw(name)), default=0), floor) + 1

    def archive_storage(self) -> SafeJSONStorage:
        if self._archive is None:
            self._archive = SafeJSONStorage(self.archive_path, validator=_meta_problem,
                                            fsync=self.storage.fsync)
        return self._archive

    def _archived_tables(self) -> dict[str, dict[str, dict]]:
        if not self._archived_through():
            return {}
        data = self.archive_storage().read() or {}
        return {name: data.get(name, {}) for name in (T_LOGS, T_CHECKINS) if data.get(name)}

    def _records(self, name: str, lo: str | None) -> dict[str, dict]:
        hot = self._raw(name)
        through = self._archived_through()
        if not through or (lo is not None and lo > through):
            return hot
        old = self._archived_tables().get(name, {})
        return {**old, **hot} if old else hot

    def _sourced(self, name: str, lo: str | None) -> list[tuple[str, dict, Path]]:
        """(id, document, the file holding it) for the records a read from ``lo`` needs."""
        hot = self._raw(name)
        merged = self._records(name, lo)
        return [(key, doc, self.path if key in hot else self.archive_path)
                for key, doc in merged.items()]

    def _archive_put(self, name: str, doc_id: int, doc: dict) -> dict | None:
        """Replace an archived record; returns the old one, or None when it is not there."""
        table = dict(self._archived_tables().get(name, {}))
        old = table.get(str(doc_id))
        if old is None:
            return None
        table[str(doc_id)] = copy.deepcopy(doc)
        self._write_archive({name: table})
        return dict(old)

    def _write_archive(self, tables: dict[str, dict[str, dict]]) -> None:
        archive = self.archive_storage()
        with archive.locked():  # the main lock is held too: one writer at a time
            data = dict(archive.read() or {})
            data[T_META] = {"1": {"format": FORMAT, "version": VERSION, "archive": True}}
            data.update(tables)
            archive.write(data)

    def _archive_pop(self, name: str, doc_id: int) -> dict | None:
        tables = self._archived_tables()
        table = dict(tables.get(name, {}))
        doc = table.pop(str(doc_id), None)
        if doc is not None:
            self._write_archive({name: table})
        return doc

    def _archive_pop_date(self, name: str, day: str) -> list[dict]:
        table = dict(self._archived_tables().get(name, {}))
        gone = [key for key, doc in table.items() if doc.get("date") == day]
        if not gone:
            return []
        docs = [table.pop(key) for key in gone]
        self._write_archive({name: table})
        return docs

    def _maybe_archive(self) -> None:
        """Move the oldest logs and check-ins out once the main file holds too many."""
        data = self.storage.read() or {}
        if len(data.get(T_LOGS, {})) + len(data.get(T_CHECKINS, {})) <= HOT_LIMIT:
            return
        self.archive_now()

    def archive_now(self, keep: int | None = None) -> int:
        """Move all but about ``keep`` of the newest records to the archive; returns how many moved."""
        keep = HOT_KEEP if keep is None else keep
        with self.transaction():
            data = self.storage.read() or {}
            dates = sorted(doc.get("date", "") for name in (T_LOGS, T_CHECKINS)
                           for doc in data.get(name, {}).values())
            if len(dates) <= keep:
                return 0
            cutoff = dates[len(dates) - keep - 1]  # everything on or before this date moves
            through = max(cutoff, self._archived_through())
            old = self._archived_tables()
            moved_tables: dict[str, dict[str, dict]] = {}
            floors = dict(self._meta().get("id_floor") or {})
            moved = 0
            for name in (T_LOGS, T_CHECKINS):
                hot = data.get(name, {})
                going = {key: doc for key, doc in hot.items() if doc.get("date", "") <= through}
                if not going:
                    continue
                moved += len(going)
                moved_tables[name] = {**old.get(name, {}), **going}
                floors[name] = max([int(floors.get(name, 0))] + [int(k) for k in hot])
                self._table(name).remove(doc_ids=[int(k) for k in going])
            if not moved:
                return 0
            # The archive is written first: a crash between the two writes leaves
            # records in both files, which reads merge by id; nothing is lost.
            self._write_archive(moved_tables)
            self._set_meta(archived_through=through, id_floor=floors)
            return moved

    def _clear_archive(self) -> None:
        if self._archived_through() or self.archive_path.exists():
            if self.archive_path.exists():
                self._write_archive({T_LOGS: {}, T_CHECKINS: {}})
