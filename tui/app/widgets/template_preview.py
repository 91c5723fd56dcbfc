"""A template's preview: name, origin, description, and each phase with its weeks, goal and weekly load."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...core.day_load import minutes_a_day
from ...core.errors import RehabError
from ...core.safe_text import safe_line, safe_text
from ...service.library import phase_loads

if TYPE_CHECKING:
    from ...core.sources import TemplateEntry


def hours(minutes: float) -> str:
    minutes = round(minutes)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def preview_content(entry: TemplateEntry, sep: str = "·") -> Content:
    tpl = entry.template
    data = tpl.to_dict()
    parts: list[str | tuple[str, str]] = [
        (safe_line(tpl.name), "bold"), "\n",
        (f"{tpl.id} {sep} {entry.origin} {sep} {tpl.weeks} weeks", "dim"), "\n\n",
        safe_text(tpl.description), "\n",
    ]
    for index, load in enumerate(phase_loads(data)):
        parts += [
            "\n", (safe_line(load.name), "bold $text-primary"), f"  {load.weeks} wk {sep} ",
            f"{load.sessions} sessions a week, about {hours(load.minutes)}", "\n",
            ("  " + day_text(data, index), "dim"), "\n",
        ]
        if load.goal:
            parts += [("  " + safe_line(load.goal), "italic"), "\n"]
    if data.get("author"):
        parts += ["\n", ("Author: ", "dim"), safe_line(data["author"])]
    return Content.assemble(*parts).rstrip()


def day_text(template: dict[str, Any], phase_index: int) -> str:
    """The phase's minutes a day (core.day_load), or "" when it cannot be worked out."""
    try:
        return minutes_a_day(template, phase_index).text()
    except (RehabError, KeyError, ValueError, IndexError):
        return ""


class TemplatePreview(VerticalScroll):
    can_focus = False

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-body", markup=False)

    def show(self, entry: TemplateEntry | None) -> None:
        body = self.query_one("#preview-body", Static)
        sep = getattr(getattr(self.app, "glyphs", None), "sep", "·")
        body.update(preview_content(entry, sep) if entry is not None else Content.styled("No template.", "dim"))
        self.scroll_home(animate=False)
