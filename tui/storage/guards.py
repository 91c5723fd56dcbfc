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


def checked(table: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A record about to be stored, refused (one line) if the schema would refuse it on load."""
    problem = record_problem(table, doc)
    if problem is not None:
        what = {"logs": "log", "checkins": "check-in", "flares": "flare day", "settings": "setting"}
        raise StorageError(f"refusing to store a {what.get(table, table)} that could not be read "
                           f"back: {problem}; nothing was changed")
    return doc
