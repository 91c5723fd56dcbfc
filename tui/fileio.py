"""Safe file I/O for every file the app writes or reads on the user's behalf.

Writing (:func:`write_bytes`, :func:`write_text`, :func:`write_json`): a temp
file with an unpredictable name (:func:`create_exclusive`: O_EXCL, 0600) in the
target's folder, its type, owner and mode checked with ``fstat`` after opening,
written, fsynced, ``os.replace``d over the target, then the folder fsynced; an
error at any step (the folder fsync too) is one :class:`FileIOError` line.

Folders the app creates (:func:`private_dir`) are 0700 whatever the umask.

Reading (:func:`read_regular`): opened with O_NOFOLLOW | O_NONBLOCK | O_NOCTTY,
then ``fstat``: anything but a regular file (a symlink, FIFO, tty, device,
socket or folder) is refused with one line, and the size is capped before a
byte is read, so a FIFO never blocks and /dev/zero is never read.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.errors import RehabError

if TYPE_CHECKING:
    from .core.templates import Template

PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
Fill = Callable[[Callable[[str], Any]], None]  # given write(text), writes a file's text in pieces
READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
# A folder that cannot be fsynced at all (some network and FUSE file systems)
# says so with these; any other error from the folder fsync is reported.
FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


class FileIOError(RehabError):
    """A file could not be read or written; the message is one line naming it."""


def _reason(err: OSError) -> str:
    return err.strerror or str(err) or type(err).__name__


# --------------------------------------------------------------------- folders

def private_dir(path: Path) -> Path:
    """Make ``path`` and any missing parents as 0700 folders (whatever the umask)."""
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not os.path.lexists(probe):
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_DIR)
        except FileExistsError:
            continue
        except OSError as err:
            raise FileIOError(f"cannot create the folder {folder}: {_reason(err)}") from None
        os.chmod(folder, PRIVATE_DIR)  # mkdir's mode is filtered by the umask: set it
    return path


def fsync_dir(folder: Path) -> None:
    """fsync a folder so a rename in it survives a power cut; raise OSError on failure."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno not in FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


# ---------------------------------------------------------------------- writes

_EXCLUSIVE = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def create_exclusive(folder: Path | str, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file in ``folder`` under an unpredictable name (96 random bits), opened
    O_CREAT | O_EXCL | O_NOFOLLOW, 0600: what ``tempfile.mkstemp`` does, without importing
    tempfile (and shutil, random, bz2, lzma with it) on `rehab log`'s path. (fd, path)."""
    for _ in range(100):
        name = os.path.join(folder, f"{prefix}{os.urandom(12).hex()}{suffix}")
        try:
            return os.open(name, _EXCLUSIVE, PRIVATE_FILE), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(folder))


def _check_temp(fd: int, tmp: str) -> None:
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
        raise OSError(errno.EPERM, "the temp file is not a regular file of yours", tmp)
    if stat.S_IMODE(st.st_mode) != PRIVATE_FILE:
        os.fchmod(fd, PRIVATE_FILE)
        if stat.S_IMODE(os.fstat(fd).st_mode) != PRIVATE_FILE:
            raise OSError(errno.EPERM, "the temp file could not be made 0600", tmp)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]


def replace_atomically(path: Path, payload: bytes | Fill, *, fsync: bool = True,
                       sync_folder: bool = True) -> None:
    """Write ``payload`` to ``path`` (temp + fsync + replace + folder fsync); raise OSError.

    ``payload``: the bytes, or a function given a ``write(text)`` that writes the text in
    pieces (an export too big to hold whole). The folder must exist. Nothing but the
    temp file is touched before the replace, and the temp file is removed on any failure.
    ``sync_folder=False`` leaves the folder fsync to the caller (who can then tell "not
    saved" from "saved but not yet durable").
    """
    fd, tmp = create_exclusive(path.parent, f".{path.name}.", ".tmp")
    try:
        try:
            _check_temp(fd, tmp)
            if isinstance(payload, bytes):
                _write_all(fd, payload)
            else:
                payload(lambda text: _write_all(fd, text.encode("utf-8")))
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if fsync and sync_folder:
        fsync_dir(path.parent)


