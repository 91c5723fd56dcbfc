"""The json backup written a few parts at a time (tui/storage/backup_stream.py) is the text
the whole-document way gives, byte for byte, in every shape of data dir."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from tui.core.exports.backup import dump_backup, parse_backup
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.fileio import load_template
from tui.storage import Store
from tui.storage.backup_shape import export_document
from tui.storage.backup_stream import id_groups, write_backup
from tui.storage.layout import Manifest, PartInfo

PLANS = Path(__file__).resolve().parents[2] / "plans"


def streamed(store: Store) -> str:
    pieces: list[str] = []
    with store.transaction():
        write_backup(store.datadir, pieces.append)
    return "".join(pieces)


def whole(store: Store) -> str:
    return dump_backup(export_document(store))


def test_an_empty_data_dir(data_dir):
    store = Store.open(data_dir)
    assert streamed(store) == whole(store)
    assert json.loads(streamed(store))["logs"] == []


def test_years_of_records_a_plan_flares_and_settings(data_dir):
    store = Store.open(data_dir)
    plan = Plan.start_from_template(load_template(PLANS / "metatarsalgia-conservative.json").to_dict(),
                                    dt.date(2026, 11, 23))
    store.set_plan(plan)
    for year in (2023, 2024, 2026):
        for day in (1, 2, 3):
            date = dt.date(year, 3, day)
            store.add_log(LogEntry(date=date, activity="ice-pack", status="done", pain=day, note="n\u202e"))
            store.add_checkin(CheckIn(date=date, morning_pain=day, numbness=day == 2))
    store.add_checkin(CheckIn(date=dt.date(2022, 5, 5), morning_pain=1))  # a year of check-ins only
    store.set_flare(dt.date(2024, 3, 2), True)
    store.set_setting("redflags.clinician_seen_on", "2024-03-03")
    text = streamed(store)
    assert text == whole(store)
    doc = parse_backup(text, "test")
    assert [len(doc[t]) for t in ("logs", "checkins", "flares")] == [9, 10, 1]


def test_a_log_moved_to_another_year_keeps_its_id_and_its_place(data_dir):
    store = Store.open(data_dir)
    ids = [store.add_log(LogEntry(date=dt.date(year, 6, 1), activity="ice-pack", status="done"))
           for year in (2024, 2024, 2025, 2025, 2026)]
    moved = store.get_log(ids[1])
    assert moved is not None
    store.update_log(ids[1], dataclasses.replace(moved, date=dt.date(2026, 1, 2)))  # 2026 now holds ids 2 and 5
    text = streamed(store)
    assert text == whole(store)
    assert [log["id"] for log in json.loads(text)["logs"]] == ids


def _manifest(ranges: dict[str, dict[str, list[int]]]) -> Manifest:
    manifest = Manifest()
    for year, ids in ranges.items():
        manifest.parts[year] = PartInfo(f"rehab-{year}.json", 1, ids)
    return manifest


def test_parts_are_read_together_only_where_their_ids_overlap():
    manifest = _manifest({"2020": {"logs": [1, 10]}, "2021": {"logs": [11, 20]},
                          "2022": {"logs": [21, 30], "checkins": [1, 5]}, "2023": {"logs": [5, 25]},
                          "2024": {"checkins": [6, 9]}, "2025": {"logs": [31, 31]}})
    assert id_groups(None, manifest, "logs") == [["2020", "2023", "2021", "2022"], ["2025"]]  # type: ignore[arg-type]
    assert id_groups(None, manifest, "checkins") == [["2022"], ["2024"]]  # type: ignore[arg-type]
