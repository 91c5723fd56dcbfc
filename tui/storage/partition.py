"""Which part a record is written to: a month of the newest year held, or a year.

The newest year's records are kept a month per part, so a log rewrites about a
month of records however long the history; each older year is one part. The
layout is kept so within a transaction, before a record is placed: when a newer
year begins, the months of the year before are folded into one year part; a year
part of the newest year (data version 2, or the newest records deleted) is split
into months. Both happen in the same commit as the write that needed them.
Readers need none of this (tui.storage.layout.parts_between).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .datadir import Txn
from .layout import PartInfo, Tables, is_record_part, newest_year, part_of_date


def part_for(txn: Txn, day: str) -> str:
    """The part to hold a record dated ``day`` (an ISO date), the layout kept first."""
    live = live_parts(txn)
    held = newest_year(live)
    newest = day[:4] if held is None or day[:4] > held else held
    months_of_older: dict[str, list[str]] = {}
    for part in live:
        if part[:4] < newest and len(part) > 4:
            months_of_older.setdefault(part[:4], []).append(part)
        elif part == newest:
            _split(txn, part)
    for year, months in months_of_older.items():
        _merge_into(txn, year, months)
    return part_of_date(day, newest)


def live_parts(txn: Txn) -> list[str]:
    """The record parts this transaction holds (with what it has put), oldest first."""
    names = set(txn.manifest.parts) | set(txn.pending)
    return sorted(p for p in names if is_record_part(p)
                  and (p not in txn.pending or any(txn.pending[p].values())))


def _merge_into(txn: Txn, target: str, sources: list[str]) -> None:
    merged: Tables = {name: dict(docs) for name, docs in txn.tables(target).items()}
    for source in sources:
        for name, docs in txn.tables(source).items():
            merged.setdefault(name, {}).update(docs)
        txn.put(source, {})
    txn.put(target, merged)


def _split(txn: Txn, year: str) -> None:
    months: dict[str, Tables] = {}
    for name, docs in txn.tables(year).items():
        for key, doc in docs.items():
            months.setdefault(doc["date"][:7], {}).setdefault(name, {})[key] = doc
    txn.put(year, {})
    for month, tables in months.items():
        have = txn.tables(month)
        txn.put(month, {name: {**have.get(name, {}), **tables.get(name, {})}
                        for name in set(have) | set(tables)})


def find_log(txn: Txn, log_id: int) -> str | None:
    """The part of this transaction holding log ``log_id``, or None (parts it has put are
    read; the others by the manifest's id ranges)."""
    ranges = {p: info for p, info in txn.manifest.parts.items() if p not in txn.pending}
    return log_part(live_parts(txn), ranges, txn.tables, log_id)


def log_part(parts: Iterable[str], ranges: Mapping[str, PartInfo], tables: Callable[[str], Tables],
             log_id: int) -> str | None:
    """The first of ``parts`` whose ``tables`` hold log ``log_id``; a part with an entry in
    ``ranges`` is read only when its id range can hold it."""
    for part in parts:
        info = ranges.get(part)
        if info is not None:
            low, high = info.ids.get("logs", [1, 0])
            if not low <= log_id <= high:
                continue
        if str(log_id) in tables(part).get("logs", {}):
            return part
    return None
