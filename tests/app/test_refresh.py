"""A data change refreshes the visible screen once; a covered screen refreshes when shown again."""

from __future__ import annotations

from app_helpers import TODAY, main_screen, on_top, settle, until

from tui.app.screens.history import HistoryScreen
from tui.app.screens.main import MainScreen
from tui.core.records import LogEntry


async def started(pilot) -> MainScreen:
    """The main screen after its first refresh (the figures come a frame after the week), so a
    count of refreshes starts from nothing pending."""
    main = await main_screen(pilot)
    await until(pilot, lambda: "due so far" in main.query_one("#progress").render().plain, "the first refresh")
    await settle(pilot)
    return main


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
        main = await started(pilot)
        calls = count_refreshes(main)

        def work(service):
            service.add_log(LogEntry(date=TODAY, activity="swimming", status="done"))
            app.call_from_thread(app.poll_store)  # the poll fires between the write and DataChanged

        app.save(work, "logged")
        await until(pilot, lambda: main.current_row().status == "done", "the log shown")
        await until(pilot, lambda: any("logged" in n for n in app.notices), "the save confirmed (DataChanged)")
        await settle(pilot)
        assert len(calls) == 1


async def test_a_covered_screen_refreshes_when_shown_again(planned_store, make):
    app = make(planned_store, poll_interval=60)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await started(pilot)
        calls = count_refreshes(main)
        await pilot.press("H")
        history = await on_top(pilot, HistoryScreen)
        planned_store.add_log(LogEntry(date=TODAY, activity="swimming", status="done"))  # another session
        app.poll_store()
        options = history.query_one("OptionList")
        await until(pilot, lambda: options.option_count > 1 and "Swimming: done" in str(
            options.get_option_at_index(1).prompt), "the history refreshed")
        assert calls == []  # hidden: not refreshed
        await pilot.press("escape")
        await until(pilot, lambda: main.current_row().status == "done", "the main screen refreshed when shown")
        assert isinstance(app.screen, MainScreen) and len(calls) == 1
