"""Red flags over rolling windows (tui/core/redflags.py): new signs, windows across weeks, clearing."""

import datetime as dt

import pytest

from tui.core.errors import RehabError
from tui.core.records import CheckIn, LogEntry
from tui.core.redflags import active_flags, find_flags, flags_over
from tui.core.schedule import Plan
from tui.core.substitution import pause_impact

TODAY = dt.date(2026, 11, 24)
ONE = dt.timedelta(days=1)


def test_warmth_redness_and_limping_are_recorded_and_flagged_with_a_next_step():
    checkins = [CheckIn(date=TODAY - ONE, morning_pain=2, warmth_redness=True),
                CheckIn(date=TODAY, morning_pain=2, limping=True)]
    flags = find_flags(checkins, [], TODAY)
    assert [f.id for f in flags] == ["warmth-redness", "limping"]
    assert flags[0].text.startswith("Warmth or redness of the foot on Mon 23 Nov")
    assert "see your GP within a day" in flags[0].text
    assert flags[1].sign == "limping or a changed walk" and "book one with your GP or a podiatrist" in flags[1].text
    assert all("cycling or swimming" in f.text for f in flags)
    assert CheckIn.from_dict(checkins[1].to_dict()).limping is True
    with pytest.raises(RehabError, match="limping must be true or false"):
        CheckIn(date=TODAY, morning_pain=1, limping="yes")  # type: ignore[arg-type]


def test_a_flag_clears_when_its_window_no_longer_shows_it():
    checkins = [CheckIn(date=TODAY, morning_pain=2, night_pain=True)]
    assert [f.id for f in find_flags(checkins, [], TODAY + 6 * ONE)] == ["night-pain"]
    assert find_flags(checkins, [], TODAY + 7 * ONE) == []


def test_flags_over_a_week_keeps_each_sign_once_with_its_latest_window():
    numb = [CheckIn(date=TODAY + i * ONE, morning_pain=1, numbness=True) for i in range(5)]
    flags = flags_over(numb, [], TODAY, TODAY + 6 * ONE)
    assert [f.id for f in flags] == ["numbness"] and flags[0].figures["days"] == 5
    assert flags_over(numb[:2], [], TODAY, TODAY + 6 * ONE) == []


def test_severe_pain_in_a_log_pauses_impact_until_a_clinician_has_seen_it():
    template = {"id": "t", "name": "T", "description": "", "phases": [{"id": "a", "name": "A", "weeks": 2, "sessions": [
        {"id": "a-walk", "activity": "brisk-walk", "rrule": "FREQ=DAILY", "dose": {"minutes": 30}}]}]}
    plan = Plan.start_from_template(template, TODAY - ONE)
    logs = [LogEntry(date=TODAY - ONE, activity="brisk-walk", pain=8)]
    flags = find_flags([], logs, TODAY)
    assert [f.id for f in flags] == ["severe-pain"] and "8/10 during brisk walk test on Mon 23 Nov" in flags[0].text
    week = plan.sessions_between(TODAY, TODAY + 2 * ONE)
    paused = pause_impact(week, active_flags(flags))
    assert [(s.activity_id, s.dose.minutes, s.session_id) for s in paused] == [("cycling", 30, "a-walk")] * 3
    assert pause_impact(week, active_flags(flags, clinician_seen_on=TODAY)) == week
    assert pause_impact(week, []) == week


def test_pain_notices_come_from_the_rules():
    from tui.core.redflags import pain_notices
    from tui.core.rules import thresholds

    assert pain_notices(5) == [] and pain_notices(None) == []
    assert pain_notices(6) == ["pain over 5/10 is more than this plan aims for: ease off next time."]
    assert len(pain_notices(8)) == 2 and "over 7/10 is a red flag" in pain_notices(8)[1]
    assert len(pain_notices(7, thresholds({"rules": {"severe_pain": 6}}))) == 2



def test_signs_a_clinician_has_seen_are_not_active_in_the_lists():
    """`red_flags` (the banners, `rehab flag`, `rehab stats`) lists only active signs; ``seen_flags``
    those seen only up to the clinician's day (as the review and the week view count them)."""
    from tui.core.redflags import red_flags, seen_flags, seen_text

    checkins = [CheckIn(date=TODAY - 2 * ONE, morning_pain=2, swelling=True),
                CheckIn(date=TODAY - ONE, morning_pain=2, night_pain=True)]
    flags = find_flags(checkins, [], TODAY)
    assert sorted(f.id for f in seen_flags(flags, TODAY - ONE)) == ["night-pain", "swelling"]
    assert [f.id for f in seen_flags(flags, TODAY - 2 * ONE)] == ["swelling"]  # night pain came after the visit
    assert seen_flags(flags, None) == []
    assert red_flags(checkins, [], TODAY, clinician_seen_on=TODAY - ONE) == []
    assert len(red_flags(checkins, [], TODAY)) == 2
    [night] = red_flags(checkins, [], TODAY, clinician_seen_on=TODAY - 2 * ONE)
    assert night.startswith("Pain at night or at rest")
    assert red_flags(checkins + [CheckIn(date=TODAY, morning_pain=2, swelling=True)], [], TODAY,
                     clinician_seen_on=TODAY - ONE)[0].startswith("Swelling noted on Sun 22 Nov, Tue 24 Nov")
    assert seen_text(2, TODAY - ONE) == \
        "no active warning signs; 2 seen up to Mon 23 Nov, when a clinician saw your foot"
    assert seen_text(1, TODAY - ONE, active=True) == \
        "and 1 more warning sign seen up to Mon 23 Nov, when a clinician saw your foot"
