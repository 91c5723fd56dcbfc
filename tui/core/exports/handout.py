"""What the printed handout holds, worked out once for the Markdown and HTML forms.

The handout a clinician would hand over, in this order:

1. the plan on one page: name, dates, the disclaimer (once), the phases with
   their dates and goals, the pain guide and the red flags (once);
2. one weekly grid per phase: a row per session, a column per weekday, and in
   each cell one line of boxes per week of the phase with a box per sitting
   (``times_per_day`` N gives N boxes), so every sitting of the plan has a box;
3. how to do each activity, once: summary, numbered steps, cautions and its
   foot diagram (core.diagrams) when it has one;
4. the sources of each activity.

Weeks of a phase start on the phase's own first day (a plan started on a
Wednesday has Wednesday-to-Tuesday weeks), so no column is ever "before the
plan" or "after it ends"; a phase cut short by a review leaves the missing
days of its last week empty (``None``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..activities import Activity, get_activity
from ..diagrams import Diagram, diagram_for
from ..schedule import PhaseSpan, Plan, ScheduledSession
from .text import DISCLAIMER, PAIN_GUIDE, RED_FLAGS, one_line

# The templates end their description with this sentence (the chooser shows no other); the
# handout says it once already, in its own disclaimer.
_DESCRIPTION_DISCLAIMER = re.compile(r"\s*Self-care structure, not medical advice\.?\s*$", re.IGNORECASE)
DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ONE_WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class GridRow:
    session_id: str
    activity_id: str
    name: str
    kind: str
    dose: str            # "" for rest
    why: str
    note: str
    # cells[column][week]: sittings that day (0: not that day; None: past the phase's end)
    cells: tuple[tuple[int | None, ...], ...]


@dataclass(frozen=True)
class PhaseGrid:
    number: int
    phase_id: str
    name: str
    goal: str
    start: dt.date
    end: dt.date
    weeks: tuple[dt.date, ...]      # each week's first day
    days: tuple[str, ...]           # the seven column heads, from the phase's first weekday
    rows: tuple[GridRow, ...]

    def column_dates(self, column: int) -> tuple[dt.date, ...]:
        return tuple(week + dt.timedelta(days=column) for week in self.weeks)

    def by_days(self) -> list[tuple[str, tuple[GridRow, ...]]]:
        """The sessions grouped by the weekdays they fall on: ("Every day", rows), ("Mon, Thu", rows)."""
        groups: dict[tuple[int, ...], list[GridRow]] = {}
        for row in self.rows:
            weekdays = sorted({DAY_ABBR.index(self.days[c]) for c, cell in enumerate(row.cells) if any(cell)})
            groups.setdefault(tuple(weekdays), []).append(row)
        ordered = sorted(groups.items(), key=lambda item: (-len(item[0]), item[0]))
        return [("Every day" if len(days) == 7 else ", ".join(DAY_ABBR[d] for d in days), tuple(rows))
                for days, rows in ordered]


@dataclass(frozen=True)
class HowTo:
    activity: Activity
    diagram: Diagram | None
    default_dose: str
    cautions: tuple[str, ...]       # the ones not already printed for an earlier activity
    cautions_as_for: tuple[str, ...]  # names of the earlier activities whose cautions also apply


@dataclass(frozen=True)
class Handout:
    title: str
    description: str
    start: dt.date
    end: dt.date
    disclaimer: str
    pain_guide: str
    red_flags: tuple[str, ...]
    phases: tuple[PhaseGrid, ...]
    activities: tuple[HowTo, ...]

    def sources(self) -> list[tuple[tuple[str, ...], str]]:
        """(activity names, source) with the activities that share a source grouped, in order."""
        grouped: dict[str, list[str]] = {}
        for how in self.activities:
            grouped.setdefault(one_line(how.activity.source), []).append(how.activity.name)
        return [(tuple(names), source) for source, names in grouped.items()]

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days + 7) // 7


def day_text(d: dt.date) -> str:
    """'Wed 2 Dec 2026'."""
    return f"{DAY_ABBR[d.weekday()]} {d.day} {d.strftime('%b')} {d.year}"


def short_day(d: dt.date) -> str:
    """'2 Dec'."""
    return f"{d.day} {d.strftime('%b')}"


def build_handout(plan: Plan) -> Handout:
    """Everything the handout shows, from the plan (template text cleaned to plain lines)."""
    phases = tuple(_grid(number, span, plan.sessions_between(span.start, span.end))
                   for number, span in enumerate(plan.spans(), 1))
    order = dict.fromkeys(row.activity_id for phase in phases for row in phase.rows)
    return Handout(
        title=one_line(plan.name),
        description=_DESCRIPTION_DISCLAIMER.sub("", one_line(plan.template.get("description", ""))),
        start=plan.start,
        end=plan.end_date,
        disclaimer=DISCLAIMER,
        pain_guide=PAIN_GUIDE,
        red_flags=RED_FLAGS,
        phases=phases,
        activities=_how_tos([get_activity(activity_id) for activity_id in order]),
    )


def _how_tos(activities: list[Activity]) -> tuple[HowTo, ...]:
    """Each activity once; a caution shared by several (all the massages) is printed once."""
    first_with: dict[str, str] = {}
    out = []
    for activity in activities:
        fresh = tuple(c for c in activity.cautions if c not in first_with)
        earlier = tuple(dict.fromkeys(first_with[c] for c in activity.cautions if c in first_with))
        for caution in fresh:
            first_with[caution] = activity.name
        dose = "" if activity.kind == "rest" else activity.dose.describe()
        out.append(HowTo(activity, diagram_for(activity.id), dose, fresh, earlier))
    return tuple(out)


def _grid(number: int, span: PhaseSpan, sessions: list[ScheduledSession]) -> PhaseGrid:
    n_weeks = ((span.end - span.start).days + 7) // 7
    weeks = tuple(span.start + ONE_WEEK * w for w in range(n_weeks))
    days = tuple(DAY_ABBR[(span.start.weekday() + c) % 7] for c in range(7))
    by_session: dict[str, list[ScheduledSession]] = {}
    for s in sessions:
        by_session.setdefault(s.session_id, []).append(s)
    rows = []
    for spec in span.phase["sessions"]:
        series = by_session.get(spec["id"])
        if not series:
            continue
        first = series[0]
        sittings = 1 if first.kind == "rest" else (first.dose.times_per_day or 1)
        dates = {s.date for s in series}
        cells = tuple(
            tuple(None if day > span.end else sittings if day in dates else 0
                  for day in (week + dt.timedelta(days=column) for week in weeks))
            for column in range(7)
        )
        rows.append(GridRow(
            session_id=first.session_id, activity_id=first.activity_id, name=one_line(first.name),
            kind=first.kind, dose="" if first.kind == "rest" else first.dose.describe(),
            why=one_line(first.why), note=one_line(first.note), cells=cells,
        ))
    return PhaseGrid(
        number=number, phase_id=span.id, name=one_line(span.phase.get("name", span.id)),
        goal=one_line(span.phase.get("goal", "")), start=span.start, end=span.end,
        weeks=weeks, days=days, rows=tuple(rows),
    )
