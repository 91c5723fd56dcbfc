"""Writes that fail (full disk, read-only or locked-down directory, I/O error):
one clear line, exit 1, and the previous data intact.

In-process tests swap the ``os`` module seen by tui.storage.jsonstore for one
whose chosen call fails; the CLI tests run the real `rehab` entry point with
inject/sitecustomize.py on PYTHONPATH, which fails the same calls in the child.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import types
from pathlib import Path

import pytest

from tui.core.errors import RehabError, StorageError
from tui.core.records import CheckIn, LogEntry
from tui.storage import Store, jsonstore

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


def failing_os(call: str, code: int, data_dir: Path) -> types.SimpleNamespace:
    """The os module, except that ``call`` fails with ``code`` for data-dir writes."""
    fake = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os)
                                    if not name.startswith("__")})
    watched: set[int] = set()

    def boom(path=None):
        raise OSError(code, os.strerror(code), path)

    def inside(path) -> bool:
        return Path(os.fspath(path)).parent == data_dir

    def open_(path, flags, mode=0o777, **kw):
        writing = bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if call == "open" and writing and inside(path) and not str(path).endswith(".lock"):
            boom(path)
        fd = os.open(path, flags, mode, **kw)
        if writing and ".tmp." in str(path):
            watched.add(fd)
        return fd

    def write(fd, data):
        if call == "write" and fd in watched:
            os.write(fd, bytes(data[: len(data) // 2]))
            boom()
        return os.write(fd, data)

    def fsync(fd):
        if call == "fsync" and fd in watched:
            boom()
        return os.fsync(fd)

    def replace(src, dst, **kw):
        if call == "replace" and Path(dst).name == "rehab.json":
            boom(dst)
        return os.replace(src, dst, **kw)

    def link(src, dst, **kw):
        if call == "link":
            boom(dst)
        return os.link(src, dst, **kw)

    fake.open, fake.write, fake.fsync, fake.replace, fake.link = open_, write, fsync, replace, link
    return fake


@pytest.mark.parametrize("call,code", FAULTS, ids=[f"{c}-{errno.errorcode[e]}" for c, e in FAULTS])
def test_failed_write_raises_one_line_storage_error_and_keeps_data(data_dir, monkeypatch, call, code):
    store = Store.open(data_dir)
    store.add_log(log("one"))
    store.add_log(log("two"))
    before = store.path.read_bytes()
    backups_before = {p.name: p.read_bytes() for p in store.backups()}

    if call == "link":
        monkeypatch.setattr("shutil.copy2", lambda *a, **k: (_ for _ in ()).throw(
            OSError(code, os.strerror(code))))
    monkeypatch.setattr(jsonstore, "os", failing_os(call, code, data_dir))
    with pytest.raises(StorageError) as err:
        store.add_log(log("three"))
    msg = str(err.value)
    assert "\n" not in msg
    assert msg == f"cannot save to {store.path}: {os.strerror(code)}; nothing was changed"
    # The same store keeps answering with what is on disk, not the failed write.
    assert [e.note for e in store.logs()] == ["one", "two"]
    monkeypatch.undo()

    assert store.path.read_bytes() == before
    assert not [p.name for p in data_dir.iterdir() if ".tmp." in p.name]
    if call in ("link", "replace"):
        # The backups rotate before the rename: they may have shifted by one, the
        # current data becoming bak1, but each is still a whole file.
        for bak in store.backups():
            assert bak.read_bytes() in [before, *backups_before.values()]
    else:
        assert {p.name: p.read_bytes() for p in store.backups()} == backups_before
    # Once the disk is fine again, writing works and nothing was lost.
    store.add_log(log("three"))
    assert [e.note for e in Store.open(data_dir).logs()] == ["one", "two", "three"]


def test_failed_write_inside_a_transaction_drops_the_whole_transaction(data_dir, monkeypatch):
    store = Store.open(data_dir)
    store.add_log(log("kept"))
    before = store.path.read_bytes()
    monkeypatch.setattr(jsonstore, "os", failing_os("write", errno.ENOSPC, data_dir))
    with pytest.raises(StorageError, match="No space left on device"):
        with store.transaction():
            store.add_log(log("a"))
            store.add_checkin(CheckIn(date=dt.date(2026, 11, 24), morning_pain=2))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [e.note for e in store.logs()] == ["kept"] and store.checkins() == []
    assert store.undo_label() == "log ice-pack on 2026-11-24"


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
    path = rehab.data_dir / "rehab.json"
    before = path.read_bytes()
    env = {"PYTHONPATH": str(INJECT), "REHAB_FAULT": fault, "REHAB_FAULT_DIR": str(rehab.data_dir)}

    for args in (["log", "ice-pack", "--note", "second"],
                 ["checkin", "--morning-pain", "5"],
                 ["undo"]):
        res = rehab(*args, env=env)
        assert res.code == 1, (args, res)
        assert res.out == ""
        assert "Traceback" not in res.err
        assert res.err == f"rehab: cannot save to {path}: {reason}; nothing was changed\n", res.err
        assert path.read_bytes() == before

    hist = rehab("history", "--json").json()
    assert [s["note"] for s in hist["sessions"]] == ["first"]
    assert [c["morning_pain"] for c in hist["checkins"]] == [2]
    assert rehab("log", "ice-pack", "--note", "second").code == 0  # the disk is back


def test_cli_read_only_file_system_is_one_line(rehab):
    assert rehab("log", "ice-pack").code == 0
    before = (rehab.data_dir / "rehab.json").read_bytes()
    env = {"PYTHONPATH": str(INJECT), "REHAB_FAULT": "open-all:EROFS",
           "REHAB_FAULT_DIR": str(rehab.data_dir)}
    res = rehab("log", "ice-pack", env=env)
    assert res.code == 1 and "Traceback" not in res.err
    assert res.err.count("\n") == 1 and res.err.startswith("rehab: ")
    assert "Read-only file system" in res.err
    assert (rehab.data_dir / "rehab.json").read_bytes() == before
