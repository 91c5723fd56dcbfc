"""Sittings in the app: "1/3" in the day pane, Enter logs the next sitting, a skipped
sitting keeps the done one, a log of an activity not planned that day shows on its day."""

from __future__ import annotations

from app_helpers import TODAY, main_screen, on_top, until

from tui.app.screens.log_dialog import LogDialog
from tui.core.records import LogEntry
from tui.service.review import OFFERED_KEY


async def test_enter_logs_the_next_sitting_and_the_day_pane_counts_them(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        await pilot.press("down")  # the ice pack: 3 sittings a day
        await until(pilot, lambda: main.current_row().session.activity_id == "ice-pack", "the ice pack")
        assert "due 0/3" in main.query_one("#day").render().plain
        await pilot.press("enter")
        dialog = await on_top(pilot, LogDialog)
        assert "sitting 1 of 3" in dialog.query_one(".dialog-title").render().plain
        await pilot.press("enter")
        await until(pilot, lambda: "due 1/3" in main.query_one("#day").render().plain, "one sitting done")
        await on_top(pilot, type(main))
        await pilot.press("enter")
        dialog = await on_top(pilot, LogDialog)
        assert "sitting 2 of 3" in dialog.query_one(".dialog-title").render().plain
        await pilot.press("right", "right", "enter")  # skipped
        await until(pilot, lambda: len(planned_store.logs()) == 2, "the skip logged")
        await on_top(pilot, type(main))
        await until(pilot, lambda: main.current_row().sittings_done == 1 and app.screen is main, "the day again")
        row = main.current_row()
        assert (row.status, row.sittings_done, row.sittings) == ("due", 1, 3)  # the skip kept the done one
        assert "due 1/3" in main.query_one("#day").render().plain
    statuses = [log.status for log in planned_store.logs() if log.activity == "ice-pack"]
    assert statuses == ["done", "skipped"]


async def test_the_week_strip_counts_sittings(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        week = (await main_screen(pilot)).query_one("#week").render().plain
        assert "0/12 today" in week  # 7 sessions, 12 sittings (ice 3, calf 2, plantar 3)


async def test_a_log_of_an_activity_not_planned_that_day_shows_on_its_day(planned_store, make):
    planned_store.add_log(LogEntry(date=TODAY, activity="cycling", status="done", minutes=20))
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "+ Cycling done (not planned)" in (await main_screen(pilot)).query_one("#day").render().plain


async def test_impact_sessions_show_as_cycling_while_a_red_flag_is_active(store, make):
    import datetime as dt

    from app_helpers import start_plan

    from tui.core.records import CheckIn

    today = dt.date(2026, 12, 9)  # the Return phase: walk-run on Wednesday
    start_plan(store, start=dt.date(2026, 11, 9))
    app = make(store, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_top(pilot, "ReviewScreen")  # the week's review offered at the start of the week
        await pilot.press("escape")
        assert "Walk-run" in (await main_screen(pilot)).query_one("#day").render().plain
        await until(pilot, lambda: store.get_setting(OFFERED_KEY) is not None, "the offer remembered")
    for day in (today - dt.timedelta(days=1), today):
        store.add_checkin(CheckIn(date=day, morning_pain=3, night_pain=True))
    app = make(store, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)  # the review was offered once, in the first run
        day_pane = main.query_one("#day").render().plain
        assert "Walk-run" not in day_pane and "Cycling" in day_pane
        assert main.current_row().session.session_id == "return-walkrun"
