"""e opens the plan editor: add, remove, move, dose, rename; each saved and undoable."""

from __future__ import annotations

from app_helpers import settle
from textual.widgets import DataTable, Input, OptionList

from tui.app.screens.edit_dialogs import ActivityPicker, DoseDialog
from tui.app.screens.editor import EditorScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import PromptDialog


def sessions(store) -> dict[str, dict]:
    plan = store.get_plan()
    return {s["id"]: s for p in plan.template["phases"] for s in p["sessions"]}


async def open_editor(pilot) -> EditorScreen:
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EditorScreen)
    return pilot.app.screen


async def cursor_to(pilot, session_id: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(session_id))
    await pilot.pause()


async def test_add_from_catalog_then_undo(planned_store, make):
    before = sessions(planned_store)
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, ActivityPicker)
        options = picker.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("swimming")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is editor
        added = set(sessions(planned_store)) - set(before)
        assert added == {"settle-swimming-2"}
        assert sessions(planned_store)["settle-swimming-2"]["rrule"] == "FREQ=DAILY"
        assert editor.query_one(DataTable).row_count == len(before) + 1
        await pilot.press("u")
        await settle(pilot)
        assert editor.query_one(DataTable).row_count == len(before)
    assert sessions(planned_store) == before


async def test_remove_move_dose_rename(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await cursor_to(pilot, "settle-towel")
        await pilot.press("d")
        await settle(pilot)
        assert "settle-towel" not in sessions(planned_store)

        await cursor_to(pilot, "settle-cycling")
        await pilot.press("m")
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        dialog.query_one(Input).value = "Tue Sat"
        await pilot.press("enter")
        await settle(pilot)
        assert sessions(planned_store)["settle-cycling"]["rrule"] == "FREQ=WEEKLY;BYDAY=TU,SA"

        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, DoseDialog)
        assert dialog.query_one("#dose-minutes", Input).value == "25"
        dialog.query_one("#dose-minutes", Input).value = "40"
        await pilot.press("enter")
        await settle(pilot)
        assert sessions(planned_store)["settle-cycling"]["dose"] == {"minutes": 40}

        await pilot.press("r")
        dialog = app.screen
        dialog.query_one(Input).value = "My [b]forefoot[/b] plan"
        await pilot.press("enter")
        await settle(pilot)
        assert planned_store.get_plan().name == "My [b]forefoot[/b] plan"
        assert "[b]forefoot[/b]" in str(app.screen.query_one("#editor-title").render())

        await pilot.press("u")
        await settle(pilot)
        assert planned_store.get_plan().name == "Metatarsalgia: conservative six weeks"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_bad_edits_change_nothing(planned_store, make):
    before = planned_store.get_plan().to_dict()
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await cursor_to(pilot, "settle-cycling")
        await pilot.press("m")
        dialog = app.screen
        dialog.query_one(Input).value = "Funday"
        await pilot.press("enter")
        assert app.screen is dialog
        assert "not a weekday" in dialog.query_one("#dialog-error").render().plain
        await pilot.press("escape", "o")
        dialog = app.screen
        dialog.query_one("#dose-minutes", Input).value = "400"
        await pilot.press("enter")
        assert dialog.query_one("#dialog-error").render().plain == "minutes: 400 is over the maximum 180"
        await pilot.press("escape", "r")
        app.screen.query_one(Input).value = "   "
        await pilot.press("enter")
        assert "1 to 80 characters" in app.screen.query_one("#dialog-error").render().plain
        await pilot.press("escape")
        await settle(pilot)
    assert planned_store.get_plan().to_dict() == before


async def test_main_screen_follows_edits(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await cursor_to(pilot, "settle-swimming")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        names = [r.session.activity_id for r in app.screen.current_row() and app.screen.week.day(app.today).rows]
        assert "swimming" not in names
    plan = planned_store.get_plan()
    assert all(s.activity_id != "swimming" for s in plan.sessions_on(app.today))
