"""The progress screen's text: adherence bars, chart labels, per-foot and footwear tables.

Plain functions from a ProgressSummary (tui/core/stats.py) to Content, so the
screen only places them. Every figure is written out in text; bars and charts
only repeat it (16 colours and NO_COLOR read the same).
"""

from __future__ import annotations

import datetime as dt

from textual.content import Content

from ..core import stats
from ..core.glyphs import UNICODE, Glyphs
from ..core.kinds import KINDS
from ..core.safe_text import safe_line

# What Content.assemble takes: text, Content, or (text, style).
Part = str | Content | tuple[str, str]

BAR_WIDTH = 10
KIND_NAMES = {
    "rest": "rest", "cross-training": "cycle/swim", "ice": "icing", "stretch": "stretching",
    "strength": "strength", "massage": "massage", "footwear": "footwear", "walk-run": "walk-run",
}


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def bar(ratio: float | None, width: int = BAR_WIDTH, table: Glyphs = UNICODE) -> str:
    if ratio is None:
        return table.empty * width
    return table.bar(ratio, width)


def _adherence_row(label: str, a: stats.Adherence, width: int = 12, table: Glyphs = UNICODE) -> list[Part]:
    count = f"{a.credit:g}/{a.counted}" if a.counted else "none due"
    return [(f"{label:<{width}}", "bold"), f"{a.text():>4} ", bar(a.ratio, table=table), f" {count}\n"]


def adherence_content(s: stats.ProgressSummary, days: int, since: dt.date | None = None,
                      table: Glyphs = UNICODE) -> Content:
    """``since``: the plan's start; weeks that end before it are left out."""
    parts: list[Part] = []
    parts += _adherence_row("This week", s.week_adherence, table=table)
    parts += _adherence_row(f"Last {days} d", s.window_adherence, table=table)
    parts += [(f"{'Streak':<12}", "bold"), s.streak_text, ("  (flares keep it)", "dim"), "\n"]
    if s.flare_days:
        shown = ", ".join(_day(d) for d in s.flare_days[-3:])
        more = f" and {len(s.flare_days) - 3} earlier" if len(s.flare_days) > 3 else ""
        parts += [(f"{'Flare days':<12}", "bold"), f"{shown}{more}\n"]
    parts += ["\n", ("By kind", "bold underline"), ("  (rest is not counted)", "dim"), "\n"]
    kinds = [k for k in KINDS if k in s.by_kind]
    if not kinds:
        parts += [("  nothing due yet\n", "dim")]
    for kind in kinds:
        parts += ["  "] + _adherence_row(KIND_NAMES.get(kind, kind), s.by_kind[kind], table=table)
    parts += ["\n", ("By week", "bold underline"), "\n"]
    for monday, a in reversed(s.by_week):
        if since is not None and monday + dt.timedelta(days=6) < since:
            continue
        parts += ["  "] + _adherence_row(f"w/c {monday.day:>2} {monday:%b}", a, table=table)
    return Content.assemble(*parts).rstrip()


def chart_label(title: str, series: list[tuple[dt.date, float]], unit: str, sep: str = "·") -> Content:
    """'Morning pain · 12 check-ins' over 'low 1 · high 5 · latest 2'. The chart's
    bars run from the low to the high figure, so the words carry the scale."""
    if not series:
        return Content.assemble((title, "bold"), ("  none yet", "dim"))
    values = [v for _, v in series]
    last = series[-1][1]
    return Content.assemble(
        (title, "bold"), f" {sep} {len(values)} {unit}{'' if len(values) == 1 else 's'}\n",
        f"low {min(values):g} {sep} high {max(values):g} {sep} latest {last:g}",
    )


def chart_axis(series: list[tuple[dt.date, float]], width: int) -> str:
    """The first and last dates under a chart, at its two ends."""
    if not series:
        return ""
    first, last = _day(series[0][0]), _day(series[-1][0])
    if len(series) == 1 or width < len(first) + len(last) + 2:
        return last
    return first + " " * (width - len(first) - len(last)) + last


def chart_hint(series: list[tuple[dt.date, float]]) -> str:
    """What to do when a chart has too little to draw."""
    if len(series) >= 2:
        return ""
    return "Two or more days are needed for a chart."


def feet_content(s: stats.ProgressSummary, days: int) -> Content:
    rows = [(k, f) for k, f in s.foot_minutes.items()]
    if not any(f.total for _, f in rows):
        return Content.styled(f"No icing or massage logged in the last {days} days.", "dim")
    parts: list[Part] = [(f"{'minutes':<9}{'left':>6}{'right':>6}{'both':>6}{'total':>7}", "bold"), "\n"]
    for kind, f in rows:
        name = KIND_NAMES.get(kind, kind)
        parts += [f"{name:<9}{f.left:>6g}{f.right:>6g}{f.both:>6g}{f.total:>7g}\n"]
    parts += [("'both' includes logs naming no foot", "dim")]
    return Content.assemble(*parts)


NAME_WIDTH = 13


def footwear_content(s: stats.ProgressSummary, days: int) -> Content:
    """One row per shoe/insole; a name too long for its column gets a line of its own."""
    if not s.footwear:
        return Content.styled(f"No footwear recorded in check-ins in the last {days} days.", "dim")
    parts: list[Part] = [(f"{'worn':<{NAME_WIDTH}}{'days':>5}{'morning':>8}{'walking':>8}", "bold"), "\n"]
    for f in s.footwear:
        morning = "-" if f.morning_pain is None else f"{f.morning_pain:.1f}"
        walking = "-" if f.walking_pain is None else f"{f.walking_pain:.1f}"
        name = safe_line(f.footwear)
        if len(name) > NAME_WIDTH - 1:
            parts += [f"{name}\n"]
            name = ""
        parts += [f"{name:<{NAME_WIDTH}}{f.days:>5}{morning:>8}{walking:>8}\n"]
    parts += [("average pain 0-10 on the days worn", "dim")]
    return Content.assemble(*parts)
