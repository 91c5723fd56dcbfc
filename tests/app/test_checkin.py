"""c opens the daily check-in; Enter saves it; a second one the same day replaces the first."""

from __future__ import annotations

from app_helpers import TODAY, main_screen, on_top, settle, until
from textual.widgets import Input

from tui.app.screens.checkin import CheckInDialog
from tui.app.screens.main import MainScreen
from tui.app.widgets.choice import Choice


async def test_checkin_saves_and_updates_progress(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        await pilot.press("c")
        dialog = await on_top(pilot, CheckInDialog)
        await pilot.press("4")  # morning pain has the focus
        await until(pilot, lambda: dialog.query_one("#morning", Input).value == "4", "4 typed")
        dialog.query_one("#walking", Input).value = "2"
        dialog.query_one("#numbness", Choice).value = "yes"
        await pilot.press("enter")
        await until(pilot, lambda: "now 4/10" in main.query_one("#progress").render().plain, "the progress pane")
        assert await on_top(pilot, MainScreen) is main
    [checkin] = planned_store.checkins()
    assert (checkin.date, checkin.morning_pain, checkin.walking_pain, checkin.numbness,
            checkin.swelling) == (TODAY, 4, 2, True, False)


async def test_second_checkin_replaces_and_is_prefilled(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("c", "3", "enter")
        await until(pilot, lambda: [c.morning_pain for c in planned_store.checkins()] == [3], "the first check-in")
        await main_screen(pilot)
        await pilot.press("c")
        dialog = await on_top(pilot, CheckInDialog)
        assert dialog.query_one("#morning", Input).value == "3"
        dialog.query_one("#morning", Input).value = "5"
        await pilot.press("enter")
        await until(pilot, lambda: [c.morning_pain for c in planned_store.checkins()] == [5], "the second one")
    assert [c.morning_pain for c in planned_store.checkins()] == [5]


async def test_missing_or_bad_pain_saves_nothing(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("c", "enter")
        dialog = await on_top(pilot, CheckInDialog)

        def error() -> str:
            return dialog.query_one("#dialog-error").render().plain

        await until(pilot, lambda: "morning pain is needed" in error(), "the empty pain refused")
        await pilot.press("1", "2", "enter")
        await until(pilot, lambda: error() == "morning pain must be from 0 to 10, not 12", "12 refused")
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
        await settle(pilot)
    assert planned_store.checkins() == []


async def test_callus_and_footwear_from_the_users_list(planned_store, make):
    planned_store.set_footwear(["Wide trainers", "Work boots + pad"])
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await pilot.press("c", "2")
        dialog = await on_top(pilot, CheckInDialog)
        await until(pilot, lambda: dialog.query_one("#morning", Input).value == "2", "2 typed")
        dialog.query_one("#callus", Choice).value = "yes"
        shoes = dialog.query_one("#footwear", Input)
        assert "Wide trainers" in shoes.placeholder
        shoes.focus()
        await pilot.press("W", "o")
        await until(pilot, lambda: shoes.value == "Wo" and shoes._suggestion == "Work boots + pad",
                    "the suggestion from the list")
        await pilot.press("right")  # accept the suggestion from the list
        await until(pilot, lambda: shoes.value == "Work boots + pad", "the suggestion taken")
        await pilot.press("enter")
        await until(pilot, lambda: planned_store.checkins() != [], "the first check-in saved")
        # A new pair joins the list; the next check-in starts with the last pair worn.
        await main_screen(pilot)
        await pilot.press("c")
        dialog = await on_top(pilot, CheckInDialog)
        assert dialog.query_one("#footwear", Input).value == "Work boots + pad"
        dialog.query_one("#footwear", Input).value = "Sandals  with pad"
        dialog.query_one("#morning", Input).value = "1"
        await pilot.press("enter")
        await until(pilot, lambda: [c.morning_pain for c in planned_store.checkins()] == [1], "the second saved")
        await until(pilot, lambda: "Sandals with pad" in planned_store.footwear(), "the new pair in the list")
    [checkin] = planned_store.checkins()
    assert checkin.callus is True and checkin.footwear == "Sandals with pad"  # callus kept from the first
    assert planned_store.footwear() == ["Wide trainers", "Work boots + pad", "Sandals with pad"]
