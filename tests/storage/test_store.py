"""Store and SafeJSONStorage: permissions, refusals, corruption, concurrency, crashes, undo."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tui.core.dose import Dose
from tui.core.errors import StorageError
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.core.templates import load_template_file
from tui.storage import Store
from tui.storage.store import FILE_NAME

PLANS = Path(__file__).resolve().parents[2] / "plans"

WORKER = Path(__file__).with_name("worker.py")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def log(day: str = "2026-11-24", **extra) -> LogEntry:
    return LogEntry(date=dt.date.fromisoformat(day), activity="ice-pack", status="done", **extra)


def checkin(day: str, pain: int) -> CheckIn:
    return CheckIn(date=dt.date.fromisoformat(day), morning_pain=pain)


def plan_named(name: str) -> Plan:
    template = load_template_file(PLANS / "metatarsalgia-conservative.json").to_dict()
    return Plan.start_from_template(template, dt.date(2026, 11, 23)).rename(name)


def days(entries) -> list[str]:
    return [e.date.isoformat() for e in entries]


# ---------------------------------------------------------------- permissions

def test_permissions_with_umask_000(data_dir):
    old = os.umask(0)
    try:
        store = Store.open(data_dir)
        store.add_log(log())
        store.add_log(log())
    finally:
        os.umask(old)
    assert mode(data_dir) == 0o700
    assert mode(store.path) == 0o600
    assert mode(data_dir / (FILE_NAME + ".lock")) == 0o600
    assert store.backups()
    for bak in store.backups():
        assert mode(bak) == 0o600


def test_existing_wide_dir_and_file_are_tightened(data_dir):
    Store.open(data_dir).add_log(log())
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / FILE_NAME, 0o644)
    store = Store.open(data_dir)
    assert mode(data_dir) == 0o700
    assert mode(store.path) == 0o600
    assert len(store.logs()) == 1


# ------------------------------------------------------------------- symlinks

def test_refuses_symlinked_data_file(tmp_path, data_dir):
    real = tmp_path / "elsewhere.json"
    Store.open(tmp_path / "other").add_log(log())
    real.write_bytes((tmp_path / "other" / FILE_NAME).read_bytes())
    data_dir.mkdir(mode=0o700)
    (data_dir / FILE_NAME).symlink_to(real)
    with pytest.raises(StorageError) as err:
        Store.open(data_dir)
    msg = str(err.value)
    assert "symlink" in msg and str(data_dir / FILE_NAME) in msg and "\n" not in msg


def test_refuses_symlinked_data_dir(tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "data"
    link.symlink_to(real)
    with pytest.raises(StorageError) as err:
        Store.open(link)
    assert "symlink" in str(err.value) and str(link) in str(err.value)
    assert list(real.iterdir()) == []


def test_file_swapped_for_symlink_later_is_refused(tmp_path, data_dir):
    store = Store.open(data_dir)
    store.add_log(log())
    target = tmp_path / "target.json"
    target.write_bytes(store.path.read_bytes())
    store.path.unlink()
    store.path.symlink_to(target)
    with pytest.raises(StorageError, match="symlink"):
        store.logs()
    with pytest.raises(StorageError, match="symlink"):
        store.add_log(log())
    assert store.path.is_symlink()


# ------------------------------------------------------------------ corruption

def _corrupt_cases(good: bytes) -> dict[str, bytes]:
    data = orjson.loads(good)
    data["meta"]["1"]["version"] = 99
    return {
        "not-json": b"this is not json at all\n",
        "truncated": good[: len(good) // 2],
        "wrong-version": orjson.dumps(data),
    }


@pytest.mark.parametrize("case", ["not-json", "truncated", "wrong-version"])
def test_corrupt_file_is_reported_and_never_overwritten(data_dir, case):
    store = Store.open(data_dir)
    for n in range(3):
        store.add_log(log(note=str(n)))
    bad = _corrupt_cases(store.path.read_bytes())[case]
    store.path.write_bytes(bad)
    newest = store.backups()[0]

    for attempt in (lambda: Store.open(data_dir), store.logs,
                    lambda: store.add_log(log()), store.undo,
                    lambda: store.set_plan(plan_named("x"), "p")):
        with pytest.raises(StorageError) as err:
            attempt()
        msg = str(err.value)
        assert "\n" not in msg
        assert str(store.path) in msg
        assert str(newest) in msg
        assert "move it aside or restore the backup" in msg
        if case == "wrong-version":
            assert "newer" in msg and "99" in msg
        assert store.path.read_bytes() == bad
    # the backups were not rotated over either
    assert orjson.loads(newest.read_bytes())["logs"]


def test_corrupt_file_without_backup(data_dir):
    data_dir.mkdir(mode=0o700)
    (data_dir / FILE_NAME).write_bytes(b"{")
    with pytest.raises(StorageError, match="no backup") as err:
        Store.open(data_dir)
    assert "move it aside" in str(err.value)
    assert (data_dir / FILE_NAME).read_bytes() == b"{"


def test_unknown_newer_version_on_open(data_dir):
    data_dir.mkdir(mode=0o700)
    body = orjson.dumps({"meta": {"1": {"format": "rehab-planner/data", "version": 2}}})
    (data_dir / FILE_NAME).write_bytes(body)
    with pytest.raises(StorageError, match="newer"):
        Store.open(data_dir)
    assert (data_dir / FILE_NAME).read_bytes() == body


def test_migration_hook(data_dir, monkeypatch):
    from tui.storage import store as store_mod

    data_dir.mkdir(mode=0o700)
    old = {"meta": {"1": {"format": "rehab-planner/data", "version": 1}},
           "logs": {"1": {"day": "2026-11-24", "activity": "ice-pack"}}}
    (data_dir / FILE_NAME).write_bytes(orjson.dumps(old))

    def v1_to_v2(data):
        data["logs"] = {k: {"date": v.pop("day"), **v} for k, v in data["logs"].items()}
        return data

    monkeypatch.setattr(store_mod, "VERSION", 2)
    monkeypatch.setitem(store_mod.MIGRATIONS, 1, v1_to_v2)
    store = Store.open(data_dir)
    [entry] = store.logs()
    assert (entry.date, entry.activity, entry.id) == (dt.date(2026, 11, 24), "ice-pack", 1)
    assert orjson.loads(store.path.read_bytes())["meta"]["1"]["version"] == 2


# ---------------------------------------------------------------- concurrency

def _spawn(data_dir: Path, tag: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), str(data_dir), tag, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_adding_at_once_lose_nothing(data_dir):
    Store.open(data_dir)
    procs = [_spawn(data_dir, tag, 200) for tag in ("a", "b")]
    outs = [p.communicate(timeout=60) for p in procs]
    for p, (out, errout) in zip(procs, outs):
        assert p.returncode == 0, errout
    acked = [int(line.split()[1]) for out, _ in outs for line in out.splitlines()
             if line.startswith("ack")]
    assert len(acked) == 400 and len(set(acked)) == 400
    logs = Store.open(data_dir).logs()
    assert len(logs) == 400
    assert len({entry.id for entry in logs}) == 400
    assert {entry.note for entry in logs} == {f"{t}-{n}" for t in "ab" for n in range(200)}


def test_killed_writer_never_corrupts_or_loses_acked_writes(data_dir):
    Store.open(data_dir)
    rng = random.Random(1234)
    acked: set[str] = set()
    for round_ in range(20):
        proc = _spawn(data_dir, f"r{round_}", 100_000)
        assert proc.stdout.readline().strip() == "ready"
        deadline_lines = rng.randint(0, 40)
        for _ in range(deadline_lines):
            line = proc.stdout.readline()
            parts = line.split()
            if parts and parts[0] == "ack":
                acked.add(f"r{round_}-{parts[2]}")
        # kill at a random moment, mid-write most of the time
        time.sleep(rng.uniform(0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=10)
        for line in rest.splitlines():  # acks printed before the kill landed
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ack":
                acked.add(f"r{round_}-{parts[2]}")
        store = Store.open(data_dir)  # always loads
        notes = {entry.note for entry in store.logs()}
        missing = acked - notes
        assert not missing, f"round {round_}: acknowledged writes lost: {sorted(missing)[:5]}"
    leftovers = [p.name for p in data_dir.iterdir() if ".tmp." in p.name]
    assert leftovers == []  # Store.open cleans temp files of killed writers


def test_second_store_sees_writes_and_inserts_without_duplicate_ids(data_dir):
    first = Store.open(data_dir)
    second = Store.open(data_dir)
    assert second.logs() == []  # warm its caches before the other writes
    a = first.add_log(log(note="first"))
    assert [e.note for e in second.logs()] == ["first"]
    b = second.add_log(log(note="second"))
    c = first.add_log(log(note="third"))
    assert len({a, b, c}) == 3
    for store in (first, second):
        assert [e.note for e in store.logs()] == ["first", "second", "third"]
    second.add_checkin(checkin("2026-11-24", 3))
    later = checkin("2026-11-24", 5)
    first.add_checkin(later)
    assert second.checkins() == [later]


def test_stamp_changes_on_every_write(data_dir):
    store = Store.open(data_dir)
    other = Store.open(data_dir)
    seen = {store.stamp()}
    for n in range(5):
        other.add_log(log(note=str(n)))
        assert store.stamp() not in seen
        seen.add(store.stamp())
    assert store.stamp() == other.stamp()


def test_transaction_is_atomic_and_reentrant(data_dir):
    store = Store.open(data_dir)
    before = store.path.read_bytes()
    with store.transaction():
        store.add_log(log(note="x"))
        store.add_log(log(note="y"))
        assert store.path.read_bytes() == before  # written once, at the end
    assert [e.note for e in store.logs()] == ["x", "y"]
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_log(log(note="dropped"))
            raise RuntimeError("boom")
    assert [e.note for e in store.logs()] == ["x", "y"]
    assert [e.note for e in Store.open(data_dir).logs()] == ["x", "y"]


def test_backups_rotate_and_keep_three(data_dir):
    store = Store.open(data_dir)
    for n in range(6):
        store.add_log(log(note=str(n)))
    baks = store.backups()
    assert [b.name for b in baks] == [f"{FILE_NAME}.bak{n}" for n in (1, 2, 3)]
    counts = [len(orjson.loads(b.read_bytes()).get("logs", {})) for b in baks]
    assert counts == [5, 4, 3]


# ------------------------------------------------------------------ queries

def test_logs_date_range_and_delete(data_dir):
    store = Store.open(data_dir)
    for day in ("2026-11-20", "2026-11-23", "2026-11-24", "2026-11-30"):
        store.add_log(log(day))
    got = store.logs(dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert days(got) == ["2026-11-23", "2026-11-24"]
    assert store.delete_log(got[0].id)
    assert not store.delete_log(999)
    assert days(store.logs()) == ["2026-11-20", "2026-11-24", "2026-11-30"]
    assert store.undo() is not None
    assert days(store.logs()) == ["2026-11-20", "2026-11-23", "2026-11-24", "2026-11-30"]
    assert store.logs(start=dt.date(2026, 11, 24))[0].id == 3


def test_returned_records_are_copies(data_dir):
    store = Store.open(data_dir)
    saved = plan_named("P")
    store.set_plan(saved, "plan")
    plan = store.get_plan()
    plan.template["phases"].append(2)
    assert store.get_plan().to_dict() == saved.to_dict()
    store.add_log(log())
    with pytest.raises(AttributeError):
        store.logs()[0].activity = "changed"  # type: ignore[misc]
    assert store.logs()[0].activity == "ice-pack"


# -------------------------------------------------------------------- undo

def test_undo_each_kind(data_dir):
    store = Store.open(data_dir)
    assert store.undo() is None
    store.set_plan(plan_named("A"), "start plan A")
    store.set_plan(plan_named("B"), "edit plan")
    store.add_checkin(checkin("2026-11-24", 2))
    store.add_checkin(checkin("2026-11-24", 6))
    store.set_flare(dt.date(2026, 11, 24), True)
    store.add_log(log(note="n"), label="log ice")

    assert store.undo() == "log ice" and store.logs() == []
    assert store.undo() is not None and store.flares() == set()
    assert store.undo() is not None and store.checkins()[0].morning_pain == 2
    assert store.undo() is not None and store.checkins() == []
    assert store.undo() == "edit plan" and store.get_plan().name == "A"
    assert store.undo() == "start plan A" and store.get_plan() is None
    assert store.undo() is None


def test_undo_flare_off_and_other_process_sees_undo(data_dir):
    store = Store.open(data_dir)
    other = Store.open(data_dir)
    store.set_flare(dt.date(2026, 11, 20), True)
    store.set_flare(dt.date(2026, 11, 20), False)
    assert other.flares() == set()
    assert other.undo() is not None
    assert store.flares() == {dt.date(2026, 11, 20)}


def test_undo_stack_is_bounded(data_dir):
    store = Store.open(data_dir, fsync=False)
    with store.transaction():
        for n in range(60):
            store.add_log(log(note=str(n)), label=f"L{n}")
    labels = [store.undo() for _ in range(51)]
    assert labels[0] == "L59" and labels[49] == "L10" and labels[50] is None
    assert [e.note for e in store.logs()] == [str(n) for n in range(10)]


# ---------------------------------------------------------------- ownership

@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to chown to another uid")
def test_refuses_file_or_dir_owned_by_another_user(tmp_path):
    data = tmp_path / "data"
    Store.open(data).add_log(log())
    os.chown(data / FILE_NAME, 4321, 4321)
    with pytest.raises(StorageError, match="owned by uid 4321"):
        Store.open(data)
    os.chown(data / FILE_NAME, 0, 0)
    os.chown(data, 4321, 4321)
    with pytest.raises(StorageError, match="owned by uid 4321") as err:
        Store.open(data)
    assert str(data) in str(err.value)


def test_edit_plan_rebases_on_another_sessions_change_and_flags_conflict(data_dir):
    a = Store.open(data_dir)
    b = Store.open(data_dir)
    a.set_plan(plan_named("P").set_dose("settle-ice", Dose(minutes=10))
               .set_dose("settle-cycling", Dose(minutes=10)), "start")
    seen_a = a.plan_revision()
    seen_b = b.plan_revision()
    assert seen_a == seen_b == 1

    def dose(sid, value):
        return lambda plan: plan.set_dose(sid, Dose(minutes=value))

    def doses(store):
        plan = store.get_plan()
        return {sid: plan.session_spec(sid)["dose"]["minutes"] for sid in ("settle-ice", "settle-cycling")}

    first = b.edit_plan(dose("settle-cycling", 20), "b edits s2", seen_b)
    assert not first.conflict and first.revision == 2
    second = a.edit_plan(dose("settle-ice", 5), "a edits s1", seen_a)
    assert second.conflict  # a's screen was stale
    assert doses(a) == {"settle-ice": 5, "settle-cycling": 20}  # nothing lost
    third = b.edit_plan(dose("settle-ice", 7), "b edits s1", first.revision)
    assert third.conflict and doses(b)["settle-ice"] == 7  # same session: the later edit wins
    assert a.undo() == "b edits s1" and doses(a)["settle-ice"] == 5
    assert a.plan_revision() == 5


def test_old_history_moves_to_the_archive_and_reads_stay_whole(data_dir, monkeypatch):
    import tui.storage.store as store_mod

    monkeypatch.setattr(store_mod, "HOT_LIMIT", 30)
    monkeypatch.setattr(store_mod, "HOT_KEEP", 10)
    store = Store.open(data_dir)
    start = dt.date(2025, 1, 1)
    ids = []
    for i in range(40):
        day = (start + dt.timedelta(days=i)).isoformat()
        ids.append(store.add_log(log(day, note=f"n{i}")))
        if i % 4 == 0:
            store.add_checkin(checkin(day, i % 10))
    archive = data_dir / store_mod.ARCHIVE_NAME
    assert archive.exists() and mode(archive) == 0o600
    hot = orjson.loads((data_dir / FILE_NAME).read_bytes())
    assert len(hot["logs"]) + len(hot["checkins"]) < 30
    assert len(set(ids)) == 40 and ids == sorted(ids)  # ids stay unique and rising
    other = Store.open(data_dir)  # another session sees everything
    assert [d.note for d in other.logs()] == [f"n{i}" for i in range(40)]
    assert len(other.checkins()) == 10
    recent = other.logs(dt.date(2025, 2, 5), dt.date(2025, 2, 9))
    assert [d.note for d in recent] == [f"n{i}" for i in range(35, 40)]
    assert [d.note for d in other.logs(dt.date(2025, 1, 2), dt.date(2025, 1, 3))] == ["n1", "n2"]
    # an archived record can still be deleted, undone and replaced
    assert other.delete_log(ids[0]) and "n0" not in [d.note for d in other.logs()]
    other.undo()
    assert [d.note for d in other.logs(dt.date(2025, 1, 1), dt.date(2025, 1, 1))] == ["n0"]
    first_day = dt.date(2025, 1, 1)
    other.add_checkin(checkin("2025-01-01", 9))
    assert [c.morning_pain for c in other.checkins(first_day, first_day)] == [9]
    other.undo()
    assert [c.morning_pain for c in other.checkins(first_day, first_day)] == [0]
    exported = other.export_all()
    assert len(exported["logs"]) == 40 and len(exported["checkins"]) == 10
    fresh = Store.open(data_dir.parent / "fresh")
    fresh.replace_all(exported)
    assert len(fresh.logs()) == 40
    store.replace_all({"logs": {}}, replace=True)
    assert store.logs() == [] and store.checkins() == []


# ------------------------------------------------------- typed records (issue 9)

def test_get_and_update_log_are_undoable(data_dir):
    store = Store.open(data_dir)
    log_id = store.add_log(log(note="first", pain=2))
    assert store.get_log(log_id) == log(note="first", pain=2, logged_at=store.get_log(log_id).logged_at,
                                        id=log_id)
    assert store.get_log(999) is None
    changed = log(note="second", pain=4)
    store.update_log(log_id, changed, label="change the log")
    entry = store.get_log(log_id)
    assert (entry.note, entry.pain, entry.id) == ("second", 4, log_id)
    assert [e.id for e in store.logs()] == [log_id]
    assert store.undo() == "change the log"
    assert (store.get_log(log_id).note, store.get_log(log_id).pain) == ("first", 2)
    with pytest.raises(StorageError, match="no logged session with id 999"):
        store.update_log(999, changed)


def test_delete_checkin_is_undoable(data_dir):
    store = Store.open(data_dir)
    day = dt.date(2026, 11, 24)
    assert not store.delete_checkin(day)
    store.add_checkin(checkin("2026-11-24", 3))
    assert store.delete_checkin(day, label="drop it")
    assert store.checkins() == []
    assert store.undo() == "drop it"
    assert [c.morning_pain for c in store.checkins()] == [3]


def _damage(store: Store, table: str, key: str, **changes) -> None:
    data = orjson.loads(store.path.read_bytes())
    data[table][key].update(changes)
    store.path.write_bytes(orjson.dumps(data))


@pytest.mark.parametrize("table, changes, why", [
    ("logs", {"pain": "7"}, 'logs record 1 is damaged: pain "7" is not a whole number from 0 to 10'),
    ("logs", {"date": "2026-13-01"}, 'logs record 1 is damaged: date "2026-13-01" is not a YYYY-MM-DD date'),
    ("logs", {"status": "maybe"}, "logs record 1 is damaged: status must be one of done, partial, skipped"),
    ("checkins", {"morning_pain": None}, "checkins record 1 is damaged: morning pain null is not a whole"),
    ("checkins", {"swelling": "yes"}, 'checkins record 1 is damaged: swelling "yes" is not true or false'),
    ("flares", {"date": 5}, "flares record 1 is damaged: date 5 is not a YYYY-MM-DD date"),
    ("plan", {"plan": {"template": {}}}, "plan record 1 is damaged: not a valid plan"),
])
def test_a_damaged_record_is_one_line_naming_file_and_record(data_dir, table, changes, why):
    store = Store.open(data_dir)
    store.set_plan(plan_named("P"), "plan")
    store.add_log(log())
    store.add_checkin(checkin("2026-11-24", 3))
    store.set_flare(dt.date(2026, 11, 24), True)
    _damage(store, table, "1", **changes)
    readers = {"logs": store.logs, "checkins": store.checkins, "flares": store.flares, "plan": store.get_plan}
    with pytest.raises(StorageError) as err:
        readers[table]()
    message = str(err.value)
    assert message.startswith(f"{store.path}: {why}") and "\n" not in message
    if table == "logs":
        with pytest.raises(StorageError, match="logs record 1 is damaged"):
            store.get_log(1)
