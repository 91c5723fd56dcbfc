"""Guards at the Store's edges: the data dir it opens, the records it stores."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from tui.core.errors import RehabError, StorageError
from tui.core.records_schema import record_problem
from tui.fileio import private_dir

DIR_MODE = 0o700


def check_data_dir(path: Path) -> Path:
    """Create the data dir 0700 (parents too) or check it: a dir of yours, not a symlink."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        try:
            private_dir(path)
        except RehabError as err:
            raise StorageError(str(err)) from None
        st = os.lstat(path)
    except PermissionError:
        raise StorageError(unreachable_reason(path)) from None
    if stat.S_ISLNK(st.st_mode):
        raise StorageError(f"refusing the data directory {path}: it is a symlink; "
                           "point --data-dir (or REHAB_DATA_DIR) at the real directory")
    if not stat.S_ISDIR(st.st_mode):
        raise StorageError(f"the data directory {path} is not a directory")
    if st.st_uid != os.geteuid():
        raise StorageError(f"refusing the data directory {path}: it is owned by uid {st.st_uid}, "
                           f"not you (uid {os.geteuid()})")
    if stat.S_IMODE(st.st_mode) & 0o077:
        with contextlib.suppress(OSError):  # a read-only dir stays readable as it is
            os.chmod(path, DIR_MODE)
    return path


def closed_by_other(path: Path) -> tuple[Path, int] | None:
    """The nearest folder above ``path`` that we can see but not enter, when another user owns
    it (why ``path`` cannot even be looked at); None when no other user is the reason."""
    for folder in Path(path).parents:
        try:
            st = os.lstat(folder)
        except PermissionError:
            continue
        except OSError:
            return None
        return (folder, st.st_uid) if st.st_uid != os.geteuid() else None
    return None


def unreachable_reason(path: Path) -> str:
    """One line for a data dir that cannot be looked at (a folder above it is closed)."""
    other = closed_by_other(path)
    if other is None:
        return f"cannot look at the data directory {path}: permission denied"
    folder, uid = other
    return (f"refusing the data directory {path}: it is inside {folder}, owned by uid {uid}, "
            f"not you (uid {os.geteuid()})")


def checked(table: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A record about to be stored, refused (one line) if the schema would refuse it on load."""
    problem = record_problem(table, doc)
    if problem is not None:
        what = {"logs": "log", "checkins": "check-in", "flares": "flare day", "settings": "setting"}
        raise StorageError(f"refusing to store a {what.get(table, table)} that could not be read "
                           f"back: {problem}; nothing was changed")
    return doc
