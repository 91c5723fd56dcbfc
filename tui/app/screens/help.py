"""Help: every key of the main screen, from the same table the footer and palette use."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget

from ..bindings import MAIN_ACTIONS
from ...service.week import MARKS

OTHER_KEYS = (
    ("ctrl+p", "Command palette: every action by name"),
    ("Esc", "Close a dialog or screen"),
    ("Tab", "Next field in a dialog"),
)
MARK_WORDS = {"done": "done", "partial": "partly done", "skipped": "skipped", "due": "due today",
              "missed": "missed (past, not logged)", "planned": "planned"}
NOT_ADVICE = ("Self-care structure, not medical advice. Numbness or tingling that keeps coming back, "
              "pain at night or at rest, swelling, warmth or redness: see a clinician.")
KEY_WIDTH = 14


def help_lines(width: int) -> list[Content]:
    """The help text wrapped to width, keys in a column with hanging indents."""
    width = max(30, width)
    out: list[Content] = [Content.styled("Keys on the main screen", "bold")]
    rows = [(a.key_text, a.help) for a in MAIN_ACTIONS] + list(OTHER_KEYS)
    for key, text in rows:
        key_lines = textwrap.wrap(key, KEY_WIDTH - 1) or [""]
        text_lines = textwrap.wrap(text, width - KEY_WIDTH) or [""]
        for i in range(max(len(key_lines), len(text_lines))):
            k = key_lines[i] if i < len(key_lines) else ""
            t = text_lines[i] if i < len(text_lines) else ""
            out.append(Content.assemble((f"{k:<{KEY_WIDTH}}", "bold $text-accent"), t))
    out += [Content(""), Content.styled("Marks", "bold")]
    out += [Content(f"  {mark}  {MARK_WORDS[status]}") for status, mark in MARKS.items()]
    out.append(Content(""))
    out += [Content.styled(line, "italic") for line in textwrap.wrap(NOT_ADVICE, width)]
    return out


class HelpBody(Widget):
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(help_lines(width))

    def render(self) -> Content:
        return Content("\n").join(help_lines(self.content_size.width))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="rehab.help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield HelpBody(id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help (Esc closes)"

    def action_close(self) -> None:
        self.dismiss(None)
