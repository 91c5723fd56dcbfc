"""c opens the daily check-in; Enter saves it; a second one the same day replaces the first."""

from __future__ import annotations

from app_helpers import TODAY, settle
from textual.widgets import Input

from tui.app.screens.checkin import CheckInDialog
from tui.app.screens.main import MainScreen
from tui.app.widgets.choice import Choice


async def test_checkin_saves_and_updates_progress(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, CheckInDialog)
        await pilot.press("4")  # morning pain has the focus
        dialog.query_one("#walking", Input).value = "2"
        dialog.query_one("#numbness", Choice).value = "yes"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "now 4/10" in app.screen.query_one("#progress").render().plain
    [checkin] = planned_store.checkins()
    assert (checkin.date, checkin.morning_pain, checkin.walking_pain, checkin.numbness,
            checkin.swelling) == (TODAY, 4, 2, True, False)


async def test_second_checkin_replaces_and_is_prefilled(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "3", "enter")
        await settle(pilot)
        await pilot.press("c")
        dialog = app.screen
        assert dialog.query_one("#morning", Input).value == "3"
        dialog.query_one("#morning", Input).value = "5"
        await pilot.press("enter")
        await settle(pilot)
    assert [c.morning_pain for c in planned_store.checkins()] == [5]


async def test_missing_or_bad_pain_saves_nothing(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "enter")
        dialog = app.screen
        assert isinstance(dialog, CheckInDialog)
        assert "morning pain is needed" in dialog.query_one("#dialog-error").render().plain
        await pilot.press("1", "2", "enter")
        assert dialog.query_one("#dialog-error").render().plain == "morning pain must be from 0 to 10, not 12"
        await pilot.press("escape")
        await settle(pilot)
    assert planned_store.checkins() == []


async def test_callus_and_footwear_from_the_users_list(planned_store, make):
    planned_store.set_footwear(["Wide trainers", "Work boots + pad"])
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "2")
        dialog = app.screen
        dialog.query_one("#callus", Choice).value = "yes"
        shoes = dialog.query_one("#footwear", Input)
        assert "Wide trainers" in shoes.placeholder
        shoes.focus()
        await pilot.press("W", "o")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion from the list
        assert shoes.value == "Work boots + pad"
        await pilot.press("enter")
        await settle(pilot)
        # A new pair joins the list; the next check-in starts with the last pair worn.
        await pilot.press("c")
        dialog = app.screen
        assert dialog.query_one("#footwear", Input).value == "Work boots + pad"
        dialog.query_one("#footwear", Input).value = "Sandals  with pad"
        dialog.query_one("#morning", Input).value = "1"
        await pilot.press("enter")
        await settle(pilot)
    [checkin] = planned_store.checkins()
    assert checkin.callus is True and checkin.footwear == "Sandals with pad"  # callus kept from the first
    assert planned_store.footwear() == ["Wide trainers", "Work boots + pad", "Sandals with pad"]
