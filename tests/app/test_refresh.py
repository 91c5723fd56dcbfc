"""A data change refreshes the visible screen once; a covered screen refreshes when shown again."""

from __future__ import annotations

from app_helpers import TODAY, settle

from tui.app.screens.history import HistoryScreen
from tui.app.screens.main import MainScreen
from tui.core.records import LogEntry


def count_refreshes(screen) -> list[int]:
    calls: list[int] = []
    original = screen.refresh_from_store

    def counted() -> None:
        calls.append(1)
        original()

    screen.refresh_from_store = counted
    return calls


async def test_a_save_refreshes_once_even_when_the_poll_runs_before_its_message(planned_store, make):
    app = make(planned_store, poll_interval=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        main = app.screen
        calls = count_refreshes(main)

        def work(service):
            service.add_log(LogEntry(date=TODAY, activity="swimming", status="done"))
            app.call_from_thread(app.poll_store)  # the poll fires between the write and DataChanged

        app.save(work, "logged")
        await settle(pilot)
        assert len(calls) == 1
        assert main.current_row().status == "done"


async def test_a_covered_screen_refreshes_when_shown_again(planned_store, make):
    app = make(planned_store, poll_interval=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        main = app.screen
        calls = count_refreshes(main)
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        planned_store.add_log(LogEntry(date=TODAY, activity="swimming", status="done"))  # another session
        app.poll_store()
        await settle(pilot)
        assert calls == []  # hidden: not refreshed
        assert "Swimming: done" in str(app.screen.query_one("OptionList").get_option_at_index(1).prompt)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and len(calls) == 1
        assert main.current_row().status == "done"
