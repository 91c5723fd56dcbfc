"""The review's body as one widget: headings, hanging-indent rows and notes, wrapped to width.

It was a Static per heading and a Horizontal of two Statics per row: with a full
week logged that is some 60 widgets to style and lay out each time the review
opens (the layout, not the review, made the screen slower with more to say).
Here the rows are wrapped by ``Content.wrap`` (cell widths, not characters) and
rendered as lines of one widget, as the help screen does.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

HEADING, FLAG_HEADING, ROW, FLAG_ROW, NOTE = "heading", "flag-heading", "row", "flag-row", "note"
NOTE_INDENT = 4
STYLES = {HEADING: "bold underline", FLAG_HEADING: "bold underline $text-error", ROW: "",
          FLAG_ROW: "", NOTE: "italic"}


@dataclass(frozen=True)
class BodyRow:
    """One item of the body: ``kind`` (HEADING, ROW, ...), the mark in the left column
    (rows only, ``mark_width`` cells wide) and the text (already made safe to show)."""

    kind: str
    text: str
    mark: str = ""
    mark_width: int = 0


def body_lines(rows: list[BodyRow], width: int) -> list[Content]:
    """The rows wrapped to ``width``: a blank line before each heading but the first,
    row text in a hanging indent after its mark, notes indented."""
    width = max(20, width)
    out: list[Content] = []
    for row in rows:
        style = STYLES.get(row.kind, "")
        if row.kind in (HEADING, FLAG_HEADING):
            if out:
                out.append(Content(""))
            out += [Content.styled(line.plain, style) for line in Content(row.text).wrap(width)]
            continue
        indent = NOTE_INDENT if row.kind == NOTE else row.mark_width
        lines = Content(row.text).wrap(max(8, width - indent)) or [Content("")]
        for i, line in enumerate(lines):
            left = row.mark if i == 0 and row.kind != NOTE else ""
            out.append(Content.assemble((f"{left:<{indent}}", "bold"), line.stylize(style) if style else line))
    return out


class ReviewBody(Widget):
    """The review's warning signs, reasons and figures (screens/review.py fills it)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[BodyRow] = []
        self._wrapped: tuple[int, list[Content]] | None = None  # (width, lines): layout and render both ask

    def set_rows(self, rows: list[BodyRow]) -> None:
        self.rows = rows
        self._wrapped = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, body_lines(self.rows, width))
        return self._wrapped[1]

    @property
    def plain(self) -> str:
        """The body's text unwrapped, one row a line (tests read it)."""
        return "\n".join(f"{row.mark.strip()} {row.text}".strip() for row in self.rows)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))