def write_bytes(path: Path, payload: bytes | Fill, *, fsync: bool = True) -> Path:
    """Atomically write a file the user asked for (bytes, or a Fill that writes text in
    pieces); FileIOError (one line) on failure."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise FileIOError(f"cannot write {path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise FileIOError(f"cannot write {path}: it is a folder; give a file name, "
                          f"e.g. {path / 'my-plan.json'}")
    if path.is_symlink():
        raise FileIOError(f"cannot write {path}: it is a symlink; give the real file's name")
    try:
        replace_atomically(path, payload, fsync=fsync)
    except OSError as err:
        raise FileIOError(f"cannot write {path}: {_reason(err)}") from None
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, (text if text.endswith("\n") else text + "\n").encode("utf-8"))


def write_json(path: Path, data: dict) -> Path:  # type: ignore[type-arg]
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------- reads

def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a device or terminal"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symlink")):
        if test(mode):
            return name
    return "not a regular file"


def _open_regular(path: Path) -> int:
    try:
        return os.open(path, READ_FLAGS)
    except FileNotFoundError:
        raise FileIOError(f"cannot read {path}: no such file") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise FileIOError(f"cannot read {path}: it is a symlink; rehab reads only regular files") from None
        if err.errno == errno.ENXIO:  # a socket, or a FIFO/device with no one at the other end
            raise FileIOError(f"cannot read {path}: it is not a regular file; rehab reads only regular files") from None
        raise FileIOError(f"cannot read {path}: {_reason(err)}") from None


def read_regular(path: Path, limit: int, what: str = "file", *, mine: bool = False) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; FileIOError otherwise.

    Never follows a symlink at ``path``, never blocks on a FIFO or a tty, never
    reads more than ``limit + 1`` bytes. ``mine``: refuse a file another user owns.
    """
    path = Path(path)
    fd = _open_regular(path)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileIOError(f"cannot read {path}: it is {_kind(st.st_mode)}; rehab reads only regular files")
        if mine and st.st_uid != os.geteuid():
            raise FileIOError(f"refusing {path}: it is owned by uid {st.st_uid}, not you "
                              f"(uid {os.geteuid()})")
        if st.st_size > limit:
            raise FileIOError(f"{path}: too large for a {what} ({st.st_size} bytes; at most {limit})")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as err:
        raise FileIOError(f"cannot read {path}: {_reason(err)}") from None
    finally:
        os.close(fd)
    if got > limit:  # it grew while we read
        raise FileIOError(f"{path}: too large for a {what} (over {limit} bytes)")
    return b"".join(chunks)


def read_template_bytes(path: Path) -> bytes:
    """A template file's bytes (the reader tui.core.sources.discover_templates is given)."""
    from .core.templates import MAX_FILE_BYTES

    return read_regular(path, MAX_FILE_BYTES, "template")


def load_template(path: Path) -> Template:
    """Read a template file safely, then parse and validate it (TemplateError/FileIOError)."""
    from .core.templates import parse_template

    return parse_template(read_template_bytes(Path(path).expanduser()), str(path))


# -------------------------------------------------------------- shared folders

def folder_problem(folder: Path) -> str | None:
    """One line if a template folder others could change is not safe to trust, else None.

    Reported: a folder writable by its group or by everyone (they could add a
    plan, or replace one, that you would then start).
    """
    folder = Path(folder)
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return None
    except OSError as err:
        return f"template folder {folder}: cannot look at it ({_reason(err)})"
    mode = stat.S_IMODE(st.st_mode)
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        who = "everyone" if mode & stat.S_IWOTH else "its group"
        return (f"template folder {folder} is writable by {who} (mode {mode:04o}): "
                "anyone there can change the plans it offers; ask its owner to chmod go-w it")
    return None
