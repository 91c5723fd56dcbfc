"""Issue 13 in the app: the config file (theme, keys, ascii, warnings), the footer at 100 and
80 columns, ? help and palette entries on every screen."""

from __future__ import annotations

import os
from pathlib import Path

from app_helpers import main_screen, on_top, settle, until

from tui.app.bindings import actions_of
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.settings import keymap_from
from tui.app.widgets.footer import KeyFooter


def config_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "rehab-planner" / "config.toml"


def write_config(text: str) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def footer_text(app) -> str:
    return app.screen.query_one(KeyFooter).render().plain


async def test_theme_from_the_config_and_saved_when_picked(planned_store, make):
    write_config('theme = "nord"\n# my notes\n[export]\nalarm = 5\n')
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"  # what the palette's "Change theme" does
        await until(pilot, lambda: 'theme = "gruvbox"' in config_file().read_text(), "the theme saved")
    text = config_file().read_text()
    assert 'theme = "gruvbox"' in text and "# my notes" in text and "alarm = 5" in text
    again = make(planned_store)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"


async def test_a_bad_config_is_one_notice_and_the_defaults(planned_store, make):
    write_config("theme = [nope\n")
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await until(pilot, lambda: any(n.startswith("Config:") for n in app.notices), "the config line")
        config_notices = [n for n in app.notices if n.startswith("Config:")]
        assert len(config_notices) == 1 and "not valid TOML" in config_notices[0]
        assert "\n" not in config_notices[0]


async def test_remapped_key_works_and_shows(planned_store, make):
    write_config('[keys]\ncheckin = "i"\n')
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        assert "i Check-in" in footer_text(app)
        await pilot.press("i")
        await on_top(pilot, "CheckInDialog")


def test_keymap_conflicts_and_unknown_ids_are_named():
    keymap, problems = keymap_from({"log": "c", "nosuch.thing": "z", "rehab.editor.add": "d"})
    assert keymap["rehab.log"] == "c"
    assert any("Log" in p and "Check-in" in p for p in problems)
    assert any("nosuch.thing" in p for p in problems)
    assert any("Add" in p and "Remove" in p for p in problems)


async def test_clash_is_reported_in_one_line(planned_store, make):
    write_config('[keys]\nlog = "c"\n')
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await until(pilot, lambda: any(n.startswith("Config:") for n in app.notices), "the config line")
        await settle(pilot)
        config_notices = [n for n in app.notices if n.startswith("Config:")]
        assert len(config_notices) == 1 and "'c' is both" in config_notices[0]


async def test_footer_at_100_and_80_columns(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        wide = footer_text(app)
        for item in ("Enter Log", "[ ] Week", "c Check-in", "s Timer", "r Review", "p Progress",
                     "? Help", "q Quit", "^p Palette"):
            assert item in wide, wide
        if hasattr(app.screen, "action_history"):
            assert "h History" in wide
        assert len(wide) <= 100
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        narrow = footer_text(app)
        for item in ("Enter Log", "[ ] Week", "c Check-in", "? Help", "^p Palette"):
            assert item in narrow, narrow
        assert len(narrow) <= 80


async def test_every_screen_has_help_and_palette_entries(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        for key, name in (("e", "EditorScreen"), ("L", "LibraryScreen"), ("p", "ProgressScreen"),
                          ("x", "ExportDialog"), ("c", "CheckInDialog")):
            await pilot.press(key)
            screen = await on_top(pilot, name)
            commands = list(app.get_system_commands(screen))
            titles = [c.title for c in commands]
            assert len(titles) > len([c for c in commands if c.title in ("Quit the application", "Keys")])
            for action in actions_of(screen):
                if action.action not in ("quit", "app.quit", "app.focus_next"):
                    assert any(c.help.startswith(action.help) for c in commands), (name, action)
            await pilot.press("f1")
            help_screen = await on_top(pilot, HelpScreen)
            body = "\n".join(line.plain for line in help_screen.query_one("#help-body").lines(90))
            assert actions_of(screen)[0].help.split()[0] in body
            await pilot.press("escape")
            await until(pilot, lambda screen=screen: app.screen is screen, f"back on {name}")
            await pilot.press("escape")
            await on_top(pilot, MainScreen)


async def test_editor_palette_finds_add(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("e")
        await on_top(pilot, "EditorScreen")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Add an activity to the selected phase" in titles


def test_help_titles_read_as_words():
    from tui.app.settings import help_title

    assert help_title("ExportDialog") == "Keys of the export dialog"
    assert help_title("EditorScreen") == "Keys of the editor"
