"""Automatic substitution (tui/core/substitution.py): impact sessions offered as cycling or swimming."""

import datetime as dt
import json
from pathlib import Path

import pytest

from tui.core import stats
from tui.core.errors import RehabError
from tui.core.records import CheckIn, LogEntry, session_status
from tui.core.schedule import Plan
from tui.core.substitution import is_impact, substitute_log, substitutions_for

PLANS = Path(__file__).resolve().parents[2] / "plans"
START = dt.date(2026, 11, 16)  # return-to-run: "ready" this week, "step-1" from Nov 23
MONDAY = dt.date(2026, 11, 23)  # step-1: walk-run Mon, Wed, Fri


def plan() -> Plan:
    return Plan.start_from_template(json.loads((PLANS / "return-to-run.json").read_text()), START)


def test_impact_activities():
    assert is_impact("walk-run") and is_impact("brisk-walk")
    assert not is_impact("cycling") and not is_impact("nope")


def test_morning_pain_up_by_two_offers_the_day_s_walk_run():
    p = plan()
    checkins = [CheckIn(date=MONDAY - dt.timedelta(days=1), morning_pain=2), CheckIn(date=MONDAY, morning_pain=4)]
    [s] = substitutions_for(MONDAY, p, [], checkins)
    assert s.activity_id == "walk-run" and s.session_id == "step-1-walkrun"
    assert s.minutes == 15  # 3 x (4 + 1) min
    assert s.alternatives == ("cycling", "swimming")
    assert "morning pain is up from 2 to 4" in s.reason and "cycling or swimming" in s.text()
    assert s.to_dict()["minutes"] == 15
    # up by 1 only: nothing
    mild = [CheckIn(date=MONDAY - dt.timedelta(days=1), morning_pain=3), CheckIn(date=MONDAY, morning_pain=4)]
    assert substitutions_for(MONDAY, p, [], mild) == []
    # a day without impact sessions: nothing
    assert substitutions_for(MONDAY + dt.timedelta(days=1), p, [], checkins) == []


def test_painful_last_impact_session_offers_the_next_one():
    p = plan()
    wednesday = MONDAY + dt.timedelta(days=2)
    logs = [LogEntry(date=START, activity="brisk-walk", pain=2), LogEntry(date=MONDAY, activity="walk-run", pain=6),
            LogEntry(date=MONDAY + dt.timedelta(days=1), activity="cycling", pain=7)]  # not impact
    [s] = substitutions_for(wednesday, p, logs, [])
    assert "pain during walk-run intervals on Mon 23 Nov was 6/10" in s.reason
    calm = [LogEntry(date=MONDAY, activity="walk-run", pain=5)]
    assert substitutions_for(wednesday, p, calm, []) == []


def test_logging_the_substitute_counts_the_session_as_done():
    p = plan()
    checkins = [CheckIn(date=MONDAY - dt.timedelta(days=1), morning_pain=1), CheckIn(date=MONDAY, morning_pain=5)]
    [s] = substitutions_for(MONDAY, p, [], checkins)
    log = substitute_log(s, "swimming", pain=1)
    assert (log.activity, log.session_id, log.minutes, log.date) == ("swimming", "step-1-walkrun", 15, MONDAY)
    assert log.note.startswith("in place of walk-run intervals")
    session = next(x for x in p.sessions_on(MONDAY) if x.session_id == "step-1-walkrun")
    assert session_status(session, [log], MONDAY) == "done"
    assert substitutions_for(MONDAY, p, [log], checkins) == []  # already swapped
    assert stats.adherence(p, [log], MONDAY, MONDAY, MONDAY).credit == 1
    with pytest.raises(RehabError):
        substitute_log(s, "walk-run")


def test_no_swap_on_a_flare_day():
    p = plan()
    checkins = [CheckIn(date=MONDAY - dt.timedelta(days=1), morning_pain=1), CheckIn(date=MONDAY, morning_pain=5)]
    assert substitutions_for(MONDAY, p, [], checkins, flares={MONDAY.isoformat()}) == []
