"""e opens the plan editor: add, remove, move, dose, rename; each saved and undoable."""

from __future__ import annotations

from app_helpers import on_top, settle, until
from textual.widgets import DataTable, Input, OptionList

from tui.app.screens.edit_dialogs import ActivityPicker, DoseDialog
from tui.app.screens.editor import EditorScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import PromptDialog


def sessions(store) -> dict[str, dict]:
    plan = store.get_plan()
    return {s["id"]: s for p in plan.template["phases"] for s in p["sessions"]}


async def open_editor(pilot) -> EditorScreen:
    await on_top(pilot, MainScreen)
    await pilot.press("e")
    editor = await on_top(pilot, EditorScreen)
    await until(pilot, lambda: editor.query_one(DataTable).row_count > 0, "the plan's sessions in the editor")
    return editor


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
        picker = await on_top(pilot, ActivityPicker)
        options = picker.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("swimming")
        await pilot.press("enter")
        await until(pilot, lambda: editor.query_one(DataTable).row_count == len(before) + 1, "the row added")
        assert app.screen is editor
        added = set(sessions(planned_store)) - set(before)
        assert added == {"settle-swimming-2"}
        assert sessions(planned_store)["settle-swimming-2"]["rrule"] == "FREQ=DAILY"
        assert editor.query_one(DataTable).row_count == len(before) + 1
        await pilot.press("u")
        await until(pilot, lambda: editor.query_one(DataTable).row_count == len(before), "the add undone")
    assert sessions(planned_store) == before


async def test_remove_move_dose_rename(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await cursor_to(pilot, "settle-towel")
        await pilot.press("d")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: "settle-towel" not in sessions(planned_store) and "settle-towel" not in table.rows,
                    "the towel curls removed")

        await cursor_to(pilot, "settle-cycling")
        await pilot.press("m")
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = "Tue Sat"
        await pilot.press("enter")
        await until(pilot, lambda: sessions(planned_store)["settle-cycling"]["rrule"] == "FREQ=WEEKLY;BYDAY=TU,SA",
                    "the cycling moved to Tue Sat")
        await on_top(pilot, EditorScreen)

        await pilot.press("o")
        dialog = await on_top(pilot, DoseDialog)
        assert dialog.query_one("#dose-minutes", Input).value == "25"
        dialog.query_one("#dose-minutes", Input).value = "40"
        await pilot.press("enter")
        await until(pilot, lambda: sessions(planned_store)["settle-cycling"]["dose"] == {"minutes": 40}, "the dose")
        editor = await on_top(pilot, EditorScreen)

        await pilot.press("r")
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = "My [b]forefoot[/b] plan"
        await pilot.press("enter")
        await until(pilot, lambda: "[b]forefoot[/b]" in str(editor.query_one("#editor-title").render()),
                    "the new name, literally, in the title")
        assert planned_store.get_plan().name == "My [b]forefoot[/b] plan"

        await pilot.press("u")
        await until(pilot, lambda: planned_store.get_plan().name == "Metatarsalgia: conservative six weeks",
                    "the rename undone")
        await pilot.press("escape")
        await on_top(pilot, MainScreen)


async def test_bad_edits_change_nothing(planned_store, make):
    before = planned_store.get_plan().to_dict()
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await cursor_to(pilot, "settle-cycling")
        await pilot.press("m")
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = "Funday"
        await pilot.press("enter")
        await until(pilot, lambda: "not a weekday" in dialog.query_one("#dialog-error").render().plain,
                    "the days refused")
        assert app.screen is dialog
        await pilot.press("escape")
        await on_top(pilot, EditorScreen)
        await pilot.press("o")
        dialog = await on_top(pilot, DoseDialog)
        dialog.query_one("#dose-minutes", Input).value = "400"
        await pilot.press("enter")
        await until(pilot, lambda: dialog.query_one("#dialog-error").render().plain
                    == "minutes: 400 is over the maximum 180", "the dose refused")
        await pilot.press("escape")
        await on_top(pilot, EditorScreen)
        await pilot.press("r")
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = "   "
        await pilot.press("enter")
        await until(pilot, lambda: "1 to 80 characters" in dialog.query_one("#dialog-error").render().plain,
                    "the empty name refused")
        await pilot.press("escape")
        await settle(pilot)
    assert planned_store.get_plan().to_dict() == before


async def test_main_screen_follows_edits(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await cursor_to(pilot, "settle-swimming")
        await pilot.press("d")
        await until(pilot, lambda: all(s.activity_id != "swimming" for s in planned_store.get_plan().sessions_on(
            app.today)), "the swim removed")
        await pilot.press("escape")
        main = await on_top(pilot, MainScreen)

        def names() -> list[str]:
            return [r.session.activity_id for r in main.current_row() and main.week.day(app.today).rows]

        await until(pilot, lambda: "swimming" not in names(), "the main screen without the swim")
    plan = planned_store.get_plan()
    assert all(s.activity_id != "swimming" for s in plan.sessions_on(app.today))
