"""One rule for dates: strict ISO, a 1900-2200 range, friendly words against an explicit today."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.dates import (
    CHECKIN_DAYS_BACK,
    MAX_DATE,
    MIN_DATE,
    check_checkin_day,
    check_in_range,
    check_loggable,
    checkin_days,
    friendly_date,
    parse_date,
    week_days,
    week_start,
)
from tui.core.errors import RehabError

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def test_iso_dates_parse():
    assert parse_date("2026-03-02") == dt.date(2026, 3, 2)
    assert parse_date(" 2026-03-02 ") == dt.date(2026, 3, 2)
    assert parse_date("1900-01-01") == MIN_DATE and parse_date("2200-12-31") == MAX_DATE


@pytest.mark.parametrize("text,words", [
    ("20260101", "not a date"),
    ("2026-1-01", "not a date"),
    ("2026-W01-1", "not a date"),
    ("2026-01-01T00:00", "not a date"),
    ("٢٠٢٦-٠١-٠١", "not a date"),
    ("", "not a date"),
    ("tomorrow", "not a date"),  # friendly words need an explicit today
    ("2026-02-30", "does not exist"),
    ("2026-13-01", "does not exist"),
    ("0001-01-01", "out of range"),
    ("1899-12-31", "out of range"),
    ("2201-01-01", "out of range"),
    ("9999-12-31", "out of range"),
])
def test_bad_dates_are_one_line_errors(text, words):
    with pytest.raises(RehabError, match=words) as err:
        parse_date(text, "--date")
    assert "\n" not in str(err.value) and str(err.value).startswith("--date ")


def test_non_text_is_refused():
    with pytest.raises(RehabError):
        parse_date(20260101)  # type: ignore[arg-type]


def test_week_arithmetic_stays_valid_at_the_ends_of_the_range():
    for day in (MIN_DATE, MAX_DATE):
        days = week_days(day)
        assert len(days) == 7 and days[0] == week_start(day) and days[0].weekday() == 0
        assert days[-1] - days[0] == dt.timedelta(days=6)


@pytest.mark.parametrize("word,expect", [
    ("today", TODAY),
    ("Yesterday", TODAY - dt.timedelta(days=1)),
    ("tomorrow", TODAY + dt.timedelta(days=1)),
    ("wed", TODAY),  # the latest Wednesday on or before today is today
    ("wednesday", TODAY),
    ("mon", dt.date(2026, 11, 23)),
    ("Monday", dt.date(2026, 11, 23)),
    ("thu", dt.date(2026, 11, 19)),  # not this week's Thursday: that is still to come
    ("sun", dt.date(2026, 11, 22)),
    ("su", dt.date(2026, 11, 22)),
    ("-3", TODAY - dt.timedelta(days=3)),
    ("-0", TODAY),
    (" 2026-11-01 ", dt.date(2026, 11, 1)),
])
def test_friendly_dates_against_an_explicit_today(word, expect):
    assert parse_date(word, today=TODAY) == expect


@pytest.mark.parametrize("word", ["+3", "3", "-", "--3", "-99999", "next monday", "mond"])
def test_bad_friendly_words(word):
    with pytest.raises(RehabError):
        parse_date(word, today=TODAY)


def test_friendly_words_stay_in_range():
    with pytest.raises(RehabError, match="out of range"):
        parse_date("-36500", today=MIN_DATE + dt.timedelta(days=3))
    with pytest.raises(RehabError, match="out of range"):
        parse_date("tomorrow", today=MAX_DATE)
    with pytest.raises(RehabError):
        friendly_date("-3", dt.date(1, 1, 2))


def test_today_without_an_explicit_today_is_the_machine_date():
    assert parse_date("today") == dt.date.today()


def test_check_loggable_refuses_the_future_with_one_message():
    assert check_loggable(TODAY, TODAY) == TODAY
    assert check_loggable(TODAY - dt.timedelta(days=400), TODAY)
    with pytest.raises(RehabError) as err:
        check_loggable(TODAY + dt.timedelta(days=1), TODAY)
    assert str(err.value) == "2026-11-26 is in the future; only today or earlier can be logged"
    with pytest.raises(RehabError, match="out of range"):
        check_loggable(dt.date(1800, 1, 1), TODAY)


def test_check_in_range():
    assert check_in_range(TODAY) == TODAY
    with pytest.raises(RehabError, match="not a date"):
        check_in_range(dt.datetime(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(RehabError, match="out of range"):
        check_in_range(dt.date(9999, 12, 31))


def test_checkin_days_reach_a_week_back():
    days = checkin_days(TODAY)
    assert CHECKIN_DAYS_BACK == 7 and len(days) == 8 and days[0] == TODAY
    assert days[-1] == TODAY - dt.timedelta(days=7)
    for day in days:
        assert check_checkin_day(day, TODAY) == day
    with pytest.raises(RehabError, match="more than 7 days ago"):
        check_checkin_day(TODAY - dt.timedelta(days=8), TODAY)
    with pytest.raises(RehabError, match="in the future"):
        check_checkin_day(TODAY + dt.timedelta(days=1), TODAY)
