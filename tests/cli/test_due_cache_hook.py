"""The store keeps `rehab due`'s cache current: after every commit it is fresh, and a log shows
in `rehab due` straight away (read from the cache, not computed again)."""

from __future__ import annotations

import datetime as dt
import os

from tui.due_fast import CACHE_NAME, read_due_cache


def _ice_due(result) -> int:
    return sum(1 for s in result.json()["due"] if s["activity"] == "ice-pack")


def test_a_log_is_in_the_due_cache_at_once(rehab, data_dir):
    today = dt.date.today()
    day = today.isoformat()
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", day, today=day).code == 0
    doc = read_due_cache(str(data_dir), today)
    assert doc is not None and doc["plan"] is True  # written by the commit of the plan
    before = rehab("due", "--json", "--now", f"{day}T23:59", today=day)
    assert before.code == 0, before.err
    assert rehab("log", "ice-pack", today=day).code == 0
    doc = read_due_cache(str(data_dir), today)
    assert doc is not None  # fresh after the log's commit: `due` reads it, no full computation
    assert any(key.startswith(day) and n == 1 for key, n in doc["handled"].items())
    after = rehab("due", "--json", "--now", f"{day}T23:59", today=day)
    assert _ice_due(after) == _ice_due(before) - 1


def test_an_undo_refreshes_the_cache_too(rehab, data_dir):
    day = dt.date.today().isoformat()
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", day, today=day).code == 0
    assert rehab("log", "ice-pack", today=day).code == 0
    assert rehab("undo", today=day).code == 0
    doc = read_due_cache(str(data_dir), dt.date.today())
    assert doc is not None and doc["handled"] == {}


def test_the_cache_file_is_private(rehab, data_dir):
    day = dt.date.today().isoformat()
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", day, today=day).code == 0
    assert os.stat(data_dir / CACHE_NAME).st_mode & 0o077 == 0
