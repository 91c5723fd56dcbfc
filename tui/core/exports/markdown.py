"""The printable handout as Markdown (the same content as the HTML one, see handout.py).

The plan on one page (dates, the disclaimer once, phases, pain guide, red
flags once), one weekly grid per phase with a box per sitting, how to do each
activity once with its foot diagram, and the sources. Text from templates is
cleaned to one line and its Markdown/HTML specials are escaped.
"""

from __future__ import annotations

from ..schedule import Plan
from .handout import Handout, HowTo, PhaseGrid, build_handout, day_text, short_day
from .text import one_line

_SPECIAL = set("\\`*_[]<>#|!")
BOX = "☐"


def md(text: object) -> str:
    """One line of plain text with Markdown/HTML specials escaped."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in one_line(text))


def handout(plan: Plan) -> str:
    """The whole plan as Markdown text."""
    return render_markdown(build_handout(plan))


def render_markdown(doc: Handout) -> str:
    lines = [f"# {md(doc.title)}", "", f"> {md(doc.disclaimer)}", ""]
    lines += [f"From {day_text(doc.start)} to {day_text(doc.end)} ({doc.weeks} weeks).", ""]
    if doc.description:
        lines += [md(doc.description), ""]
    lines += _glance(doc)
    for phase in doc.phases:
        lines += _grid(phase)
    lines += ["## How to do each activity", ""]
    for how in doc.activities:
        lines += _how_to(how)
    lines += ["## Sources", ""]
    lines += [f"- **{md(', '.join(names))}**: {md(source)}" for names, source in doc.sources()]
    return "\n".join(lines) + "\n"


def _glance(doc: Handout) -> list[str]:
    lines = ["## The plan at a glance", "", "| Phase | Dates | Goal |", "| --- | --- | --- |"]
    for phase in doc.phases:
        lines.append(f"| {phase.number}. {md(phase.name)} | {short_day(phase.start)} to {short_day(phase.end)} "
                     f"| {md(phase.goal)} |")
    for phase in doc.phases:
        lines += ["", f"**{phase.number}. {md(phase.name)}: a week**", ""]
        lines += [f"- **{md(days)}:** " + "; ".join(md(row.name) + (f" ({md(row.dose)})" if row.dose else "")
                                                   for row in rows) for days, rows in phase.by_days()]
    lines += ["", f"**Pain guide.** {md(doc.pain_guide)}", ""]
    lines += ["## Red flags: stop and see a clinician", ""]
    lines += [f"- {md(flag)}" for flag in doc.red_flags]
    return [*lines, ""]


def _cell(counts: tuple[int | None, ...]) -> str:
    """'☐☐☐ / ☐☐☐' (one group per week); empty when the session is not on that weekday."""
    if not any(counts):
        return ""
    return " / ".join("-" if n is None else BOX * n if n else "·" for n in counts)


def _grid(phase: PhaseGrid) -> list[str]:
    lines = [f"## Phase {phase.number}: {md(phase.name)}, {day_text(phase.start)} to {day_text(phase.end)}", ""]
    if phase.goal:
        lines += [md(phase.goal), ""]
    weeks = ", ".join(f"week {n} from {short_day(w)}" for n, w in enumerate(phase.weeks, 1))
    lines += [f"Tick a {BOX} for each sitting done. In each cell, one group of boxes per week "
              f"({weeks}).", ""]
    lines.append("| Session | Dose | " + " | ".join(phase.days) + " |")
    lines.append("| --- | --- |" + " --- |" * 7)
    for row in phase.rows:
        cells = " | ".join(_cell(column) for column in row.cells)
        lines.append(f"| {md(row.name)} | {md(row.dose) or '-'} | {cells} |")
    lines += ["", "Why each session is there:", ""]
    for row in phase.rows:
        note = f" *Note:* {md(row.note)}" if row.note else ""
        lines.append(f"- **{md(row.name)}**: {md(row.why)}{note}")
    return [*lines, ""]


def _how_to(how: HowTo) -> list[str]:
    activity = how.activity
    lines = [f"### {md(activity.name)}", ""]
    intro = md(activity.summary)
    if how.default_dose:
        intro += f" *Usual dose: {md(how.default_dose)}.*"
    lines += [intro, ""]
    if how.diagram is not None:
        lines += ["```text", *how.diagram.lines(), "```", ""]
    lines += [f"{n}. {md(step)}" for n, step in enumerate(activity.steps, 1)]
    if activity.steps:
        lines.append("")
    if how.cautions or how.cautions_as_for:
        lines += ["Take care:", ""]
        lines += [f"- {md(c)}" for c in how.cautions]
        if how.cautions_as_for:
            lines.append(f"- As for {md(' and '.join(how.cautions_as_for))}, above.")
        lines.append("")
    return lines
