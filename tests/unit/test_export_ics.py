"""The calendar export: parsed back with icalendar and expanded with dateutil,
it gives exactly the plan's (date, session) pairs, with stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from tui.core.exports import render_export
from tui.core.exports.ics import build_calendar
from tui.core.schedule import Plan
from tui.core.templates import load_template_file

PLANS = Path(__file__).resolve().parents[2] / "plans"
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


def template(name: str = "metatarsalgia-conservative", times: bool = False) -> dict:
    """A built-in template; without ``times`` its sessions' default times are dropped (all-day)."""
    data = load_template_file(PLANS / f"{name}.json").to_dict()
    if not times:
        for phase in data["phases"]:
            for spec in phase["sessions"]:
                (spec.get("dose") or {}).pop("times", None)
    return data


def expand(data: bytes) -> set[tuple[dt.date, str]]:
    """Independent reading of an ics: RRULE via dateutil, plus DTSTART and any RDATEs."""
    out = set()
    for ev in Calendar.from_ical(data).walk("VEVENT"):
        start = ev.decoded("dtstart")
        first = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
        session = str(ev["X-REHAB-SESSION"])
        if "RRULE" in ev:
            days = [d.date() for d in rrulestr(ev["RRULE"].to_ical().decode(), dtstart=first)]
        else:
            days = [first.date()]
        rdates = ev.get("RDATE")
        for group in (rdates if isinstance(rdates, list) else [rdates] if rdates else []):
            days += [p.dt.date() if isinstance(p.dt, dt.datetime) else p.dt for p in group.dts]
        out.update((d, session) for d in days)
    return out


def planned(plan: Plan) -> set[tuple[dt.date, str]]:
    return {(s.date, s.session_id) for s in plan.sessions_between(plan.start, plan.end_date)}


@pytest.mark.parametrize("name", ["metatarsalgia-conservative", "return-to-run", "on-your-feet-at-work"])
@pytest.mark.parametrize("start", [dt.date(2026, 11, 23), dt.date(2026, 11, 18), dt.date(2027, 2, 28)])
def test_calendar_expands_to_the_plan(name, start):
    plan = Plan.start_from_template(template(name, times=True), start)
    data = build_calendar(plan, now=NOW)
    assert expand(data) == planned(plan)


def test_repeated_and_cut_phases_still_match_and_get_their_own_uids():
    tpl = template()
    phases = [p["id"] for p in tpl["phases"]]
    plan = Plan.start_from_template(tpl, dt.date(2026, 11, 18))
    # a review held phase 1 a week longer, then stepped back to phase 0 later
    plan = plan.with_segment(phases[0], dt.date(2026, 11, 18))
    plan = plan.with_segment(phases[1], dt.date(2026, 12, 7))
    plan = plan.with_segment(phases[0], dt.date(2026, 12, 14))
    data = build_calendar(plan, now=NOW)
    assert expand(data) == planned(plan)
    uids = [str(ev["UID"]) for ev in Calendar.from_ical(data).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert any(f".{phases[0]}.2." in uid for uid in uids)


def test_every_series_ends_at_its_phase_end_and_starts_on_its_first_date():
    plan = Plan.start_from_template(template(), dt.date(2026, 11, 18))
    spans = {s.id: s for s in plan.spans()}
    for ev in Calendar.from_ical(build_calendar(plan, now=NOW)).walk("VEVENT"):
        phase = str(ev["UID"]).split(".")[1]
        if "RRULE" in ev:
            until = ev["RRULE"]["UNTIL"][0]
            assert until == spans[phase].end
        start = ev.decoded("DTSTART")
        firsts = [s.date for s in plan.sessions_between(spans[phase].start, spans[phase].end)
                  if s.session_id == str(ev["X-REHAB-SESSION"])]
        assert start == firsts[0]


def test_uids_are_stable_across_exports_and_the_description_has_dose_and_steps():
    plan = Plan.start_from_template(template(), dt.date(2026, 11, 23))
    first = Calendar.from_ical(build_calendar(plan, now=NOW))
    later = Calendar.from_ical(build_calendar(plan, now=NOW + dt.timedelta(days=3)))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in later.walk("VEVENT")]
    for ev in first.walk("VEVENT"):
        assert str(ev["UID"]).endswith("@rehab-planner")
        text = str(ev["DESCRIPTION"])
        assert "1. " in text and "not medical advice" in text
        if "rest" not in ev["CATEGORIES"].cats:
            assert text.startswith("Dose: ")


