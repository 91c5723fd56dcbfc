"""SafeJSONStorage: a TinyDB Storage that is safe for several processes.

- reads are served from memory while the file's stamp (mtime_ns, size, inode)
  is unchanged; otherwise the file is re-read (orjson);
- writes happen under an exclusive ``fcntl.flock`` on ``<file>.lock``: a temp
  file (0600) in the same directory is written and fsynced, backups are rotated
  with hard links/renames (no copying), the temp file replaces the data file and
  the directory is fsynced;
- a corrupt or unreadable file raises StorageError and is never overwritten;
- a data file or directory that is a symlink or owned by another uid is refused.

Read-modify-write callers (Store) hold :meth:`locked` around the whole
operation; :meth:`write` inside it does not lock again.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import threading
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import orjson
from tinydb.storages import Storage

from tui.core.errors import RehabError, StorageError
from tui.fileio import private_dir

N_BACKUPS = 3
DIR_MODE = 0o700
FILE_MODE = 0o600

Stamp = tuple[int, int, int]
Validator = Callable[[dict], Optional[str]]


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` 0700 (or tighten it); refuse a symlink or another user's dir."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        try:
            private_dir(path.parent)  # folders we create are 0700 whatever the umask
            os.mkdir(path, DIR_MODE)
            os.chmod(path, DIR_MODE)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StorageError(f"cannot create the data directory {path}: {exc.strerror}") from exc
        except RehabError as exc:
            raise StorageError(str(exc)) from None
        st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise StorageError(
            f"refusing the data directory {path}: it is a symlink; "
            "point --data-dir (or REHAB_DATA_DIR) at the real directory"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise StorageError(f"the data directory {path} is not a directory")
    if st.st_uid != os.geteuid():
        raise StorageError(
            f"refusing the data directory {path}: it is owned by uid {st.st_uid}, not you "
            f"(uid {os.geteuid()})"
        )
    if stat.S_IMODE(st.st_mode) != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


class SafeJSONStorage(Storage):
    """TinyDB storage for one JSON file; see the module docstring."""

    def __init__(self, path: str | os.PathLike[str], validator: Validator | None = None,
                 fsync: bool = True, **_ignored: Any) -> None:
        super().__init__()
        self.path = Path(path)
        self.dir = self.path.parent
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.validator = validator
        self.fsync = fsync
        ensure_private_dir(self.dir)
        self._data: dict | None = None
        self._cached_stamp: Stamp | None = None  # stamp of the content in self._data
        self._cached_missing = False  # True when the file was absent at last look
        self._lock_fd: int | None = None
        self._depth = 0
        self._dirty = False
        self._thread_lock = threading.RLock()
        self._check_file_safe()

    # ------------------------------------------------------------------ paths

    def backup_path(self, n: int) -> Path:
        return self.path.with_name(f"{self.path.name}.bak{n}")

    def backups(self) -> list[Path]:
        """Existing backups, newest first."""
        return [p for p in (self.backup_path(n) for n in range(1, N_BACKUPS + 1)) if p.exists()]

    def stamp(self) -> Stamp | None:
        """Changes whenever the file is replaced or modified; None if it does not exist."""
        try:
            return _stamp(os.lstat(self.path))
        except FileNotFoundError:
            return None

    # ----------------------------------------------------------------- checks

    def _check_file_safe(self) -> None:
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return
        self._check_stat(st)
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(self.path, FILE_MODE)

    def _check_stat(self, st: os.stat_result) -> None:
        if stat.S_ISLNK(st.st_mode):
            raise StorageError(
                f"refusing the data file {self.path}: it is a symlink; "
                "replace it with the real file"
            )
        if not stat.S_ISREG(st.st_mode):
            raise StorageError(f"refusing the data file {self.path}: it is not a regular file")
        if st.st_uid != os.geteuid():
            raise StorageError(
                f"refusing the data file {self.path}: it is owned by uid {st.st_uid}, "
                f"not you (uid {os.geteuid()})"
            )

    def corrupt_error(self, what: str) -> StorageError:
        backups = self.backups()
        if backups:
            recover = (
                f"newest backup: {backups[0]}; to recover, move it aside or restore the backup "
                "with `rehab doctor --restore-backup` (it keeps the damaged file)"
            )
        else:
            recover = "no backup exists; to recover, move it aside (a new empty file is then created)"
        return StorageError(f"{self.path}: {what}; it was left unchanged; {recover}")

    # ------------------------------------------------------------------ reads

    def _load(self) -> None:
        """(Re)load the file into memory if its stamp moved since the last load."""
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            self._data, self._cached_stamp, self._cached_missing = None, None, True
            return
        if self._cached_stamp == _stamp(st) and self._data is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            self._data, self._cached_stamp, self._cached_missing = None, None, True
            return
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self._check_stat(os.lstat(self.path))
            raise StorageError(f"cannot read {self.path}: {exc.strerror}") from exc
        try:
            fst = os.fstat(fd)
            self._check_stat(fst)
            chunks = []
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError as exc:
            raise StorageError(f"cannot read {self.path}: {exc.strerror}") from exc
        finally:
            os.close(fd)
        raw = b"".join(chunks)
        data = self._parse(raw)
        # The stamp comes from the descriptor we read, so content and stamp match.
        self._data, self._cached_stamp, self._cached_missing = data, _stamp(fst), False

    def _parse(self, raw: bytes) -> dict:
        if not raw.strip():
            raise self.corrupt_error("the file is empty (truncated?)")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise self.corrupt_error(f"not valid JSON, truncated or damaged ({exc})") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise self.corrupt_error("not a rehab-planner data file (expected an object of tables)")
        if self.validator is not None:
            problem = self.validator(data)
            if problem:
                raise self.corrupt_error(problem)
        return data

    def read(self) -> Optional[dict[str, dict[str, Any]]]:
        with self._thread_lock:
            self._load()
            if self._data is None:
                return None
            # A shallow copy: TinyDB replaces whole tables in the dict it gets.
            return dict(self._data)

    # ------------------------------------------------------------------ locks

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive file lock (re-entrant within this object).

        Writes made while it is held are kept in memory and written to disk
        once, when the outermost ``locked()`` block exits without an exception;
        on an exception they are dropped (the file is left as it was).
        """
        with self._thread_lock:
            if self._depth == 0:
                self._acquire()
            self._depth += 1
            ok = False
            try:
                yield
                ok = True
            finally:
                self._depth -= 1
                if self._depth == 0:
                    try:
                        if self._dirty:
                            if ok:
                                self._flush()
                            else:
                                self._forget()
                    finally:
                        self._dirty = False
                        self._release()

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    def _acquire(self) -> None:
        if self._lock_fd is None:
            try:
                fd = os.open(self.lock_path,
                             os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
            except OSError as exc:
                raise StorageError(f"cannot open the lock file {self.lock_path}: {exc.strerror}") from exc
            st = os.fstat(fd)
            if st.st_uid != os.geteuid():
                os.close(fd)
                raise StorageError(f"refusing the lock file {self.lock_path}: owned by uid {st.st_uid}")
            if stat.S_IMODE(st.st_mode) != FILE_MODE:
                os.fchmod(fd, FILE_MODE)
            self._lock_fd = fd
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)

    def _release(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    # ----------------------------------------------------------------- writes

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self.locked():
            # Never overwrite a file we could not read: if it changed since we
            # last loaded it, it must parse (and validate) before we replace it.
            self._load()
            self._data = data
            self._dirty = True

    def _forget(self) -> None:
        self._data, self._cached_stamp = None, None

    def _flush(self) -> None:
        data = self._data
        # If writing fails half way, the next read reloads from disk.
        self._forget()
        payload = orjson.dumps(data)
        try:
            self._write_bytes(payload)
        except OSError as exc:
            # Full disk, read-only or permission denied: the temp file is gone
            # and the data file was not replaced, so say so in one line.
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise StorageError(
                f"cannot save to {self.path}: {reason}; nothing was changed") from exc
        self._data = data
        self._cached_stamp = _stamp(os.lstat(self.path))
        self._cached_missing = False

    def _write_bytes(self, payload: bytes) -> None:
        tmp = self.path.with_name(f".{self.path.name}.tmp.{os.getpid()}.{os.urandom(4).hex()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                     FILE_MODE)
        try:
            try:
                os.fchmod(fd, FILE_MODE)
                view = memoryview(payload)
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
                if self.fsync:
                    os.fsync(fd)
            finally:
                os.close(fd)
            self._rotate_backups()
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        if self.fsync:
            self._fsync_dir()

    def _rotate_backups(self) -> None:
        if not os.path.lexists(self.path):
            return
        for n in range(N_BACKUPS - 1, 0, -1):
            src = self.backup_path(n)
            if os.path.lexists(src):
                os.replace(src, self.backup_path(n + 1))
        bak1 = self.backup_path(1)
        try:
            os.link(self.path, bak1, follow_symlinks=False)
        except FileExistsError:
            os.unlink(bak1)
            os.link(self.path, bak1, follow_symlinks=False)
        except OSError:
            # File system without hard links: fall back to a copy.
            import shutil

            shutil.copy2(self.path, bak1)
            os.chmod(bak1, FILE_MODE)

    def _fsync_dir(self) -> None:
        try:
            dfd = os.open(self.dir, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dfd)
        except OSError:
            pass
        finally:
            os.close(dfd)

    def remove_stale_temps(self) -> None:
        """Delete temp files left by killed writers. Call with the lock held."""
        prefix = f".{self.path.name}.tmp."
        for entry in os.scandir(self.dir):
            if entry.name.startswith(prefix):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

    def close(self) -> None:
        if self._lock_fd is not None and self._depth == 0:
            os.close(self._lock_fd)
            self._lock_fd = None
