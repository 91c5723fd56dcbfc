"""Keys that arrive in one burst land in the fields they were typed for (tui/app/keys.py)."""

from __future__ import annotations

from app_helpers import TODAY, burst, main_screen, on_top, settle, until

from tui.app.screens.log_dialog import LogDialog
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import PromptDialog


async def test_a_burst_opens_the_log_dialog_fills_pain_and_saves(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        burst(app, ["enter", "tab", "tab", "5", "enter"])
        await until(pilot, lambda: planned_store.logs() != [], "the log saved")
        await on_top(pilot, MainScreen)
    [log] = planned_store.logs()
    assert (log.date, log.status, log.pain) == (TODAY, "done", 5)


async def test_a_burst_in_an_open_log_dialog_keeps_every_field(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("enter")
        await on_top(pilot, LogDialog)
        burst(app, ["right", "tab", "ctrl+u", "1", "2", "tab", "3", "tab", "right", "tab", "o", "k", "enter"])
        await until(pilot, lambda: planned_store.logs() != [], "the log saved")
    [log] = planned_store.logs()
    assert (log.status, log.minutes, log.pain, log.foot, log.note) == ("partial", 12.0, 3, "left", "ok")


async def test_a_burst_check_in_saves_the_morning_pain(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        burst(app, ["c", "4", "enter"])
        await until(pilot, lambda: planned_store.checkins() != [], "the check-in saved")
        await on_top(pilot, MainScreen)
    [checkin] = planned_store.checkins()
    assert (checkin.date, checkin.morning_pain) == (TODAY, 4)


async def test_a_burst_into_a_prompt_is_what_enter_returns(planned_store, make):
    app = make(planned_store)
    results = []
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        app.push_screen(PromptDialog("Name", "a name", "", lambda text: text), results.append)
        burst(app, ["a", "b", "c", "enter"])
        await until(pilot, lambda: results != [], "the prompt answered")
        await settle(pilot)
    assert results == ["abc"]
