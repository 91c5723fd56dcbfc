"""Writing the files a user asks for (templates, exports), from the CLI and the app.

Atomic (temp file, fsync, replace), 0600, never through a symlink at the temp
name; a problem is one RehabError line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .core.errors import RehabError


def write_json(path: Path, data: dict) -> Path:
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text(path: Path, text: str) -> Path:
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise RehabError(f"cannot write {path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise RehabError(f"cannot write {path}: it is a folder; give a file name, e.g. {path / 'my-plan.json'}")
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise RehabError(f"cannot write {path}: {err.strerror or err}") from None
    return path
