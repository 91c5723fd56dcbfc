"""Damaged data files through the real CLI: every command says what is wrong and
where the newest backup is, nothing overwrites the file, `rehab doctor` reports,
and `rehab doctor --restore-backup` recovers while keeping the damaged file."""

from __future__ import annotations

import fcntl
import json
import os
import re
import stat
import subprocess
import time
from pathlib import Path

import pytest

CASES = ["truncated", "not-json", "wrong-version", "empty", "damaged-record"]


def damage(path: Path, case: str) -> bytes:
    good = path.read_bytes()
    data = json.loads(good)
    if case == "truncated":
        bad = good[: len(good) * 2 // 3]
    elif case == "not-json":
        bad = b"<html>oops, an editor saved the wrong buffer</html>\n"
    elif case == "wrong-version":
        data["meta"]["1"]["version"] = 99
        bad = json.dumps(data).encode()
    elif case == "empty":
        bad = b""
    else:
        data["logs"][next(iter(data["logs"]))] = "lost"
        bad = json.dumps(data).encode()
    path.write_bytes(bad)
    return bad


def one_line(res, code: int = 1) -> str:
    assert res.code == code, res
    assert "Traceback" not in res.err
    lines = res.err.splitlines()
    assert len(lines) == 1, res.err
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def used(rehab):
    """A data dir with a plan, three logs and a check-in (so three backups exist)."""
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    for note in ("a", "b", "c"):
        assert rehab("log", "ice-pack", "--note", note).code == 0
    assert rehab("checkin", "--morning-pain", "3").code == 0
    return rehab


@pytest.mark.parametrize("case", CASES)
def test_damaged_file_commands_refuse_doctor_reports_restore_recovers(used, case):
    rehab = used
    path = rehab.data_dir / "rehab.json"
    bak1 = rehab.data_dir / "rehab.json.bak1"
    bad = damage(path, case)
    before = snapshot(rehab.data_dir)

    for args in (["history"], ["week"], ["plan", "show"], ["log", "ice-pack"],
                 ["checkin", "--morning-pain", "2"], ["undo"], ["history", "--json"]):
        line = one_line(rehab(*args))
        assert line.startswith(f"rehab: {path}: "), line
        assert f"newest backup: {bak1}" in line
        assert "rehab doctor --restore-backup" in line
        if case == "wrong-version":
            assert "newer rehab-planner" in line and "99" in line
        assert snapshot(rehab.data_dir) == before, f"{args} changed the data folder"

    report = rehab("doctor")
    assert report.code == 1 and "Traceback" not in report.err
    problem = [l for l in report.out.splitlines() if l.startswith("PROBLEM")]
    assert len(problem) == 1 and str(path) in problem[0]
    assert "fix: rehab doctor --restore-backup (puts rehab.json.bak1 back" in report.out
    assert report.out.rstrip().endswith("1 problem found")
    assert snapshot(rehab.data_dir) == before, "doctor changed something"

    expected = bak1.read_bytes()
    res = rehab("doctor", "--restore-backup")
    assert res.code == 0, res
    assert f"restored {path} from rehab.json.bak1" in res.out
    aside = Path(re.search(r"kept as (\S+)", res.out).group(1))
    assert re.fullmatch(r"rehab\.json\.broken-\d{8}-\d{6}", aside.name)
    assert aside.read_bytes() == bad
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert path.read_bytes() == expected
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # bak1 held the state before the last change (the check-in): the logs are back.
    hist = rehab("history", "--json").json()
    assert [s["note"] for s in hist["sessions"]] == ["a", "b", "c"]
    assert rehab("doctor").code == 0
    assert rehab("log", "ice-pack", "--note", "d").code == 0
    assert aside.read_bytes() == bad  # never touched again
    line = one_line(rehab("doctor", "--restore-backup"))
    assert "loads fine; nothing to restore" in line


def test_restore_skips_a_damaged_newest_backup(used):
    rehab = used
    path = rehab.data_dir / "rehab.json"
    damage(path, "not-json")
    (rehab.data_dir / "rehab.json.bak1").write_bytes(b"{")
    expected = (rehab.data_dir / "rehab.json.bak2").read_bytes()
    out = rehab("doctor").out
    assert "note    backup rehab.json.bak1: not valid JSON" in out
    assert "puts rehab.json.bak2 back" in out
    res = rehab("doctor", "--restore-backup")
    assert res.code == 0 and "from rehab.json.bak2" in res.out
    assert path.read_bytes() == expected


def test_restore_with_no_loadable_backup_changes_nothing(used):
    rehab = used
    damage(rehab.data_dir / "rehab.json", "truncated")
    for n in (1, 2, 3):
        (rehab.data_dir / f"rehab.json.bak{n}").write_bytes(b"")
    before = snapshot(rehab.data_dir)
    report = rehab("doctor")
    assert report.code == 1 and "no backup loads; to start afresh, keep the file aside" in report.out
    line = one_line(rehab("doctor", "--restore-backup"))
    assert "no backup of" in line and "loads (3 found); nothing was changed" in line
    assert snapshot(rehab.data_dir) == before


def test_missing_data_file_with_backups(used):
    rehab = used
    path = rehab.data_dir / "rehab.json"
    path.unlink()
    report = rehab("doctor")
    assert report.code == 1 and "is missing but a backup exists" in report.out
    res = rehab("doctor", "--restore-backup")
    assert res.code == 0 and "kept as" not in res.out
    assert len(rehab("history", "--json").json()["sessions"]) == 3


def test_restore_waits_for_the_lock(used):
    """A writer holding the lock is never raced: restore starts when it lets go."""
    rehab = used
    damage(rehab.data_dir / "rehab.json", "not-json")
    env = {**os.environ, "REHAB_DATA_DIR": str(rehab.data_dir)}
    with open(rehab.data_dir / "rehab.json.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = subprocess.Popen([*rehab.command, "doctor", "--restore-backup"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        assert proc.poll() is None, "restore did not wait for the lock"
        assert not list(rehab.data_dir.glob("rehab.json.broken-*"))
        fcntl.flock(lock, fcntl.LOCK_UN)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "restored" in out


def test_doctor_on_a_healthy_and_a_fresh_dir(rehab, used):
    res = rehab("doctor")
    assert res.code == 0, res
    assert "1 check-in," in res.out and "3 logged sessions" in res.out
    assert res.out.rstrip().endswith("no problems found")
    assert "PROBLEM" not in res.out
    data = rehab("doctor", "--json").json()
    assert data["problems"] == 0 and {c["status"] for c in data["checks"]} <= {"ok", "note"}


def test_doctor_on_a_missing_dir_creates_nothing(rehab):
    res = rehab("doctor")
    assert res.code == 0 and "no data yet" in res.out
    assert not rehab.data_dir.exists()


def test_doctor_flags_open_permissions_and_notes_temp_files(used):
    rehab = used
    path = rehab.data_dir / "rehab.json"
    os.chmod(path, 0o644)
    os.chmod(rehab.data_dir, 0o755)
    (rehab.data_dir / ".rehab.json.tmp.123.abcd").write_bytes(b"{")
    res = rehab("doctor")
    assert res.code == 1
    assert f"fix: chmod 600 {path}" in res.out
    assert f"fix: chmod 700 {rehab.data_dir}" in res.out
    assert "1 temp file(s) left by an interrupted save" in res.out
    assert res.out.rstrip().endswith("2 problems found")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # doctor only looks


def test_doctor_reports_a_bad_template_in_the_library(used):
    rehab = used
    lib = rehab.data_dir / "templates"
    lib.mkdir(exist_ok=True)
    (lib / "broken.json").write_text('{"format": "rehab-planner/template", "version": 1}')
    res = rehab("doctor")
    assert res.code == 1
    line = next(l for l in res.out.splitlines() if l.startswith("PROBLEM"))
    assert "broken.json" in line and "skipped" in line


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the file to another uid")
def test_doctor_refuses_another_users_file(used):
    rehab = used
    path = rehab.data_dir / "rehab.json"
    os.chown(path, 4321, 4321)
    res = rehab("doctor")
    assert res.code == 1 and "belongs to uid 4321, not you" in res.out
    line = one_line(rehab("doctor", "--restore-backup"))
    assert "owned by uid 4321" in line


def test_damaged_archive_is_reported_and_restored(used):
    """The archive of older records (rehab-archive.json) gets the same care."""
    rehab = used
    main = rehab.data_dir / "rehab.json"
    archive = rehab.data_dir / "rehab-archive.json"
    archived = {"meta": {"1": {"format": "rehab-planner/data", "version": 1}},
                "logs": {"1": {"date": "2020-01-01", "activity": "ice-pack", "note": "old"}}}
    archive.write_text(json.dumps(archived))
    (rehab.data_dir / "rehab-archive.json.bak1").write_text(json.dumps(archived))
    for path in (archive, rehab.data_dir / "rehab-archive.json.bak1"):
        os.chmod(path, 0o600)
    report = rehab("doctor")
    assert report.code == 0, report.out
    assert "archive of older records" in report.out and "1 logged session, 0 check-ins" in report.out

    archive.write_bytes(b'{"meta": {"1": {"format": "rehab-planner/da')
    main_before = main.read_bytes()
    report = rehab("doctor")
    assert report.code == 1
    assert f"PROBLEM the archive of older records {archive}: not valid JSON" in report.out
    res = rehab("doctor", "--restore-backup")
    assert res.code == 0, res
    assert f"restored {archive} from rehab-archive.json.bak1" in res.out
    assert json.loads(archive.read_text()) == archived
    assert main.read_bytes() == main_before
    assert list(rehab.data_dir.glob("rehab-archive.json.broken-*"))
    assert rehab("doctor").code == 0
