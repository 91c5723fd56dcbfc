"""The due cache: its format, its freshness check and its reader (stdlib only).

``rehab due`` runs on every shell prompt, so it reads a small JSON file the
store keeps current (``due-cache.json`` in the data dir: the sittings of the
next 14 days with their times, and how many sittings each session has had
logged) instead of opening the database and expanding the plan. This module
imports only ``os``, ``json`` and ``datetime`` (no pathlib, typing, tinydb,
dateutil...): the writer is ``tui.storage.due_cache``.

A cache is used only when it is fresh: same format and app version, today
inside its window, and the data dir (every entry but the cache itself: a
commit replaces a file, so its inode changes) and the config file unchanged
since it was written (and it is the config file this process reads). Anything
else means the full computation.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from . import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CACHE_NAME = "due-cache.json"
FORMAT = "rehab-planner/due-cache"
VERSION = 1
WINDOW_DAYS = 14
MAX_BYTES = 1 << 20
APP_DIR = "rehab-planner"
CONFIG_NAME = "config.toml"


def _xdg(name: str, fallback: str) -> str:
    base = os.path.expanduser(os.environ.get(name, ""))
    if not base or not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), fallback)
    return os.path.join(base, APP_DIR)


def data_dir(override: str | None = None) -> str:
    """The data dir, by the same rules as ``tui.locations.data_dir`` (no pathlib: it is slow to import)."""
    if override:
        return os.path.expanduser(override)
    env = os.environ.get("REHAB_DATA_DIR", "")
    return os.path.expanduser(env) if env else _xdg("XDG_DATA_HOME", ".local/share")


def config_file() -> str:
    """The config file's path, by the same rules as ``tui.locations.config_dir``."""
    base = os.environ.get("REHAB_CONFIG_DIR", "")
    if base:
        return os.path.join(os.path.expanduser(base), CONFIG_NAME)
    return os.path.join(_xdg("XDG_CONFIG_HOME", ".config"), CONFIG_NAME)


def _stat_key(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def data_fingerprint(data_dir: str, depth: int = 2) -> list[list[Any]]:
    """(path, inode, size, mtime) of every entry of the data dir (and of its folders, two
    levels down) except the cache's own files: any commit replaces a file, so this changes."""
    out: list[list[Any]] = []
    _scan(data_dir, "", depth, out)
    out.sort()
    return out


def _scan(folder: str, prefix: str, depth: int, out: list[list[Any]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not prefix and (entry.name == CACHE_NAME or entry.name.startswith(f".{CACHE_NAME}.")):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        out.append([prefix + entry.name, st.st_ino, st.st_size, st.st_mtime_ns])
        if depth > 1 and entry.is_dir(follow_symlinks=False):
            _scan(entry.path, f"{prefix}{entry.name}/", depth - 1, out)


def watched(paths: list[str]) -> list[list[Any]]:
    return [[p, _stat_key(p)] for p in paths]


def _read(path: str) -> Any:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        st = os.fstat(fd)
        if not (st.st_mode & 0o170000 == 0o100000 and st.st_uid == os.getuid() and st.st_size <= MAX_BYTES):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return json.loads(fh.read(MAX_BYTES + 1))
    finally:
        os.close(fd)


def read_due_cache(data_dir: str, today: dt.date) -> dict[str, Any] | None:
    """The cache document when it is fresh for ``today``, else None (then compute in full)."""
    try:
        doc = _read(os.path.join(data_dir, CACHE_NAME))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        return None
    if doc.get("app") != __version__:
        return None
    try:
        first, last = dt.date.fromisoformat(doc["from"]), dt.date.fromisoformat(doc["to"])
    except (KeyError, TypeError, ValueError):
        return None
    if not first <= today <= last:
        return None
    if doc.get("data") != data_fingerprint(data_dir):
        return None
    watches = doc.get("watch")
    # the config file this process reads must be the one the writer read (same path, unchanged)
    if not isinstance(watches, list) or [w[0] for w in watches if isinstance(w, list) and w] != [config_file()]:
        return None
    if any(
            not isinstance(w, list) or len(w) != 2 or _stat_key(str(w[0])) != w[1] for w in watches):
        return None
    return doc
