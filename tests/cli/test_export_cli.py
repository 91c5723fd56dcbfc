"""`rehab export` and `rehab restore` through the real entry point."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import stat

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from tui.core.exports.csv import COLUMNS


def ics_pairs(data: bytes) -> set[tuple[str, str]]:
    out = set()
    for ev in Calendar.from_ical(data).walk("VEVENT"):
        start = ev.decoded("dtstart")
        first = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
        days = [first]
        if "RRULE" in ev:
            days = list(rrulestr(ev["RRULE"].to_ical().decode(), dtstart=first))
        if ev.get("RDATE"):
            groups = ev["RDATE"] if isinstance(ev["RDATE"], list) else [ev["RDATE"]]
            days += [p.dt for g in groups for p in g.dts]
        out.update((d.date().isoformat() if isinstance(d, dt.datetime) else d.isoformat(),
                    str(ev["X-REHAB-SESSION"])) for d in days)
    return out


@pytest.mark.parametrize("template, start", [
    ("metatarsalgia-conservative", "2026-11-18"),
    ("return-to-run", "2026-11-23"),
])
def test_ics_matches_rehab_week_json_for_every_week(rehab, tmp_path, template, start):
    assert rehab("plan", "start", template, "--start", start).code == 0
    out = tmp_path / "plan.ics"
    r = rehab("export", "--format", "ics", "-o", str(out), "--alarm", "30")
    assert r.code == 0, r.err
    assert f"wrote {out}" in r.err
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    data = out.read_bytes()
    cal = Calendar.from_ical(data)  # parses cleanly
    # --alarm puts alarms on timed events only (an all-day alarm rings the night before)
    assert all(bool(ev.walk("VALARM")) == isinstance(ev.decoded("DTSTART"), dt.datetime)
               for ev in cal.walk("VEVENT"))
    pairs = ics_pairs(data)
    phases = rehab("plan", "show", "--json").json()["phases"]
    monday = dt.date.fromisoformat(start) - dt.timedelta(days=dt.date.fromisoformat(start).weekday())
    end = dt.date.fromisoformat(phases[-1]["end"])
    seen: set[tuple[str, str]] = set()
    weeks = 0
    while monday <= end:
        week = rehab("week", "--json", "--date", monday.isoformat()).json()
        expected = {(s["date"], s["session_id"]) for s in week["sessions"]}
        got = {p for p in pairs if week["week_start"] <= p[0] <= week["week_end"]}
        assert got == expected, monday
        assert expected, monday
        seen |= expected
        monday += dt.timedelta(days=7)
        weeks += 1
    assert pairs == seen  # nothing outside the plan's weeks
    assert weeks >= 5


def test_ics_to_stdout_and_option_errors(rehab):
    assert rehab("export", "--format", "ics").err.startswith("rehab: no active plan")
    rehab("plan", "start", "metatarsalgia-conservative")
    r = rehab("export", "--format", "ics", "--at", "07:30")
    assert r.code == 0 and r.out.startswith("BEGIN:VCALENDAR") and "DTSTART:2026" in r.out
    for args, message in [
        (["--alarm", "soon"], "--alarm must be a whole number"),
        (["--alarm", "-5"], "--alarm must be from 0"),
        (["--at", "25:00"], "--at must be a time of day"),
    ]:
        r = rehab("export", "--format", "ics", *args)
        assert r.code == 1 and r.err.strip() == r.err.strip().splitlines()[0] and message in r.err
    r = rehab("export", "--format", "csv", "--alarm", "5")
    assert r.code == 1 and "only apply to --format ics" in r.err
    assert rehab("export", "--format", "pdf").code == 2


def test_csv_rows_for_logs_and_checkins(rehab, tmp_path):
    rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23")
    rehab("log", "ice-pack", "--pain", "2", "--minutes", "15", "--foot", "both", "--date", "2026-11-23")
    rehab("log", "cycling", "--status", "partial", "--note", "windy, short")
    rehab("checkin", "--morning-pain", "3", "--swelling", "--date", "2026-11-23")
    out = tmp_path / "h.csv"
    assert rehab("export", "--format", "csv", "-o", str(out)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert [(r["type"], r["date"], r["activity"]) for r in rows] == [
        ("checkin", "2026-11-23", ""), ("session", "2026-11-23", "ice-pack"),
        ("session", "2026-11-24", "cycling")]
    assert rows[0]["swelling"] == "yes" and rows[0]["morning_pain"] == "3"
    assert rows[1]["session_id"] == "settle-ice" and rows[1]["minutes"] == "15" and rows[1]["pain"] == "2"
    assert rows[2]["note"] == "windy, short" and rows[2]["status"] == "partial"


def test_md_handout(rehab):
    rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23")
    r = rehab("export", "--format", "md")
    assert r.code == 0
    assert r.out.startswith("# ") and "not medical advice" in r.out
    assert "## Red flags: stop and see a clinician" in r.out
    assert "## Phase 1: Settle, Mon 23 Nov 2026 to Sun 6 Dec 2026" in r.out and "| Ice pack |" in r.out
    assert "\n1. " in r.out and "Take care:" in r.out


def _fill(rehab):
    rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-16")
    rehab("log", "ice-pack", "--pain", "2", "--note", "naïve ✓ \"quoted\"", "--date", "2026-11-17")
    rehab("log", "thumb-sweep", "--foot", "left", "--minutes", "4.5")
    rehab("checkin", "--morning-pain", "2", "--numbness", "--footwear", "wide trainers")


def test_json_round_trip_is_byte_for_byte(rehab, tmp_path):
    _fill(rehab)
    first = tmp_path / "one.json"
    second = tmp_path / "two.json"
    assert rehab("export", "--format", "json", "-o", str(first)).code == 0
    empty = {"REHAB_DATA_DIR": str(tmp_path / "fresh")}
    r = rehab("restore", str(first), env=empty)
    assert r.code == 0, r.err
    # the check-in named footwear, which also joined the footwear list (a setting)
    assert r.out.startswith("restored a plan, 2 logged sessions, 1 check-in, 1 settings record from ")
    assert rehab("export", "--format", "json", "-o", str(second), env=empty).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert rehab("history", "--json", env=empty).json() == rehab("history", "--json").json()
    assert rehab("week", "--json", env=empty).json() == rehab("week", "--json").json()


def test_restore_refuses_to_mix_then_replaces_with_replace_and_undo_returns(rehab, tmp_path):
    _fill(rehab)
    backup = tmp_path / "b.json"
    rehab("export", "--format", "json", "-o", str(backup))
    other = {"REHAB_DATA_DIR": str(tmp_path / "other")}
    rehab("log", "swimming", env=other)
    data_file = tmp_path / "other" / "rehab-manifest.json"
    before = data_file.read_bytes()
    r = rehab("restore", str(backup), env=other)
    assert r.code == 1 and "--replace" in r.err and "1 logged session" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert data_file.read_bytes() == before
    r = rehab("restore", str(backup), "--replace", env=other)
    assert r.code == 0 and "`rehab undo` brings it back" in r.out
    assert [s["activity"] for s in rehab("history", "--json", env=other).json()["sessions"]] == \
        ["ice-pack", "thumb-sweep"]
    r = rehab("undo", env=other)
    assert r.code == 0 and "restore b.json" in r.out
    assert [s["activity"] for s in rehab("history", "--json", env=other).json()["sessions"]] == ["swimming"]


@pytest.mark.parametrize("content, message", [
    ("not json", "not valid JSON"),
    ('{"format": "rehab-planner/template", "version": 1}', "not a rehab-planner backup"),
    ('{"format": "rehab-planner/backup", "version": 9, "plan": null, "logs": [], "checkins": [], "flares": []}',
     "newer rehab-planner"),
    ('{"format": "rehab-planner/backup", "version": 1, "plan": null, "checkins": [], "flares": [],'
     ' "logs": [{"id": 1, "date": "2026-11-01", "activity": "ice-pack", "pain": 40}]}', "$.logs[0].pain: 40 is not a whole number"),
])
def test_bad_backup_is_refused_in_one_line_and_nothing_is_created(rehab, tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    r = rehab("restore", str(bad))
    assert r.code == 1 and message in r.err and len(r.err.strip().splitlines()) == 1
    assert "Traceback" not in r.err
    assert not rehab.data_dir.exists()


def test_restore_missing_file_and_stdin(rehab, tmp_path):
    r = rehab("restore", str(tmp_path / "nope.json"))
    assert r.code == 1 and "cannot read" in r.err
    doc = {"format": "rehab-planner/backup", "version": 1, "plan": None, "logs": [],
           "checkins": [], "flares": ["2026-11-20"]}
    r = rehab("restore", "-", input=json.dumps(doc))
    assert r.code == 0 and "1 flare day" in r.out
