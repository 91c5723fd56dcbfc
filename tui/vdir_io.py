"""Writes a vdir export into a folder: new and changed files, and removes our stale ones.

The files and the decisions come from ``tui.core.exports.vdir``; each file is
written with ``tui.fileio`` (atomic, 0600). Only files that export made (its
name pattern and its mark inside) are ever replaced or removed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .core.errors import RehabError
from .core.exports.vdir import PREFIX, SUFFIX, sync_plan
from .fileio import write_text

MAX_FILE = 1 << 20


@dataclass(frozen=True)
class VdirResult:
    folder: Path
    written: int
    unchanged: int
    removed: int

    def summary(self) -> str:
        return (f"{self.folder}: {self.written} written, {self.unchanged} unchanged, "
                f"{self.removed} removed")


def _existing(folder: Path) -> dict[str, str]:
    """Our-looking files (rehab-*.ics, regular, not links) and their text."""
    out: dict[str, str] = {}
    for entry in os.scandir(folder):
        if not (entry.name.startswith(PREFIX) and entry.name.endswith(SUFFIX)):
            continue
        info = entry.stat(follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:
            out[entry.name] = ""  # not ours to touch: never replaced or removed
            continue
        with open(entry.path, "rb") as fh:
            out[entry.name] = fh.read().decode("utf-8", errors="replace")
    return out


def write_vdir(folder: Path, files: dict[str, str]) -> VdirResult:
    """Make ``folder`` hold exactly the export's files (the user's own files are left alone)."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise RehabError(f"cannot export to {folder}: it is a file; a vdir export needs a folder")
    if not folder.parent.is_dir():
        raise RehabError(f"cannot export to {folder}: folder {folder.parent} does not exist")
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        existing = _existing(folder)
    except OSError as err:
        raise RehabError(f"cannot export to {folder}: {err.strerror or err}") from None
    write, remove = sync_plan(existing, files)
    for name, text in write.items():
        write_text(folder / name, text)
    for name in remove:
        try:
            (folder / name).unlink()
        except OSError as err:
            raise RehabError(f"cannot remove {folder / name}: {err.strerror or err}") from None
    return VdirResult(folder, len(write), len(files) - len(write), len(remove))
