"""The config file's [keys] as a new user meets them: a remapped key shows as remapped in
the footer, the ? help, the palette and the hints; short ids of any screen work; a typo
or a clash is named in the one config line; the help says how to change a key."""

from __future__ import annotations

import pytest
from app_helpers import main_screen, on_top, settle, until
from test_settings import footer_text, write_config
from textual.widgets import Input

from tui.app.screens.help import HelpScreen
from tui.app.settings import HELP_KEY_IDS, all_tables, keymap_from


def help_text(app) -> str:
    return "\n".join(line.plain for line in app.screen.query_one("#help-body").lines(90))


def config_notices(app) -> list[str]:
    return [n for n in app.notices if n.startswith("Config:")]


async def test_a_remapped_key_shows_in_help_palette_and_footer(planned_store, make):
    write_config('[keys]\nhistory = "y"\n')  # history is on h and H: both move to y
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        assert config_notices(app) == []  # a binding of two keys moved to one is no clash
        assert "y History" in footer_text(app)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["History"].endswith("(key: y)")
        await pilot.press("question_mark")
        await on_top(pilot, HelpScreen)
        lines = help_text(app).splitlines()
        assert any(line.startswith("y ") and "History" in line for line in lines)
        assert not any(line.startswith("h / H") for line in lines)
        await pilot.press("escape")
        await main_screen(pilot)
        await pilot.press("y")
        await on_top(pilot, "HistoryScreen")


async def test_a_short_id_of_another_screen_works_and_shows(history_store, make):
    write_config('[keys]\n"history.older" = "comma"\n')
    app = make(history_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        assert config_notices(app) == []
        await pilot.press("h")
        screen = await on_top(pilot, "HistoryScreen")
        await until(pilot, lambda: ", older month" in str(screen.query_one("#history-hint").render()), "the hint")
        footer = footer_text(app)
        assert ", Older" in footer and footer.index(", Older") < footer.index("] Newer")
        month = screen.month_day
        await pilot.press("comma")
        await until(pilot, lambda: screen.month_day < month, "the month before")


async def test_a_typo_and_a_clash_are_named_in_one_line(planned_store, make):
    write_config('[keys]\nhistroy = "y"\nhistory = "p"\n')
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await until(pilot, lambda: config_notices(app) != [], "the config line")
        await settle(pilot)
        notices = config_notices(app)
        assert len(notices) == 1 and "\n" not in notices[0]
        assert "histroy: no such key binding" in notices[0]
        assert "'p' is both Progress and History" in notices[0]


async def test_the_help_says_how_to_change_a_key(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await pilot.press("e")
        await on_top(pilot, "EditorScreen")
        await pilot.press("question_mark")
        await on_top(pilot, HelpScreen)
        text = " ".join(help_text(app).split())
        assert "Your own keys" in text and "[keys]" in text and "config.toml" in text
        assert "editor.add" in text and "editor.back" in text


def test_every_screens_ids_are_known_and_clash_free_by_default():
    tables = all_tables()
    ids = {a.id for table in tables for a in table}
    assert {"rehab.history.edit", "rehab.timer.pause", "rehab.export.ok", "rehab.picker.pick"} <= ids
    assert keymap_from({}, tables) == ({}, [])
    keymap, problems = keymap_from({"timer.pause": "x"}, tables)
    assert keymap == {"rehab.timer.pause": "x"}
    assert problems == ["'x' is both Pause/resume and Cancel"]


GENERAL = '[keys]\n"app.help" = "f2"\n"app.palette" = "ctrl+o"\nforce_quit = "ctrl+x"\n'
SCREENS = {"main": ((), "MainScreen"), "editor": (("e",), "EditorScreen"),
           "progress": (("p",), "ProgressScreen"), "history": (("h",), "HistoryScreen"),
           "review": (("r",), "ReviewScreen"), "library": (("L",), "LibraryScreen"),
           "export": (("x",), "ExportDialog"), "check-in": (("c",), "CheckInDialog")}


@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_general_keys_in_help_follow_the_config(history_store, make, name):
    """The keys of every screen (help, palette, quit) as [keys] moved them, in ? help on each
    screen; the moved keys work there and the old ones no longer do."""
    write_config(GENERAL)
    keys, screen_name = SCREENS[name]
    app = make(history_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        assert config_notices(app) == []
        if keys:
            await pilot.press(*keys)
        await until(pilot, lambda: type(app.screen).__name__ == screen_name, screen_name)
        await pilot.press("f1")  # moved away: no help
        await settle(pilot)
        assert type(app.screen).__name__ == screen_name
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help on f2")
        lines = help_text(app).splitlines()
        assert any(line.startswith("ctrl+o ") and "Command palette" in line for line in lines)
        assert any(line.startswith("f2 ") and "These keys" in line for line in lines)
        assert any(line.startswith("ctrl+x ") and "Quit" in line for line in lines)
        assert not any(line.startswith(("ctrl+p ", "F1 ", "ctrl+q ")) for line in lines)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == screen_name, "help closed")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: type(app.screen).__name__ == "CommandPalette", "the palette on ctrl+o")


async def test_the_footer_shows_the_moved_help_and_palette_keys(planned_store, make):
    write_config('[keys]\n"app.help_key" = "f2"\n"app.palette" = "ctrl+o"\n')
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("p")
        await until(pilot, lambda: "f2 Help" in footer_text(app), "the moved help key in the footer")
        assert footer_text(app).rstrip().endswith("^o Palette") and "^p" not in footer_text(app)


@pytest.mark.parametrize("entry", ["help", "app.help_key", "dialog.help"])
def test_the_help_key_is_one_key_whichever_id_moves_it(entry):
    """`?` is bound three times (the main screen's, every screen's, the dialogs'): any of the three
    ids moves it everywhere, and an id the file names itself keeps its own key."""
    keymap, problems = keymap_from({entry: "f2"}, all_tables())
    assert problems == []
    assert {binding_id: keymap[binding_id] for binding_id in HELP_KEY_IDS} == dict.fromkeys(HELP_KEY_IDS, "f2")
    keymap, _ = keymap_from({"help": "f2", "dialog.help": "f3"}, all_tables())
    assert [keymap[binding_id] for binding_id in HELP_KEY_IDS] == ["f2", "f2", "f3"]


async def test_a_moved_help_key_moves_it_in_the_dialogs_too(planned_store, make):
    write_config('[keys]\nhelp = "f2"\n')
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "LogDialog", "the log dialog")
        assert not isinstance(app.focused, Input)  # ? would be typed, not a key
        await pilot.press("question_mark")  # handled when press returns: nothing was pushed
        await settle(pilot)
        assert type(app.screen).__name__ == "LogDialog"
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the dialog's help on f2")
        assert "Keys of the log dialog" in help_text(app)
