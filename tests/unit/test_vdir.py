"""The vdir export: a VTODO file per sitting (DUE at its time), stable names, updates in place,
only its own files touched; read back with icalendar and with todoman, a real client."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from tui.core.dose import Dose
from tui.core.errors import RehabError
from tui.core.exports.vdir import MARK_LINE, sync_plan, vdir_files
from tui.core.records import LogEntry
from tui.core.schedule import Plan
from tui.core.templates import load_template_file
from tui.vdir_io import write_vdir

PLANS = Path(__file__).resolve().parents[2] / "plans"
START = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
TIMES = ("08:00", "13:00", "19:00")


def timed_plan(times=TIMES) -> tuple[Plan, str]:
    tpl = load_template_file(PLANS / "metatarsalgia-conservative.json").to_dict()
    for phase in tpl["phases"]:  # the built-in default times dropped: only the ice pack is timed here
        for spec in phase["sessions"]:
            (spec.get("dose") or {}).pop("times", None)
    plan = Plan.start_from_template(tpl, START)
    ice = next(s for s in plan.sessions_on(START) if s.activity_id == "ice-pack")
    return plan.set_dose(ice.session_id, Dose(minutes=15, times_per_day=3, times=times)), ice.session_id


def component(text: str):
    (item,) = [c for c in Calendar.from_ical(text).subcomponents if c.name in ("VTODO", "VEVENT")]
    return item


def test_one_file_per_sitting_and_rest_day():
    plan, ice = timed_plan()
    files = vdir_files(plan, now=NOW)
    sessions = plan.sessions_between(plan.start, plan.end_date)
    expected = sum(1 if s.kind == "rest" else s.dose.sittings for s in sessions)
    assert len(files) == expected
    items = {name: component(text) for name, text in files.items()}
    uids = [str(c["UID"]) for c in items.values()]
    assert len(set(uids)) == len(uids)
    assert all(MARK_LINE in text.splitlines() for text in files.values())
    todos = [c for c in items.values() if c.name == "VTODO"]
    events = [c for c in items.values() if c.name == "VEVENT"]
    assert {str(e["CATEGORIES"].cats[0]) for e in events} == {"rest"}
    assert all(type(e.decoded("DTSTART")) is dt.date and not e.walk("VALARM") for e in events)
    first_ice = sorted((c for c in todos if str(c["X-REHAB-SESSION"]) == ice
                        and c.decoded("DUE").date() == START), key=lambda c: c.decoded("DUE"))
    assert [c.decoded("DUE") for c in first_ice] == [dt.datetime(2026, 11, 23, h) for h in (8, 13, 19)]
    assert [str(c["SUMMARY"]) for c in first_ice] == [f"Ice pack {n}/3: 15 min, 3x a day" for n in (1, 2, 3)]
    assert str(first_ice[1]["UID"]) == f"metatarsalgia-conservative.{ice}.2026-11-23.2@rehab-planner"
    untimed = [c for c in todos if str(c["X-REHAB-SESSION"]) != ice]
    assert untimed and all(type(c.decoded("DUE")) is dt.date for c in untimed)
    assert all(str(c["STATUS"]) == "NEEDS-ACTION" for c in todos)
    assert all("see a clinician" in str(c["DESCRIPTION"]) for c in items.values())


def test_logs_complete_or_cancel_sittings_in_order():
    plan, ice = timed_plan()
    logs = [LogEntry(START, "ice-pack", "done", ice, logged_at="2026-11-23T08:20:00"),
            LogEntry(START, "ice-pack", "skipped", ice, logged_at="2026-11-23T13:30:00")]
    files = vdir_files(plan, logs, now=NOW)
    name = "rehab-metatarsalgia-conservative.{}.2026-11-23.{}.ics"
    assert [str(component(files[name.format(ice, n)])["STATUS"]) for n in (1, 2, 3)] == [
        "COMPLETED", "CANCELLED", "NEEDS-ACTION"]


def test_reexport_updates_in_place_and_removes_only_its_own_files(tmp_path):
    folder = tmp_path / "cal" / "rehab"
    folder.parent.mkdir()
    plan, ice = timed_plan()
    first = write_vdir(folder, vdir_files(plan, now=NOW))
    assert (first.written, first.removed) == (len(os.listdir(folder)), 0)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in os.listdir(folder))
    (folder / "mine.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (folder / "rehab-my-own.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    # the same plan later: only DTSTAMP differs, nothing is rewritten
    again = write_vdir(folder, vdir_files(plan, now=NOW + dt.timedelta(days=2)))
    assert (again.written, again.removed) == (0, 0) and again.unchanged == first.written
    # new times: the ice files change in place (same names), the rest stay
    moved, _ = timed_plan(("07:30", "12:30", "18:30"))
    name = f"rehab-metatarsalgia-conservative.{ice}.2026-11-23.1.ics"
    before = set(os.listdir(folder))
    result = write_vdir(folder, vdir_files(moved, now=NOW))
    assert set(os.listdir(folder)) == before and 0 < result.written < first.written
    assert component((folder / name).read_text()).decoded("DUE") == dt.datetime(2026, 11, 23, 7, 30)
    # a session removed from the plan: its files go, the user's own files stay
    fewer = moved.remove_session(ice)
    result = write_vdir(folder, vdir_files(fewer, now=NOW))
    assert result.removed > 0 and not any(f".{ice}." in n for n in os.listdir(folder))
    assert (folder / "mine.ics").exists() and (folder / "rehab-my-own.ics").exists()


def test_a_foreign_file_under_one_of_our_names_stops_the_export_unchanged(tmp_path):
    plan, _ice = timed_plan()
    files = vdir_files(plan, now=NOW)
    folder = tmp_path / "cal"
    folder.mkdir()
    name = sorted(files)[0]
    (folder / name).write_text("not ours")
    with pytest.raises(RehabError, match="was not made by this export"):
        write_vdir(folder, files)
    assert os.listdir(folder) == [name] and (folder / name).read_text() == "not ours"
    with pytest.raises(RehabError, match="was not made"):
        sync_plan({name: "not ours"}, files)


def test_a_file_path_is_refused(tmp_path):
    path = tmp_path / "plan.ics"
    path.write_text("x")
    with pytest.raises(RehabError, match="it is a file"):
        write_vdir(path, {})
    with pytest.raises(RehabError, match="does not exist"):
        write_vdir(tmp_path / "no" / "such", {})


def todo_command() -> list[str]:
    pytest.importorskip("todoman", reason="todoman is not installed (pip install -e '.[test]')")
    exe = Path(sys.executable).parent / "todo"
    found = str(exe) if exe.exists() else shutil.which("todo")
    if found is None:
        pytest.skip("todoman's `todo` command is not on the path")
    return [found]


def test_todoman_lists_the_sittings_with_their_due_times(tmp_path):
    command = todo_command()
    plan, ice = timed_plan()
    logs = [LogEntry(START, "ice-pack", "done", ice, logged_at="2026-11-23T08:20:00")]
    (tmp_path / "lists").mkdir()
    write_vdir(tmp_path / "lists" / "rehab", vdir_files(plan, logs, now=NOW))
    config = tmp_path / "todoman.py"
    config.write_text(f'path = "{tmp_path / "lists"}/*"\ndate_format = "%Y-%m-%d"\n'
                      f'time_format = "%H:%M"\ncache_path = "{tmp_path / "cache.sqlite3"}"\n')
    env = {**os.environ, "TZ": "UTC", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    proc = subprocess.run([*command, "--config", str(config), "--porcelain", "list", "--status", "ANY"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    todos = json.loads(proc.stdout)
    sittings = sum(s.dose.sittings for s in plan.sessions_between(plan.start, plan.end_date) if s.kind != "rest")
    assert len(todos) == sittings
    first_day = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    ice_first_day = sorted(
        (t for t in todos if t["summary"].startswith("Ice pack ")
         and first_day.timestamp() <= t["due"] < first_day.timestamp() + 86400),
        key=lambda t: t["due"])
    assert [dt.datetime.fromtimestamp(t["due"], dt.UTC).strftime("%H:%M") for t in ice_first_day] \
        == ["08:00", "13:00", "19:00"]
    assert [t["completed"] for t in ice_first_day] == [True, False, False]
    assert {t["list"] for t in todos} == {"rehab"}
