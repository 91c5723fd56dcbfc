"""Undo steps and the record helpers Store shares with them (across part files).

An undo step lives in the main part's ``undo`` table: ``{"label", "kind",
"payload"}``. Payloads name records by id and date, so a step finds its
record in whichever year's file holds it:

    log-add      {"id", "date"}            remove the log
    log-delete   {"id", "doc"}             put the log back with its id
    log-update   {"id", "doc", "date"}     put the old version back
    checkin      {"date", "previous"}      drop that date's check-in, put back the previous one
    plan         {"previous"}              the plan before (None: no plan)
    flare        {"date", "was"}           the flare day as it was
    restore      {"manifest"}              the whole previous generation (its files are kept)
                 {"tables"}                (from data version 1: the previous tables)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb.table import Document

from tui.core.errors import RehabError, StorageError
from tui.core.records import CheckIn, LogEntry

from .datadir import Txn
from .layout import MAIN, Manifest, Tables, parse_manifest
from .partition import find_log, part_for

if TYPE_CHECKING:
    from .store import Store


def log_entry(key: str, doc: dict[str, Any], where: Path) -> LogEntry:
    try:
        return LogEntry.from_dict({**doc, "id": int(key)})
    except (RehabError, ValueError, TypeError, KeyError) as err:
        raise StorageError(f"{where}: logs record {key} is damaged: {err}") from None


_LOG_KEYS = tuple(LogEntry(dt.date(2000, 1, 1), "x", logged_at="2000-01-01T00:00:00").to_dict())
_CHECKIN_KEYS = tuple(CheckIn(dt.date(2000, 1, 1), 0, logged_at="2000-01-01T00:00:00").to_dict())


def log_row(key: str, doc: dict[str, Any], where: Path) -> dict[str, Any]:
    """A log in its stored form with its id, as ``{**log_entry(...).to_dict(), "id": id}``.

    A record the store wrote itself has the stored form already (its fields in that order) and
    passed the records schema on load, so it is copied, not rebuilt as a typed record: 20 years
    of history export in a third of the time. Any other shape takes the typed road."""
    if tuple(doc) == _LOG_KEYS:
        return {**doc, "id": int(key)}
    return {**log_entry(key, doc, where).to_dict(), "id": int(key)}


def log_doc(key: str, doc: dict[str, Any], where: Path) -> dict[str, Any]:
    """``log_row`` without the id, and the stored dict itself when it has the stored form (not a
    copy: read it, never change it): the csv export, which has no use for ids."""
    if tuple(doc) == _LOG_KEYS:
        return doc
    return log_entry(key, doc, where).to_dict()


def checkin_row(key: str, doc: dict[str, Any], where: Path) -> dict[str, Any]:
    """A check-in in its stored form, as ``checkin(...).to_dict()`` (see ``log_row``)."""
    if tuple(doc) == _CHECKIN_KEYS:
        return dict(doc)
    return checkin(key, doc, where).to_dict()


def checkin(key: str, doc: dict[str, Any], where: Path) -> CheckIn:
    try:
        return CheckIn.from_dict(doc)
    except (RehabError, ValueError, TypeError, KeyError) as err:
        raise StorageError(f"{where}: checkins record {key} is damaged: {err}") from None


def pop_checkin(store: Store, txn: Txn, day: str) -> dict[str, Any] | None:
    """Remove the check-in of ``day`` (at most one is kept); returns it, or None."""
    year = part_for(txn, day)
    docs = txn.tables(year).get("checkins", {})
    found = [k for k, d in docs.items() if d.get("date") == day]
    if not found:
        return None
    previous = dict(docs[max(found, key=int)])
    store.table(txn, year, "checkins").remove(doc_ids=[int(k) for k in found])
    return previous


def set_flare(store: Store, txn: Txn, day: str, on: bool) -> bool:
    """Make ``day`` a flare day or not; returns whether it was one."""
    docs = txn.tables(MAIN).get("flares", {})
    present = [int(k) for k, d in docs.items() if d.get("date") == day]
    if bool(present) == bool(on):
        return bool(present)
    table = store.table(txn, MAIN, "flares")
    if on:
        table.insert(Document({"date": day}, doc_id=max(map(int, docs), default=0) + 1))
    else:
        table.remove(doc_ids=present)
    return bool(present)


def _undo_log(store: Store, txn: Txn, kind: str, payload: dict[str, Any]) -> None:
    log_id = int(payload["id"])
    year = find_log(txn, log_id)
    if year is not None:
        store.table(txn, year, "logs").remove(doc_ids=[log_id])
    if kind in ("log-delete", "log-update"):
        doc = payload["doc"]
        store.table(txn, part_for(txn, doc["date"]), "logs").insert(Document(doc, doc_id=log_id))


def _undo_checkin(store: Store, txn: Txn, payload: dict[str, Any]) -> None:
    pop_checkin(store, txn, payload["date"])
    previous = payload.get("previous")
    if previous is not None:
        store.table(txn, part_for(txn, previous["date"]), "checkins").insert(
            Document(previous, doc_id=txn.take_id("checkins")))


def undo_newest(store: Store, txn: Txn) -> str | None:
    docs = txn.tables(MAIN).get("undo", {})
    if not docs:
        return None
    key = max(docs, key=int)
    top = docs[key]
    kind, payload = top["kind"], top["payload"]
    store.table(txn, MAIN, "undo").remove(doc_ids=[int(key)])
    if kind in ("log-add", "log-delete", "log-update"):
        _undo_log(store, txn, kind, payload)
    elif kind == "checkin":
        _undo_checkin(store, txn, payload)
    elif kind == "plan":
        store._write_plan(txn, payload["previous"])
    elif kind == "flare":
        set_flare(store, txn, payload["date"], bool(payload["was"]))
    elif kind == "restore":
        from .backup_shape import undo_restore

        undo_restore(store, txn, payload)
    else:
        raise StorageError(f"{store.path}: unknown undo step kind {kind!r}")
    return str(top["label"])


def files_kept_by_undo(main: Tables) -> list[Manifest]:
    """The generations this main part's undo steps of a restore bring back (kept on disk)."""
    out: list[Manifest] = []
    for step in (main.get("undo") or {}).values():
        manifest = step.get("payload", {}).get("manifest") if step.get("kind") == "restore" else None
        if isinstance(manifest, dict):
            try:
                out.append(parse_manifest(orjson.dumps(manifest)))
            except ValueError:
                continue
    return out
