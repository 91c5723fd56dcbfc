"""The printable handout as one self-contained HTML page with print CSS for A4.

Same content as the Markdown handout (handout.py): the plan on one page, one
weekly grid per phase (each on its own page) with a box per sitting, how to do
each activity once with its foot diagram, the sources. Every piece of text is
cleaned to one line and HTML-escaped; the page loads nothing from outside
(no scripts, fonts or images), so it opens and prints the same anywhere.
"""

from __future__ import annotations

from html import escape

from ..schedule import Plan
from .handout import Handout, HowTo, PhaseGrid, build_handout, day_text, short_day
from .text import one_line

CSS = """
@page { size: A4; margin: 12mm 12mm 13mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
* { box-sizing: border-box; }
body { font: 9.5pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 5mm 0 2mm; border-bottom: 0.6pt solid #000; padding-bottom: 0.8mm; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2mm; }
ul, ol { margin: 0 0 2mm; padding-left: 5mm; }
li { margin: 0 0 0.6mm; }
.dates { font-weight: bold; }
.disclaimer { border: 0.8pt solid #000; padding: 2mm 3mm; font-style: italic; }
.flags { border: 1.6pt solid #000; padding: 1mm 3mm 1mm; margin-top: 3mm; }
.flags h2 { border: none; margin-top: 1mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #666; padding: 1mm 1.2mm; vertical-align: top; text-align: left; }
thead th { background: #eee; }
.front { break-after: page; }
.phase { break-inside: avoid; padding-top: 1mm; }
.grid td { text-align: center; vertical-align: middle; white-space: nowrap; }
.grid th.session { width: 36%; font-weight: normal; }
.grid th.session b { display: block; }
.grid th.session span { font-size: 8pt; color: #333; }
.grid th.day { text-align: center; font-size: 8.5pt; }
.grid th.day small { display: block; font-weight: normal; font-size: 7pt; }
.week { display: block; line-height: 1; margin: 0.6mm 0; }
.box { display: inline-block; width: 3.4mm; height: 3.4mm; border: 0.7pt solid #000; margin: 0 0.4mm;
  vertical-align: middle; }
.off { color: #999; }
.glances { columns: 2; column-gap: 6mm; font-size: 8pt; line-height: 1.25; }
.glance { break-inside: avoid; }
.glance h3 { font-size: 9pt; margin-top: 1.5mm; }
.glance li { margin: 0; }
.phases td:nth-child(2) { white-space: nowrap; }
.hint { font-size: 8.5pt; color: #333; margin-top: 1.5mm; }
.why { font-size: 8.5pt; columns: 2; column-gap: 6mm; padding-left: 4mm; }
.howto h2 { break-after: avoid; }
.activities { columns: 2; column-gap: 6mm; font-size: 8.3pt; line-height: 1.25; }
.activity { margin-bottom: 2mm; }
.activity h3 { margin: 0 0 0.6mm; break-after: avoid; }
.activity p, .activity ol, .activity ul { margin-bottom: 1mm; }
.activity .dose { font-style: italic; }
.activity li { margin: 0; }
pre.diagram { font: 7.2pt/1.1 "DejaVu Sans Mono", "Liberation Mono", monospace; margin: 0.5mm 0 1mm;
  padding: 1mm 1.5mm; border: 0.5pt solid #999; break-inside: avoid; }
.sources { font-size: 7.8pt; }
.sources h2 { break-after: avoid; }
.sources ul { columns: 2; column-gap: 6mm; }
@media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 4mm; } }
""".strip()


def h(text: object) -> str:
    """One line of text from data, control characters dropped, HTML-escaped."""
    return escape(one_line(text), quote=True)


def handout_html(plan: Plan) -> str:
    """The whole plan as an HTML page."""
    return render_html(build_handout(plan))


def render_html(doc: Handout) -> str:
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h(doc.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n",
        _front(doc),
        *(_grid(phase) for phase in doc.phases),
        _how_tos(doc),
        "</body>\n</html>\n",
    ]
    return "".join(parts)


def _front(doc: Handout) -> str:
    rows = "".join(
        f"<tr><td>{phase.number}. {h(phase.name)}</td><td>{h(short_day(phase.start))} to "
        f"{h(short_day(phase.end))}</td><td>{h(phase.goal)}</td></tr>\n" for phase in doc.phases)
    flags = "".join(f"<li>{h(flag)}</li>" for flag in doc.red_flags)
    description = f"<p>{h(doc.description)}</p>\n" if doc.description else ""
    return (
        f'<section class="front">\n<h1>{h(doc.title)}</h1>\n'
        f'<p class="dates">{h(day_text(doc.start))} to {h(day_text(doc.end))} · {doc.weeks} weeks</p>\n'
        f'<p class="disclaimer">{h(doc.disclaimer)}</p>\n{description}'
        '<h2>The plan at a glance</h2>\n<table class="phases">\n'
        "<thead><tr><th>Phase</th><th>Dates</th><th>Goal</th></tr></thead>\n"
        f"<tbody>\n{rows}</tbody>\n</table>\n"
        f"{_weeks_at_a_glance(doc)}"
        f'<p class="hint">Each phase has a weekly grid on the next pages: tick one box per sitting. '
        f"How to do every activity, with pictures, follows the grids.</p>\n"
        f"<h3>Pain guide</h3>\n<p>{h(doc.pain_guide)}</p>\n"
        f'<div class="flags">\n<h2>Red flags: stop and see a clinician</h2>\n<ul>{flags}</ul>\n</div>\n'
        "</section>\n"
    )


