"""Store: the repository the CLI and the TUI use (plan, logs, check-ins, flares, undo).

Together with jsonstore.py this is the only code that imports tinydb.

Concurrency rule (DESIGN.md "Storage"): TinyDB Table objects cache query
results and the next document id, which go stale when another process writes
the file. So every operation builds fresh ``Table`` objects, and every write is
a locked read-modify-write inside :meth:`Store.transaction`: take the flock,
reload the file if its stamp moved, change, write, release.

Records go in and out as plain dicts; dates are ISO strings ("YYYY-MM-DD").
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from tinydb.table import Document, Table

from tui.core.errors import StorageError
from tui.storage.jsonstore import SafeJSONStorage

FILE_NAME = "rehab.json"
FORMAT = "rehab-planner/data"
VERSION = 1
UNDO_LIMIT = 50

T_META, T_PLAN, T_LOGS, T_CHECKINS, T_FLARES, T_UNDO = (
    "meta", "plan", "logs", "checkins", "flares", "undo")

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
    plan: dict
    revision: int
    conflict: bool  # the plan had changed in another session since the caller last saw it


def _iso(value: dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def _in_range(day: str, start: str | None, end: str | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


class Store:
    def __init__(self, storage: SafeJSONStorage) -> None:
        self.storage = storage
        self.path = storage.path

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
        data[T_META] = {"1": {"format": FORMAT, "version": VERSION}}
        self.storage.write(data)

    def close(self) -> None:
        self.storage.close()

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
        """A value that changes whenever the file changes (for polling)."""
        return self.storage.stamp()

    def backups(self) -> list[Path]:
        return self.storage.backups()

    # ------------------------------------------------------------------ plan

    def get_plan(self) -> dict | None:
        docs = self._table(T_PLAN).all()
        return copy.deepcopy(docs[0]["plan"]) if docs else None

    def plan_revision(self) -> int:
        """Goes up by one with every change to the plan (from any session)."""
        docs = self._table(T_PLAN).all()
        return int(docs[0].get("revision", 0)) if docs else 0

    def set_plan(self, plan: dict | None, label: str = "change plan") -> None:
        with self.transaction():
            table = self._table(T_PLAN)
            docs = table.all()
            previous = docs[0]["plan"] if docs else None
            revision = int(docs[0].get("revision", 0)) if docs else 0
            self._write_plan(table, plan, revision + 1)
            self._push_undo(label, "plan", {"previous": previous})

    def edit_plan(self, edit: Callable[[dict], dict], label: str,
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
            new = edit(copy.deepcopy(current))
            self._write_plan(table, new, revision + 1)
            self._push_undo(label, "plan", {"previous": current})
        conflict = seen_revision is not None and seen_revision != revision
        return PlanEdit(copy.deepcopy(new), revision + 1, conflict)

    def _write_plan(self, table: Table, plan: dict | None, revision: int = 0) -> None:
        table.truncate()
        if plan is not None:
            table.insert(Document({"plan": copy.deepcopy(plan), "revision": revision}, doc_id=1))

    # ------------------------------------------------------------------ logs

    def add_log(self, entry: dict, label: str | None = None) -> int:
        doc = {k: v for k, v in dict(entry).items() if k != "id"}
        if not isinstance(doc.get("date"), str):
            raise StorageError("a log entry needs a 'date' ISO string")
        with self.transaction():
            doc_id = self._table(T_LOGS).insert(doc)
            self._push_undo(label or f"log {doc.get('activity', 'entry')} on {doc['date']}",
                            "log-add", {"id": doc_id})
        return doc_id

    def _raw(self, name: str) -> dict[str, dict]:
        # Straight from the storage's in-memory copy: filtering before building
        # Documents keeps a week query cheap on a file of 20,000 logs.
        return (self.storage.read() or {}).get(name, {})

    def logs(self, start: dt.date | str | None = None, end: dt.date | str | None = None) -> list[dict]:
        lo, hi = _iso(start), _iso(end)
        out = [dict(doc, id=int(key)) for key, doc in self._raw(T_LOGS).items()
               if _in_range(doc.get("date", ""), lo, hi)]
        out.sort(key=lambda d: (d.get("date", ""), d["id"]))
        return out

    def delete_log(self, log_id: int, label: str | None = None) -> bool:
        with self.transaction():
            table = self._table(T_LOGS)
            doc = table.get(doc_id=log_id)
            if doc is None:
                return False
            table.remove(doc_ids=[log_id])
            self._push_undo(label or f"delete log on {doc.get('date')}", "log-delete",
                            {"id": log_id, "doc": dict(doc)})
        return True

    # -------------------------------------------------------------- check-ins

    def add_checkin(self, entry: dict, label: str | None = None) -> None:
        doc = {k: v for k, v in dict(entry).items() if k != "id"}
        day = doc.get("date")
        if not isinstance(day, str):
            raise StorageError("a check-in needs a 'date' ISO string")
        with self.transaction():
            table = self._table(T_CHECKINS)
            old = [d for d in table.all() if d.get("date") == day]
            if old:
                table.remove(doc_ids=[d.doc_id for d in old])
            table.insert(doc)
            self._push_undo(label or f"check-in on {day}", "checkin",
                            {"date": day, "previous": dict(old[-1]) if old else None})

    def checkins(self, start: dt.date | str | None = None,
                 end: dt.date | str | None = None) -> list[dict]:
        lo, hi = _iso(start), _iso(end)
        out = [dict(doc) for doc in self._raw(T_CHECKINS).values()
               if _in_range(doc.get("date", ""), lo, hi)]
        out.sort(key=lambda d: d.get("date", ""))
        return out

    # ----------------------------------------------------------------- flares

    def set_flare(self, date_iso: dt.date | str, on: bool, label: str | None = None) -> None:
        day = _iso(date_iso)
        with self.transaction():
            table = self._table(T_FLARES)
            present = [d.doc_id for d in table.all() if d.get("date") == day]
            if bool(present) == bool(on):
                return
            if on:
                table.insert({"date": day})
            else:
                table.remove(doc_ids=present)
            self._push_undo(label or f"flare {'on' if on else 'off'} {day}", "flare",
                            {"date": day, "was": bool(present)})

    def flares(self) -> set[str]:
        return {d["date"] for d in self._raw(T_FLARES).values() if "date" in d}

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
            if kind == "log-add":
                logs = self._table(T_LOGS)
                if logs.contains(doc_id=payload["id"]):
                    logs.remove(doc_ids=[payload["id"]])
            elif kind == "log-delete":
                logs = self._table(T_LOGS)
                if logs.contains(doc_id=payload["id"]):
                    logs.insert(payload["doc"])
                else:
                    logs.insert(Document(payload["doc"], doc_id=payload["id"]))
            elif kind == "checkin":
                table = self._table(T_CHECKINS)
                day = payload["date"]
                ids = [d.doc_id for d in table.all() if d.get("date") == day]
                if ids:
                    table.remove(doc_ids=ids)
                if payload["previous"] is not None:
                    table.insert(payload["previous"])
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

    # ------------------------------------- whole data set (export / restore)
    # Issue 6: `rehab export --format json` reads every table at once;
    # `rehab restore` swaps them all in one locked atomic write, undoable.

    def export_all(self) -> dict[str, dict[str, dict]]:
        """Every table but meta and undo, as ``{name: {"<id>": doc}}`` (deep copies)."""
        data = self.storage.read() or {}
        return {name: copy.deepcopy(table) for name, table in data.items()
                if name not in (T_META, T_UNDO)}

    def has_data(self) -> bool:
        data = self.storage.read() or {}
        return any(table for name, table in data.items() if name not in (T_META, T_UNDO))

    def replace_all(self, tables: dict[str, dict[str, dict]], label: str = "restore a backup",
                    *, replace: bool = False) -> None:
        """Make ``tables`` the whole data set in one locked, atomic write.

        Refuses (StorageError) if the store already holds data and ``replace``
        is false. The undo history is reset to one entry that brings the
        previous data back.
        """
        with self.transaction():
            data = self.storage.read() or {}
            previous = {name: table for name, table in data.items()
                        if name not in (T_META, T_UNDO) and table}
            if previous and not replace:
                raise StorageError(f"{self.path} already holds data; refusing to mix two data sets")
            new = {T_META: data.get(T_META) or {"1": {"format": FORMAT, "version": VERSION}}}
            new.update({name: copy.deepcopy(table) for name, table in tables.items()
                        if name not in (T_META, T_UNDO)})
            self._bump_plan_revision(data, new)
            # Old undo entries point at ids of the old data: drop them.
            new[T_UNDO] = {"1": {"label": label, "kind": "restore",
                                 "payload": {"tables": copy.deepcopy(previous)}}}
            self.storage.write(new)

    def _undo_restore(self, payload: dict) -> None:
        data = self.storage.read() or {}
        kept = {name: table for name, table in data.items() if name in (T_META, T_UNDO)}
        kept.update(copy.deepcopy(payload["tables"]))
        self._bump_plan_revision(data, kept)
        self.storage.write(kept)

    @staticmethod
    def _bump_plan_revision(old: dict, new: dict) -> None:
        # The plan revision only ever goes up, so open sessions see the swap.
        before = max((int(d.get("revision", 0)) for d in old.get(T_PLAN, {}).values()), default=0)
        for doc in new.get(T_PLAN, {}).values():
            doc["revision"] = before + 1
