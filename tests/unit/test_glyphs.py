"""The glyph tables and the rule that picks ASCII."""

import dataclasses
import unicodedata

import pytest

from tui.core.glyphs import ASCII, UNICODE, Glyphs, ascii_wanted, glyphs, legend

STATUSES = ("done", "partial", "skipped", "due", "missed", "planned")


def _strings(table: Glyphs) -> list[str]:
    out: list[str] = []
    for field in dataclasses.fields(table):
        value = getattr(table, field.name)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            out += list(value.values())
    return out


def test_glyphs_picks_the_table():
    assert glyphs(True) is ASCII and glyphs(False) is UNICODE
    assert ASCII.ascii and not UNICODE.ascii


def test_both_tables_have_the_same_entries():
    assert set(ASCII.marks) == set(UNICODE.marks) == set(STATUSES)
    assert set(ASCII.box) == set(UNICODE.box)
    assert len(ASCII.blocks) == len(UNICODE.blocks) == 8


def test_the_ascii_table_is_pure_ascii_and_printable():
    for text in _strings(ASCII):
        assert text.isascii() and text.isprintable() and text, repr(text)


def test_the_unicode_table_uses_the_expected_characters():
    assert UNICODE.marks == {"done": "✓", "partial": "½", "skipped": "✗", "due": "•", "missed": "!", "planned": "·"}
    assert UNICODE.blocks == "▁▂▃▄▅▆▇█" and UNICODE.enter == "⏎"
    assert all(unicodedata.name(ch).startswith("BOX DRAWINGS") for ch in UNICODE.box.values())


@pytest.mark.parametrize("table", [ASCII, UNICODE])
def test_marks_blocks_and_bars_are_one_cell_and_distinct(table):
    marks = [table.marks[s] for s in STATUSES]
    assert all(len(m) == 1 for m in marks) and len(set(marks)) == len(marks)
    assert len(set(table.blocks)) == 8
    assert len(table.bar_full) == len(table.bar_empty) == len(table.empty) == 1
    assert all(len(ch) == 1 for ch in table.box.values())


@pytest.mark.parametrize("table", [ASCII, UNICODE])
def test_spark_and_bar(table):
    assert table.spark([0, 10, 5, 20, -3]) == (table.blocks[0] + table.blocks[7] + table.blocks[4]
                                               + table.blocks[7] + table.blocks[0])
    assert table.bar(0.5, 10) == table.bar_full * 5 + table.bar_empty * 5
    assert table.bar(2, 4) == table.bar_full * 4 and table.bar(-1, 3) == table.bar_empty * 3
    assert table.mark("done") == table.marks["done"] and table.mark("unknown") == table.marks["planned"]
    with pytest.raises(ValueError):
        table.spark([1], low=5, high=5)


def test_ascii_wanted_rule():
    assert ascii_wanted({"TERM": "linux"}, None, False)
    assert not ascii_wanted({"TERM": "xterm-256color"}, None, False)
    assert not ascii_wanted({}, None, False)
    assert ascii_wanted({"TERM": "xterm-256color"}, True, False)       # ascii = true
    assert ascii_wanted({"TERM": "xterm-256color"}, None, True)        # --ascii
    assert ascii_wanted({"TERM": "xterm"}, False, True)                # the flag beats the file
    assert not ascii_wanted({"TERM": "linux"}, False, False)           # ascii = false: the user's console has the font


def test_legend_names_every_mark():
    assert legend(ASCII) == "+ done  ~ partly done  x skipped  o due today  ! missed  . planned"
    assert legend(UNICODE).startswith("✓ done  ½ partly done")
