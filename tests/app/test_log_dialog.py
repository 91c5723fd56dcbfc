"""Enter on a session opens the log dialog; Enter saves; bad pain saves nothing."""

from __future__ import annotations

from app_helpers import TODAY, main_screen, on_top, settle, until
from textual.widgets import Input

from tui.app.screens.log_dialog import LogDialog
from tui.app.screens.main import MainScreen
from tui.app.widgets.choice import Choice


async def test_enter_enter_logs_todays_first_session_as_done(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        first = main.current_row().session
        await pilot.press("enter")
        await on_top(pilot, LogDialog)
        await pilot.press("enter")
        await until(pilot, lambda: main.current_row().status == "done", "the session logged done")
        assert await on_top(pilot, MainScreen) is main
        assert main.current_row().mark == "✓"
    logs = planned_store.logs()
    assert len(logs) == 1
    log = logs[0]
    assert (log.date, log.session_id, log.activity, log.status) == (
        TODAY, first.session_id, first.activity_id, "done")
    assert log.minutes == first.dose.timer_seconds() / 60


async def test_fields_are_saved(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("enter")
        dialog = await on_top(pilot, LogDialog)
        await pilot.press("right")  # status: partial
        await until(pilot, lambda: dialog.query_one("#status", Choice).value == "partial", "partial chosen")
        dialog.query_one("#minutes", Input).value = "12"
        dialog.query_one("#pain", Input).value = "3"
        dialog.query_one("#foot", Choice).value = "left"
        dialog.query_one("#note", Input).value = "[b]not markup[/b]"
        await pilot.press("enter")
        await until(pilot, lambda: planned_store.logs() != [], "the log saved")
    log = planned_store.logs()[0]
    assert (log.status, log.minutes, log.pain, log.foot, log.note) == (
        "partial", 12.0, 3, "left", "[b]not markup[/b]")


async def test_bad_pain_shows_one_line_and_saves_nothing(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("enter")
        dialog = await on_top(pilot, LogDialog)
        await pilot.press("tab", "tab")  # status -> minutes -> pain
        await until(pilot, lambda: app.focused is dialog.query_one("#pain", Input), "the pain field")
        await pilot.press("1", "1", "enter")

        def error() -> str:
            return dialog.query_one("#dialog-error").render().plain

        await until(pilot, lambda: error() == "pain must be from 0 to 10, not 11", "11 refused")
        assert app.screen is dialog
        dialog.query_one("#pain", Input).value = "lots"
        await pilot.press("enter")
        await until(pilot, lambda: "whole number" in error(), "lots refused")
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
    assert planned_store.logs() == []


async def test_undo_removes_the_log(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        await pilot.press("enter", "enter")
        await until(pilot, lambda: main.current_row().status == "done", "the session logged")
        assert len(planned_store.logs()) == 1
        await pilot.press("u")
        await until(pilot, lambda: main.current_row().status == "due", "the log undone")
    assert planned_store.logs() == []


async def test_a_future_session_cannot_be_logged(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("l", "enter")  # tomorrow
        await until(pilot, lambda: any("is in the future; only today or earlier can be logged" in n
                                       for n in app.notices), "the future refused")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert planned_store.logs() == []
