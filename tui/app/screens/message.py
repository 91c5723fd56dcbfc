"""Full-screen messages: a data file that cannot be used, and a terminal that is too small.

A message longer than the terminal scrolls (arrow keys, PgUp/PgDn, the mouse wheel);
its border says so and how to quit, so nothing is cut off without a way to read it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..typed import RehabScreen


class MessageScreen(RehabScreen[None]):
    """A clear message and a way out (q quits with exit_code)."""

    BINDINGS = [Binding("q,escape", "leave", "Quit", id="rehab.message.quit", tooltip="Quit rehab-planner")]
    HELP_TITLE = "Keys of the message"

    def __init__(self, title: str, text: str, exit_code: int = 0) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.exit_code = exit_code

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="message-box"):
            yield Static(
                Content.assemble((self.title_text, "bold"), "\n\n", self.text, "\n\n",
                                 ("Press q to quit.", "dim")),
                id="message-text", markup=False,
            )

    def on_mount(self) -> None:
        box = self.query_one("#message-box", VerticalScroll)
        box.border_subtitle = "q quits"
        box.focus()  # the arrow keys and PgUp / PgDn scroll a long message
        self.call_after_refresh(self._note_scrolling)

    def _note_scrolling(self) -> None:
        box = self.query_one("#message-box", VerticalScroll)
        if box.max_scroll_y > 0:
            keys = "Up/Down" if self.app.glyphs.ascii else "↑↓"
            box.border_subtitle = f"{keys} PgUp/PgDn scroll · q quits"

    def on_resize(self) -> None:
        self.call_after_refresh(self._note_scrolling)

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
