"""Issue 13 item 9 in the editor: the cursor follows the row added, changed or brought back,
notices name activities, the dose column fits at 80 columns, the picker filters, per-sitting
times are editable and checked."""

from __future__ import annotations

from app_helpers import on_top, until
from textual.widgets import DataTable, Input, OptionList

from tests.app.test_editor import cursor_to, open_editor, sessions
from tui.app.screens.edit_dialogs import ActivityPicker, DoseDialog
from tui.app.screens.editor import EditorScreen, column_widths
from tui.app.screens.prompt import PromptDialog


def cursor_id(editor) -> str:
    return editor.selected_id()


async def test_cursor_follows_added_and_undone_rows_and_notices_use_names(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        first = cursor_id(editor)
        await pilot.press("a")
        picker = await on_top(pilot, ActivityPicker)
        await pilot.press(*"swim")
        options = picker.query_one(OptionList)

        def listed() -> list[str]:
            return [options.get_option_at_index(i).id for i in range(options.option_count)]

        await until(pilot, lambda: listed() == ["swimming"], "the picker filtered to swimming")
        await pilot.press("enter")
        await until(pilot, lambda: cursor_id(editor) == "settle-swimming-2", "the cursor on the row added")
        assert first != "settle-swimming-2"
        await until(pilot, lambda: any("Add Swimming to Settle" in n for n in app.notices), "the add notice")
        await pilot.press("d")  # remove it: the notice names it
        await until(pilot, lambda: any(n.startswith("Remove Swimming in Settle") for n in app.notices),
                    "the remove notice")
        assert not any("settle-swimming-2" in n for n in app.notices)
        await until(pilot, lambda: "settle-swimming-2" not in editor.query_one(DataTable).rows, "the row gone")
        await cursor_to(pilot, first)
        await pilot.press("u")  # undo brings the row back: the cursor goes to it
        await until(pilot, lambda: cursor_id(editor) == "settle-swimming-2", "the cursor on the row brought back")


async def test_picker_filter_keeps_arrows_working(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await pilot.press("a")
        picker = await on_top(pilot, ActivityPicker)
        await pilot.press(*"stretch")
        options = picker.query_one(OptionList)

        def listed() -> list[str]:
            return [options.get_option_at_index(i).id for i in range(options.option_count)]

        await until(pilot, lambda: picker.query_one(Input).value == "stretch" and listed()
                    and all("stretch" in i for i in listed()), "the picker filtered to stretches")
        ids = listed()
        await pilot.press("down")
        await until(pilot, lambda: options.highlighted == 1 % len(ids), "the next stretch highlighted")
        await pilot.press("escape")


async def test_dose_times_are_edited_and_checked(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        ice = next(sid for sid, s in sessions(planned_store).items() if s["activity"] == "ice-pack")
        await cursor_to(pilot, ice)
        await pilot.press("o")
        dialog = await on_top(pilot, DoseDialog)
        dialog.query_one("#dose-times_per_day", Input).value = "2"
        dialog.query_one("#dose-times", Input).value = "19:00, 08:00"
        await pilot.press("enter")
        await until(pilot, lambda: "not after" in dialog.query_one("#dialog-error").render().plain, "times refused")
        dialog.query_one("#dose-times", Input).value = "08:00, 19:00"
        await pilot.press("enter")
        await until(pilot, lambda: sessions(planned_store)[ice]["dose"].get("times") == ["08:00", "19:00"],
                    "the times saved")
        assert await on_top(pilot, EditorScreen) is editor


def test_dose_column_fits_80_columns():
    widths = column_widths(80)
    assert sum(widths) + 4 + 2 * len(widths) <= 80
    assert widths[3] >= 29  # the longest built-in dose text


async def test_the_dose_column_is_not_cut_at_80(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        table = editor.query_one(DataTable)
        for sid, cells in editor._shown.items():
            dose = table.get_cell(sid, table.ordered_columns[3].key).plain
            assert dose == cells[3] or len(cells[3]) > column_widths(80)[3]


async def test_icing_over_the_limit_is_refused_in_the_dialog(planned_store, make):
    before = sessions(planned_store)
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        ice = next(sid for sid, s in before.items() if s["activity"] == "ice-pack")
        await cursor_to(pilot, ice)
        await pilot.press("o")
        dialog = await on_top(pilot, DoseDialog)
        dialog.query_one("#dose-minutes", Input).value = "45"
        dialog.query_one("#dose-times_per_day", Input).value = "8"
        await pilot.press("enter")
        await until(pilot, lambda: "icing" in dialog.query_one("#dialog-error").render().plain, "the dose refused")
        assert app.screen is dialog
        error = dialog.query_one("#dialog-error").render().plain
        assert "45 min of icing is over the safe 20 min a sitting" in error and "\n" not in error
        await pilot.press("escape")
    assert sessions(planned_store) == before


async def test_a_move_notice_names_the_days_as_typed_not_codes(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        await cursor_to(pilot, "settle-cycling")
        for typed, said in (("mo,fr", "to Mon Fri"), ("daily", "to daily")):
            await pilot.press("m")
            dialog = await on_top(pilot, PromptDialog)
            dialog.query_one(Input).value = typed
            await pilot.press("enter")
            await until(pilot, lambda said=said: any(n.startswith("Move Cycling in Settle " + said)
                                                     for n in app.notices), f"the move notice ({said})")
            await on_top(pilot, EditorScreen)
            await until(pilot, lambda: cursor_id(editor) == "settle-cycling", "the cursor on the cycling")
        assert not any("MO" in n or "FR" in n for n in app.notices)
        await pilot.press("u")
        await until(pilot, lambda: any(n == "Undid: move Cycling in Settle to daily" for n in app.notices),
                    "the undo notice")
