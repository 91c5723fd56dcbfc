"""The session pane: what to do (numbered steps), how much, what to watch for, why, and the source.

Text from templates and notes goes through tui.core.safe_text (escapes shown, bidi
controls neutralised) into Content as plain strings, so it is shown literally and
never read as markup or as terminal codes. Lines are wrapped here with hanging
indents (numbered steps line up), at the pane's current width. Massages and
stretches get their foot diagram (tui/core/diagrams.py), in ASCII when the app is.
"""

from __future__ import annotations

import textwrap
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...core.activities import get_activity
from ...core.diagrams import diagram_lines
from ...core.errors import RehabError
from ...core.glyphs import UNICODE, Glyphs
from ...core.safe_text import safe_line
from ...service.week import STATUS_TEXT, SessionRow

HEAD = "bold $text-primary"


def log_text(row: SessionRow) -> str:
    log = row.log
    if log is None:
        return ""
    parts = [log.status]
    if log.minutes is not None:
        parts.append(f"{log.minutes:g} min")
    if log.pain is not None:
        parts.append(f"pain {log.pain}/10")
    if log.foot:
        parts.append(f"{log.foot} foot" if log.foot != "both" else "both feet")
    text = ", ".join(parts)
    if log.note:
        text += f"; note: {safe_line(log.note)}"
    return text


def _wrap(text: str, width: int, first: str = "", indent: int = 0, style: str = "") -> list[Content]:
    lines = textwrap.wrap(
        " ".join(str(text).split()), width=max(8, width),
        initial_indent=first, subsequent_indent=" " * indent,
    ) or [first]
    return [Content.styled(line, style) if style else Content(line) for line in lines]


def session_lines(row: SessionRow, phase_name: str | None, width: int,
                  table: Glyphs = UNICODE) -> list[Content]:
    s = row.session
    try:
        activity = get_activity(s.activity_id)
    except RehabError:
        activity = None
    out: list[Content] = []
    kind = s.kind + (f" {table.sep} {safe_line(phase_name)} phase" if phase_name else "")
    out.append(Content.styled(kind, "dim"))
    if activity is not None and activity.summary:
        out += _wrap(activity.summary, width, style="italic")
    out.append(Content(""))

    def field(label: str, text: str) -> None:
        lines = _wrap(text, width, first=" " * 8, indent=8)
        out.append(Content.assemble((f"{label:<8}", HEAD), lines[0].plain[8:]))
        out.extend(lines[1:])

    field("Dose", s.dose.describe())
    logged = log_text(row)
    field("Status", f"{table.mark(row.status)} {STATUS_TEXT[row.status]}" + (f" ({logged})" if logged else ""))

    def section(title: str, items: list[str], numbered: bool) -> None:
        if not items:
            return
        out.append(Content(""))
        out.append(Content.styled(title, HEAD))
        for i, item in enumerate(items, 1):
            first = f"{i:>2}. " if numbered else " -  "
            out.extend(_wrap(safe_line(item), width, first=first, indent=4))

    if s.why:
        section("Why it is in the plan", [s.why], numbered=False)
    if s.note:
        section("Note", [s.note], numbered=False)
    if activity is not None:
        section("Steps", list(activity.steps), numbered=True)
        out += picture_lines(activity.id, table.ascii)
        section("Cautions", list(activity.cautions), numbered=False)
        if activity.source:
            out.append(Content(""))
            field("Source", activity.source)
    return out


def picture_lines(activity_id: str, ascii: bool) -> list[Content]:
    """The activity's foot diagram under a "Picture" heading, or nothing."""
    lines = diagram_lines(activity_id, ascii)
    if not lines:
        return []
    return [Content(""), Content.styled("Picture", HEAD), *(Content(line) for line in lines)]


class DetailBody(Widget):
    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.row: SessionRow | None = None
        self.phase_name: str | None = None

    def _lines(self, width: int) -> list[Content]:
        if self.row is None:
            return _wrap("No session on this day. Move with the arrow keys or h/j/k/l.", width, style="dim")
        return session_lines(self.row, self.phase_name, width, getattr(self.app, "glyphs", UNICODE))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))


class SessionDetail(VerticalScroll):
    can_focus = False

    def compose(self) -> ComposeResult:
        yield DetailBody(id="detail-body")

    def show(self, row: SessionRow | None, phase_name: str | None) -> None:
        body = self.query_one(DetailBody)
        if (row, phase_name) == (body.row, body.phase_name):
            return
        body.row, body.phase_name = row, phase_name
        body.refresh(layout=True)
        self.border_title = Content(safe_line(row.session.name) if row is not None else "Session")
        self.scroll_home(animate=False)
