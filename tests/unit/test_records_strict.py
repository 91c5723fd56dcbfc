"""Strict numbers and strict records: what a user types and what storage may rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.errors import RehabError
from tui.core.records import (
    CheckIn,
    LogEntry,
    check_minutes,
    check_minutes_field,
    check_pain,
    check_pain_field,
)

DAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize("value,expect", [("0", 0), ("7", 7), ("10", 10), (" 4 ", 4), ("07", 7), (3, 3), (None, None)])
def test_pain_accepts_plain_digits_and_ints(value, expect):
    assert check_pain(value) == expect


@pytest.mark.parametrize("value", ["", " ", "1_0", "7.0", "+5", "-1", "11", "٣", "５", "1e1", "0x5", "seven",
                                   True, False, 7.0, 5.5, [5], "7\n8"])
def test_pain_refuses_everything_else(value):
    with pytest.raises(RehabError) as err:
        check_pain(value, "morning pain")
    assert "\n" not in str(err.value) and str(err.value).startswith("morning pain")


def test_optional_pain_field():
    assert check_pain_field("") is None and check_pain_field("   ") is None
    assert check_pain_field(" 6") == 6
    with pytest.raises(RehabError):
        check_pain_field("1_0")


@pytest.mark.parametrize("value,expect", [("15", 15.0), ("7.5", 7.5), ("0.25", 0.25), ("600", 600.0),
                                          (12, 12.0), (1.5, 1.5), (None, None), (" 3 ", 3.0)])
def test_minutes_accepts_plain_decimals_and_numbers(value, expect):
    assert check_minutes(value) == expect


@pytest.mark.parametrize("value", ["", " ", "1e-300", "1e2", "nan", "inf", "-inf", "1_0", "+5", "-5", "0", "0.0",
                                   "0.05", "601", "1000", ".5", "5.", "5.123", "١٠", "abc",
                                   True, float("nan"), float("inf"), 1e-300, 0, 700, [1]])
def test_minutes_refuses_everything_else(value):
    with pytest.raises(RehabError) as err:
        check_minutes(value)
    assert "\n" not in str(err.value) and "minutes" in str(err.value)


def test_optional_minutes_field():
    assert check_minutes_field("") is None and check_minutes_field("  ") is None
    assert check_minutes_field("20") == 20.0
    with pytest.raises(RehabError):
        check_minutes_field("nan")


def test_a_good_log_and_check_in_round_trip():
    entry = LogEntry(date=DAY, activity="ice-pack", session_id="s-ice", minutes=15, pain=3, foot="left",
                     logged_at="2026-11-24T08:00:00")
    assert LogEntry.from_dict(entry.to_dict()) == entry
    checkin = CheckIn(date=DAY, morning_pain=2, walking_pain=3, numbness=True, footwear="trainers",
                      logged_at="2026-11-24T08:00:00")
    assert CheckIn.from_dict(checkin.to_dict()) == checkin


@pytest.mark.parametrize("changes,words", [
    ({"pain": "7"}, "pain"),
    ({"pain": 7.0}, "pain"),
    ({"pain": True}, "pain"),
    ({"pain": 11}, "pain"),
    ({"minutes": "abc"}, "minutes"),
    ({"minutes": "15"}, "minutes"),
    ({"minutes": float("nan")}, "minutes"),
    ({"minutes": 1e-300}, "minutes"),
    ({"minutes": False}, "minutes"),
    ({"logged_at": 5}, "logged_at"),
    ({"logged_at": "yesterday"}, "logged_at"),
    ({"logged_at": ""}, "logged_at"),
    ({"status": "half"}, "status"),
    ({"foot": "middle"}, "foot"),
    ({"activity": ""}, "activity"),
    ({"activity": 5}, "activity"),
    ({"session_id": 5}, "session id"),
    ({"note": None}, "note"),
    ({"note": "x" * 2001}, "note"),
    ({"date": "2026-11-24"}, "date"),
    ({"date": dt.datetime(2026, 11, 24)}, "date"),
    ({"date": dt.date(9999, 12, 31)}, "out of range"),
    ({"id": "3"}, "id"),
])
def test_log_entry_refuses_wrong_types(changes, words):
    fields = {"date": DAY, "activity": "ice-pack", **changes}
    with pytest.raises(RehabError, match=words):
        LogEntry(**fields)


@pytest.mark.parametrize("changes,words", [
    ({"morning_pain": None}, "morning pain is required"),
    ({"morning_pain": "4"}, "morning pain"),
    ({"morning_pain": 4.0}, "morning pain"),
    ({"morning_pain": False}, "morning pain"),
    ({"walking_pain": "3"}, "walking pain"),
    ({"walking_pain": 12}, "walking pain"),
    ({"numbness": "yes"}, "numbness"),
    ({"swelling": 1}, "swelling"),
    ({"night_pain": None}, "night pain"),
    ({"callus": "false"}, "callus"),
    ({"footwear": 3}, "footwear"),
    ({"note": 3}, "note"),
    ({"logged_at": 5}, "logged_at"),
    ({"date": dt.date(1, 1, 1)}, "out of range"),
])
def test_check_in_refuses_wrong_types(changes, words):
    fields = {"date": DAY, "morning_pain": 2, **changes}
    with pytest.raises(RehabError, match=words):
        CheckIn(**fields)


@pytest.mark.parametrize("data,words", [
    ({"date": "20261124", "activity": "ice-pack"}, "not a date"),
    ({"date": 5, "activity": "ice-pack"}, "not a date"),
    ({"activity": "ice-pack"}, "not a date"),
    ({"date": "2026-11-24"}, "missing activity"),
    ({"date": "2026-11-24", "activity": "ice-pack", "pain": "7"}, "pain"),
    ({"date": "2026-11-24", "activity": "ice-pack", "logged_at": 5}, "logged_at"),
])
def test_log_from_dict_refuses_bad_records(data, words):
    with pytest.raises(RehabError, match=words):
        LogEntry.from_dict(data)


def test_check_in_from_dict_refuses_a_missing_morning_pain():
    with pytest.raises(RehabError, match="morning pain is required"):
        CheckIn.from_dict({"date": "2026-11-24", "morning_pain": None})
    with pytest.raises(RehabError, match="missing morning_pain"):
        CheckIn.from_dict({"date": "2026-11-24"})
