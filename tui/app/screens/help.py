"""Help: every key of the main screen, from the same table the footer and palette use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..bindings import MAIN_ACTIONS
from ..weekview import MARKS

OTHER_KEYS = (
    ("ctrl+p", "Command palette: every action by name"),
    ("Esc", "Close a dialog or screen"),
    ("Tab", "Next field in a dialog"),
)


def help_content() -> Content:
    parts: list = [("Keys on the main screen", "bold"), "\n"]
    for action in MAIN_ACTIONS:
        parts += [(f"{action.key_text:<9}", "bold $text-accent"), action.help, "\n"]
    for key, text in OTHER_KEYS:
        parts += [(f"{key:<9}", "bold $text-accent"), text, "\n"]
    parts += ["\n", ("Marks", "bold"), "\n"]
    words = {"done": "done", "partial": "partly done", "skipped": "skipped", "due": "due today",
             "missed": "missed (past, not logged)", "planned": "planned"}
    for status, mark in MARKS.items():
        parts += [f"  {mark}  ", words[status], "\n"]
    parts += ["\n", ("Self-care structure, not medical advice. Numbness or tingling that keeps "
                     "coming back, pain at night or at rest, swelling, warmth or redness: "
                     "see a clinician.", "italic")]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="rehab.help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(help_content(), markup=False)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help (Esc closes)"

    def action_close(self) -> None:
        self.dismiss(None)
