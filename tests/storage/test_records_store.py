"""The typed Store over the manifest layout: records by year, undo across files, restore."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import orjson
import pytest

from tui.core.errors import StorageError
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.fileio import load_template
from tui.storage.layout import MANIFEST_NAME
from tui.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "v1"
COUNTS = json.loads((FIXTURES / "counts.json").read_text())
D = dt.date


def plan() -> Plan:
    tpl = load_template(ROOT / "plans" / "metatarsalgia-conservative.json").to_dict()
    return Plan.start_from_template(tpl, D(2026, 11, 16))


def ice(day: dt.date, note: str = "") -> LogEntry:
    return LogEntry(day, "ice-pack", note=note)


@pytest.fixture
def store(data_dir) -> Store:
    return Store.open(data_dir)


def year_files(store: Store) -> dict[str, str]:
    manifest = store.datadir.manifest()
    return {name: info.file for name, info in manifest.parts.items()}


def test_logs_go_to_their_year_and_a_range_reads_only_its_years(store, monkeypatch):
    a = store.add_log(ice(D(2024, 5, 1), "old"))
    b = store.add_log(ice(D(2026, 5, 1), "new"))
    assert (a, b) == (1, 2)
    assert set(year_files(store)) == {"main", "2024", "2026-05"}  # the newest year by month
    fresh = Store.open(store.data_dir)
    read: list[str] = []
    real = fresh.datadir._load_part
    monkeypatch.setattr(fresh.datadir, "_load_part", lambda name, info: read.append(name) or real(name, info))
    assert [e.note for e in fresh.logs(D(2026, 1, 1), D(2026, 12, 31))] == ["new"]
    assert read == ["2026-05"]
    assert fresh.get_log(1).note == "old" and fresh.get_log(1).id == 1 and fresh.get_log(9) is None


def test_a_new_year_folds_the_months_before_it_and_a_back_dated_record_goes_to_its_year(store):
    for month in (1, 6, 12):
        store.add_log(ice(D(2025, month, 3), f"m{month}"))
        store.add_checkin(CheckIn(D(2025, month, 3), 2))
    assert set(year_files(store)) == {"main", "2025-01", "2025-06", "2025-12"}
    store.add_log(ice(D(2026, 1, 2), "new year"))  # one commit: 2025 folded, 2026-01 begun
    assert set(year_files(store)) == {"main", "2025", "2026-01"}
    store.add_checkin(CheckIn(D(2025, 6, 3), 5))  # replaces the one of that day, in 2025
    store.add_log(ice(D(2024, 2, 2), "back-dated"))
    assert set(year_files(store)) == {"main", "2024", "2025", "2026-01"}
    assert [c.morning_pain for c in store.checkins()] == [2, 5, 2]
    assert [e.note for e in store.logs()] == ["back-dated", "m1", "m6", "m12", "new year"]
    store.undo()
    store.undo()
    assert set(year_files(store)) == {"main", "2025", "2026-01"}
    assert [c.morning_pain for c in store.checkins()] == [2, 2, 2]
    store.undo()  # the log of the new year: 2025 stays one file, now the newest year again
    assert set(year_files(store)) == {"main", "2025"}
    assert [e.note for e in store.logs()] == ["m1", "m6", "m12"]
    store.add_log(ice(D(2025, 6, 4), "split again"))  # the newest year's file made months
    assert set(year_files(store)) == {"main", "2025-01", "2025-06", "2025-12"}
    assert [e.note for e in store.logs()] == ["m1", "m6", "split again", "m12"]


def test_a_version_2_year_file_of_the_newest_year_is_split_on_the_first_write(store):
    from tui.storage.migrate import split

    with store.datadir.transaction() as txn:  # what data version 2 wrote: a file per year
        txn.put("2026", {"logs": {"1": ice(D(2026, 3, 1), "a").to_dict(),
                                  "2": ice(D(2026, 5, 1), "b").to_dict()}})
        txn.manifest.next_id["logs"] = 3
    assert set(year_files(store)) == {"2026"} and [e.note for e in store.logs()] == ["a", "b"]
    store.add_log(ice(D(2026, 5, 2), "c"))
    assert set(year_files(store)) == {"main", "2026-03", "2026-05"}
    assert [(e.id, e.note) for e in store.logs()] == [(1, "a"), (2, "b"), (3, "c")]
    assert sorted(split({"logs": {"1": {"date": "2025-01-01"}, "2": {"date": "2026-02-01"}}})) == [
        "2025", "2026-02", "main"]


def test_a_manifest_naming_a_year_and_one_of_its_months_is_damaged(store):
    store.add_log(ice(D(2026, 5, 1), "x"))
    doc = orjson.loads(store.path.read_bytes())
    doc["parts"]["2026"] = doc["parts"]["2026-05"]
    store.path.write_bytes(orjson.dumps(doc))
    with pytest.raises(StorageError, match="parts '2026' and '2026-05' overlap"):
        Store.open(store.data_dir).logs()


def test_undo_works_across_years_and_edits_move_a_log(store):
    log_id = store.add_log(ice(D(2025, 12, 31), "x"))
    store.update_log(log_id, ice(D(2026, 1, 1), "moved"))
    assert [(e.date, e.note) for e in store.logs()] == [(D(2026, 1, 1), "moved")]
    assert store.undo() == "edit log on 2025-12-31"
    assert [(e.date, e.note, e.id) for e in store.logs()] == [(D(2025, 12, 31), "x", log_id)]
    assert store.delete_log(log_id) is True
    assert store.logs() == []
    store.undo()
    assert [e.id for e in store.logs()] == [log_id]
    store.undo()
    assert store.logs() == [] and store.undo() is None


def test_checkins_stay_one_per_date_through_any_undo_sequence(store):
    store.add_checkin(CheckIn(D(2026, 1, 1), 3))
    for n in range(3):
        store.add_log(ice(D(2026, 1, 2), str(n)))
    store.add_checkin(CheckIn(D(2026, 1, 1), 5))
    store.undo(), store.undo()
    store.add_checkin(CheckIn(D(2026, 1, 1), 7))
    store.undo()
    days = [c.date for c in store.checkins()]
    assert len(days) == len(set(days))
    assert [c.morning_pain for c in store.checkins()] == [3]  # 5 undone, then 7 undone
    assert len(store.logs()) == 2
    assert store.delete_checkin(D(2026, 1, 1)) and store.checkins() == []
    store.undo()
    assert [c.morning_pain for c in store.checkins()] == [3]


def test_plan_flares_settings_and_revisions(store):
    store.set_plan(plan(), "start")
    assert store.get_plan().name == plan().name and store.plan_revision() == 1
    edit = store.edit_plan(lambda p: p.rename("Mine"), "rename", seen_revision=0)
    assert edit.conflict and edit.revision == 2 and store.get_plan().name == "Mine"
    store.set_flare(D(2026, 11, 20), True)
    assert store.flares() == {D(2026, 11, 20)}
    store.add_checkin(CheckIn(D(2026, 11, 20), 2, footwear="wide trainers"))
    assert store.footwear() == ["wide trainers"]
    assert store.undo_label() == "check-in on 2026-11-20"


def backup_doc(store: Store) -> dict:
    return store.export_all()


def test_restore_is_one_commit_and_its_undo_brings_back_every_year(tmp_path):
    big = Store.open(tmp_path / "big")
    for year in range(2020, 2027):
        big.add_log(ice(D(year, 3, 1), f"y{year}"))
        big.add_checkin(CheckIn(D(year, 3, 1), 2))
    small = Store.open(tmp_path / "small")
    small.add_log(ice(D(2026, 1, 1), "small"))
    doc = small.export_all()
    with pytest.raises(StorageError, match="already holds data"):
        big.replace_all(doc)
    big.replace_all(doc, "restore small.json", replace=True)
    assert [e.note for e in big.logs()] == ["small"] and big.checkins() == []
    assert big.export_all()["logs"] == doc["logs"]
    assert big.undo() == "restore small.json"
    assert len(big.logs()) == 7 and len(big.checkins()) == 7
    again = Store.open(tmp_path / "big")  # from disk, not memory
    assert len(again.logs()) == 7


def test_a_missing_year_file_is_named_by_every_read_that_needs_it(store):
    store.add_log(ice(D(2024, 1, 1)))
    store.add_log(ice(D(2026, 1, 1)))
    os.unlink(store.data_dir / year_files(store)["2024"])
    fresh = Store.open(store.data_dir)
    for read in (fresh.logs, fresh.export_all):
        with pytest.raises(StorageError, match=r"rehab-2024.*listed in .* but missing"):
            read()
    assert len(fresh.logs(D(2026, 1, 1))) == 1  # 2026 alone does not need it


def test_a_read_only_data_dir_serves_reads(store):
    store.add_log(ice(D(2026, 1, 1)))
    os.chmod(store.data_dir, 0o500)
    try:
        ro = Store.open(store.data_dir)
        assert len(ro.logs()) == 1 and ro.get_plan() is None and ro.flares() == set()
        if os.geteuid() != 0:  # root writes anyway; tests/faults covers EROFS for everyone
            with pytest.raises(StorageError, match="nothing was changed"):
                ro.add_log(ice(D(2026, 1, 2)))
    finally:
        os.chmod(store.data_dir, 0o700)


@pytest.mark.parametrize("name", ["empty", "one-year", "five-years"])
def test_store_open_migrates_the_v1_fixtures_with_every_record(tmp_path, name):
    path = tmp_path / name
    shutil.copytree(FIXTURES / name, path)
    os.chmod(path, 0o700)
    store = Store.open(path)
    assert (path / MANIFEST_NAME).exists()
    want = COUNTS[name]
    assert len(store.logs()) == want["logs"] and len(store.checkins()) == want["checkins"]
    assert len(store.flares()) == want["flares"] and (store.get_plan() is not None) == bool(want["plan"])
    assert len(store.footwear()) == want["footwear"]
    if name != "empty":
        assert store.undo_label() == "set footwear" or store.undo() is not None


def test_undo_of_a_version_1_restore_step_still_works(tmp_path):
    path = tmp_path / "one"
    shutil.copytree(FIXTURES / "one-year", path)
    os.chmod(path, 0o700)
    store = Store.open(path)
    labels = []
    while (label := store.undo()) is not None:
        labels.append(label)
    assert labels[-1] == "synthetic history"
    assert store.logs() == [] and store.get_plan() is None
