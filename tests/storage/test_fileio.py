"""tui.fileio: the one atomic writer and the one safe reader; template discovery over them."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from tui import fileio
from tui.core.sources import discover_templates
from tui.fileio import (
    FileIOError,
    folder_problem,
    private_dir,
    read_regular,
    write_bytes,
)

PLANS = Path(__file__).resolve().parents[2] / "plans"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_write_is_0600_under_an_open_umask_and_leaves_no_temp(tmp_path):
    old = os.umask(0)
    try:
        target = write_bytes(tmp_path / "export.ics", b"BEGIN:VCALENDAR\n")
    finally:
        os.umask(old)
    assert mode(target) == 0o600 and target.read_bytes() == b"BEGIN:VCALENDAR\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.ics"]


def test_a_precreated_predictable_temp_name_is_neither_used_nor_read(tmp_path):
    # Another user's trap at the old name: it must stay empty and untouched.
    trap = tmp_path / f".export.csv.tmp{os.getpid()}"
    trap.write_bytes(b"")
    os.chmod(trap, 0o666)
    write_bytes(tmp_path / "export.csv", b"secret health data\n")
    assert trap.read_bytes() == b""
    assert (tmp_path / "export.csv").read_bytes() == b"secret health data\n"


def test_temp_names_are_unpredictable_and_exclusive(tmp_path, monkeypatch):
    seen: list[str] = []
    real = fileio.create_exclusive

    def spy(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        seen.append(name)
        return fd, name

    monkeypatch.setattr(fileio, "create_exclusive", spy)
    write_bytes(tmp_path / "a.json", b"1")
    write_bytes(tmp_path / "a.json", b"2")
    assert len(set(seen)) == 2 and all(str(os.getpid()) not in Path(n).name for n in seen)


def test_create_exclusive_is_0600_new_and_never_follows_a_link(tmp_path, monkeypatch):
    old = os.umask(0)
    try:
        fd, name = fileio.create_exclusive(tmp_path, ".x.", ".tmp")
    finally:
        os.umask(old)
    os.close(fd)
    assert stat.S_IMODE(os.stat(name).st_mode) == 0o600 and Path(name).name.startswith(".x.")
    # A name already there (a file or a planted link) is never opened: another name is drawn.
    target = tmp_path / "target"
    target.write_bytes(b"keep")
    first, second = bytes(12), bytes([1] * 12)
    draws = iter([first, second])
    planted = tmp_path / f".x.{first.hex()}.tmp"
    planted.symlink_to(target)
    monkeypatch.setattr(fileio.os, "urandom", lambda n: next(draws))
    fd, name = fileio.create_exclusive(tmp_path, ".x.", ".tmp")
    os.close(fd)
    assert name == str(tmp_path / f".x.{second.hex()}.tmp")
    assert target.read_bytes() == b"keep" and planted.is_symlink()


def test_a_folder_fsync_error_is_reported_not_ignored(tmp_path, monkeypatch):
    real = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        return real(fd)

    monkeypatch.setattr(fileio.os, "fsync", fsync)
    with pytest.raises(FileIOError, match=r"cannot write .*out\.md: Input/output error"):
        write_bytes(tmp_path / "out.md", b"x")


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_and_removes_the_temp(tmp_path, monkeypatch, call):
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")

    def boom(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, call, boom)
    with pytest.raises(FileIOError, match="No space left on device"):
        write_bytes(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_writing_through_a_symlink_is_refused(tmp_path):
    (tmp_path / "real").write_text("x")
    (tmp_path / "link.json").symlink_to(tmp_path / "real")
    with pytest.raises(FileIOError, match="symlink"):
        write_bytes(tmp_path / "link.json", b"y")
    assert (tmp_path / "real").read_text() == "x"


def test_private_dir_makes_every_missing_parent_0700_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        made = private_dir(tmp_path / "a" / "b" / "c")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", made):
        assert mode(folder) == 0o700
    assert mode(tmp_path) != 0 and private_dir(made) == made  # existing: left alone


# ----------------------------------------------------------------------- reads

def test_read_regular_reads_a_regular_file(tmp_path):
    (tmp_path / "t.json").write_bytes(b"{}")
    assert read_regular(tmp_path / "t.json", 10) == b"{}"


def _in_thread(fn, *args):
    """Run fn in a thread; fail (not hang) if it does not return within 10 s."""
    box: dict = {}

    def run():
        try:
            box["value"] = fn(*args)
        except BaseException as err:
            box["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), f"{fn.__name__} blocked"
    return box


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    box = _in_thread(read_regular, fifo, 1000)
    assert isinstance(box.get("error"), FileIOError)
    assert "FIFO" in str(box["error"]) and "\n" not in str(box["error"])


@pytest.mark.parametrize("target", ["/dev/tty", "/dev/zero", "/dev/null"])
def test_a_symlink_to_a_device_is_refused(tmp_path, target):
    link = tmp_path / "x.json"
    link.symlink_to(target)
    box = _in_thread(read_regular, link, 1000)
    assert "symlink" in str(box.get("error"))


def test_a_device_is_refused_without_reading_it():
    box = _in_thread(read_regular, Path("/dev/zero"), 64 * 1024 * 1024)
    assert "device" in str(box.get("error"))


def test_a_folder_and_a_missing_file_are_one_line(tmp_path):
    with pytest.raises(FileIOError, match="is a folder"):
        read_regular(tmp_path, 10)
    with pytest.raises(FileIOError, match="no such file"):
        read_regular(tmp_path / "nope.json", 10)


def test_the_size_cap_is_checked_before_reading(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB that cost nothing to make
    with pytest.raises(FileIOError, match="too large for a backup"):
        read_regular(big, 1024, "backup")


# ----------------------------------------------------------------- templates

def _template(template_id: str) -> bytes:
    data = json.loads((PLANS / "metatarsalgia-conservative.json").read_text())
    data["id"], data["name"] = template_id, f"Plan {template_id}"
    return json.dumps(data).encode()


def test_discovery_skips_fifos_and_tty_links_without_hanging(tmp_path):
    shared = tmp_path / "clinic"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    os.mkfifo(shared / "a-fifo.json")
    (shared / "b-tty.json").symlink_to("/dev/tty")
    (shared / "c-good.json").write_bytes(_template("clinic-good"))
    box = _in_thread(lambda: discover_templates(PLANS, [shared], tmp_path / "mine",
                                                read=fileio.read_template_bytes,
                                                folder_problem=folder_problem))
    catalog = box["value"]
    assert "clinic-good" in catalog
    assert any("a-fifo.json" in p and "FIFO" in p for p in catalog.problems)
    assert any("b-tty.json" in p and "symlink" in p for p in catalog.problems)


def test_a_shared_template_never_takes_a_built_in_id(tmp_path):
    shared = tmp_path / "clinic"
    shared.mkdir()
    (shared / "x.json").write_bytes(_template("metatarsalgia-conservative"))
    catalog = discover_templates(PLANS, [shared], tmp_path / "mine", read=fileio.read_template_bytes)
    assert catalog["metatarsalgia-conservative"].origin == "built-in"
    assert any("x.json" in p and "built-in" in p for p in catalog.problems)


def test_a_shared_folder_writable_by_others_is_reported(tmp_path):
    shared = tmp_path / "clinic"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert "writable by everyone" in folder_problem(shared)
    os.chmod(shared, 0o775)
    assert "writable by its group" in folder_problem(shared)
    os.chmod(shared, 0o755)
    assert folder_problem(shared) is None
    os.chmod(shared, 0o777)
    catalog = discover_templates(PLANS, [shared], tmp_path / "mine",
                                 read=fileio.read_template_bytes, folder_problem=folder_problem)
    assert any("writable by everyone" in p for p in catalog.problems)


def test_a_new_data_dir_and_its_parents_are_0700_under_umask_000(tmp_path):
    from tui.storage import Store

    old = os.umask(0)
    try:
        Store.open(tmp_path / "x" / "y" / "data").close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "x", tmp_path / "x" / "y", tmp_path / "x" / "y" / "data"):
        assert mode(folder) == 0o700, folder


def test_a_file_written_in_pieces_is_all_or_nothing(tmp_path):
    """write_bytes with a Fill (the json backup, a few years at a time): the pieces make the
    file; a full disk half-way keeps the old file and leaves no temp file."""
    target = tmp_path / "backup.json"
    write_bytes(target, lambda write: [write(piece) for piece in ("{", '"a": 1', "}\n")] and None)
    assert target.read_text() == '{"a": 1}\n'

    def full_disk(write):
        write("{" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(FileIOError, match=r"^cannot write .*backup\.json: No space left on device$"):
        write_bytes(target, full_disk)
    assert target.read_text() == '{"a": 1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json"]
