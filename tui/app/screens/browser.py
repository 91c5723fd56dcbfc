"""TemplateBrowser: what the first-run chooser and the template library share.

A list of templates (built-in, shared, the user's) read by a thread worker,
a preview of the highlighted one, and a one-line error (``ERROR_ID``).
Subclasses compose ``#templates`` (a TemplateList) and ``#preview`` and handle
``on_templates_loaded``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.content import Content
from textual.widgets import OptionList, Static

from ...core.errors import RehabError
from ...core.safe_text import safe_line
from ...core.sources import TemplateCatalog
from ..messages import TemplatesLoaded
from ..typed import RehabScreen
from ..widgets.template_preview import TemplatePreview

if TYPE_CHECKING:
    from ...core.sources import TemplateEntry


class TemplateBrowser(RehabScreen[None]):
    ERROR_ID = "#browser-error"

    def __init__(self) -> None:
        super().__init__()
        self.catalog: TemplateCatalog = TemplateCatalog()  # id -> TemplateEntry, once loaded

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

    def highlighted_entry(self) -> TemplateEntry | None:
        options = self.query_one("#templates", OptionList)
        if options.highlighted is None or not self.catalog:
            return None
        option_id = options.get_option_at_index(options.highlighted).id  # a template id (TemplateList)
        return self.catalog.get(option_id) if option_id is not None else None

    def _error(self, text: str) -> None:
        line = self.query_one(self.ERROR_ID, Static)
        line.update(Content(safe_line(text)))  # file names and template text may hold escapes
        line.display = bool(text)
