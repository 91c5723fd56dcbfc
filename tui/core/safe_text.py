"""Text from data made safe to show in a terminal: one sanitizer for every widget.

Notes, shoe names, template text, file names and restored backups come from
people and files, not from this program. Shown raw, an ``ESC ] 52`` (OSC 52)
writes the clipboard through tmux, ``ESC ] 0`` / ``ESC ] 2`` set the window
title, ``ESC [ 2 J`` wipes the screen, and bidi overrides make text read in
another order than it is stored. Every such character is shown as a visible
escape instead (``\\x1b``, ``\\u202e``), so what is on screen is what is stored.

What is escaped: Unicode categories Cc (C0 controls, DEL, C1 controls such as
the 8-bit CSI U+009B), Cf (format characters: the bidi embeddings, overrides,
isolates and marks, zero-width characters, tag characters), Cs (lone
surrogates), and Zl / Zp (line and paragraph separators). Other space
separators (no-break space and the like) become a plain space. Nothing else
changes: backslashes, brackets and emoji stay as they are.

Three policies for tabs and line breaks, one per use:

- :func:`safe_text` multi-line (a note in the session pane): ``\\n`` kept,
  ``\\r\\n`` made ``\\n``, a tab kept (the widget expands it).
- :func:`safe_line` single line (a list row, a title, a notice): every run of
  tabs and line breaks becomes one space.
- :func:`safe_name` a name shown exactly (file names): tabs and line breaks
  are escaped too, so a file name with a newline in it is visibly odd.

The result is a plain ``str`` meant to be shown literally: the app wraps it in
``Content(...)`` (never markup); this module imports nothing from the UI.
"""

from __future__ import annotations

import re
import unicodedata

# The bidi controls named by Unicode TR9 (all of category Cf): embeddings and
# overrides U+202A-U+202E, isolates U+2066-U+2069, LRM/RLM and the Arabic letter mark.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def visible_escape(ch: str) -> str:
    """One character as a Python-style escape: ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def needs_escape(ch: str) -> bool:
    """True for a character that must never reach the terminal as itself."""
    return ch in BIDI_CONTROLS or unicodedata.category(ch) in _ESCAPED_CATEGORIES


def _clean(text: str, keep: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in keep:
            out.append(ch)
        elif needs_escape(ch):
            out.append(visible_escape(ch))
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def safe_text(text: object) -> str:
    """Multi-line text for display: newlines and tabs kept, everything else escaped."""
    return _clean(str(text).replace("\r\n", "\n"), keep="\n\t")


def safe_line(text: object) -> str:
    """One line for display: runs of tabs and line breaks become one space."""
    return _clean(_LINE_BREAKS.sub(" ", str(text)), keep="")


def safe_name(text: object) -> str:
    """A name shown exactly (a file name): every control, tab and newline escaped."""
    return _clean(str(text), keep="")


def is_safe(text: str, *, multiline: bool = False) -> bool:
    """True when ``text`` holds nothing the sanitizer would change (for assertions)."""
    return text == (safe_text(text) if multiline else safe_name(text))
