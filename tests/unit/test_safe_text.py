"""The display sanitizer: terminal escapes and bidi controls shown as visible escapes."""

import subprocess
import sys

import pytest

from tui.core.safe_text import (
    BIDI_CONTROLS,
    is_safe,
    needs_escape,
    safe_line,
    safe_name,
    safe_text,
    visible_escape,
)

ESC = "\x1b"
OSC52 = f"{ESC}]52;c;aGVsbG8=\x07"            # write "hello" to the clipboard (BEL ends it)
OSC52_ST = f"{ESC}]52;c;aGVsbG8={ESC}\\"      # the same, ended by ST
OSC0 = f"{ESC}]0;pwned title\x07"             # set icon name and window title
OSC2 = f"{ESC}]2;pwned title{ESC}\\"          # set window title
CSI_2J = f"{ESC}[2J{ESC}[H"                   # wipe the screen, cursor home
C1_CSI = "\x9b2J"                              # the same with the 8-bit CSI


def _no_raw_controls(text: str) -> None:
    assert not any(needs_escape(ch) for ch in text.replace("\n", "").replace("\t", ""))
    assert ESC not in text and "\x07" not in text and "\x9b" not in text


@pytest.mark.parametrize("sanitize", [safe_text, safe_line, safe_name])
@pytest.mark.parametrize("attack", [OSC52, OSC52_ST, OSC0, OSC2, CSI_2J, C1_CSI])
def test_every_escape_sequence_is_shown_as_visible_text(sanitize, attack):
    shown = sanitize(f"sore today {attack} better")
    _no_raw_controls(shown)
    assert shown.startswith("sore today ") and shown.endswith(" better")


def test_the_exact_visible_forms():
    assert safe_line(OSC52) == "\\x1b]52;c;aGVsbG8=\\x07"
    assert safe_line(OSC2) == "\\x1b]2;pwned title\\x1b\\"
    assert safe_line(CSI_2J) == "\\x1b[2J\\x1b[H"
    assert safe_line(C1_CSI) == "\\x9b2J"
    assert safe_line("a\x00b\x7fc\x08d") == "a\\x00b\\x7fc\\x08d"  # NUL, DEL, backspace


def test_bidi_overrides_and_isolates_are_neutralised():
    # "Trojan source": RLO makes "gnp.exe" read as "exe.png"
    shown = safe_line("invoice\u202egnp.exe")
    assert shown == "invoice\\u202egnp.exe"
    for ch in BIDI_CONTROLS:
        assert safe_line(f"a{ch}b") == f"a{visible_escape(ch)}b"
        assert safe_text(f"a{ch}b") == f"a{visible_escape(ch)}b"
    assert safe_line("\u2067isolated\u2069") == "\\u2067isolated\\u2069"
    assert safe_line("\u061c") == "\\u061c"


def test_other_invisible_characters_are_escaped_but_text_is_untouched():
    assert safe_line("zero\u200bwidth") == "zero\\u200bwidth"
    assert safe_line("bom\ufeff") == "bom\\ufeff"
    assert safe_line("tag\U000e0041") == "tag\\U000e0041"          # ASCII smuggling in tag characters
    assert safe_line("line\u2028sep") == "line\\u2028sep"
    assert safe_line("lone \ud800 surrogate") == "lone \\ud800 surrogate"
    assert safe_line("no\u00a0break") == "no break"                  # a no-break space is just a space
    plain = "Café ½ [bold]x[/] C:\\path 🦶 שלום مرحبا 日本"
    assert safe_line(plain) == plain and safe_text(plain) == plain and safe_name(plain) == plain


def test_line_policies():
    note = "first line\r\nsecond\tline\rthird\n\nend"
    assert safe_text(note) == "first line\nsecond\tline\\x0dthird\n\nend"
    assert safe_line(note) == "first line second line third end"
    assert safe_name("two\nlines\t.json") == "two\\x0alines\\x09.json"
    assert safe_line(12) == "12"


def test_is_safe():
    assert is_safe("fine text") and not is_safe("bad\x1b[2J")
    assert is_safe("two\nlines", multiline=True) and not is_safe("two\nlines")


def test_new_core_modules_import_no_ui_or_storage():
    code = ("import tui.core.safe_text, tui.core.glyphs, tui.core.diagrams, tui.core.exports.html, "
            "tui.core.exports.handout, tui.core.exports.markdown, sys\nprint(' '.join(sorted(sys.modules)))")
    mods = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not {m for m in mods if m.split(".")[0] in {"textual", "tinydb", "rich", "weasyprint"}}
    assert "tui.locations" not in mods and "tui.fileio" not in mods
