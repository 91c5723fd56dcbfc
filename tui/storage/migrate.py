"""Data version 1 (``rehab.json`` + ``rehab-archive.json``) to version 2 (manifest + parts).

Automatic: the first Store.open of a version-1 dir migrates it under the dir's
lock, in one commit (the manifest is the last file written). The version-1
files are left exactly as they were, as a backup (doctor names them). A dir
that cannot be written (read-only) is read through the same conversion in
memory, without writing anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from tui.core.errors import RehabError, StorageError
from tui.fileio import read_regular

from .datadir import DataDir
from .layout import (
    MAIN,
    MAIN_TABLES,
    PART_BYTES,
    YEAR_TABLES,
    Manifest,
    Tables,
    is_record_part,
    part_of_date,
    part_problem,
)

V1_MAIN, V1_ARCHIVE = "rehab.json", "rehab-archive.json"
V1_FORMAT = "rehab-planner/data"


def _read_v1(path: Path) -> dict[str, Any]:
    try:
        raw = read_regular(path, PART_BYTES * 4, "data file", mine=True)
    except RehabError as err:
        raise StorageError(f"{err}; it was left unchanged") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StorageError(f"{path}: not valid JSON, truncated or damaged ({exc}); it was left "
                           "unchanged; `rehab doctor` shows its backups") from None
    meta = next(iter((data.get("meta") or {}).values()), None) if isinstance(data, dict) else None
    if not isinstance(meta, dict) or meta.get("format") != V1_FORMAT:
        raise StorageError(f"{path}: not a rehab-planner data file; it was left unchanged")
    if meta.get("version") != 1:
        raise StorageError(f"{path}: data version {meta.get('version')!r} in an old-style file "
                           "(written by a newer or unknown rehab-planner?); it was left unchanged")
    return data  # type: ignore[no-any-return]


def v1_tables(data_dir: Path) -> tuple[Tables, dict[str, int]] | None:
    """The whole version-1 data set as logical tables, and the next ids; None if there is none."""
    main_path = data_dir / V1_MAIN
    if not main_path.exists():
        return None
    main = _read_v1(main_path)
    meta = next(iter(main["meta"].values()))
    tables: Tables = {name: dict(main.get(name) or {}) for name in MAIN_TABLES + YEAR_TABLES}
    archive_path = data_dir / V1_ARCHIVE
    if meta.get("archived_through") or archive_path.exists():
        if not archive_path.exists():
            raise StorageError(f"{archive_path}: missing, but {main_path} says older records were "
                               "moved there; put it back (or restore it) before upgrading")
        archive = _read_v1(archive_path)
        for name in YEAR_TABLES:
            # A record in the main file wins over one with the same id (v1 read rule).
            tables[name] = {**(archive.get(name) or {}), **tables[name]}
    floors = meta.get("id_floor") or {}
    next_id = {name: max([int(floors.get(name, 0))] + [int(k) for k in tables[name]]) + 1
               for name in YEAR_TABLES}
    _one_checkin_per_date(tables)
    return tables, next_id


def _one_checkin_per_date(tables: Tables) -> None:
    """Version 1 could end with two check-ins on a date (an undo across the archive): keep the newest."""
    by_date: dict[str, str] = {}
    for key in sorted(tables["checkins"], key=int):
        day = tables["checkins"][key].get("date")
        if isinstance(day, str) and day in by_date:
            del tables["checkins"][by_date[day]]
        by_date[day] = key


def split(tables: Tables) -> dict[str, Tables]:
    """Logical tables -> parts: main (plan, flares, settings, undo), one per month of the
    newest year and one per older year (tui.storage.partition)."""
    parts: dict[str, Tables] = {MAIN: {name: tables[name] for name in MAIN_TABLES if tables.get(name)}}
    dated = [(name, key, _day_of(doc)) for name in YEAR_TABLES for key, doc in (tables.get(name) or {}).items()]
    newest = max((day[:4] for _, _, day in dated if day != "0000"), default=None)
    for name, key, day in dated:
        part = "0000" if day == "0000" else part_of_date(day, newest)
        parts.setdefault(part, {}).setdefault(name, {})[key] = tables[name][key]
    return parts


def _day_of(doc: Any) -> str:
    day = doc.get("date") if isinstance(doc, dict) else None
    return day if isinstance(day, str) and is_record_part(day[:7]) else "0000"


def checked_parts(tables: Tables, source: Path) -> dict[str, Tables]:
    parts = split(tables)
    for name, part in parts.items():
        problem = "a record has no valid date" if name == "0000" else part_problem(name, part)
        if problem is not None:
            raise StorageError(f"{source}: {problem}; nothing was changed (the file is kept as "
                               "it is; fix or delete that record, or see `rehab doctor`)")
    return parts


def migrate_v1(datadir: DataDir) -> bool:
    """Migrate a version-1 dir in one commit (call with nothing else held); True if it did."""
    with datadir.locked():
        if datadir.manifest() is not None:
            return False  # another process migrated it first
        found = v1_tables(datadir.path)
        if found is None:
            return False
        tables, next_id = found
        parts = checked_parts(tables, datadir.path / V1_MAIN)
        with datadir.transaction() as txn:
            txn.manifest.next_id = next_id
            for name, part in parts.items():
                txn.put(name, part)
        return True


def in_memory_v1(datadir: DataDir) -> Manifest | None:
    """For a read-only version-1 dir: its parts held in memory, under a manifest never written."""
    found = v1_tables(datadir.path)
    if found is None:
        return None
    tables, next_id = found
    return datadir.hold_in_memory(checked_parts(tables, datadir.path / V1_MAIN), next_id)