def test_all_day_by_default_and_rest_stays_all_day_with_a_time():
    plan = Plan.start_from_template(template(), dt.date(2026, 11, 23))
    for ev in Calendar.from_ical(build_calendar(plan, now=NOW)).walk("VEVENT"):
        assert type(ev.decoded("DTSTART")) is dt.date
        assert ev.decoded("DTEND") - ev.decoded("DTSTART") == dt.timedelta(days=1)
        assert "VALARM" not in [c.name for c in ev.subcomponents]
    timed = Calendar.from_ical(build_calendar(plan, at=dt.time(7, 30), alarm_minutes=15, now=NOW))
    kinds = set()
    for ev in timed.walk("VEVENT"):
        kind = ev["CATEGORIES"].cats[0]
        kinds.add(kind)
        start = ev.decoded("DTSTART")
        if kind == "rest":
            assert type(start) is dt.date
            assert ev.walk("VALARM") == []  # an all-day alarm would ring the night before
        else:
            assert start.time() == dt.time(7, 30) and start.tzinfo is None
            assert ev.decoded("DURATION") >= dt.timedelta(minutes=5)
            (alarm,) = ev.walk("VALARM")
            assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-15)
    assert "rest" in kinds and len(kinds) > 2
    assert expand(timed.to_ical()) == planned(plan)


def timed_plan() -> tuple[Plan, str]:
    """The conservative plan with its first ice pack session at 08:00, 13:00 and 19:00."""
    from tui.core.dose import Dose

    plan = Plan.start_from_template(template(), dt.date(2026, 11, 23))
    ice = next(s for s in plan.sessions_on(plan.start) if s.activity_id == "ice-pack")
    dose = Dose(minutes=15, times_per_day=3, times=("08:00", "13:00", "19:00"))
    return plan.set_dose(ice.session_id, dose), ice.session_id


def test_timed_sittings_get_their_own_events_at_their_times():
    plan, ice = timed_plan()
    cal = Calendar.from_ical(build_calendar(plan, now=NOW))
    mine = [ev for ev in cal.walk("VEVENT") if str(ev["X-REHAB-SESSION"]) == ice]
    assert [ev.decoded("DTSTART") for ev in mine] == [
        dt.datetime(2026, 11, 23, 8), dt.datetime(2026, 11, 23, 13), dt.datetime(2026, 11, 23, 19)]
    assert [str(ev["X-REHAB-SITTING"]) for ev in mine] == ["1", "2", "3"]
    assert [str(ev["SUMMARY"]) for ev in mine] == [f"Ice pack {n}/3: 15 min, 3x a day" for n in (1, 2, 3)]
    assert all(ev.decoded("DURATION") == dt.timedelta(minutes=15) for ev in mine)
    assert all(ev["RRULE"]["UNTIL"][0] == dt.datetime(2026, 12, 6, 23, 59, 59) for ev in mine)
    uids = [str(ev["UID"]) for ev in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) and all(u.endswith(f".{ice}.{n}@rehab-planner")
                                               for u, n in zip([str(e["UID"]) for e in mine], (1, 2, 3), strict=True))
    assert expand(cal.to_ical()) == planned(plan)
    # the other sessions (no times) stay all-day
    others = [ev for ev in cal.walk("VEVENT") if str(ev["X-REHAB-SESSION"]) != ice]
    assert others and all(type(ev.decoded("DTSTART")) is dt.date for ev in others)


def test_alarms_only_on_timed_events():
    plan, ice = timed_plan()
    cal = Calendar.from_ical(build_calendar(plan, alarm_minutes=10, now=NOW))
    for ev in cal.walk("VEVENT"):
        alarms = ev.walk("VALARM")
        if isinstance(ev.decoded("DTSTART"), dt.datetime):
            (alarm,) = alarms
            assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-10)
            assert str(alarm["DESCRIPTION"]).startswith("Ice pack ")
        else:
            assert alarms == [], str(ev["SUMMARY"])
    assert sum(len(ev.walk("VALARM")) for ev in cal.walk("VEVENT")) == 3 * len(
        [s for s in plan.spans() if any(x["id"] == ice for x in s.phase["sessions"])])


def test_descriptions_stand_on_their_own():
    from tui.core.exports.text import RED_FLAGS

    plan, _ = timed_plan()
    for ev in Calendar.from_ical(build_calendar(plan, now=NOW)).walk("VEVENT"):
        text = str(ev["DESCRIPTION"])
        assert "below" not in text and "see a clinician" in text
        assert all(flag in text for flag in RED_FLAGS)


def test_render_export_needs_a_plan_for_ics_and_md():
    from tui.core.errors import RehabError

    for fmt in ("ics", "md"):
        with pytest.raises(RehabError, match="no active plan"):
            render_export(fmt, None)
    with pytest.raises(RehabError, match="unknown export format"):
        render_export("pdf", None)
    text = render_export("ics", Plan.start_from_template(template(), dt.date(2026, 11, 23)), now=NOW)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
