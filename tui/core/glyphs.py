"""The characters the interfaces draw with, in a Unicode form and an ASCII form.

The Linux console's fonts (Terminus, Fixed, the default lat1-16) have no
check mark, no one-eighth blocks, no return symbol: on a real VT the done
mark and the charts come out blank. Under ``TERM=linux``, ``ascii = true`` in
the config file or ``--ascii`` on the command line, every mark and chart uses
the ASCII form instead (:func:`ascii_wanted` decides, :func:`glyphs` hands out
the table).

Status marks, bar and block characters are exactly one cell wide in both
forms, so columns line up whichever is in use; arrows and the return key may
be wider in ASCII ("->", "Enter").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ASCII_TERMS = frozenset({"linux"})


@dataclass(frozen=True)
class Glyphs:
    """One drawing alphabet. ``marks`` is keyed by session status (records.session_status)."""

    marks: Mapping[str, str]
    blocks: str          # eight levels, lowest first, for sparklines and bar heights
    bar_full: str
    bar_empty: str
    empty: str           # a chart cell with no value
    bullet: str
    sep: str             # between parts of a title: "Timer · Ice pack · 15 min"
    ellipsis: str
    right: str
    left: str
    up: str
    down: str
    enter: str
    box: Mapping[str, str]  # h v tl tr bl br lt rt tt bt x (lines and corners)
    ascii: bool

    def text(self, line: str) -> str:
        """``line`` with its typographic marks (· … • — → ×) in this alphabet."""
        return line.translate(_TO_ASCII) if self.ascii else line

    def mark(self, status: str) -> str:
        return self.marks.get(status, self.marks["planned"])

    def spark(self, values: list[float], low: float = 0.0, high: float = 10.0) -> str:
        """One block per value, scaled from low to high (clamped)."""
        if high <= low:
            raise ValueError("high must be above low")
        top = len(self.blocks) - 1
        out = []
        for value in values:
            share = (min(max(value, low), high) - low) / (high - low)
            out.append(self.blocks[round(share * top)])
        return "".join(out)

    def bar(self, share: float, width: int) -> str:
        """A horizontal bar ``width`` cells wide, ``share`` (0-1) of it filled."""
        filled = round(min(max(share, 0.0), 1.0) * width)
        return self.bar_full * filled + self.bar_empty * (width - filled)


_TO_ASCII = str.maketrans({"·": "-", "…": "...", "•": "*", "—": "-", "–": "-", "→": "->", "←": "<-",
                           "×": "x", "✓": "+", "✗": "x", "½": "~", "≥": ">=", "≤": "<=", "°": " deg"})

UNICODE = Glyphs(
    marks={"done": "✓", "partial": "½", "skipped": "✗", "due": "•", "missed": "!", "planned": "·"},
    blocks="▁▂▃▄▅▆▇█",
    bar_full="█", bar_empty="░", empty="·",
    bullet="•", sep="·", ellipsis="…",
    right="→", left="←", up="↑", down="↓", enter="⏎",
    box={"h": "─", "v": "│", "tl": "┌", "tr": "┐", "bl": "└", "br": "┘",
         "lt": "├", "rt": "┤", "tt": "┬", "bt": "┴", "x": "┼"},
    ascii=False,
)

ASCII = Glyphs(
    marks={"done": "+", "partial": "~", "skipped": "x", "due": "o", "missed": "!", "planned": "."},
    blocks="_.:-=+*#",
    bar_full="#", bar_empty=".", empty=".",
    bullet="*", sep="-", ellipsis="...",
    right="->", left="<-", up="^", down="v", enter="Enter",
    box={"h": "-", "v": "|", "tl": "+", "tr": "+", "bl": "+", "br": "+",
         "lt": "+", "rt": "+", "tt": "+", "bt": "+", "x": "+"},
    ascii=True,
)

MARK_LEGEND = {"done": "done", "partial": "partly done", "skipped": "skipped", "due": "due today",
               "missed": "missed", "planned": "planned"}


def glyphs(ascii: bool) -> Glyphs:
    """The ASCII table when ``ascii`` is true, else the Unicode one."""
    return ASCII if ascii else UNICODE


def ascii_wanted(env: Mapping[str, str], config_ascii: bool | None, flag: bool) -> bool:
    """Whether to draw in ASCII.

    ``--ascii`` (flag) always wins; then the config file's ``ascii`` when the
    user set it (``false`` keeps Unicode even on the Linux console, for a
    console with a full font); else ASCII when ``TERM`` is ``linux``.
    """
    if flag:
        return True
    if config_ascii is not None:
        return config_ascii
    return env.get("TERM", "") in ASCII_TERMS


def legend(table: Glyphs) -> str:
    """'✓ done  ½ partly done  ...' for a help line or a footer."""
    return "  ".join(f"{table.marks[k]} {word}" for k, word in MARK_LEGEND.items())
