"""README claims a test can hold: the keys table matches the bindings, the 80x24 layout
shows every pane at once, the footer keeps help and the palette hint."""

from __future__ import annotations

import re
from pathlib import Path

from app_helpers import main_screen, until

from tui.app.bindings import EDITOR_ACTIONS, LIBRARY_ACTIONS, MAIN_ACTIONS
from tui.app.widgets.footer import KeyFooter

README = Path(__file__).resolve().parents[2] / "README.md"


def keys_table() -> list[tuple[str, str]]:
    section = README.read_text().split("## Keys\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \| (.+?) \|$", section, re.M)
    return [(k, d) for k, d in rows if k not in ("key", "---")]


def test_every_backticked_key_in_the_table_is_bound():
    bound = {k for a in MAIN_ACTIONS for k in a.keys.split(",")}
    names = {"[": "left_square_bracket", "]": "right_square_bracket", "?": "question_mark"}
    for keys, _ in keys_table():
        for key in re.findall(r"`([^`]+)`", keys.split("(")[0]):
            assert names.get(key, key) in bound, key
    editor = {a.keys.split(",")[0] for a in EDITOR_ACTIONS}
    assert {"a", "d", "m", "o", "r", "u"} <= editor
    assert {"i", "x"} <= {a.keys.split(",")[0] for a in LIBRARY_ACTIONS}


def test_every_main_action_is_in_the_table():
    described = " ".join(k for k, _ in keys_table())
    for action in MAIN_ACTIONS:
        first = action.keys.split(",")[0]
        shown = {"left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?",
                 "enter": "Enter", "left": "←", "right": "→", "up": "↑", "down": "↓",
                 "pagedown": "PgDn", "pageup": "PgUp"}.get(first, first)
        assert shown in described, action.id


async def test_80x24_shows_every_pane_at_once(history_store, make):
    app = make(history_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        await until(pilot, lambda: screen.query_one("#progress").region.height >= 3, "the panes laid out")
        for pane in ("#week-pane", "#day-pane", "#detail", "#progress"):
            region = screen.query_one(pane).region
            assert region.width >= 20 and region.height >= 3, pane
            assert region.right <= 80 and region.bottom <= 23, pane  # above the footer line
        footer = screen.query_one(KeyFooter).render().plain
        assert "? Help" in footer and "^p Palette" in footer
