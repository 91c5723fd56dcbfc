"""Store: concurrency, crashes, undo, records (file-level cases: test_store_files.py)."""

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
from tui.storage.layout import MANIFEST_NAME as FILE_NAME

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

# ------------------------------------------------------------------- symlinks

def test_refuses_symlinked_data_file(tmp_path, data_dir):
    real = tmp_path / "elsewhere.json"
    Store.open(tmp_path / "other").add_log(log())
    real.write_bytes((tmp_path / "other" / FILE_NAME).read_bytes())
    data_dir.mkdir(mode=0o700)
    (data_dir / FILE_NAME).symlink_to(real)
    with pytest.raises(StorageError) as err:
        Store.open(data_dir).logs()
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


def test_unknown_newer_version_on_open(data_dir):
    data_dir.mkdir(mode=0o700)
    body = orjson.dumps({"format": "rehab-planner/data", "version": 4, "generation": 1,
                         "next_id": {"logs": 1, "checkins": 1}, "parts": {}})
    (data_dir / FILE_NAME).write_bytes(body)
    with pytest.raises(StorageError, match="newer"):
        Store.open(data_dir).logs()
    assert (data_dir / FILE_NAME).read_bytes() == body
    old_style = data_dir.parent / "old"
    old_style.mkdir(mode=0o700)
    (old_style / "rehab.json").write_bytes(orjson.dumps({"meta": {"1": {"format": "rehab-planner/data",
                                                                        "version": 7}}}))
    with pytest.raises(StorageError, match="newer or unknown"):
        Store.open(old_style)


# ---------------------------------------------------------------- concurrency

def _spawn(data_dir: Path, tag: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), str(data_dir), tag, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_adding_at_once_lose_nothing(data_dir):
    Store.open(data_dir)
    procs = [_spawn(data_dir, tag, 200) for tag in ("a", "b")]
    outs = [p.communicate(timeout=60) for p in procs]
    for p, (_out, errout) in zip(procs, outs, strict=True):
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


# ---------------------------------------------------------------- ownership

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


