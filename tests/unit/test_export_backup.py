"""The whole-data backup: validation, the byte-stable round trip through Store, undo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tui.core.exports import export_store
from tui.core.exports.backup import BackupError, parse_backup, summary
from tui.core.errors import StorageError
from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.core.templates import load_template_file
from tui.storage.store import Store

PLANS = Path(__file__).resolve().parents[2] / "plans"


def filled(path: Path) -> Store:
    store = Store.open(path)
    tpl = load_template_file(PLANS / "metatarsalgia-conservative.json").to_dict()
    store.set_plan(Plan.start_from_template(tpl, dt.date(2026, 11, 16)), "start")
    store.add_log(LogEntry(dt.date(2026, 11, 17), "ice-pack", minutes=15.0, pain=2, note="é ✓ \"q\""))
    store.add_log(LogEntry(dt.date(2026, 11, 16), "cycling", status="partial"))
    store.delete_log(1)
    store.add_log(LogEntry(dt.date(2026, 11, 18), "ball-roll", foot="left"))
    store.add_checkin(CheckIn(dt.date(2026, 11, 18), 3, numbness=True))
    store.add_checkin(CheckIn(dt.date(2026, 11, 17), 4))
    store.set_flare(dt.date(2026, 11, 19), True)
    store.set_flare(dt.date(2026, 11, 17), True)
    return store


def test_round_trip_is_byte_for_byte_and_keeps_ids(tmp_path):
    src = filled(tmp_path / "a")
    first = export_store("json", src)
    doc = json.loads(first)
    assert doc["format"] == "rehab-planner/backup" and doc["version"] == 1
    assert [log["id"] for log in doc["logs"]] == [2, 3]  # the deleted id 1 stays a gap
    assert doc["flares"] == ["2026-11-17", "2026-11-19"]
    assert "undo" not in doc and "meta" not in doc
    dst = Store.open(tmp_path / "b")
    dst.replace_all(parse_backup(first, "a.json"))
    second = export_store("json", dst)
    assert second == first
    assert dst.logs() == src.logs() and dst.checkins() == src.checkins() and dst.flares() == src.flares()
    assert dst.get_plan().to_dict() == src.get_plan().to_dict()


def test_settings_such_as_footwear_travel_and_other_tables_are_refused(tmp_path):
    src = filled(tmp_path / "a")
    src.set_footwear(["wide trainers", "sandals"])
    text = export_store("json", src)
    assert json.loads(text)["settings"][0]["value"] == ["wide trainers", "sandals"]
    dst = Store.open(tmp_path / "b")
    dst.replace_all(parse_backup(text))
    assert dst.footwear() == ["wide trainers", "sandals"]
    assert export_store("json", dst) == text
    doc = json.loads(text)
    doc["footwear"] = [{"id": 1, "name": "x"}]
    with pytest.raises(BackupError, match=r"\$\.footwear: unknown field"):
        parse_backup(json.dumps(doc), "b.json")


def test_replace_all_refuses_to_mix_and_undo_brings_the_old_data_back(tmp_path):
    a = filled(tmp_path / "a")
    other = Store.open(tmp_path / "b")
    other.add_log(LogEntry(dt.date(2025, 1, 1), "swimming"))
    before = other.path.read_bytes()
    tables = parse_backup(export_store("json", a))
    with pytest.raises(StorageError, match="already holds data"):
        other.replace_all(tables)
    assert other.path.read_bytes() == before
    other.replace_all(tables, "restore a.json", replace=True)
    assert export_store("json", other) == export_store("json", a)
    assert other.undo_label() == "restore a.json"
    assert other.undo() == "restore a.json"
    assert [log.activity for log in other.logs()] == ["swimming"]
    assert other.get_plan() is None
    # the whole previous generation is back, its undo history too
    assert other.undo() == "log swimming on 2025-01-01" and other.logs() == []


def test_summary_counts_what_a_data_set_holds(tmp_path):
    assert summary(filled(tmp_path / "a").export_all()) == \
        "a plan, 2 logged sessions, 2 check-ins, 2 flare days"
    assert summary({}) == "nothing"


GOOD = {"format": "rehab-planner/backup", "version": 1, "plan": None, "logs": [], "checkins": [], "flares": []}


@pytest.mark.parametrize("change, message", [
    ({"format": "rehab-planner/template"}, "$.format: not a rehab-planner backup"),
    ({"version": 2}, "$.version: written by a newer rehab-planner"),
    ({"version": "1"}, "$.version: unknown backup version"),
    ({"logs": {}}, "$.logs: must be a list"),
    ({"logs": [{"id": 1, "date": "2026-02-30", "activity": "x"}]}, '$.logs[0].date: "2026-02-30" is not'),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "status": "maybe"}]},
     '$.logs[0].status: "maybe" is not one of done'),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "pain": "7"}]},
     '$.logs[0].pain: "7" is not a whole number from 0 to 10'),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "minutes": "abc"}]}, "$.logs[0].minutes"),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "minutes": 601}]}, "$.logs[0].minutes"),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "logged_at": 5}]}, "$.logs[0].logged_at"),
    ({"logs": [{"id": 1, "date": "9999-12-31", "activity": "x"}]}, "$.logs[0].date"),
    ({"logs": [{"id": 1, "date": "20260101", "activity": "x"}]}, "$.logs[0].date"),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "pain": True}]}, "$.logs[0].pain"),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "blob": "y" * 1000}]},
     '$.logs[0]: unknown field "blob"'),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x", "note": "y" * 2001}]}, "$.logs[0].note"),
    ({"checkins": [{"id": 1, "date": "2026-02-03", "morning_pain": None}]}, "$.checkins[0].morning_pain"),
    ({"checkins": [{"id": 1, "date": "2026-02-03"}]}, "$.checkins[0].morning_pain: is missing"),
    ({"checkins": [{"id": 1, "date": "2026-02-03", "morning_pain": 1, "swelling": "no"}]},
     "$.checkins[0].swelling"),
    ({"settings": [{"id": 1, "key": "k", "value": "v" * 70000}]}, "$.settings[0].value: is"),
    ({"blob": "x" * 1000}, "$.blob: unknown field"),
    ({"logs": [{"id": 0, "date": "2026-02-03", "activity": "x"}]}, "$.logs[0].id: must be a whole number"),
    ({"logs": [{"id": 1, "date": "2026-02-03", "activity": "x"}, {"id": 1, "date": "2026-02-03", "activity": "x"}]},
     "$.logs[1].id: 1 appears twice"),
    ({"checkins": [{"id": 1, "date": "2026-02-03", "morning_pain": 12}]},
     "$.checkins[0].morning_pain: 12 is not a whole number"),
    ({"checkins": [{"id": 1, "date": "2026-02-03", "morning_pain": 1},
                   {"id": 2, "date": "2026-02-03", "morning_pain": 1}]}, "$.checkins[1].date: a second check-in"),
    ({"flares": ["2026-02-03", "2026-02-01"]}, "$.flares[1]: flare days must be sorted"),
    ({"flares": ["soon"]}, "$.flares[0]: 'soon' is not a YYYY-MM-DD date"),
    ({"undo": []}, "$.undo: unknown field"),
    ({"Bad Key": []}, "$.Bad Key: unknown field"),
    ({"plan": {"template": {"format": "rehab-planner/template"}, "start": "2026-01-05"}}, "$.plan.template"),
    ({"plan": [1]}, "$.plan: must be an object with a template"),
])
def test_bad_backups_are_refused_with_one_line_naming_the_path(change, message):
    with pytest.raises(BackupError) as err:
        parse_backup(json.dumps({**GOOD, **change}), "b.json")
    text = str(err.value)
    assert text.startswith("b.json: ") and message in text and "\n" not in text


@pytest.mark.parametrize("raw, message", [
    (b"", "not valid JSON"), (b"[1,", "not valid JSON"), (b"[]", "expected a JSON object"),
    (b'{"format": "rehab-planner/backup", "version": 1, "plan": null, "logs": [], "checkins": [], '
     b'"flares": [], "x": NaN}', "NaN is not allowed"),
    (b"[" * 100000, "not valid JSON"), (b"\xff\xfe", "not valid JSON"),
])
def test_unparseable_input_is_one_line(raw, message):
    with pytest.raises(BackupError, match=message):
        parse_backup(raw, "b.json")


def test_missing_sections_are_named():
    doc = dict(GOOD)
    del doc["checkins"]
    with pytest.raises(BackupError, match=r"\$\.checkins: is missing"):
        parse_backup(json.dumps(doc))


def test_restore_and_its_undo_move_the_plan_revision_forward(tmp_path):
    a = filled(tmp_path / "a")
    other = filled(tmp_path / "b")
    other.set_plan(other.get_plan(), "again")
    seen = other.plan_revision()
    other.replace_all(parse_backup(export_store("json", a)), replace=True)
    assert other.plan_revision() == seen + 1
    other.undo()
    assert other.plan_revision() == seen + 2
