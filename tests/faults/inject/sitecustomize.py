"""Fault injection for subprocess tests: put this folder on PYTHONPATH.

REHAB_FAULT=<call>:<ERRNO>  e.g. "write:ENOSPC", "open:EACCES", "fsync:EIO",
                            "replace:EROFS"; "open" spares the lock file,
                            "open-all" does not (a read-only file system)
REHAB_FAULT_DIR=<dir>       only calls on files in this directory fail

Python imports ``sitecustomize`` at start-up, so the real `rehab` entry point
runs unchanged; only the chosen os call, and only for files that are *written*
inside REHAB_FAULT_DIR, fails as a full, read-only or locked-down disk would.
"""

import errno
import os

_spec = os.environ.get("REHAB_FAULT", "")
_dir = os.environ.get("REHAB_FAULT_DIR", "")

if _spec and _dir:
    _call, _name = _spec.split(":")
    _code = getattr(errno, _name)
    _dir = os.path.realpath(_dir)
    _watched_fds: set = set()
    _WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def _inside(path) -> bool:
        try:
            return os.path.dirname(os.path.realpath(os.fspath(path))) == _dir
        except TypeError:
            return False

    def _fail(path=None):
        raise OSError(_code, os.strerror(_code), None if path is None else os.fspath(path))

    _real_open, _real_write, _real_fsync = os.open, os.write, os.fsync
    _real_replace, _real_close = os.replace, os.close

    def _open(path, flags, mode=0o777, *, dir_fd=None):
        writing = bool(flags & _WRITE_FLAGS)
        is_lock = str(path).endswith(".lock")
        if writing and _inside(path) and (_call == "open-all" or (_call == "open" and not is_lock)):
            _fail(path)
        fd = _real_open(path, flags, mode, dir_fd=dir_fd)
        if writing and _inside(path):
            _watched_fds.add(fd)
        return fd

    def _write(fd, data):
        if _call == "write" and fd in _watched_fds:
            # Half the bytes land, then the disk is full (as a real ENOSPC does).
            if len(data) > 1:
                _real_write(fd, bytes(data[: len(data) // 2]))
            _fail()
        return _real_write(fd, data)

    def _fsync(fd):
        if _call == "fsync" and fd in _watched_fds:
            _fail()
        return _real_fsync(fd)

    def _replace(src, dst, **kw):
        if _call == "replace" and _inside(dst):
            _fail(dst)
        return _real_replace(src, dst, **kw)

    def _close(fd):
        _watched_fds.discard(fd)
        return _real_close(fd)

    os.open, os.write, os.fsync, os.replace, os.close = _open, _write, _fsync, _replace, _close
