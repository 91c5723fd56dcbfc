"""The backup document <-> the stored parts (storage owns the shape; the core checks it).

The document is tui.core.exports.backup's format: ``plan`` (or null), ``logs``
and ``checkins`` as lists of records with their ``id``, ``flares`` as sorted
ISO dates, and ``settings`` when there are any. Export reads one generation
whole; restore and its undo are one commit each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from tui.core.errors import StorageError
from tui.core.exports.backup import FORMAT, VERSION

from .datadir import Txn
from .layout import MAIN, YEAR_TABLES, Tables, parse_manifest
from .migrate import split

if TYPE_CHECKING:
    from .store import Store


def _by_id(table: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**doc, "id": int(key)} for key, doc in sorted(table.items(), key=lambda kv: int(kv[0]))]


def document_of(tables: Tables) -> dict[str, Any]:
    """The backup document for logical tables (plan, logs, checkins, flares, settings)."""
    plan_docs = _by_id(tables.get("plan") or {})
    doc: dict[str, Any] = {
        "format": FORMAT, "version": VERSION,
        "plan": plan_docs[0]["plan"] if plan_docs else None,
        "logs": _by_id(tables.get("logs") or {}),
        "checkins": _by_id(tables.get("checkins") or {}),
        "flares": sorted({d["date"] for d in (tables.get("flares") or {}).values()}),
    }
    if tables.get("settings"):
        doc["settings"] = _by_id(tables["settings"])
    return orjson.loads(orjson.dumps(doc))  # type: ignore[no-any-return]  # a deep copy


def logical_tables(parts: dict[str, Tables]) -> Tables:
    """Parts -> one table each (logs and check-ins of every year together)."""
    main = parts.get(MAIN, {})
    out: Tables = {name: dict(main.get(name) or {}) for name in ("plan", "flares", "settings")}
    for name in YEAR_TABLES:
        out[name] = {k: v for key, part in parts.items() if key != MAIN
                     for k, v in (part.get(name) or {}).items()}
    return out


def export_document(store: Store) -> dict[str, Any]:
    _, parts = store.datadir.read(lambda m: list(m.parts))
    return document_of(logical_tables(parts))


def tables_of(doc: dict[str, Any]) -> Tables:
    """A checked backup document -> logical tables (ids kept)."""
    def keyed(items: list[dict[str, Any]]) -> dict[str, Any]:
        return {str(item["id"]): {k: v for k, v in item.items() if k != "id"} for item in items}

    return {
        "plan": {"1": {"plan": doc["plan"]}} if doc.get("plan") is not None else {},
        "logs": keyed(doc.get("logs") or []), "checkins": keyed(doc.get("checkins") or []),
        "flares": {str(n): {"date": d} for n, d in enumerate(doc.get("flares") or [], 1)},
        "settings": keyed(doc.get("settings") or []),
    }


def _put_everything(txn: Txn, tables: Tables, undo: dict[str, Any], revision: int) -> None:
    for doc in tables["plan"].values():
        doc["revision"] = revision  # only ever goes up, so open sessions see the swap
    parts = split(tables)
    parts[MAIN]["undo"] = undo
    for name in set(txn.manifest.parts) | set(parts):
        txn.put(name, parts.get(name, {}))
    for name in YEAR_TABLES:
        top = max(map(int, tables.get(name) or {}), default=0)
        txn.manifest.next_id[name] = max(txn.manifest.next_id[name], top + 1)


def _revision(main: Tables) -> int:
    return max((int(d.get("revision", 0)) for d in (main.get("plan") or {}).values()), default=0)


def replace_with(store: Store, doc: dict[str, Any], label: str, replace: bool) -> None:
    tables = orjson.loads(orjson.dumps(tables_of(doc)))
    with store.transaction() as txn:
        if store.has_data() and not replace:
            raise StorageError(f"{store.data_dir} already holds data; refusing to mix two data sets")
        previous = txn.manifest.copy()
        step = {"label": label, "kind": "restore", "payload": {"manifest": previous.to_dict()}}
        _put_everything(txn, tables, {"1": step}, _revision(txn.tables(MAIN)) + 1)


def undo_restore(store: Store, txn: Txn, payload: dict[str, Any]) -> None:
    revision = _revision(txn.tables(MAIN)) + 1
    if "manifest" in payload:
        try:
            txn.install(parse_manifest(orjson.dumps(payload["manifest"])))
        except ValueError as err:
            raise StorageError(f"{store.path}: the undo step of the restore is damaged: {err}") from None
        main = dict(txn.tables(MAIN))
        plan = {k: {**d, "revision": revision} for k, d in (main.get("plan") or {}).items()}
        if plan:
            main["plan"] = plan
        txn.put(MAIN, main)
        return
    # Data version 1 kept the previous tables in the step itself.
    tables = {name: dict(payload.get("tables", {}).get(name) or {})
              for name in ("plan", "logs", "checkins", "flares", "settings")}
    _put_everything(txn, tables, dict(txn.tables(MAIN).get("undo") or {}), revision)
