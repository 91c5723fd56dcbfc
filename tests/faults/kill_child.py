"""Child process for the kill matrix (not collected): one storage operation, with a fault
at the N-th write-side system call made in the data dir.

usage: kill_child.py DATA_DIR OP N WHEN FAULT
  OP     log | restore | undo-restore | doctor-restore | migrate
  N      0: no fault, print the number of write-side calls to stdout at the end
  WHEN   before | after (the real call)
  FAULT  kill (SIGKILL) | ENOSPC | EIO (the call fails instead; "after" is not used)
Prints "done" after the operation returned, or "error <message>" on a StorageError.
"""

__test__ = False

import errno
import json
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

DATA_DIR = os.path.realpath(sys.argv[1])
OP, AT, WHEN, FAULT = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT
count = 0
fds: set[int] = set()


def inside(path) -> bool:
    try:
        full = os.path.realpath(os.fspath(path))
    except TypeError:
        return False
    return full == DATA_DIR or os.path.dirname(full) == DATA_DIR


def point(real, *args, **kwargs):
    global count
    count += 1
    if count == AT and FAULT == "kill" and WHEN == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    if count == AT and FAULT != "kill":
        code = getattr(errno, FAULT)
        raise OSError(code, os.strerror(code))
    try:
        return real(*args, **kwargs)
    finally:  # after the call, whether it worked or raised
        if count == AT and FAULT == "kill":
            os.kill(os.getpid(), signal.SIGKILL)


def wrap(name: str, is_ours) -> None:
    real = getattr(os, name)

    def call(*args, **kwargs):
        if is_ours(*args, **kwargs):
            result = point(real, *args, **kwargs)
            if name == "open":
                fds.add(result)
            return result
        return real(*args, **kwargs)

    setattr(os, name, call)


def _open_ours(path, flags, *a, **k):
    return bool(flags & WRITE_FLAGS) and inside(path) and not str(path).endswith(".lock")


wrap("open", _open_ours)
wrap("write", lambda fd, *a: fd in fds)
wrap("fsync", lambda fd: fd in fds or _is_dir_fd(fd))
for name in ("replace", "rename", "link"):
    wrap(name, lambda src, dst, **k: inside(dst))
wrap("unlink", lambda path, **k: inside(path))


def _is_dir_fd(fd: int) -> bool:
    try:
        return os.path.realpath(f"/proc/self/fd/{fd}") == DATA_DIR
    except OSError:
        return False


def main() -> None:
    import datetime as dt

    from tui.core.errors import RehabError
    from tui.core.records import LogEntry
    from tui.storage import Store, doctor

    try:
        if OP == "doctor-restore":
            doctor.restore_backup(Path(DATA_DIR))
        else:
            store = Store.open(Path(DATA_DIR))
            if OP == "log":
                store.add_log(LogEntry(dt.date(2026, 11, 24), "ice-pack", note="new",
                                       logged_at="2026-11-24T09:00:00"))
            elif OP == "restore":
                doc = json.loads(Path(DATA_DIR, "..", "small.json").read_text())
                store.replace_all(doc, "restore small.json", replace=True)
            elif OP == "undo-restore":
                store.undo()
    except RehabError as err:
        print("error", str(err).replace("\n", " "), flush=True)
    else:
        print("done", flush=True)
    if AT == 0:
        print("points", count, flush=True)


main()
