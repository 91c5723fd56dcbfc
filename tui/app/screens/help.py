"""Help: every key of the screen it was opened from, from the same table the footer and palette use."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...service.week import MARKS
from ..bindings import APP_ACTIONS, MAIN_ACTIONS, Action, app_action
from ..typed import RehabModal

FIXED_KEYS = (
    ("Esc", "Close a dialog or screen"),
    ("Tab", "Next field in a dialog"),
)
MARK_WORDS = {"done": "done", "partial": "partly done", "skipped": "skipped", "due": "due today",
              "missed": "missed (past, not logged)", "planned": "planned"}
NOT_ADVICE = ("Self-care structure, not medical advice. Numbness or tingling that keeps coming back, "
              "pain at night or at rest, swelling, warmth or redness: see a clinician.")
KEY_WIDTH = 14


def general_keys(general: tuple[Action, ...] = APP_ACTIONS, ascii: bool = False) -> list[tuple[str, str]]:
    """The keys of every screen as (key, text) rows, with the keys the config file gave them."""
    def keys(binding_id: str) -> str:
        return app_action(general, binding_id).keys_shown(ascii)

    help_key = keys("rehab.app.help_key")
    return [
        (keys("rehab.app.palette"), "Command palette: this screen's actions by name"),
        (keys("rehab.app.help"), f"These keys, from any screen or dialog ({help_key} too, outside a text field)"),
        (keys("rehab.force_quit"), "Quit rehab-planner, from any screen or dialog"),
        *FIXED_KEYS,
    ]


def help_lines(width: int, title: str = "Keys on the main screen",
               actions: tuple[Action, ...] = MAIN_ACTIONS, marks: dict[str, str] | None = None,
               ascii: bool = False, general: tuple[Action, ...] = APP_ACTIONS) -> list[Content]:
    """The help text wrapped to width, keys in a column with hanging indents; ``general``: the
    keys of every screen (APP_ACTIONS with the config's [keys] applied)."""
    width = max(30, width)
    out: list[Content] = [Content.styled(title, "bold")]
    rows = [(a.keys_shown(ascii), a.help) for a in actions]
    own = {key for key, _ in rows}
    rows += [row for row in general_keys(general, ascii) if row[0] not in own]  # Esc once
    for key, text in rows:
        key_lines = textwrap.wrap(key, KEY_WIDTH - 1) or [""]
        text_lines = textwrap.wrap(text, width - KEY_WIDTH) or [""]
        for i in range(max(len(key_lines), len(text_lines))):
            k = key_lines[i] if i < len(key_lines) else ""
            t = text_lines[i] if i < len(text_lines) else ""
            out.append(Content.assemble((f"{k:<{KEY_WIDTH}}", "bold $text-accent"), t))
    out += remap_lines(width, actions)
    out += [Content(""), Content.styled("Marks", "bold")]
    out += [Content(f"  {mark}  {MARK_WORDS[status]}") for status, mark in (marks or MARKS).items()]
    out.append(Content(""))
    out += [Content.styled(line, "italic") for line in textwrap.wrap(NOT_ADVICE, width)]
    return out


def remap_lines(width: int, actions: tuple[Action, ...]) -> list[Content]:
    """How to change these keys: the config file's [keys] and this screen's binding ids."""
    ids = [a.id.removeprefix("rehab.") for a in actions if a.id]
    if not ids:
        return []
    example = ids[0]
    everywhere = ", ".join(a.id.removeprefix("rehab.") for a in APP_ACTIONS)
    text = (f'Change a key under [keys] in config.toml (rehab locate prints where), e.g. {example} = "f5". '
            f"This screen's ids: {', '.join(ids)}. On every screen: {everywhere}.")
    return [Content(""), Content.styled("Your own keys", "bold"),
            *(Content(line) for line in textwrap.wrap(text, width, break_on_hyphens=False))]


class HelpBody(Widget):
    def __init__(self, title: str, actions: tuple[Action, ...], general: tuple[Action, ...] = APP_ACTIONS,
                 **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.title_text = title
        self.actions = actions
        self.general = general

    def lines(self, width: int) -> list[Content]:
        marks = getattr(self.app, "glyphs", None)
        return help_lines(width, self.title_text, self.actions, dict(marks.marks) if marks else None,
                          bool(marks and marks.ascii), self.general)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))


class HelpScreen(RehabModal[None]):
    KEY_FOOTER = False  # every key closes it; the footer below is the screen's it helps with
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="rehab.help.close",
                        tooltip="Close the help")]

    def __init__(self, title: str = "Keys on the main screen", actions: tuple[Action, ...] = MAIN_ACTIONS,
                 general: tuple[Action, ...] = APP_ACTIONS) -> None:
        super().__init__()
        self.title_text = title
        self.actions = actions
        self.general = general

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield HelpBody(self.title_text, self.actions, self.general, id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help (Esc closes)"

    def action_close(self) -> None:
        self.dismiss(None)
