"""The json backup written a few record parts at a time: the text of
``dump_backup(export_document(store))``, never the whole data set in memory.

`rehab export --format json` of 20 years held every part parsed, a copy of
every record with its id and the whole text at once (131 MiB). Here the logs
are written in id order a group of parts at a time: parts whose id ranges (the
manifest's ``ids``) do not overlap are read one by one; parts whose ranges do
overlap (a log moved to another year keeps its id) are read together and merged.
The check-ins come first in the text (the keys are sorted), so they are read in
a first pass that keeps only them (about 365 a year). Call under the data dir's
lock, so every part comes from one generation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from tui.core.json_text import Items, write_json_object

from .backup_shape import document_of
from .datadir import DataDir
from .layout import MAIN, Manifest, id_range

MAIN_TABLES = ("plan", "flares", "settings")


def write_backup(datadir: DataDir, write: Callable[[str], Any]) -> None:
    """Give ``write`` the backup text, piece by piece (see the module's docstring)."""
    manifest = datadir.manifest() or Manifest()
    main = datadir.part(manifest, MAIN)
    doc = document_of({name: main.get(name) or {} for name in MAIN_TABLES})
    streamed = {"logs": Items(_records(datadir, manifest, "logs")),
                "checkins": Items(_records(datadir, manifest, "checkins"))}
    entries = {**doc, **streamed}
    write_json_object(write, ((name, entries[name]) for name in sorted(entries)), sort_keys=True)


def _records(datadir: DataDir, manifest: Manifest, table: str) -> Iterator[dict[str, Any]]:
    """Every record of ``table`` with its ``id``, by id, a group of parts at a time."""
    for group in id_groups(datadir, manifest, table):
        found: list[tuple[int, dict[str, Any]]] = []
        for year in group:
            found += [(int(key), doc) for key, doc in (datadir.part_once(manifest, year).get(table) or {}).items()]
        found.sort(key=lambda kv: kv[0])
        for key, doc in found:
            yield {**doc, "id": key}


def id_groups(datadir: DataDir, manifest: Manifest, table: str) -> list[list[str]]:
    """The record parts in groups to read together so that ids come out in order: by lowest id,
    overlapping ranges in one group. A part the manifest gives no ranges for (none held, or
    a manifest edited by hand) is read to find its range."""
    spans: list[tuple[int, int, str]] = []
    for year in manifest.record_parts():
        ids = manifest.parts[year].ids or id_range(datadir.part_once(manifest, year))
        low, high = ids.get(table, [1, 0])
        if low <= high:
            spans.append((low, high, year))
    groups: list[list[str]] = []
    reach = 0
    for low, high, year in sorted(spans):
        if groups and low <= reach:
            groups[-1].append(year)
        else:
            groups.append([year])
        reach = max(reach, high)
    return groups
