"""Writes that fail (full disk, read-only or locked-down directory, I/O error):
one clear line, exit 1, and the previous data intact.

In-process tests make the chosen ``os`` call fail for files in the data dir; the CLI tests run the real `rehab` entry point with
inject/sitecustomize.py on PYTHONPATH, which fails the same calls in the child.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest

from tui.core.errors import RehabError, StorageError
from tui.core.records import CheckIn, LogEntry
from tui.storage import Store

INJECT = Path(__file__).with_name("inject")
FAULTS = [
    ("write", errno.ENOSPC),
    ("write", errno.EDQUOT),
    ("open", errno.EACCES),
    ("open", errno.EROFS),
    ("fsync", errno.EIO),
    ("replace", errno.EROFS),
    ("link", errno.ENOSPC),  # backup rotation: hard link and its copy fallback both fail
]


def log(note: str) -> LogEntry:
    return LogEntry(date=dt.date(2026, 11, 24), activity="ice-pack", status="done", note=note)


def fail_in(monkeypatch, call: str, code: int, data_dir: Path) -> None:
    """Make ``call`` fail with ``code`` for writes in the data dir (the lock file spared)."""
    real = {name: getattr(os, name) for name in ("open", "write", "fsync", "replace", "link")}
    watched: set[int] = set()
    folder = os.path.realpath(data_dir)

    def boom(path=None):
        raise OSError(code, os.strerror(code), path)

    def inside(path) -> bool:
        return os.path.dirname(os.path.realpath(os.fspath(path))) == folder

    def open_(path, flags, mode=0o777, **kw):
        writing = bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if call == "open" and writing and inside(path) and not str(path).endswith(".lock"):
            boom(path)
        fd = real["open"](path, flags, mode, **kw)
        if writing and inside(path):
            watched.add(fd)
        return fd

    def write(fd, data):
        if call == "write" and fd in watched:
            real["write"](fd, bytes(data[: len(data) // 2]))
            boom()
        return real["write"](fd, data)

    def fsync(fd):
        if call == "fsync" and fd in watched:
            boom()
        return real["fsync"](fd)

    def replace(src, dst, **kw):
        if call == "replace" and inside(dst):
            boom(dst)
        return real["replace"](src, dst, **kw)

    def link(src, dst, **kw):
        if call == "link" and inside(dst):
            boom(dst)
        return real["link"](src, dst, **kw)

    for name, fn in (("open", open_), ("write", write), ("fsync", fsync), ("replace", replace),
                     ("link", link)):
        monkeypatch.setattr(os, name, fn)


def files(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if not p.name.endswith(".lock")}


@pytest.mark.parametrize("call,code", FAULTS, ids=[f"{c}-{errno.errorcode[e]}" for c, e in FAULTS])
def test_failed_write_raises_one_line_storage_error_and_keeps_data(data_dir, monkeypatch, call, code):
    store = Store.open(data_dir)
    store.add_log(log("one"))
    store.add_log(log("two"))
    before = store.path.read_bytes()
    fail_in(monkeypatch, call, code, data_dir)
    with pytest.raises(StorageError) as err:
        store.add_log(log("three"))
    msg = str(err.value)
    assert "\n" not in msg
    assert msg == f"cannot save in {data_dir}: {os.strerror(code)}; nothing was changed"
    # The same store keeps answering with what is on disk, not the failed write.
    assert [e.note for e in store.logs()] == ["one", "two"]
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [e.note for e in Store.open(data_dir).logs()] == ["one", "two"]
    # Once the disk is fine again, writing works, nothing was lost, no stray file is left.
    store.add_log(log("three"))
    assert [e.note for e in Store.open(data_dir).logs()] == ["one", "two", "three"]
    keep = store.datadir.referenced_files()
    assert not [n for n in files(data_dir) if n.startswith("rehab-") and n.endswith(".json")
                and n not in keep and n != "rehab-manifest.json"]


def test_failed_write_inside_a_transaction_drops_the_whole_transaction(data_dir, monkeypatch):
    store = Store.open(data_dir)
    store.add_log(log("kept"))
    before = store.path.read_bytes()
    fail_in(monkeypatch, "write", errno.ENOSPC, data_dir)
    with pytest.raises(StorageError, match="No space left on device"):
        with store.transaction():
            store.add_log(log("a"))
            store.add_checkin(CheckIn(date=dt.date(2026, 11, 24), morning_pain=2))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [e.note for e in store.logs()] == ["kept"] and store.checkins() == []
    assert store.undo_label() == "log ice-pack on 2026-11-24"


def test_a_folder_fsync_error_after_the_commit_is_reported(data_dir, monkeypatch):
    store = Store.open(data_dir)
    real = os.fsync

    def fsync(fd):
        if os.path.realpath(f"/proc/self/fd/{fd}") == os.path.realpath(data_dir):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(StorageError, match="Input/output error"):
        store.add_log(log("x"))


def test_storage_error_is_what_callers_catch():
    # The TUI and the CLI catch RehabError; a failed save must be one of those.
    assert issubclass(StorageError, RehabError)


# ------------------------------------------------------------------------- CLI

CLI_FAULTS = [
    ("write:ENOSPC", "No space left on device"),
    ("open:EACCES", "Permission denied"),
    ("fsync:EIO", "Input/output error"),
    ("replace:EROFS", "Read-only file system"),
]


@pytest.mark.parametrize("fault,reason", CLI_FAULTS, ids=[f for f, _ in CLI_FAULTS])
def test_cli_failed_write_is_one_line_exit_1_and_data_intact(rehab, fault, reason):
    assert rehab("log", "ice-pack", "--note", "first").code == 0
    assert rehab("checkin", "--morning-pain", "2").code == 0
    path = rehab.data_dir / "rehab-manifest.json"
    before = path.read_bytes()
    env = {"PYTHONPATH": str(INJECT), "REHAB_FAULT": fault, "REHAB_FAULT_DIR": str(rehab.data_dir)}

    for args in (["log", "ice-pack", "--note", "second"],
                 ["checkin", "--morning-pain", "5"],
                 ["undo"]):
        res = rehab(*args, env=env)
        assert res.code == 1, (args, res)
        assert res.out == ""
        assert "Traceback" not in res.err
        assert res.err == f"rehab: cannot save in {rehab.data_dir}: {reason}; nothing was changed\n", res.err
        assert path.read_bytes() == before

    hist = rehab("history", "--json").json()
    assert [s["note"] for s in hist["sessions"]] == ["first"]
    assert [c["morning_pain"] for c in hist["checkins"]] == [2]
    assert rehab("log", "ice-pack", "--note", "second").code == 0  # the disk is back


def test_cli_read_only_file_system_is_one_line(rehab):
    assert rehab("log", "ice-pack").code == 0
    before = (rehab.data_dir / "rehab-manifest.json").read_bytes()
    env = {"PYTHONPATH": str(INJECT), "REHAB_FAULT": "open-all:EROFS",
           "REHAB_FAULT_DIR": str(rehab.data_dir)}
    res = rehab("log", "ice-pack", env=env)
    assert res.code == 1 and "Traceback" not in res.err
    assert res.err.count("\n") == 1 and res.err.startswith("rehab: ")
    assert "Read-only file system" in res.err
    assert (rehab.data_dir / "rehab-manifest.json").read_bytes() == before
    # A read-only data dir still serves every read command.
    assert rehab("plan", "start", "metatarsalgia-conservative").code == 0
    for args in (["week"], ["history", "--json"], ["review"], ["stats"], ["export", "--format", "csv"],
                 ["export", "--format", "json"], ["doctor"], ["templates", "list"]):
        res = rehab(*args, env=env)
        assert res.code == 0 and "Traceback" not in res.err, (args, res)


def test_a_read_only_version_1_dir_is_read_without_writing(rehab):
    import shutil

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "v1" / "one-year"
    shutil.copytree(fixture, rehab.data_dir)
    env = {"PYTHONPATH": str(INJECT), "REHAB_FAULT": "open-all:EROFS",
           "REHAB_FAULT_DIR": str(rehab.data_dir)}
    res = rehab("history", "--json", env=env)
    assert res.code == 0, res.err
    assert len(res.json()["sessions"]) == 2639
    assert not (rehab.data_dir / "rehab-manifest.json").exists()
