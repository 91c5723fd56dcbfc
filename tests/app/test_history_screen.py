"""The History screen (H): logs and check-ins by day, newest first; edit, delete, undo; months."""

from __future__ import annotations

import datetime as dt

from app_helpers import MONDAY, TODAY, burst, settle
from textual.widgets import OptionList

from tui.app.screens.checkin import CheckInDialog
from tui.app.screens.history import HistoryScreen
from tui.app.screens.log_dialog import LogDialog
from tui.core.records import CheckIn, LogEntry


def listed(screen) -> list[str]:
    olist = screen.query_one(OptionList)
    return [str(olist.get_option_at_index(i).prompt) for i in range(olist.option_count)]


def seed(store) -> None:
    store.add_log(LogEntry(date=MONDAY, activity="ice-pack", status="done", session_id="settle-ice", pain=2))
    store.add_log(LogEntry(date=TODAY, activity="cycling", status="done", minutes=20))
    store.add_checkin(CheckIn(date=TODAY, morning_pain=3, limping=True))


async def test_history_lists_newest_first_and_edits_a_log_with_undo(planned_store, make):
    seed(planned_store)
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        lines = listed(screen)
        assert lines[0].startswith("Tue 24 Nov 2026")
        assert "Check-in: morning pain 3/10" in lines[1] and "limping" in lines[1]
        assert "Cycling: done · 20 min" in lines[2]
        assert lines[3].startswith("Mon 23 Nov 2026") and "Ice pack: done · pain 2/10" in lines[4]
        screen.query_one(OptionList).highlighted = 4
        await pilot.press("enter")
        assert isinstance(app.screen, LogDialog)
        burst(app, ["tab", "tab", "ctrl+u", "6", "enter"])
        await settle(pilot)
        assert app.screen is screen
        assert "pain 6/10" in listed(screen)[4]
        await pilot.press("u")
        await settle(pilot)
        assert "pain 2/10" in listed(screen)[4]
    assert [log.pain for log in planned_store.logs() if log.activity == "ice-pack"] == [2]


async def test_delete_a_log_and_a_check_in_then_undo(planned_store, make):
    seed(planned_store)
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        screen = app.screen
        screen.query_one(OptionList).highlighted = 2  # the cycling log
        await pilot.press("d")
        await settle(pilot)
        assert not any("Cycling" in line for line in listed(screen))
        screen.query_one(OptionList).highlighted = 1  # the check-in
        await pilot.press("d")
        await settle(pilot)
        assert planned_store.checkins() == []
        await pilot.press("u")
        await settle(pilot)
        assert [c.morning_pain for c in planned_store.checkins()] == [3]
        assert [log.activity for log in planned_store.logs()] == ["ice-pack"]


async def test_edit_a_check_in_keeps_its_day(planned_store, make):
    seed(planned_store)
    old = TODAY - dt.timedelta(days=40)
    planned_store.add_checkin(CheckIn(date=old, morning_pain=5))
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("H", "left_square_bracket")  # October
        await settle(pilot)
        screen = app.screen
        assert "October 2026" in screen.query_one("#history-title").render().plain
        assert listed(screen)[0].startswith(f"{old:%a %d %b %Y}")
        screen.query_one(OptionList).highlighted = 1
        await pilot.press("enter")
        assert isinstance(app.screen, CheckInDialog)
        burst(app, ["ctrl+u", "1", "enter"])
        await settle(pilot)
        assert app.screen is screen
    assert {c.date: c.morning_pain for c in planned_store.checkins()} == {old: 1, TODAY: 3}


async def test_an_empty_month_says_so(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        assert "Nothing logged this month" in app.screen.query_one("#history-hint").render().plain
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HistoryScreen)
