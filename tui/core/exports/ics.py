"""The active plan as an RFC 5545 calendar (icalendar).

One recurring VEVENT per session series per phase span: DTSTART is the
series' first date in the span, the RRULE is the template's own rule with
UNTIL at the span's last day. A session whose dose gives its sittings times
of day (``times``, "HH:MM" per sitting) gets one timed series per sitting,
each of one sitting's length; other sessions are all-day events, because
icing "3x a day" with no times has no single hour. ``at`` (a time of day)
turns those untimed sessions into timed events at that time instead. Rest
days always stay all-day. An alarm (``alarm_minutes``) goes on timed events
only: an all-day event starts at midnight, so its alarm would ring at night.

UIDs are ``{template}.{phase}.{n}.{session}@rehab-planner`` (and
``...{session}.{sitting}@rehab-planner`` for a sitting's own series) where n
counts how many times that phase has appeared in the timeline: when a review
moves a phase's dates, a re-import updates the same series instead of adding
one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dateutil.rrule import rrulestr
from icalendar import Alarm, Calendar, Event, vRecur

from ..activities import get_activity
from ..schedule import PhaseSpan, Plan, ScheduledSession
from .text import RED_FLAGS, one_line

PRODID = "-//rehab-planner//rehab-planner plan export//EN"
UID_DOMAIN = "rehab-planner"
MAX_ALARM_MINUTES = 7 * 24 * 60
MIN_EVENT = dt.timedelta(minutes=5)
UNTIMED_EVENT = dt.timedelta(minutes=15)
# Every event's text stands on its own: the red flags are in it, not "below".
CLOSING = (
    "Stop the plan and see a clinician if any of these shows up: "
    + " ".join(RED_FLAGS)
    + " This plan gives self-care structure; it is not medical advice and does not diagnose anything."
)


def uid_for(template_id: str, phase_id: str, occurrence: int, session_id: str,
            sitting: int | None = None) -> str:
    tail = "" if sitting is None else f".{sitting}"
    return f"{template_id}.{phase_id}.{occurrence}.{session_id}{tail}@{UID_DOMAIN}"


def _description(first: ScheduledSession, span_name: str, start: dt.date, end: dt.date) -> str:
    activity = get_activity(first.activity_id)
    lines = [] if first.kind == "rest" else [f"Dose: {first.dose.describe()}"]
    if first.why:
        lines.append(f"Why: {one_line(first.why)}")
    if first.note:
        lines.append(f"Note: {one_line(first.note)}")
    if activity.steps:
        lines.append("How:")
        lines += [f"{n}. {one_line(step)}" for n, step in enumerate(activity.steps, 1)]
    if activity.cautions:
        lines.append(f"Take care: {one_line(activity.cautions[0])}")
    lines.append(f"Phase: {one_line(span_name)} ({start.isoformat()} to {end.isoformat()})")
    lines.append(CLOSING)
    return "\n".join(lines)


def _title(s: ScheduledSession, sitting: int | None = None) -> str:
    if s.kind == "rest":
        return one_line(s.name)
    label = one_line(s.name) if sitting is None else f"{one_line(s.name)} {sitting}/{s.dose.sittings}"
    return f"{label}: {s.dose.describe()}"


def sitting_times(s: ScheduledSession) -> list[dt.time]:
    """The times of day the dose gives its sittings (none for rest days or untimed doses)."""
    if s.kind == "rest":
        return []
    return [dt.time.fromisoformat(t) for t in (s.dose.times or ())[: s.dose.sittings]]


def _expand(rule: str, first: dt.date | dt.datetime) -> list[dt.date]:
    start = first if isinstance(first, dt.datetime) else dt.datetime.combine(first, dt.time())
    return [d.date() for d in rrulestr(rule, dtstart=start)]


def build_calendar(
    plan: Plan,
    *,
    alarm_minutes: int | None = None,
    at: dt.time | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The plan's calendar as iCalendar bytes (CRLF lines, UTF-8)."""
    if alarm_minutes is not None and not 0 <= alarm_minutes <= MAX_ALARM_MINUTES:
        raise ValueError(f"alarm minutes must be from 0 to {MAX_ALARM_MINUTES}")
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", one_line(plan.name))
    seen: dict[str, int] = defaultdict(int)
    for span in plan.spans():
        seen[span.id] += 1
        by_session: dict[str, list[ScheduledSession]] = defaultdict(list)
        for s in plan.sessions_between(span.start, span.end):
            by_session[s.session_id].append(s)
        for spec in span.phase["sessions"]:
            series = by_session.get(spec["id"])
            if not series:
                continue
            times = sitting_times(series[0])
            if times:
                for index, time in enumerate(times, 1):
                    cal.add_component(_event(plan, span, seen[span.id], spec["rrule"], series,
                                             alarm_minutes, time, stamp, index))
            else:
                cal.add_component(_event(plan, span, seen[span.id], spec["rrule"], series,
                                         alarm_minutes, at, stamp))
    data: bytes = cal.to_ical()
    return data


def _event(plan: Plan, span: PhaseSpan, occurrence: int, rule: str, series: list[ScheduledSession],
           alarm_minutes: int | None, at: dt.time | None, stamp: dt.datetime,
           sitting: int | None = None) -> Event:
    """One series: all-day, or timed at ``at`` (a sitting's time, or the export's ``--at``)."""
    first = series[0]
    dates = [s.date for s in series]
    when = at if first.kind != "rest" else None
    timed = when is not None
    start: dt.date | dt.datetime = dt.datetime.combine(first.date, when) if when else first.date
    recur = vRecur.from_ical(rule)
    # UNTIL has the same value type as DTSTART (RFC 5545 3.3.10): a date, or a
    # floating date-time at the end of the span's last day.
    recur["UNTIL"] = dt.datetime.combine(span.end, dt.time(23, 59, 59)) if timed else span.end
    ev = Event()
    ev.add("uid", uid_for(plan.template_id, span.id, occurrence, first.session_id, sitting))
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start)
    if timed:
        seconds = first.dose.timer_seconds()
        ev.add("duration", max(dt.timedelta(seconds=seconds) if seconds else UNTIMED_EVENT, MIN_EVENT))
    else:
        ev.add("dtend", first.date + dt.timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
    # Use the template's rule when it gives exactly the plan's dates from this
    # DTSTART; otherwise list the dates (RDATE) so the calendar never disagrees.
    if _expand(recur.to_ical().decode(), start) == dates:
        ev.add("rrule", recur)
    elif len(dates) > 1:
        extra = dates[1:]
        ev.add("rdate", [dt.datetime.combine(d, when) for d in extra] if when else extra)
    ev.add("summary", _title(first, sitting))
    ev.add("description", _description(first, span.phase.get("name", span.id), span.start, span.end))
    ev.add("categories", [first.kind])
    ev.add("x-rehab-session", first.session_id)
    ev.add("x-rehab-activity", first.activity_id)
    if sitting is not None:
        ev.add("x-rehab-sitting", str(sitting))
    if alarm_minutes is not None and timed:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _title(first, sitting))
        alarm.add("trigger", dt.timedelta(minutes=-alarm_minutes))
        ev.add_component(alarm)
    return ev

