"""Property tests: the strict readers never raise anything but RehabError, and the sittings
rule keeps its promises for any mix of logs."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.dates import MAX_DATE, MIN_DATE, parse_date
from tui.core.dose import Dose
from tui.core.errors import RehabError
from tui.core.records import LogEntry, check_minutes, check_pain
from tui.core.schedule import ScheduledSession
from tui.core.sittings import session_day

DAY = dt.date(2026, 11, 24)
ANY_TEXT = st.text(max_size=24) | st.from_regex(r"-?[0-9_.e+]{0,12}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_pain_is_a_plain_int_or_a_rehab_error(text):
    try:
        value = check_pain(text)
    except RehabError as err:
        assert "\n" not in str(err)
        return
    assert isinstance(value, int) and 0 <= value <= 10 and text.strip().isascii() and text.strip().isdigit()


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT | st.floats(allow_nan=True, allow_infinity=True))
def test_minutes_are_finite_and_in_range_or_a_rehab_error(value):
    try:
        number = check_minutes(value)
    except RehabError:
        return
    assert number is not None and 0.1 <= number <= 600


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.dates(min_value=dt.date(1, 1, 8), max_value=dt.date(9999, 12, 24)) | st.none())
def test_parse_date_gives_a_date_in_range_or_a_rehab_error(text, today):
    try:
        day = parse_date(text, today=today)
    except RehabError as err:
        assert "\n" not in str(err)
        return
    assert MIN_DATE <= day <= MAX_DATE or text.strip().lower() == "today"


STATUS = st.sampled_from(["done", "partial", "skipped"])


@settings(max_examples=300, deadline=None)
@given(st.lists(STATUS, max_size=10), st.integers(1, 8), st.integers(-2, 2))
def test_sittings_rule_invariants(statuses, sittings, offset):
    session = ScheduledSession(DAY, "s", "ice-pack", "ice", "Ice", Dose(minutes=10, times_per_day=sittings), "p")
    logs = [LogEntry(date=DAY, activity="ice-pack", status=s, session_id="s") for s in statuses]
    today = DAY + dt.timedelta(days=offset)
    got = session_day(session, logs, today)
    assert 0.0 <= got.credit <= 1.0 and got.sittings == sittings
    assert got.sittings_done <= sittings and got.logged <= sittings and len(got.logs) == len(statuses)
    assert (got.status == "done") == (statuses.count("done") >= sittings)
    # adding a skipped sitting never lowers the credit nor undoes a done status
    skip = LogEntry(date=DAY, activity="ice-pack", status="skipped", session_id="s")
    more = session_day(session, [*logs, skip], today)
    assert more.credit == got.credit and (got.status != "done" or more.status == "done")
    # order does not matter
    assert session_day(session, list(reversed(logs)), today).status == got.status
