"""Choose a plan template and a start date; Enter starts it.

Shown on first run (no active plan) and from the library. The built-in
metatarsalgia-conservative template is highlighted first.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.dates import parse_date
from ...core.day_load import minutes_a_day
from ...core.errors import RehabError
from ...core.safe_text import safe_line
from ..bindings import CHOOSER_ACTIONS, bindings_for
from ..messages import TemplatesLoaded
from ..widgets.footer import KeyFooter
from ..widgets.template_preview import TemplatePreview
from .browser import TemplateBrowser

if TYPE_CHECKING:
    from ...core.sources import TemplateEntry

DEFAULT_TEMPLATE = "metatarsalgia-conservative"


def option_prompt(entry: TemplateEntry) -> Content:
    """Name, then origin, weeks and the first phase's minutes a day (core.day_load)."""
    tpl = entry.template
    try:
        load = minutes_a_day(tpl.to_dict()).text()
    except (RehabError, KeyError, ValueError):
        load = ""
    detail = f"  {entry.origin}, {tpl.weeks} weeks" + (f"; {load}" if load else "")
    return Content.assemble((safe_line(tpl.name), "bold"), "\n", (detail, "dim"))


class TemplateList(OptionList):
    """Templates by name; the option id is the template id."""

    def fill(self, catalog: dict[str, TemplateEntry], highlight: str | None = DEFAULT_TEMPLATE) -> None:
        self.clear_options()
        self.add_options([Option(option_prompt(e), id=tid) for tid, e in catalog.items()])
        ids = list(catalog)
        if ids:
            self.highlighted = ids.index(highlight) if highlight in ids else 0


class ChooserScreen(TemplateBrowser):
    ERROR_ID = "#chooser-error"
    ACTIONS = CHOOSER_ACTIONS
    BINDINGS = bindings_for(CHOOSER_ACTIONS, priority=True)

    def __init__(self, first_run: bool = False) -> None:
        super().__init__()
        self.first_run = first_run
        self.loaded = False
        self._start_when_loaded = False  # Enter pressed before the list arrived

    def compose(self) -> ComposeResult:
        intro = ("Welcome. Pick a plan to start; you can edit it later." if self.first_run
                 else "Pick a template to start as your plan (it replaces the current one; u undoes).")
        yield Static(intro, id="chooser-intro", markup=False)
        with Horizontal(id="chooser-body"):
            yield TemplateList(id="templates")
            yield TemplatePreview(id="preview")
        with Horizontal(id="chooser-start"):
            yield Label("Start date", classes="field-label")
            yield Input(self.app.today.isoformat(), id="start-date", compact=True)
            yield Static("Tab: change the date", classes="dim", id="chooser-hint")
            yield Button("Start (Enter)", id="start", variant="primary", compact=True)
        yield Static("", id="chooser-error", classes="error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#start", Button).can_focus = False
        super().on_mount()

    def on_templates_loaded(self, message: TemplatesLoaded) -> None:
        self.catalog = message.catalog
        self.loaded = True
        self.query_one(TemplateList).fill(self.catalog)
        self._preview()
        problems = getattr(self.catalog, "problems", [])
        if problems:
            self._error(f"skipped {len(problems)} template file(s): {problems[0]}")
        if self._start_when_loaded:
            self._start_when_loaded = False
            self.action_start()


    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # nothing to go back to on first run
        return not (action == "back" and self.first_run)

    def start_date(self) -> dt.date:
        text = self.query_one("#start-date", Input).value.strip()
        if text.lower() == "today" or not text:
            return self.app.today
        return parse_date(text, "start date", self.app.today)

    def action_start(self) -> None:
        entry = self.highlighted_entry()
        if entry is None and not self.loaded:
            # A quick Enter (or a script) before the list has loaded: start once it has.
            self._start_when_loaded = True
            self._error("Loading the templates...")
            return
        if entry is None:
            self._error("No template to start yet.")
            return
        try:
            start = self.start_date()
        except RehabError as err:
            self._error(str(err))
            return
        self.app.start_plan(entry.template.to_dict(), start)

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_back(self) -> None:
        if self.first_run:
            return
        self.dismiss(None)
