"""Store: the repository the CLI, the service room and the TUI use (typed records in and out).

Built on :class:`tui.storage.datadir.DataDir` (one commit point; month and year part
files, tui.storage.partition). Concurrency rule (DESIGN.md "Storage"): TinyDB Table
objects cache query results and the next document id, which go stale when another
process writes. So every write builds fresh ``Table`` objects (``cache_size=0``) over
the transaction's parts, inside the dir's lock, after the manifest was reloaded; ids
come from the manifest's counters, never from a Table. Reads take no lock and serve
parsed parts from memory while the manifest's stamp is unchanged; a date-range read
parses only the parts it covers. Dates are ``datetime.date`` in and out.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from tinydb.storages import Storage
from tinydb.table import Document, Table

from tui.core.errors import RehabError, StorageError
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan

from . import undo as undo_steps
from . import year_rows
from .datadir import DataDir, Txn
from .guards import check_data_dir, checked
from .layout import MAIN, MANIFEST_NAME, Manifest, Tables, parts_between
from .layout import iso_day as _day
from .migrate import in_memory_v1, migrate_v1
from .partition import find_log, log_part, part_for

UNDO_LIMIT = 50


class PlanEdit(NamedTuple):
    plan: Plan
    revision: int
    conflict: bool  # the plan had changed in another session since the caller last saw it


class PartStorage(Storage):
    """A TinyDB Storage over one part of an open transaction (nothing touches disk)."""

    def __init__(self, txn: Txn, part: str) -> None:
        super().__init__()
        self.txn, self.part = txn, part

    def read(self) -> dict[str, dict[str, Any]]:
        return self.txn.tables(self.part)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.txn.put(self.part, data)


class Store:
    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir
        self.data_dir = datadir.path
        self.path = datadir.path / MANIFEST_NAME

    # ------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, data_dir: Path, *, fsync: bool = True) -> Store:
        """Open (never write, but to migrate a version-1 dir once); read-only dirs still read."""
        path = check_data_dir(Path(data_dir))
        datadir = DataDir(path, fsync=fsync, keep_files=undo_steps.files_kept_by_undo,
                          trust_digests=True)
        if datadir.stamp() is None and (path / "rehab.json").exists():
            try:
                migrate_v1(datadir)
            except StorageError:
                # Cannot write (read-only, full) or damaged: read it in memory, which
                # serves every read or says in one line what is damaged.
                datadir.close()
                in_memory_v1(datadir)
        return cls(datadir)

    def close(self) -> None:
        self.datadir.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stamp(self) -> Any:
        """A value that changes whenever the data changes (for polling)."""
        return self.datadir.stamp()

    def backups(self) -> list[Path]:
        return [p for p in (self.datadir.backup_path(n) for n in (1, 2, 3)) if p.exists()]

    # ----------------------------------------------------------- primitives

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Txn]:
        with self.datadir.locked():
            before = self.datadir.stamp()
            with self.datadir.transaction() as txn:
                yield txn
            if self.datadir.stamp() != before:  # committed: `rehab due`'s cache, still under the lock
                self._update_due_cache()

    def _update_due_cache(self) -> None:
        from .due_cache import cache_window, flags_now, update_due_cache

        first, last = cache_window(dt.date.today())
        try:
            plan, logs = self.get_plan(), self.logs(first, last)
            flags = flags_now(self, plan, first)  # walk-runs due as cycling while one is active
        except StorageError:
            return  # the cache no longer matches the data: `rehab due` computes in full
        update_due_cache(self.data_dir, plan, logs, flags=flags)

    @staticmethod
    def table(txn: Txn, part: str, name: str) -> Table:
        # Fresh per operation: no stale query cache; ids are given, never computed by TinyDB.
        return Table(PartStorage(txn, part), name, cache_size=0)

    def _main(self) -> Tables:
        return self.datadir.read(lambda m: [MAIN])[1][MAIN]

    def push_undo(self, txn: Txn, label: str, kind: str, payload: dict[str, Any]) -> None:
        undo = self.table(txn, MAIN, "undo")
        ids = sorted(int(k) for k in txn.tables(MAIN).get("undo", {}))
        undo.insert(Document({"label": label, "kind": kind, "payload": payload},
                             doc_id=(ids[-1] + 1) if ids else 1))
        if len(ids) + 1 > UNDO_LIMIT:
            undo.remove(doc_ids=ids[: len(ids) + 1 - UNDO_LIMIT])

    # ------------------------------------------------------------------ plan

    def _plan_doc(self, main: Tables) -> dict[str, Any] | None:
        docs = list((main.get("plan") or {}).values())
        return docs[0] if docs else None

    def get_plan(self) -> Plan | None:
        doc = self._plan_doc(self._main())
        return None if doc is None else self._plan_of(doc["plan"])

    def _plan_of(self, data: dict[str, Any]) -> Plan:
        """The stored plan, its timeline checked; a damaged one is one StorageError line."""
        try:
            plan = Plan.from_dict(data)
            plan.spans()
            return plan
        except RehabError as err:
            why = str(err).splitlines()[0]
        except (KeyError, ValueError, TypeError, IndexError, AttributeError, OverflowError) as err:
            why = f"not a valid plan ({type(err).__name__}: {err})"
        raise StorageError(f"{self.data_dir}: plan record 1 is damaged: {why}")

    def plan_revision(self) -> int:
        doc = self._plan_doc(self._main())
        return int(doc.get("revision", 0)) if doc else 0

    def _write_plan(self, txn: Txn, plan: dict[str, Any] | None) -> int:
        table = self.table(txn, MAIN, "plan")
        old = self._plan_doc(txn.tables(MAIN))
        revision = (int(old.get("revision", 0)) if old else 0) + 1
        table.truncate()
        if plan is not None:
            table.insert(Document({"plan": plan, "revision": revision}, doc_id=1))
        return revision

    def set_plan(self, plan: Plan | None, label: str = "change plan") -> None:
        with self.transaction() as txn:
            old = self._plan_doc(txn.tables(MAIN))
            data = None if plan is None else checked("plan", {"plan": plan.to_dict()})["plan"]
            self._write_plan(txn, data)
            self.push_undo(txn, label, "plan", {"previous": old["plan"] if old else None})

    def edit_plan(self, edit: Callable[[Plan], Plan], label: str,
                  seen_revision: int | None = None) -> PlanEdit:
        """Apply ``edit`` to the latest plan under the lock (``conflict``: it changed meanwhile)."""
        with self.transaction() as txn:
            old = self._plan_doc(txn.tables(MAIN))
            if old is None:
                raise StorageError("no active plan to edit")
            revision = int(old.get("revision", 0))
            new = edit(self._plan_of(old["plan"]))
            self._write_plan(txn, new.to_dict())
            self.push_undo(txn, label, "plan", {"previous": old["plan"]})
        conflict = seen_revision is not None and seen_revision != revision
        return PlanEdit(new, revision + 1, conflict)

    # ------------------------------------------------------------------ logs

    def _read_years(self, table: str, lo: str | None,
                    hi: str | None) -> list[tuple[str, dict[str, Any]]]:
        _, parts = self.datadir.read(lambda m: parts_between(m, lo, hi))
        return [kv for name, part in parts.items() for kv in year_rows.in_range(part.get(table), lo, hi, name)]

    def _sorted(self, table: str, start: dt.date | None,
                end: dt.date | None) -> list[tuple[str, dict[str, Any]]]:
        """(key, stored doc) of ``table`` in the range, by date (logs: then by id)."""
        lo, hi = (None if start is None else _day(start)), (None if end is None else _day(end))
        found = self._read_years(table, lo, hi)
        if table == "logs":
            found.sort(key=lambda kv: (kv[1]["date"], int(kv[0])))
        else:
            found.sort(key=lambda kv: kv[1]["date"])
        return found

    def logs(self, start: dt.date | None = None, end: dt.date | None = None) -> list[LogEntry]:
        return [undo_steps.log_entry(key, doc, self.path) for key, doc in self._sorted("logs", start, end)]

    def log_rows(self, start: dt.date | None = None, end: dt.date | None = None) -> list[dict[str, Any]]:
        """``logs()`` as stored dicts with their ids (exports, ``history --json``): same order."""
        return [undo_steps.log_row(key, doc, self.path) for key, doc in self._sorted("logs", start, end)]

    def rows_by_year(self, start: dt.date | None = None, end: dt.date | None = None, *, ids: bool = True,
                     ) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        """(``log_rows()``, ``checkin_rows()``) of each year in the range, oldest first, each
        part read once and let go. Iterate it inside ``transaction()`` (see year_rows)."""
        return year_rows.rows_by_year(self.datadir, start, end, ids=ids)

    def get_log(self, log_id: int) -> LogEntry | None:
        manifest = self.datadir.manifest() or Manifest()
        found = log_part(manifest.record_parts(), manifest.parts,
                         lambda name: self.datadir.part(manifest, name), log_id)
        if found is None:
            return None
        doc = self.datadir.part(manifest, found)["logs"][str(log_id)]
        return undo_steps.log_entry(str(log_id), doc, self.path)

    def add_log(self, entry: LogEntry, label: str | None = None) -> int:
        doc = checked("logs", entry.to_dict())
        with self.transaction() as txn:
            log_id = txn.take_id("logs")
            self.table(txn, part_for(txn, doc["date"]), "logs").insert(Document(doc, doc_id=log_id))
            self.push_undo(txn, label or f"log {doc['activity']} on {doc['date']}", "log-add",
                           {"id": log_id, "date": doc["date"]})
        return log_id

    def update_log(self, log_id: int, entry: LogEntry, label: str | None = None) -> None:
        doc = checked("logs", entry.to_dict())
        with self.transaction() as txn:
            year = find_log(txn, log_id)
            if year is None:
                raise StorageError(f"no logged session with id {log_id}")
            old = txn.tables(year)["logs"][str(log_id)]
            self.table(txn, year, "logs").remove(doc_ids=[log_id])
            self.table(txn, part_for(txn, doc["date"]), "logs").insert(Document(doc, doc_id=log_id))
            self.push_undo(txn, label or f"edit log on {old['date']}", "log-update",
                           {"id": log_id, "doc": old, "date": doc["date"]})

    def delete_log(self, log_id: int, label: str | None = None) -> bool:
        with self.transaction() as txn:
            year = find_log(txn, log_id)
            if year is None:
                return False
            old = txn.tables(year)["logs"][str(log_id)]
            self.table(txn, year, "logs").remove(doc_ids=[log_id])
            self.push_undo(txn, label or f"delete log on {old['date']}", "log-delete",
                           {"id": log_id, "doc": old})
        return True

    # -------------------------------------------------------------- check-ins

    def checkins(self, start: dt.date | None = None, end: dt.date | None = None) -> list[CheckIn]:
        return [undo_steps.checkin(k, doc, self.path) for k, doc in self._sorted("checkins", start, end)]

    def checkin_rows(self, start: dt.date | None = None, end: dt.date | None = None) -> list[dict[str, Any]]:
        """``checkins()`` as stored dicts (exports, ``history --json``): same order."""
        return [undo_steps.checkin_row(k, doc, self.path) for k, doc in self._sorted("checkins", start, end)]

    def add_checkin(self, entry: CheckIn, label: str | None = None) -> None:
        doc = checked("checkins", entry.to_dict())
        day = doc["date"]
        with self.transaction() as txn:
            previous = undo_steps.pop_checkin(self, txn, day)
            self.table(txn, part_for(txn, day), "checkins").insert(
                Document(doc, doc_id=txn.take_id("checkins")))
            self.push_undo(txn, label or f"check-in on {day}", "checkin",
                           {"date": day, "previous": previous})
            worn = doc.get("footwear")
            if isinstance(worn, str) and worn.strip() and worn not in self._footwear(txn):
                self._set_setting(txn, "footwear", [*self._footwear(txn), worn])

    def delete_checkin(self, day: dt.date, label: str | None = None) -> bool:
        iso = _day(day)
        with self.transaction() as txn:
            previous = undo_steps.pop_checkin(self, txn, iso)
            if previous is None:
                return False
            self.push_undo(txn, label or f"delete check-in on {iso}", "checkin",
                           {"date": iso, "previous": previous})
        return True

    # ----------------------------------------------------------------- flares

    def flares(self) -> set[dt.date]:
        return {dt.date.fromisoformat(d["date"]) for d in (self._main().get("flares") or {}).values()}

    def set_flare(self, day: dt.date, on: bool, label: str | None = None) -> None:
        iso = checked("flares", {"date": _day(day)})["date"]
        with self.transaction() as txn:
            was = undo_steps.set_flare(self, txn, iso, on)
            if was != bool(on):
                self.push_undo(txn, label or f"flare {'on' if on else 'off'} {iso}", "flare",
                               {"date": iso, "was": was})

    # --------------------------------------------------------------- settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        for doc in (self._main().get("settings") or {}).values():
            if doc.get("key") == key:
                return copy.deepcopy(doc.get("value"))
        return default

    def _set_setting(self, txn: Txn, key: str, value: Any) -> None:
        table = self.table(txn, MAIN, "settings")
        docs = txn.tables(MAIN).get("settings", {})
        present = [int(k) for k, d in docs.items() if d.get("key") == key]
        if present and len(present) == 1 and docs[str(present[0])].get("value") == value:
            return
        table.remove(doc_ids=present)
        new_id = max(map(int, txn.tables(MAIN).get("settings", {})), default=0) + 1
        table.insert(Document({"key": key, "value": copy.deepcopy(value)}, doc_id=new_id))

    def set_setting(self, key: str, value: Any) -> None:
        checked("settings", {"key": key, "value": value})
        with self.transaction() as txn:
            self._set_setting(txn, key, value)

    def _footwear(self, txn: Txn) -> list[str]:
        for doc in txn.tables(MAIN).get("settings", {}).values():
            if doc.get("key") == "footwear":
                return list(doc.get("value") or [])
        return []

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
        docs = self._main().get("undo") or {}
        return docs[max(docs, key=int)]["label"] if docs else None

    def undo(self) -> str | None:
        """Revert the newest undoable change; returns its label, or None if nothing to undo."""
        with self.transaction() as txn:
            return undo_steps.undo_newest(self, txn)

    # ------------------------------------- whole data set (export / restore)

    def export_all(self) -> dict[str, Any]:
        """The whole data set as a backup document (tui.core.exports.backup's format)."""
        from .backup_shape import export_document

        return export_document(self)

    def has_data(self) -> bool:
        manifest = self.datadir.manifest() or Manifest()
        main = self.datadir.part(manifest, MAIN)
        return bool(manifest.record_parts()) or any(main.get(t) for t in ("plan", "flares", "settings"))

    def replace_all(self, doc: dict[str, Any], label: str = "restore a backup", *,
                    replace: bool = False) -> None:
        """Make a checked backup document (``parse_backup``) the whole data set, in one commit.

        Refuses (StorageError) when the store holds data and ``replace`` is
        false. Undoable: the undo history becomes one step that brings the
        previous generation back (its files are kept until that step is gone).
        """
        from .backup_shape import replace_with

        replace_with(self, doc, label, replace)

    def entries(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        """Every stored record of ``table`` with its id (for the backup shape)."""
        return self._read_years(table, None, None)

