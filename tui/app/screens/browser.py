"""TemplateBrowser: what the first-run chooser and the template library share.

A list of templates (built-in, shared, the user's) read by a thread worker,
a preview of the highlighted one, and a one-line error (``ERROR_ID``).
Subclasses compose ``#templates`` (a TemplateList) and ``#preview`` and handle
``on_templates_loaded``.
"""

from __future__ import annotations

from textual import on, work
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static

from ...core.errors import RehabError
from ...core.safe_text import safe_line
from ..messages import TemplatesLoaded
from ..widgets.template_preview import TemplatePreview


class TemplateBrowser(Screen):
    ERROR_ID = "#browser-error"

    def __init__(self) -> None:
        super().__init__()
        self.catalog: dict = {}

    def on_mount(self) -> None:
        self.query_one("#templates").border_title = "Templates"
        self.query_one("#preview").border_title = "Preview"
        self.query_one("#templates").focus()
        self.load()

    @work(thread=True, exclusive=True, group="templates")
    def load(self) -> None:
        try:
            catalog = self.app.load_templates()
        except RehabError as err:
            self.app.call_from_thread(self._error, str(err).splitlines()[0])
            return
        self.post_message(TemplatesLoaded(catalog))

    @on(OptionList.OptionHighlighted)
    def _preview(self) -> None:
        self.query_one(TemplatePreview).show(self.highlighted_entry())

    def highlighted_entry(self):
        options = self.query_one("#templates", OptionList)
        if options.highlighted is None or not self.catalog:
            return None
        return self.catalog.get(options.get_option_at_index(options.highlighted).id)

    def _error(self, text: str) -> None:
        line = self.query_one(self.ERROR_ID, Static)
        line.update(Content(safe_line(text)))  # file names and template text may hold escapes
        line.display = bool(text)
