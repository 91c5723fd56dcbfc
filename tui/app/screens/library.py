"""The template library: browse and preview every template, import a file, export the active
plan as a template, and start a plan from any template.

Import validates the file (schema and meaning); a refused file shows its one-line
error (file, JSON path, problem) in the dialog and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList, Static

from ...core.dates import parse_date
from ...core.errors import RehabError
from ...core.safe_text import safe_line, safe_name
from ...core.templates import Template
from ...fileio import write_json
from ...service.library import ImportClash, renamed
from ..bindings import LIBRARY_ACTIONS, bindings_for
from ..messages import TemplatesLoaded
from ..widgets.footer import KeyFooter
from ..widgets.path_suggester import PathSuggester
from ..widgets.template_preview import TemplatePreview
from .browser import TemplateBrowser
from .chooser import TemplateList
from .prompt import PromptDialog


class LibraryScreen(TemplateBrowser):
    ERROR_ID = "#library-error"
    ACTIONS = LIBRARY_ACTIONS
    BINDINGS = bindings_for(LIBRARY_ACTIONS)

    def __init__(self) -> None:
        super().__init__()
        self._highlight: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("Template library: built-in, shared (REHAB_TEMPLATE_PATH) and your own.",
                     id="library-intro", markup=False)
        with Horizontal(id="library-body"):
            yield TemplateList(id="templates")
            yield TemplatePreview(id="preview")
        yield Static("", id="library-error", classes="error", markup=False)
        yield KeyFooter()

    # --- catalog -------------------------------------------------------------------
    def on_templates_loaded(self, message: TemplatesLoaded) -> None:
        self.catalog = message.catalog
        plan = self.app.plan
        wanted = self._highlight or (plan.template_id if plan is not None else None)
        self.query_one(TemplateList).fill(self.catalog, wanted if wanted in self.catalog else None)
        self._preview()
        problems = getattr(self.catalog, "problems", [])
        if problems:
            self._error(f"skipped {len(problems)} template file(s): {problems[0]}")

    @property
    def user_dir(self) -> Path:
        return self.app.service.templates_dirs.user

    # --- start --------------------------------------------------------------------
    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_start()  # Enter or a click on a template: confirm a start date

    def action_start(self) -> None:
        entry = self.highlighted_entry()
        if entry is None:
            return
        today = self.app.today

        def parse(text: str) -> dt.date:
            text = text.strip()
            return today if text.lower() in ("", "today") else parse_date(text, "start date", today)

        def chosen(start: dt.date | None) -> None:
            if start is not None:
                self.app.start_plan(entry.template.to_dict(), start)

        replacing = " It replaces your current plan (u undoes)." if self.app.plan is not None else ""
        self.app.push_screen(PromptDialog(
            f"Start {entry.template.name}", f"Start date (YYYY-MM-DD).{replacing}",
            today.isoformat(), parse, "Start"), chosen)

    # --- import ---------------------------------------------------------------------
    def action_import_file(self) -> None:
        def parse(text: str) -> Template | ImportClash:
            text = text.strip()
            if not text:
                raise RehabError("give the path of a template JSON file")
            try:
                return self.app.service.check_import(Path(text).expanduser(), self.catalog, shown=text)
            except ImportClash as clash:
                return clash

        def chosen(result: Template | ImportClash | None) -> None:
            if isinstance(result, ImportClash):
                self._ask_replace_or_rename(result.template)
            elif result is not None:
                self._save_import(result)

        self.app.push_screen(PromptDialog(
            "Import a template", f"Path of a JSON template file. It is checked, then copied to {self.user_dir}.",
            "", parse, "Import", suggester=PathSuggester((".json",))), chosen)

    def _ask_replace_or_rename(self, template: Template) -> None:
        """The id is one of the user's own: replace it (type "replace") or give a new id."""
        def parse(text: str) -> Template:
            text = text.strip()
            if text == "replace":
                return template
            renamed_one = renamed(self.app.service.templates_dirs, template, text)
            entry = self.catalog.get(renamed_one.id) if self.catalog else None
            if entry is not None:
                raise RehabError(f"{text!r} is taken too ({entry.origin}); type another id")
            return renamed_one

        def chosen(result: Template | None) -> None:
            if result is not None:
                self._save_import(result)

        self.app.push_screen(PromptDialog(
            f"{template.id} is already in your library",
            "Type replace to replace yours, or a new id (lowercase letters, digits, '-') to keep both.",
            f"{template.id[:61]}-2", parse, "Import"), chosen)

    @work(thread=True, group="templates-write")
    def _save_import(self, template: Template) -> None:
        try:
            path = self.app.service.save_import(template)
        except (RehabError, OSError) as err:
            self.app.call_from_thread(self._error, str(err).splitlines()[0])
            return
        self._highlight = template.id
        self.app.call_from_thread(self.app.notify, f"Imported {safe_line(template.name)} ({template.id}) "
                                  f"into {safe_name(path.parent)}", markup=False)
        self.app.call_from_thread(self._error, "")
        self.app.call_from_thread(self.load)

    # --- export ----------------------------------------------------------------------
    def action_export_plan(self) -> None:
        plan = self.app.plan
        if plan is None:
            self._error("No active plan to export.")
            return
        replace: list[Path] = []  # the existing file a second Enter replaces

        def parse(text: str) -> tuple[Path, dict[str, Any]]:
            text = text.strip()
            if not text:
                raise RehabError("give a file path, e.g. ~/my-plan.json")
            path = Path(text).expanduser()
            if path.is_dir():
                raise RehabError(f"{safe_name(path)} is a folder; give a file name in it")
            if not path.parent.is_dir():
                raise RehabError(f"folder {safe_name(path.parent)} does not exist")
            if path.exists() and replace != [path]:
                replace[:] = [path]
                raise RehabError(f"{safe_name(path.name)} exists: Enter again replaces it, Esc keeps it")
            return path, self.app.service.plan_template(plan).to_dict()

        def chosen(result: tuple[Path, dict[str, Any]] | None) -> None:
            if result is not None:
                self._write_plan(*result)

        template_id = self.app.service.plan_template(plan).id
        self.app.push_screen(PromptDialog(
            "Export your plan as a template",
            f"File path. The template ({template_id}) has your edits but no dates, logs or check-ins.",
            str(Path.cwd() / f"{template_id}.json"), parse, "Export", suggester=PathSuggester((".json",))),
            chosen)

    @work(thread=True, group="templates-write")
    def _write_plan(self, path: Path, data: dict[str, Any]) -> None:
        try:
            written = write_json(path, data)
        except OSError as err:
            self.app.call_from_thread(self._error, f"could not save: {err.strerror or err}")
            return
        self.app.call_from_thread(self.app.notify, f"Exported your plan as template {data['id']} to "
                                  f"{safe_name(written)}", markup=False)

    def action_back(self) -> None:
        self.dismiss(None)
