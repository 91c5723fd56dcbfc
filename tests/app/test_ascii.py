"""Issue 13 item 6: under --ascii, ascii = true or TERM=linux the TUI draws marks, charts and
borders in ASCII only (the Linux console fonts lack the box, block and check characters)."""

from __future__ import annotations

import re

import pytest
from app_helpers import main_screen, on_top, settle, until

from tui.app.settings import Settings, load_settings
from tui.config import Config

NON_ASCII = re.compile(r"[^\x00-\x7f]")


def drawn_text(app) -> str:
    """The characters on the screen (the SVG's text runs, entities decoded)."""
    import html

    svg = app.export_screenshot()
    runs = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return html.unescape("".join(runs)).replace("\xa0", " ")


def test_term_linux_flag_and_config_decide(tmp_path):
    missing = tmp_path / "none.toml"
    assert load_settings(False, {"TERM": "linux"}, missing).ascii
    assert not load_settings(False, {"TERM": "xterm-256color"}, missing).ascii
    assert load_settings(True, {"TERM": "xterm"}, missing).ascii
    path = tmp_path / "config.toml"
    path.write_text("ascii = false\n")
    assert not load_settings(False, {"TERM": "linux"}, path).ascii
    path.write_text("ascii = true\n")
    assert load_settings(False, {}, path).ascii


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_main_and_progress_screens_are_ascii(history_store, make, size):
    app = make(history_store, settings=Settings(Config(), (), True, None))
    async with app.run_test(size=size) as pilot:
        await main_screen(pilot)
        await settle(pilot)
        main = drawn_text(app)
        assert "+" in main and "|" in main
        assert not NON_ASCII.findall(main), sorted(set(NON_ASCII.findall(main)))
        await pilot.press("p")
        await on_top(pilot, "ProgressScreen")
        await settle(pilot)
        progress = drawn_text(app)
        bad = set(NON_ASCII.findall(progress))
        assert not bad, sorted(bad)


async def test_unicode_by_default(history_store, make):
    app = make(history_store, settings=Settings(Config(), (), False, None))
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await until(pilot, lambda: "✓" in drawn_text(app), "the done marks")


async def test_other_screens_are_ascii(history_store, make):
    app = make(history_store, settings=Settings(Config(), (), True, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        for key, screen in (("e", "EditorScreen"), ("L", "LibraryScreen"), ("question_mark", "HelpScreen"),
                            ("x", "ExportDialog"), ("c", "CheckInDialog"), ("s", "TimerScreen"),
                            ("h", "HistoryScreen"), ("r", "ReviewScreen"), ("enter", "LogDialog")):
            await pilot.press(key)
            await on_top(pilot, screen)
            await settle(pilot)
            bad = set(NON_ASCII.findall(drawn_text(app)))
            assert not bad, (key, screen, sorted(bad))
            await pilot.press("escape")
            await main_screen(pilot)


async def test_the_palette_is_ascii(history_store, make):
    app = make(history_store, settings=Settings(Config(), (), True, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await pilot.press("ctrl+p")
        await on_top(pilot, "CommandPalette")
        await pilot.press(*"check")
        await until(pilot, lambda: "Daily check-in" in drawn_text(app), "the palette found the check-in")
        text = drawn_text(app)
        bad = set(NON_ASCII.findall(text))
        assert not bad, sorted(bad)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_ascii_dialogs_show_button_labels_and_what_is_typed(history_store, make, size):
    """The one-row inputs and buttons keep their row for the text under ASCII borders (TERM=linux
    once drew every dialog with empty boxes where the fields and the Save button were)."""
    app = make(history_store, settings=Settings(Config(), (), True, None))
    async with app.run_test(size=size) as pilot:
        await main_screen(pilot)
        await pilot.press("enter")  # the log dialog
        await on_top(pilot, "LogDialog")
        await pilot.press("tab", "tab", "4", "2")  # minutes
        await until(pilot, lambda: "42" in drawn_text(app), "what is typed")
        text = drawn_text(app)
        assert "Save" in text and "Cancel" in text, text


async def test_the_timer_bar_and_a_cut_name_in_ascii(history_store, make, clock):
    """The timer's bar in text (its ProgressBar draws heavy lines the VT fonts lack), and a
    session name cut to fit the day pane ends in "..." (cut with no sign it looked whole)."""
    app = make(history_store, settings=Settings(Config(), (), True, None))
    async with app.run_test(size=(80, 24)) as pilot:
        main = await main_screen(pilot)
        await until(pilot, lambda: "Plantar fascia ..." in drawn_text(app), "the name cut with a sign")
        rows = main.week.day(app.today).rows
        for _ in range(next(i for i, r in enumerate(rows) if r.session.activity_id == "ball-roll")):
            await pilot.press("j")
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "TimerScreen", "the timer")
        clock.advance(180)  # half of 2 x 3 min
        app.screen.tick()
        await until(pilot, lambda: "#" * 20 + "." * 20 + "  50%" in drawn_text(app), "the text bar at half")
        assert not app.screen.query_one("#timer-bar").display
