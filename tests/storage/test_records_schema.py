"""The one record schema (tui.core.records_schema), by hypothesis.

Properties: every record the core can make passes; whatever passes builds a
core record without an error (so a reader never crashes on a stored record);
any backup text is either restored or refused with one BackupError line.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.exports.backup import BackupError, parse_backup
from tui.core.records import FEET, STATUSES, CheckIn, LogEntry
from tui.core.records_schema import record_problem, table_problem
from tui.storage.backup_shape import tables_of

DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
PAIN = st.one_of(st.none(), st.integers(0, 10))
NOTE = st.text(max_size=50)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def log_entries(draw) -> LogEntry:
    return LogEntry(
        date=draw(DAYS), activity=draw(st.sampled_from(["ice-pack", "cycling", "ball-roll"])),
        status=draw(st.sampled_from(STATUSES)), session_id=draw(st.none() | st.just("settle-ice")),
        minutes=draw(st.none() | st.floats(0.5, 600)), pain=draw(PAIN),
        foot=draw(st.none() | st.sampled_from(FEET)), note=draw(NOTE),
        logged_at=draw(st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1))).isoformat())


@st.composite
def checkins(draw) -> CheckIn:
    return CheckIn(
        date=draw(DAYS), morning_pain=draw(st.integers(0, 10)), walking_pain=draw(PAIN),
        numbness=draw(st.booleans()), swelling=draw(st.booleans()), night_pain=draw(st.booleans()),
        callus=draw(st.booleans()), footwear=draw(st.none() | st.text(max_size=20)), note=draw(NOTE))


@FAST
@given(log_entries())
def test_every_log_the_core_makes_passes(entry):
    assert record_problem("logs", entry.to_dict()) is None


@FAST
@given(checkins())
def test_every_checkin_the_core_makes_passes(entry):
    assert record_problem("checkins", entry.to_dict()) is None


def _builds(table: str, doc: dict) -> None:
    (LogEntry if table == "logs" else CheckIn).from_dict(doc)


@FAST
@given(st.data(), st.sampled_from(["logs", "checkins"]))
def test_a_changed_record_is_refused_or_still_builds(data, table):
    entry = data.draw(log_entries() if table == "logs" else checkins())
    doc = entry.to_dict()
    field = data.draw(st.sampled_from(sorted(doc) + ["extra"]))
    if data.draw(st.booleans()) and field in doc:
        del doc[field]
    else:
        doc[field] = data.draw(JSON)
    if record_problem(table, doc) is None:
        _builds(table, doc)  # passing the schema means a reader can use it


@FAST
@given(st.lists(checkins(), min_size=2, max_size=6))
def test_two_checkins_on_one_date_are_refused_in_a_table(entries):
    docs = {str(n): c.to_dict() for n, c in enumerate(entries, 1)}
    docs[str(len(docs) + 1)] = dict(docs["1"])
    problem = table_problem("checkins", docs)
    assert problem is not None and "a second checkin for" in problem


def test_a_damaged_record_is_named_by_its_table_and_id():
    docs = {"1": LogEntry(dt.date(2026, 1, 1), "ice-pack").to_dict(),
            "17": {**LogEntry(dt.date(2026, 1, 2), "ice-pack").to_dict(), "pain": "7"}}
    assert table_problem("logs", docs) == \
        'logs record 17 is damaged: pain "7" is not a whole number from 0 to 10'
    assert "id" in table_problem("logs", {"0": docs["1"]})
    assert "unknown field" in table_problem("logs", {"1": {**docs["1"], "x" * 9: "y" * 100}})


@st.composite
def backups(draw) -> dict:
    logs = draw(st.lists(log_entries(), max_size=5))
    days = draw(st.lists(DAYS, max_size=5, unique=True))
    return {"format": "rehab-planner/backup", "version": 1, "plan": None,
            "logs": [{**e.to_dict(), "id": n} for n, e in enumerate(logs, 1)],
            "checkins": [{**CheckIn(d, 1).to_dict(), "id": n} for n, d in enumerate(days, 1)],
            "flares": sorted(d.isoformat() for d in days)}


@FAST
@given(backups())
def test_every_backup_of_sound_records_restores_with_every_record(doc):
    tables = tables_of(parse_backup(json.dumps(doc), "b.json"))
    assert len(tables["logs"]) == len(doc["logs"]) and len(tables["checkins"]) == len(doc["checkins"])


@FAST
@given(backups(), st.data())
def test_any_changed_backup_is_restored_or_refused_in_one_line(doc, data):
    section = data.draw(st.sampled_from(["logs", "checkins", "flares", "plan", "version", "new"]))
    if section in ("logs", "checkins") and doc[section]:
        item = doc[section][0]
        item[data.draw(st.sampled_from(sorted(item) + ["x"]))] = data.draw(JSON)
    else:
        doc[section] = data.draw(JSON)
    try:
        tables = tables_of(parse_backup(json.dumps(doc), "b.json"))
    except BackupError as err:
        assert str(err).startswith("b.json: ") and "\n" not in str(err)
        return
    for table in ("logs", "checkins", "flares"):
        assert table_problem(table, tables[table]) is None
        for record in tables[table].values():
            if table != "flares":
                _builds(table, record)


@FAST
@given(st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_are_restored_or_refused_with_a_backup_error(raw):
    try:
        parse_backup(raw, "b.json")
    except BackupError:
        pass


def test_the_review_check_in_fields_are_known_to_the_schema():
    """Every CheckIn field (the review's red-flag fields included) is a field the schema knows,
    so a check-in made by the app can always be stored and read back."""
    import dataclasses

    from tui.core.records import CheckIn
    from tui.core.records_schema import SCHEMAS

    fields = {f.name for f in dataclasses.fields(CheckIn)}
    assert fields - {"id"} <= set(SCHEMAS["checkins"])