def _weeks_at_a_glance(doc: Handout) -> str:
    out = []
    for phase in doc.phases:
        items = "".join(
            f"<li><b>{h(days)}:</b> "
            + "; ".join(h(row.name) + (f" ({h(row.dose)})" if row.dose else "") for row in rows) + "</li>"
            for days, rows in phase.by_days())
        out.append(f'<div class="glance"><h3>{phase.number}. {h(phase.name)}: a week</h3>\n<ul>{items}</ul></div>\n')
    return f'<div class="glances">{"".join(out)}</div>\n'



def _cell(counts: tuple[int | None, ...]) -> str:
    if not any(counts):
        return '<td class="off">·</td>'
    weeks = []
    for n in counts:
        inner = '<span class="off">–</span>' if n is None else '<span class="box"></span>' * n if n else (
            '<span class="off">·</span>')
        weeks.append(f'<span class="week">{inner}</span>')
    return f"<td>{''.join(weeks)}</td>"


def _grid(phase: PhaseGrid) -> str:
    heads = "".join(
        f'<th class="day">{h(day)}<small>{h(" · ".join(short_day(d) for d in phase.column_dates(c)))}</small></th>'
        for c, day in enumerate(phase.days))
    body = []
    for row in phase.rows:
        dose = f"<span>{h(row.dose)}</span>" if row.dose else ""
        cells = "".join(_cell(column) for column in row.cells)
        body.append(f'<tr><th class="session"><b>{h(row.name)}</b>{dose}</th>{cells}</tr>\n')
    weeks = "; ".join(f"line {n}: the week from {h(day_text(w))}" for n, w in enumerate(phase.weeks, 1))
    why = "".join(
        f"<li><b>{h(row.name)}</b>: {h(row.why)}" + (f" <i>Note: {h(row.note)}</i>" if row.note else "") + "</li>"
        for row in phase.rows if row.why or row.note)
    goal = f"<p>{h(phase.goal)}</p>\n" if phase.goal else ""
    return (
        f'<section class="phase" id="phase-{h(phase.phase_id)}">\n'
        f"<h2>Phase {phase.number}: {h(phase.name)} · {h(day_text(phase.start))} to {h(day_text(phase.end))}</h2>\n"
        f'{goal}<table class="grid">\n<thead><tr><th class="session">Session and dose</th>{heads}</tr></thead>\n'
        f"<tbody>\n{''.join(body)}</tbody>\n</table>\n"
        f'<p class="hint">One box per sitting; in each cell {weeks}.</p>\n'
        f'<h3>Why each session is there</h3>\n<ul class="why">{why}</ul>\n</section>\n'
    )


def _activity(how: HowTo) -> str:
    activity = how.activity
    dose = f' <span class="dose">Usual dose: {h(how.default_dose)}.</span>' if how.default_dose else ""
    picture = ""
    if how.diagram is not None:
        art = escape("\n".join(how.diagram.lines()))
        picture = f'<pre class="diagram" role="img" aria-label="{h(how.diagram.title)}">{art}</pre>'
    steps = "".join(f"<li>{h(step)}</li>" for step in activity.steps)
    care = [h(c) for c in how.cautions]
    if how.cautions_as_for:
        care.append(f"As for {h(' and '.join(how.cautions_as_for))}, above.")
    return (
        f'<div class="activity" id="activity-{h(activity.id)}">\n<h3>{h(activity.name)}</h3>\n'
        f"<p>{h(activity.summary)}{dose}</p>\n{picture}"
        + (f"<ol>{steps}</ol>\n" if steps else "")
        + (f'<p class="care"><b>Take care:</b> {" ".join(care)}</p>\n' if care else "")
        + "</div>\n"
    )


def _how_tos(doc: Handout) -> str:
    sources = "".join(f"<li><b>{h(', '.join(names))}</b>: {h(source)}</li>" for names, source in doc.sources())
    return (
        '<section class="howto">\n<h2>How to do each activity</h2>\n<div class="activities">\n'
        + "".join(_activity(how) for how in doc.activities)
        + '</div>\n</section>\n<section class="sources">\n<h2>Sources</h2>\n'
        f"<ul>{sources}</ul>\n</section>\n"
    )
