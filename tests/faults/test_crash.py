"""SIGKILL a writer at random moments, many times: the data file always loads
and every acknowledged write is in it.

The writer (writer.py) prints an "ack" line only after Store returned from a
write, so an acknowledged record must survive a kill at any later instant:
between writes, while the temp file is written or fsynced, while the backups
rotate, or just before the rename.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import pytest

from tui.core.records import LogEntry
from tui.storage import Store
from tui.storage.layout import MANIFEST_NAME as FILE_NAME

WRITER = Path(__file__).with_name("writer.py")
SEED = int(os.environ.get("REHAB_CRASH_SEED", "20261124"))
KILLS = 40


class Writer:
    """A writer process whose ack lines are collected by a thread as they arrive."""

    def __init__(self, data_dir: Path, tag: str, count: int = 1_000_000) -> None:
        self.tag = tag
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), tag, str(count)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            line = line.strip()
            if line == "ready":
                self.ready.set()
            elif line.startswith("ack "):
                self.lines.append(line)
        self.ready.set()

    def wait_ready(self) -> None:
        assert self.ready.wait(30), "the writer never started"
        assert self.proc.poll() is None, self.proc.stderr.read()

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.finish()

    def finish(self, timeout: float = 60) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(10)
        self.proc.stderr.close()
        return code


class Acked:
    """What the writers acknowledged, to compare with what the file holds."""

    def __init__(self) -> None:
        self.logs: set[str] = set()
        self.checkins: dict[str, int] = {}

    def add(self, lines: list[str]) -> None:
        for line in lines:
            parts = line.split()
            if parts[1] == "log":
                self.logs.add(parts[2])
            else:
                self.checkins[parts[2]] = int(parts[3])

    def assert_all_present(self, data_dir: Path, where: str) -> Store:
        # The raw file parses on its own, before Store.open tidies anything.
        raw = orjson.loads((data_dir / FILE_NAME).read_bytes())
        assert raw["format"] == "rehab-planner/data" and raw["version"] == 3, where
        for bak in sorted(data_dir.glob(FILE_NAME + ".bak*")):
            orjson.loads(bak.read_bytes())  # backups are whole files too
        for part in raw["parts"].values():
            orjson.loads((data_dir / part["file"]).read_bytes())  # every listed file whole
        store = Store.open(data_dir)
        logs = store.logs()
        notes = [entry.note for entry in logs]
        assert len(notes) == len(set(notes)), f"{where}: a write was applied twice"
        assert len({entry.id for entry in logs}) == len(logs), f"{where}: duplicate ids"
        missing = self.logs - set(notes)
        assert not missing, f"{where}: acknowledged logs lost: {sorted(missing)[:5]}"
        checkins = {c.date.isoformat(): c.morning_pain for c in store.checkins()}
        lost = {d: p for d, p in self.checkins.items() if checkins.get(d) != p}
        assert not lost, f"{where}: acknowledged check-ins lost or changed: {list(lost)[:5]}"
        return store


def _seq_index(note: str) -> int:
    return int(note.rsplit("-", 1)[1])


def test_sigkill_at_random_moments_loses_no_acknowledged_write(data_dir):
    Store.open(data_dir)
    rng = random.Random(SEED)
    acked = Acked()
    total_acks = 0
    mid_write_kills = 0
    started = time.monotonic()
    for round_no in range(KILLS):
        tag = f"r{round_no}"
        writer = Writer(data_dir, tag)
        writer.wait_ready()
        # Mostly short delays, now and then a long stream of writes first.
        delay = rng.choice([rng.uniform(0, 0.05), rng.uniform(0.05, 0.3), rng.uniform(0.3, 0.8)])
        time.sleep(delay)
        writer.kill()
        assert writer.proc.returncode == -signal.SIGKILL
        acked.add(writer.lines)
        total_acks += len(writer.lines)
        where = f"seed {SEED}, round {round_no} (after {len(writer.lines)} acks, {delay:.3f} s)"
        store = acked.assert_all_present(data_dir, where)

        # Nothing beyond the acknowledged prefix, except the one write in flight.
        present = sorted(_seq_index(e.note) for e in store.logs()
                         if e.note.startswith(tag + "-"))
        present += sorted(_seq_index(c.note) for c in store.checkins()
                          if c.note.startswith(tag + "-"))
        n_acked = len(writer.lines)
        assert sorted(present) in (list(range(n_acked)), list(range(n_acked + 1))), where
        if len(present) == n_acked + 1:
            mid_write_kills += 1  # killed after the rename but before the ack
        store.close()
    elapsed = time.monotonic() - started
    print(f"\ncrash test: {KILLS} kills, {total_acks} acknowledged writes, "
          f"{mid_write_kills} kills between rename and ack, {elapsed:.1f} s (seed {SEED})")
    assert total_acks > KILLS * 5, "the writers hardly wrote: the kills tested too little"


def test_killing_one_of_two_writers_loses_nothing_of_either(data_dir):
    """The survivor keeps writing through its partner's death (the lock is freed)."""
    Store.open(data_dir)
    rng = random.Random(SEED + 1)
    acked = Acked()
    for round_no in range(8):
        victim = Writer(data_dir, f"r{2 * round_no}")
        survivor = Writer(data_dir, f"r{2 * round_no + 1}", count=60)
        victim.wait_ready()
        survivor.wait_ready()
        time.sleep(rng.uniform(0, 0.3))
        victim.kill()
        assert survivor.finish() == 0
        acked.add(victim.lines)
        acked.add(survivor.lines)
        assert len(survivor.lines) == 60
        acked.assert_all_present(data_dir, f"seed {SEED + 1}, round {round_no}").close()


@pytest.mark.parametrize("when", ["before-rename", "after-temp-written"])
def test_kill_inside_the_write_path_keeps_previous_state(data_dir, when):
    """Deterministic: the writer dies at a chosen point inside the commit."""
    store = Store.open(data_dir)
    store.add_log(LogEntry(dt.date(2026, 11, 24), "ice-pack", note="kept"))
    before = store.path.read_bytes()
    hook = {"before-rename": "replace", "after-temp-written": "fsync"}[when]
    code = f"""
import datetime as dt, os, signal, sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from pathlib import Path
from tui.core.records import LogEntry
from tui.storage import Store
store = Store.open(Path({str(data_dir)!r}))
def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
os.{hook} = die
store.add_log(LogEntry(dt.date(2026, 11, 24), "ice-pack", note="lost"))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert store.path.read_bytes() == before
    reopened = Store.open(data_dir)
    assert [e.note for e in reopened.logs()] == ["kept"]
    reopened.add_log(LogEntry(dt.date(2026, 11, 25), "ice-pack", note="next"))
    keep = reopened.datadir.referenced_files()
    assert not [p.name for p in data_dir.iterdir() if p.name.startswith("rehab-20")
                and p.name not in keep]  # the dead writer's new file is gone
