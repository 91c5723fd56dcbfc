"""The day moves at local midnight while the app runs (a fake clock crosses it)."""

from __future__ import annotations

import datetime as dt

from app_helpers import TODAY, main_screen, on_top, until
from textual.widgets import Input

from tui.app import make_app
from tui.app.screens.checkin import CheckInDialog
from tui.app.screens.log_dialog import LogDialog
from tui.service import make_service


class DateClock:
    """A date the test moves by hand (the service's today callable)."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


async def test_the_panes_checkin_and_log_follow_midnight(planned_store, clock):
    date_clock = DateClock(TODAY)
    service = make_service(planned_store.path.parent, date_clock, store=planned_store)
    app = make_app(service, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        assert main.selected == TODAY
        await until(pilot, lambda: "· today" in str(main.query_one("#day-pane").border_title), "today's pane")
        date_clock.day = TODAY + dt.timedelta(days=1)  # midnight passes
        app.check_day()  # what the 1 s interval does
        wednesday = TODAY + dt.timedelta(days=1)
        await until(pilot, lambda: str(main.query_one("#day-pane").border_title).startswith(f"{wednesday:%A %d %b}"),
                    "the new day's pane")
        assert main.selected == wednesday
        assert main.query_one("#week").today == wednesday  # the week strip marks the new today
        # Enter logs the new day; the check-in is dated the new day.
        await pilot.press("enter")
        await on_top(pilot, LogDialog)
        await pilot.press("enter")
        await until(pilot, lambda: planned_store.logs() != [], "the log saved")
        await main_screen(pilot)
        await pilot.press("c")
        dialog = await on_top(pilot, CheckInDialog)
        assert str(wednesday.day) in dialog.query_one("#checkin-title").render().plain
        await pilot.press("3", "enter")
        await until(pilot, lambda: planned_store.checkins() != [], "the check-in saved")
    assert {log.date for log in planned_store.logs()} == {wednesday}
    assert [c.date for c in planned_store.checkins()] == [wednesday]


async def test_a_selection_elsewhere_stays_and_a_check_in_can_be_for_yesterday(planned_store, clock):
    date_clock = DateClock(TODAY)
    service = make_service(planned_store.path.parent, date_clock, store=planned_store)
    app = make_app(service, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await main_screen(pilot)
        await pilot.press("left")  # Monday
        await until(pilot, lambda: main.selected == TODAY - dt.timedelta(days=1), "Monday selected")
        date_clock.day = TODAY + dt.timedelta(days=1)
        app.check_day()
        await until(pilot, lambda: main.query_one("#week").today == TODAY + dt.timedelta(days=1), "the new day")
        assert main.selected == TODAY - dt.timedelta(days=1)
        await pilot.press("c")
        dialog = await on_top(pilot, CheckInDialog)
        dialog.query_one("#day", Input).value = "yesterday"
        await pilot.press("2", "enter")
        await until(pilot, lambda: planned_store.checkins() != [], "the check-in saved")
    assert [c.date for c in planned_store.checkins()] == [TODAY]


async def test_the_today_figure_follows_the_apps_now(planned_store, clock):
    service = make_service(planned_store.path.parent, TODAY, store=planned_store)
    early = make_app(service, clock=clock, now=lambda: dt.datetime.combine(TODAY, dt.time(7, 0)))
    async with early.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)  # the figures come a frame after the week
        await until(pilot, lambda: "due so far" in main.query_one("#progress").render().plain, "the figures")
        morning = main.query_one("#progress").render().plain
    late = make_app(service, clock=clock, now=lambda: dt.datetime.combine(TODAY, dt.time(20, 0)))
    async with late.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        await until(pilot, lambda: "due so far" in main.query_one("#progress").render().plain, "the figures")
        evening = main.query_one("#progress").render().plain
    # At 07:00 the 07:30 sittings are not due yet; by 20:00 all 12 are.
    assert "0 of 12 due so far" in " ".join(evening.split())
    assert "0 of 4 due so far" in " ".join(morning.split())
