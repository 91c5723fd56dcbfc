"""CSV of the history and the Markdown handout."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from tui.core.activities import get_activity
from tui.core.exports.csv import COLUMNS, history_csv
from tui.core.exports.markdown import handout
from tui.core.exports.text import DISCLAIMER, RED_FLAGS
from tui.core.schedule import Plan
from tui.core.templates import load_template_file

PLANS = Path(__file__).resolve().parents[2] / "plans"

LOGS = [
    {"id": 2, "date": "2026-11-24", "activity": "ice-pack", "status": "done", "session_id": "settle-ice",
     "minutes": 15.0, "pain": 2, "foot": "both", "note": "cold, \"fine\"\nsecond line", "logged_at": "2026-11-24T08:00:00"},
    {"id": 1, "date": "2026-11-23", "activity": "cycling", "status": "partial", "session_id": None,
     "minutes": 12.5, "pain": None, "foot": None, "note": "=HYPERLINK(\"http://x\")", "logged_at": "2026-11-23T18:00:00"},
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
    cyc, check, ice, ball = got
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


def _plan(start=dt.date(2026, 11, 18)) -> Plan:
    return Plan.start_from_template(load_template_file(PLANS / "metatarsalgia-conservative.json").to_dict(), start)


def test_handout_has_every_week_day_session_steps_red_flags_and_disclaimer():
    plan = _plan()
    text = handout(plan)
    assert text.count(DISCLAIMER) >= 2
    for flag in RED_FLAGS:
        assert flag in text
    weeks = re.findall(r"^## Week (\d+): ", text, flags=re.M)
    n_weeks = ((plan.end_date - (plan.start - dt.timedelta(days=plan.start.weekday()))).days // 7) + 1
    assert [int(w) for w in weeks] == list(range(1, n_weeks + 1))
    # every session of every day is listed under that day's heading
    sections = re.split(r"^### ", text, flags=re.M)
    by_day = {}
    for sec in sections[1:]:
        head, _, body = sec.partition("\n")
        by_day[head.strip()] = body
    for s in plan.sessions_between(plan.start, plan.end_date):
        head = f"{s.date.strftime('%A')} {s.date.day} {s.date.strftime('%b')} {s.date.year}"
        assert f"- [ ] **{s.name}**" in by_day[head], (head, s.name)
    # numbered steps and cautions for each activity, once per week
    for s in plan.sessions_between(plan.start, plan.start + dt.timedelta(days=3)):
        activity = get_activity(s.activity_id)
        assert f"1. {activity.steps[0]}" in text.replace("\\", "")
        if activity.cautions:
            assert f"- {activity.cautions[0]}" in text.replace("\\", "")
    assert "Before the plan starts." in text  # Mon/Tue of week 1


def test_handout_escapes_markdown_in_template_text():
    plan = _plan().rename("My <b>plan</b> [x](javascript:y)")
    text = handout(plan)
    assert "<b>" not in text and not re.search(r"(?<!\\)\]\(", text)
    assert text.startswith("# My \\<b\\>plan\\</b\\> \\[x\\](javascript:y)")
