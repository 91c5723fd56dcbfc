"""A printable handout of the plan (Markdown): week by week, day by day.

Each week holds its days with the sessions and doses (a box to tick), then
how to do that week's activities: numbered steps, the cautions and why each
one is there. The red flags and the disclaimer open and close the handout.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from ..activities import get_activity
from ..dates import week_start
from ..schedule import Plan, ScheduledSession
from .text import DISCLAIMER, PAIN_GUIDE, RED_FLAGS, one_line

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SPECIAL = set("\\`*_[]<>#|!")


def md(text: object) -> str:
    """One line of plain text with Markdown/HTML specials escaped."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in one_line(text))


def _day(d: dt.date) -> str:
    return f"{DAY_NAMES[d.weekday()]} {d.day} {d.strftime('%b')} {d.year}"


def _red_flags() -> list[str]:
    lines = ["## Red flags: stop and see a clinician", ""]
    lines += [f"- {flag}" for flag in RED_FLAGS]
    return lines + [""]


def _how_to(sessions: list[ScheduledSession]) -> list[str]:
    firsts: "OrderedDict[str, ScheduledSession]" = OrderedDict()
    for s in sessions:
        firsts.setdefault(s.session_id, s)
    lines = ["### How to do this week's sessions", ""]
    for s in firsts.values():
        activity = get_activity(s.activity_id)
        dose = "" if s.kind == "rest" else f" ({md(s.dose.describe())})"
        lines.append(f"#### {md(activity.name)}{dose}")
        lines.append("")
        if activity.summary:
            lines += [md(activity.summary), ""]
        if s.why:
            lines += [f"*Why:* {md(s.why)}", ""]
        if s.note:
            lines += [f"*Note:* {md(s.note)}", ""]
        lines += [f"{n}. {md(step)}" for n, step in enumerate(activity.steps, 1)]
        if activity.steps:
            lines.append("")
        if activity.cautions:
            lines.append("Take care:")
            lines.append("")
            lines += [f"- {md(c)}" for c in activity.cautions]
            lines.append("")
    return lines


def handout(plan: Plan) -> str:
    """The whole plan as Markdown text."""
    spans = plan.spans()
    lines = [f"# {md(plan.name)}", "", f"> {DISCLAIMER}", ""]
    lines.append(f"From {_day(plan.start)} to {_day(plan.end_date)}.")
    if plan.template.get("description"):
        lines += ["", md(plan.template["description"])]
    lines += ["", "## Phases", ""]
    for span in spans:
        goal = span.phase.get("goal")
        lines.append(f"- **{md(span.phase.get('name', span.id))}**: {span.start.isoformat()} to "
                     f"{span.end.isoformat()}" + (f". {md(goal)}" if goal else ""))
    lines += ["", f"{PAIN_GUIDE}", ""]
    lines += _red_flags()
    first_monday = week_start(plan.start)
    sessions = plan.sessions_between(plan.start, plan.end_date)
    by_week: dict[dt.date, list[ScheduledSession]] = {}
    for s in sessions:
        by_week.setdefault(week_start(s.date), []).append(s)
    monday = first_monday
    while monday <= plan.end_date:
        number = (monday - first_monday).days // 7 + 1
        sunday = monday + dt.timedelta(days=6)
        week = by_week.get(monday, [])
        names = []
        for d in (monday + dt.timedelta(days=i) for i in range(7)):
            span = plan.span_on(d)
            if span and span.phase.get("name", span.id) not in names:
                names.append(span.phase.get("name", span.id))
        lines.append(f"## Week {number}: {_day(monday)} to {_day(sunday)}"
                     + (f" ({md(', '.join(names))})" if names else ""))
        lines.append("")
        for i in range(7):
            d = monday + dt.timedelta(days=i)
            today = [s for s in week if s.date == d]
            lines.append(f"### {_day(d)}")
            lines.append("")
            if d < plan.start:
                lines.append("Before the plan starts.")
            elif d > plan.end_date:
                lines.append("After the plan ends.")
            elif not today:
                lines.append("No sessions.")
            for s in today:
                lines.append(f"- [ ] **{md(s.name)}**" + ("" if s.kind == "rest" else f": {md(s.dose.describe())}"))
            lines.append("")
        if week:
            lines += _how_to(week)
        monday += dt.timedelta(days=7)
    lines += _red_flags()
    lines += ["---", "", DISCLAIMER, ""]
    return "\n".join(lines)
