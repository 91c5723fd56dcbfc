"""Full-screen messages: a data file that cannot be used, and a terminal that is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.widgets import Static

from ..typed import RehabScreen


class MessageScreen(RehabScreen[None]):
    """A clear message and a way out (q quits with exit_code)."""

    BINDINGS = [Binding("q,escape", "leave", "Quit", id="rehab.message.quit", tooltip="Quit rehab-planner")]

    def __init__(self, title: str, text: str, exit_code: int = 0) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.exit_code = exit_code

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(
                Content.assemble((self.title_text, "bold"), "\n\n", self.text, "\n\n",
                                 ("Press q to quit.", "dim")),
                id="message-text", markup=False,
            )

    def action_leave(self) -> None:
        self.app.exit(return_code=self.exit_code)


class TooSmallScreen(RehabScreen[None]):
    """Covers the app while the terminal is smaller than the app can use."""

    covers_small_terminal = True

    BINDINGS = [Binding("q,ctrl+c", "app.quit", "Quit", id="rehab.small.quit", tooltip="Quit rehab-planner")]

    def __init__(self, minimum: tuple[int, int]) -> None:
        super().__init__()
        self.minimum = minimum

    def compose(self) -> ComposeResult:
        yield Static(self._text(), id="too-small", markup=False)

    def _text(self) -> Content:
        w, h = self.app.size
        need_w, need_h = self.minimum
        return Content.assemble(
            ("Terminal too small", "bold"),
            f"\n{w}x{h}; rehab needs at least {need_w}x{need_h}.\n",
            "Make the window bigger, or press q to quit.",
        )

    def refresh_size(self) -> None:
        self.query_one("#too-small", Static).update(self._text())
