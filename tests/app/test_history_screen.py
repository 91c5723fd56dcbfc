"""The History screen (H): logs and check-ins by day, newest first; edit, delete, undo; months."""

from __future__ import annotations

import datetime as dt

from app_helpers import MONDAY, TODAY, burst, on_top, until
from textual.widgets import OptionList

from tui.app.screens.checkin import CheckInDialog
from tui.app.screens.history import HistoryScreen
from tui.app.screens.log_dialog import LogDialog
from tui.app.screens.main import MainScreen
from tui.core.records import CheckIn, LogEntry


def listed(screen) -> list[str]:
    olist = screen.query_one(OptionList)
    return [str(olist.get_option_at_index(i).prompt) for i in range(olist.option_count)]


async def open_history(pilot, *keys: str) -> HistoryScreen:
    """H (then ``keys``) from the main screen: the History screen with its month painted."""
    await on_top(pilot, MainScreen)
    await pilot.press("H", *keys)
    screen = await on_top(pilot, HistoryScreen)
    await until(pilot, lambda: screen.month is not None and str(screen.query_one("#history-hint").render()),
                "the month painted")
    return screen


def seed(store) -> None:
    store.add_log(LogEntry(date=MONDAY, activity="ice-pack", status="done", session_id="settle-ice", pain=2))
    store.add_log(LogEntry(date=TODAY, activity="cycling", status="done", minutes=20))
    store.add_checkin(CheckIn(date=TODAY, morning_pain=3, limping=True))


async def test_history_lists_newest_first_and_edits_a_log_with_undo(planned_store, make):
    seed(planned_store)
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        lines = listed(screen)
        assert lines[0].startswith("Tue 24 Nov 2026")
        assert "Check-in: morning pain 3/10" in lines[1] and "limping" in lines[1]
        assert "Cycling: done · 20 min" in lines[2]
        assert lines[3].startswith("Mon 23 Nov 2026") and "Ice pack: done · pain 2/10" in lines[4]
        screen.query_one(OptionList).highlighted = 4
        await pilot.press("enter")
        await on_top(pilot, LogDialog)
        burst(app, ["tab", "tab", "ctrl+u", "6", "enter"])
        await until(pilot, lambda: "pain 6/10" in listed(screen)[4], "the log edited")
        assert app.screen is screen
        await pilot.press("u")
        await until(pilot, lambda: "pain 2/10" in listed(screen)[4], "the edit undone")
    assert [log.pain for log in planned_store.logs() if log.activity == "ice-pack"] == [2]


async def test_delete_a_log_and_a_check_in_then_undo(planned_store, make):
    seed(planned_store)
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        screen.query_one(OptionList).highlighted = 2  # the cycling log
        await pilot.press("d")
        await until(pilot, lambda: not any("Cycling" in line for line in listed(screen)), "the log deleted")
        screen.query_one(OptionList).highlighted = 1  # the check-in
        await pilot.press("d")
        await until(pilot, lambda: not any("Check-in" in line for line in listed(screen)), "the check-in deleted")
        assert planned_store.checkins() == []
        await pilot.press("u")
        await until(pilot, lambda: any("Check-in" in line for line in listed(screen)), "the check-in back")
        assert [c.morning_pain for c in planned_store.checkins()] == [3]
        assert [log.activity for log in planned_store.logs()] == ["ice-pack"]


async def test_edit_a_check_in_keeps_its_day(planned_store, make):
    seed(planned_store)
    old = TODAY - dt.timedelta(days=40)
    planned_store.add_checkin(CheckIn(date=old, morning_pain=5))
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, "left_square_bracket")  # October
        await until(pilot, lambda: "October 2026" in screen.query_one("#history-title").render().plain, "October")
        assert listed(screen)[0].startswith(f"{old:%a %d %b %Y}")
        screen.query_one(OptionList).highlighted = 1
        await pilot.press("enter")
        await on_top(pilot, CheckInDialog)
        burst(app, ["ctrl+u", "1", "enter"])
        await until(pilot, lambda: "morning pain 1/10" in listed(screen)[1], "the check-in edited")
        assert app.screen is screen
    assert {c.date: c.morning_pain for c in planned_store.checkins()} == {old: 1, TODAY: 3}


async def test_an_empty_month_says_so(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        assert "Nothing logged this month" in screen.query_one("#history-hint").render().plain
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
