"""Store over its files: permissions, a damaged manifest or record, backups, bounded undo."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import orjson
import pytest

from tui.core.errors import StorageError
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.fileio import load_template
from tui.storage import Store
from tui.storage.layout import MANIFEST_NAME

PLANS = Path(__file__).resolve().parents[2] / "plans"
DAY = dt.date(2026, 11, 24)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def log(**extra) -> LogEntry:
    return LogEntry(date=DAY, activity="ice-pack", **extra)


def a_plan() -> Plan:
    return Plan.start_from_template(load_template(PLANS / "metatarsalgia-conservative.json").to_dict(),
                                    dt.date(2026, 11, 23))


def test_every_file_is_0600_and_the_dir_0700_under_umask_000(data_dir):
    old = os.umask(0)
    try:
        store = Store.open(data_dir)
        store.add_log(log())
        store.add_log(log())
    finally:
        os.umask(old)
    assert mode(data_dir) == 0o700
    files = list(data_dir.iterdir())
    assert files and all(mode(p) == 0o600 for p in files), [(p.name, oct(mode(p))) for p in files]


def test_a_wide_open_existing_dir_is_tightened(data_dir):
    data_dir.mkdir()
    os.chmod(data_dir, 0o755)
    Store.open(data_dir)
    assert mode(data_dir) == 0o700


def test_a_symlinked_data_dir_is_refused(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(StorageError, match="symlink"):
        Store.open(tmp_path / "link")


@pytest.mark.parametrize("raw, message", [
    (b"{not json", "not valid JSON"),
    (b'{"format": "rehab-planner/data", "version": 9}', "written by a newer rehab-planner"),
    (b"", "not valid JSON"),
])
def test_a_damaged_manifest_is_reported_and_never_overwritten(data_dir, raw, message):
    store = Store.open(data_dir)
    store.add_log(log())
    (data_dir / MANIFEST_NAME).write_bytes(raw)
    fresh = Store.open(data_dir)
    for call in (fresh.logs, lambda: fresh.add_log(log())):
        with pytest.raises(StorageError, match=message) as err:
            call()
        assert "\n" not in str(err.value) and "doctor" in str(err.value)
    assert (data_dir / MANIFEST_NAME).read_bytes() == raw


def _damage(store: Store, part: str, table: str, **changes) -> Path:
    manifest = orjson.loads((store.data_dir / MANIFEST_NAME).read_bytes())
    path = store.data_dir / manifest["parts"][part]["file"]
    data = orjson.loads(path.read_bytes())
    data[table]["1"].update(changes)
    path.write_bytes(orjson.dumps(data))
    return path


@pytest.mark.parametrize("part, table, changes, why", [
    ("2026-11", "logs", {"pain": "7"}, 'logs record 1 is damaged: pain "7" is not a whole number from 0 to 10'),
    ("2026-11", "logs", {"date": "2026-13-01"}, 'logs record 1 is damaged: date "2026-13-01" is not a YYYY-MM-DD'),
    ("2026-11", "logs", {"status": "maybe"}, 'logs record 1 is damaged: status "maybe" is not one of done'),
    ("2026-11", "logs", {"minutes": "abc"}, "logs record 1 is damaged: minutes"),
    ("2026-11", "logs", {"logged_at": 5}, "logs record 1 is damaged: logged_at 5 is not a date and time"),
    ("2026-11", "logs", {"blob": "x" * 1000}, 'logs record 1 is damaged: unknown field "blob"'),
    ("2026-11", "checkins", {"morning_pain": None}, "checkins record 1 is damaged: morning_pain null"),
    ("2026-11", "checkins", {"swelling": "yes"}, 'checkins record 1 is damaged: swelling "yes" is not true'),
    ("2026-11", "checkins", {"date": "2026-11-25"}, None),  # a valid change is read as it is
    ("main", "flares", {"date": 5}, "flares record 1 is damaged: date 5 is not a YYYY-MM-DD date"),
    ("main", "plan", {"plan": {"template": {}, "start": "2026-11-23"}}, "plan record 1 is damaged"),
])
def test_a_damaged_record_is_one_line_naming_file_and_record(data_dir, part, table, changes, why):
    store = Store.open(data_dir)
    store.set_plan(a_plan(), "plan")
    store.add_log(log())
    store.add_checkin(CheckIn(DAY, 3))
    store.set_flare(DAY, True)
    path = _damage(store, part, table, **changes)
    fresh = Store.open(data_dir)
    readers = {"logs": fresh.logs, "checkins": fresh.checkins, "flares": fresh.flares,
               "plan": fresh.get_plan}
    if why is None:
        assert [c.date for c in fresh.checkins()] == [dt.date(2026, 11, 25)]
        return
    with pytest.raises(StorageError) as err:
        readers[table]()
    message = str(err.value)
    assert why in message and "\n" not in message
    assert message.startswith(str(path) if table != "plan" else str(data_dir))


def test_two_checkins_on_one_date_in_a_file_are_refused(data_dir):
    store = Store.open(data_dir)
    store.add_checkin(CheckIn(DAY, 3))
    store.add_checkin(CheckIn(DAY - dt.timedelta(days=1), 3))
    manifest = orjson.loads((data_dir / MANIFEST_NAME).read_bytes())
    path = data_dir / manifest["parts"]["2026-11"]["file"]
    data = orjson.loads(path.read_bytes())
    for doc in data["checkins"].values():
        doc["date"] = DAY.isoformat()
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(StorageError, match="a second checkin for 2026-11-24"):
        Store.open(data_dir).checkins()


def test_three_backup_manifests_rotate(data_dir):
    store = Store.open(data_dir)
    for n in range(5):
        store.add_log(log(note=str(n)))
    assert [p.name for p in store.backups()] == [f"{MANIFEST_NAME}.bak{n}" for n in (1, 2, 3)]
    older = orjson.loads(store.backups()[0].read_bytes())
    assert older["generation"] == orjson.loads(store.path.read_bytes())["generation"] - 1


def test_the_undo_stack_is_bounded(data_dir):
    store = Store.open(data_dir)
    for n in range(60):
        store.add_log(log(note=str(n)))
    undone = 0
    while store.undo() is not None:
        undone += 1
    assert undone == 50 and len(store.logs()) == 10


def test_a_failing_transaction_commits_nothing(data_dir):
    store = Store.open(data_dir)
    store.add_log(log(note="kept"))
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as txn:
        store.table(txn, "2026", "logs").truncate()
        raise RuntimeError("stop")
    assert store.path.read_bytes() == before and [e.note for e in store.logs()] == ["kept"]


def test_the_store_never_writes_what_it_could_not_read_back(data_dir):
    store = Store.open(data_dir)
    # The core refuses these dates too; the Store's guard holds even if a record slips by.
    entry, check = log(), CheckIn(DAY, 2)
    object.__setattr__(entry, "date", dt.date(9999, 12, 31))
    object.__setattr__(check, "date", dt.date(2300, 1, 1))
    with pytest.raises(StorageError, match=r"refusing to store a log .* date"):
        store.add_log(entry)
    with pytest.raises(StorageError, match="refusing to store a check-in"):
        store.add_checkin(check)
    with pytest.raises(StorageError, match="refusing to store a plan"):
        store.set_plan(Plan.start_from_template(a_plan().template, dt.date(9999, 1, 1)), "x")
    assert store.logs() == [] and not store.path.exists()
