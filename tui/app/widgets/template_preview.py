"""A template's preview: name, origin, description, and each phase with its weeks, goal and weekly load."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...service.library import phase_loads


def hours(minutes: float) -> str:
    minutes = int(round(minutes))
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def preview_content(entry) -> Content:
    tpl = entry.template
    data = tpl.to_dict()
    parts: list = [
        (tpl.name, "bold"), "\n",
        (f"{tpl.id} · {entry.origin} · {tpl.weeks} weeks", "dim"), "\n\n",
        tpl.description, "\n",
    ]
    for load in phase_loads(data):
        parts += [
            "\n", (f"{load.name}", "bold $text-primary"), f"  {load.weeks} wk · ",
            f"{load.sessions} sessions a week, about {hours(load.minutes)}", "\n",
        ]
        if load.goal:
            parts += [("  " + load.goal, "italic"), "\n"]
    if data.get("author"):
        parts += ["\n", ("Author: ", "dim"), data["author"]]
    return Content.assemble(*parts).rstrip()


class TemplatePreview(VerticalScroll):
    can_focus = False

    def compose(self):
        yield Static("", id="preview-body", markup=False)

    def show(self, entry) -> None:
        body = self.query_one("#preview-body", Static)
        body.update(preview_content(entry) if entry is not None else Content.styled("No template.", "dim"))
        self.scroll_home(animate=False)
