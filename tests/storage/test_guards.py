"""The data dir guard: a dir nobody but its owner can even look at is refused in one line."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui.core.errors import StorageError
from tui.storage import doctor, guards


def _closed_above(monkeypatch: pytest.MonkeyPatch, closed: Path, owner: int) -> None:
    """As another user sees it: ``closed`` (owned by ``owner``) can be looked at, not entered."""
    real = os.lstat

    def lstat(path: os.PathLike[str] | str) -> os.stat_result | SimpleNamespace:
        path = Path(path)
        if closed in path.parents:
            raise PermissionError(13, "Permission denied", str(path))
        if path == closed:
            return SimpleNamespace(st_uid=owner, st_mode=0o40700)
        return real(path)

    monkeypatch.setattr(guards.os, "lstat", lstat)


def test_a_data_dir_inside_another_users_closed_folder_names_the_owner(tmp_path, monkeypatch):
    closed = tmp_path / "home" / ".local"
    data = closed / "share" / "rehab-planner"
    other = os.geteuid() + 1
    _closed_above(monkeypatch, closed, other)
    with pytest.raises(StorageError) as err:
        guards.check_data_dir(data)
    assert str(err.value) == (f"refusing the data directory {data}: it is inside {closed}, "
                              f"owned by uid {other}, not you (uid {os.geteuid()})")
    checks, go_on = doctor.folder_checks(data)
    assert not go_on and f"is inside {closed}, which belongs to uid {other}, not you" in checks[0].message
    assert not closed.exists()  # nothing was made


def test_a_closed_folder_of_ones_own_says_permission_denied(tmp_path, monkeypatch):
    closed = tmp_path / "mine"
    _closed_above(monkeypatch, closed, os.geteuid())
    with pytest.raises(StorageError, match=r"^cannot look at the data directory .*: permission denied$"):
        guards.check_data_dir(closed / "data")
