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


def test_stored_rows_are_what_the_typed_records_give(tmp_path):
    """log_row / checkin_row (the fast road of exports and history --json) equal the typed road,
    for records as the store writes them and for other shapes (older, restored, reordered)."""
    from tui.storage import undo

    where = tmp_path / "rehab-manifest.json"
    written = {"date": "2026-11-02", "activity": "ice-pack", "status": "done", "session_id": None,
               "minutes": 15, "pain": 2, "foot": None, "note": "", "logged_at": "2026-11-02T08:00:00"}
    other = {"activity": "ice-pack", "date": "2026-11-02", "pain": 2, "logged_at": "2026-11-02T08:00:00"}
    for doc in (written, other):
        typed = {**undo.log_entry("7", doc, where).to_dict(), "id": 7}
        row = undo.log_row("7", doc, where)
        assert row == typed and list(row) == list(typed)
    checkin = {"date": "2026-11-02", "morning_pain": 3, "logged_at": "2026-11-02T08:00:00",
               "numbness": True}
    assert undo.checkin_row("1", checkin, where) == undo.checkin("1", checkin, where).to_dict()
    with pytest.raises(StorageError, match="logs record 7 is damaged"):
        undo.log_row("7", {"date": "2026-11-02", "activity": "ice-pack", "pain": "7"}, where)


def test_a_part_file_edited_by_hand_is_checked_in_full_despite_its_digest(tmp_path):
    """The manifest's digest spares the schema check only for the very bytes rehab wrote."""
    import datetime as dt
    import json

    from tui.core.records import LogEntry
    from tui.storage.layout import MANIFEST_NAME
    from tui.storage.store import Store

    with Store.open(tmp_path) as store:
        store.add_log(LogEntry(dt.date(2026, 11, 2), "ice-pack", pain=2))
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    part = manifest["parts"]["2026-11"]
    assert len(part["digest"]) == 32
    path = tmp_path / part["file"]
    path.write_text(path.read_text().replace('"pain":2', '"pain":"7"'))
    with Store.open(tmp_path) as store, pytest.raises(StorageError, match="logs record 1"):
        store.logs()


def test_rows_by_year_are_the_rows_of_the_whole_range_a_year_at_a_time(tmp_path):
    """Exports and history --json read a year at a time: the same rows, in the same order."""
    import datetime as dt

    from tui.core.records import CheckIn, LogEntry
    from tui.storage.store import Store

    with Store.open(tmp_path) as store:
        for day in (dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 6, 2), dt.date(2026, 3, 3)):
            store.add_log(LogEntry(day, "ice-pack", pain=1))
            store.add_checkin(CheckIn(day, 2))
        store.add_log(LogEntry(dt.date(2025, 1, 1), "cycling", minutes=20))
        for start, end in ((None, None), (dt.date(2025, 1, 1), dt.date(2025, 6, 2)), (dt.date(2025, 3, 1), None)):
            with store.transaction():
                years = list(store.rows_by_year(start, end))
            assert [row for logs, _ in years for row in logs] == store.log_rows(start, end)
            assert [row for _, checkins in years for row in checkins] == store.checkin_rows(start, end)
        assert len(list(store.rows_by_year())) == 3
