"""The kill matrix: every multi-file operation, killed (SIGKILL) before and after each of
its write-side system calls in the data dir, and failed there with a full disk or an
I/O error, always leaves the old state or the new one whole, never a mix; doctor then
finds no problem and the next write leaves no stray file.

Operations: a log (year file + main file + manifest), a restore (every part), the undo
of a restore, doctor's restore of a damaged generation, and the version-1 migration.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.errors import RehabError
from tui.core.records import CheckIn, LogEntry
from tui.storage import Store
from tui.storage.doctor import run_checks
from tui.storage.layout import PART_FILE

CHILD = Path(__file__).with_name("kill_child.py")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "v1"
D = dt.date
TOTALS: dict[str, list[int]] = {}


def state(path: Path) -> object:
    """What a reader sees: the whole data set and the next undo, or the one-line error."""
    try:
        store = Store.open(path)
        return (json.dumps(store.export_all(), sort_keys=True), store.undo_label())
    except RehabError as err:
        return ("error", str(err))


def fill(path: Path) -> Store:
    store = Store.open(path, fsync=False)
    for year in (2024, 2025, 2026):
        store.add_log(LogEntry(D(year, 3, 1), "ice-pack", note=f"y{year}"))
        store.add_checkin(CheckIn(D(year, 3, 1), 2))
    store.set_flare(D(2026, 3, 2), True)
    store.set_footwear(["wide trainers"])
    return store


def prepare(root: Path, op: str) -> Path:
    template = root / f"template-{op}"
    if op == "migrate":
        shutil.copytree(FIXTURES / "one-year", template)
        template.chmod(0o700)
        for path in template.iterdir():  # git checks files out 0644: make them the user's own
            path.chmod(0o600)
        return template
    store = fill(template)
    small = Store.open(root / "small-src", fsync=False)
    for year in (2021, 2022, 2023):  # a restore that writes several year files
        small.add_log(LogEntry(D(year, 1, 1), "cycling", note=f"small {year}"))
    (root / "small.json").write_text(json.dumps(small.export_all()))
    if op == "undo-restore":
        store.replace_all(small.export_all(), "restore small.json", replace=True)
    if op == "doctor-restore":
        store.add_log(LogEntry(D(2026, 4, 1), "ice-pack", note="last"))
        manifest = json.loads((template / "rehab-manifest.json").read_text())
        part = template / manifest["parts"]["2026-04"]["file"]
        part.write_bytes(part.read_bytes()[:-7])
    return template


def run(template: Path, work: Path, op: str, at: int, when: str, fault: str) -> subprocess.CompletedProcess:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)
    return subprocess.run([sys.executable, str(CHILD), str(work), op, str(at), when, fault],
                          capture_output=True, text=True, timeout=60, check=False)


def tidy_after_next_write(work: Path) -> None:
    """The next commit leaves only files some generation or undo step names."""
    store = Store.open(work)
    store.add_log(LogEntry(D(2026, 5, 1), "ice-pack", note="next"))
    keep = store.datadir.referenced_files()
    stray = [p.name for p in work.iterdir()
             if (PART_FILE.match(p.name) and p.name not in keep) or p.name.endswith(".tmp")]
    assert stray == []


@pytest.mark.parametrize("op", ["log", "restore", "undo-restore", "doctor-restore", "migrate"])
def test_kill_and_fail_at_every_write_point_leaves_old_or_new(tmp_path, op):
    template = prepare(tmp_path, op)
    work = tmp_path / "work"
    shutil.copytree(template, work)
    before = state(work)
    counted = run(template, work, op, 0, "before", "kill")
    assert counted.returncode == 0 and "done" in counted.stdout, counted.stderr
    points = int(counted.stdout.split("points")[1])
    after = state(work)
    assert after[0] != "error"
    assert after != before or op == "migrate"  # a migration keeps every record as it was
    kills = consistent = 0
    for at in range(1, points + 1):
        for when in ("before", "after"):
            proc = run(template, work, op, at, when, "kill")
            assert proc.returncode == -signal.SIGKILL, (at, when, proc.stdout, proc.stderr)
            kills += 1
            seen = state(work)
            assert seen in (before, after), f"{op}: kill {when} write call {at}: a mix: {seen}"
            consistent += 1
            if seen == after or before[0] != "error":
                assert not [c for c in run_checks(work) if c.status == "problem"], (op, at, when)
                tidy_after_next_write(work)
    failed = 0
    for fault in ("ENOSPC", "EIO"):
        for at in range(1, points + 1):
            proc = run(template, work, op, at, "before", fault)
            assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
            seen = state(work)
            if "nothing was changed" in proc.stdout:
                assert seen == before, (op, fault, at, proc.stdout)
            else:
                assert seen == after, (op, fault, at, proc.stdout)
            failed += 1
    TOTALS[op] = [points, kills, consistent, failed]
    print(f"\nkill matrix {op}: {points} write points, {kills} kills, {consistent} consistent "
          f"outcomes; {failed} full-disk/I-O faults, all old-or-new")
