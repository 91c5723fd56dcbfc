"""CSV of the history."""

from __future__ import annotations

import csv
import datetime as dt
import io

from tui.core.exports.csv import COLUMNS, history_csv

LOGS = [
    {"id": 2, "date": "2026-11-24", "activity": "ice-pack", "status": "done", "session_id": "settle-ice",
     "minutes": 15.0, "pain": 2, "foot": "both", "note": "cold, \"fine\"\nsecond line",
     "logged_at": "2026-11-24T08:00:00"},
    {"id": 1, "date": "2026-11-23", "activity": "cycling", "status": "partial", "session_id": None,
     "minutes": 12.5, "pain": None, "foot": None, "note": "=HYPERLINK(\"http://x\")",
     "logged_at": "2026-11-23T18:00:00"},
    {"id": 3, "date": "2026-11-24", "activity": "ball-roll", "status": "skipped", "note": "",
     "logged_at": "2026-11-24T20:00:00"},
]
CHECKINS = [
    {"date": "2026-11-24", "morning_pain": 3, "walking_pain": 4, "numbness": True, "swelling": False,
     "night_pain": False, "callus": True, "footwear": "+trainers", "note": "", "logged_at": "2026-11-24T07:00:00"},
]


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_the_documented_columns_one_row_per_record_in_date_order():
    text = history_csv(LOGS, CHECKINS, flares=["2026-11-24"])
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    got = rows(text)
    assert [(r["type"], r["date"], r["activity"]) for r in got] == [
        ("session", "2026-11-23", "cycling"),
        ("checkin", "2026-11-24", ""),
        ("session", "2026-11-24", "ice-pack"),
        ("session", "2026-11-24", "ball-roll"),
    ]
    for r in got:
        dt.date.fromisoformat(r["date"])
    cyc, check, ice, _ball = got
    assert cyc["minutes"] == "12.5" and cyc["pain"] == "" and cyc["status"] == "partial"
    assert ice["minutes"] == "15" and ice["pain"] == "2" and ice["foot"] == "both"
    assert ice["note"] == "cold, \"fine\"\nsecond line"  # quoted by the csv module, not lost
    assert (check["morning_pain"], check["walking_pain"], check["numbness"], check["swelling"],
            check["callus"]) == ("3", "4", "yes", "no", "yes")
    assert check["flare_day"] == ice["flare_day"] == "yes" and cyc["flare_day"] == "no"
    assert check["status"] == "" and ice["morning_pain"] == ""


def test_csv_neutralises_spreadsheet_formulas_in_free_text():
    got = rows(history_csv(LOGS, CHECKINS))
    assert got[0]["note"] == "'=HYPERLINK(\"http://x\")"
    assert got[1]["footwear"] == "'+trainers"


def test_csv_of_nothing_is_just_the_header():
    assert history_csv([], []) == ",".join(COLUMNS) + "\r\n"

# The handout's tests are in tests/unit/test_handout.py.


def test_csv_given_a_year_at_a_time_is_the_same_text():
    from tui.core.exports.csv import history_csv_years

    older = {"id": 9, "date": "2025-12-31", "activity": "cycling", "status": "done", "note": "",
             "logged_at": "2025-12-31T18:00:00"}
    late = {"date": "2026-11-25", "morning_pain": 1, "note": "", "logged_at": "2026-11-25T07:00:00"}
    logs = sorted([*LOGS, older], key=lambda log: (log["date"], log["id"]))
    years = [([older], []), ([log for log in logs if log is not older], [*CHECKINS, late])]
    flares = ["2026-11-24"]
    assert history_csv_years(years, flares) == history_csv([*LOGS, older], [*CHECKINS, late], flares)
    assert history_csv_years([], flares) == history_csv([], [], flares)
