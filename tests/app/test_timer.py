"""s runs a timer for a timed session (fast-forwarded clock): switch feet halfway, pause, cancel, log at the end."""

from __future__ import annotations

from app_helpers import TODAY, main_screen, on_top, settle, until
from textual.widgets import ProgressBar

from tui.app.screens.main import MainScreen
from tui.app.screens.timer import TimerScreen


async def select_activity(pilot, activity_id: str) -> None:
    screen = await main_screen(pilot)
    rows = screen.week.day(TODAY).rows
    index = next(i for i, r in enumerate(rows) if r.session.activity_id == activity_id)
    for _ in range(index):
        await pilot.press("j")
    await until(pilot, lambda: screen.index == index, f"{activity_id} selected")


async def test_per_foot_timer_switches_feet_and_logs_done(planned_store, make, clock):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await select_activity(pilot, "ball-roll")  # 3 min per foot
        await pilot.press("s")
        timer = await on_top(pilot, TimerScreen)
        assert timer.total == 360
        assert timer.query_one("#timer-stage").render().plain == "Left foot"
        clock.advance(90)
        timer.tick()
        assert timer.query_one("#timer-clock").render().plain == "04:30"
        assert timer.query_one(ProgressBar).progress == 90
        clock.advance(100)
        timer.tick()
        assert timer.switched
        assert timer.query_one("#timer-stage").render().plain == "Switch feet: right foot"
        assert planned_store.logs() == []
        clock.advance(200)
        timer.tick()
        await until(pilot, lambda: planned_store.logs() != [], "the session logged at the end")
        await on_top(pilot, MainScreen)
    [log] = planned_store.logs()
    assert (log.activity, log.status, log.minutes, log.foot, log.date) == (
        "ball-roll", "done", 6.0, "both", TODAY)


async def test_pause_stops_the_countdown(planned_store, make, clock):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("s")  # swimming, 25 min
        timer = await on_top(pilot, TimerScreen)
        clock.advance(60)
        await pilot.press("space")
        await until(pilot, lambda: timer.paused, "paused")  # before the clock moves on
        clock.advance(600)
        timer.tick()
        assert timer.query_one("#timer-clock").render().plain == "24:00"
        assert "Paused" in timer.query_one("#timer-state").render().plain
        await pilot.press("space")
        await until(pilot, lambda: not timer.paused, "running again")
        clock.advance(60)
        timer.tick()
        assert timer.query_one("#timer-clock").render().plain == "23:00"


async def test_cancel_logs_nothing(planned_store, make, clock):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("s")
        await on_top(pilot, TimerScreen)
        clock.advance(120)
        await pilot.press("escape")
        await until(pilot, lambda: any("Timer cancelled" in n for n in app.notices), "cancelled")
        await on_top(pilot, MainScreen)
        await settle(pilot)
    assert planned_store.logs() == []


async def test_untimed_session_says_so(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await select_activity(pilot, "towel-curls")  # 1 x 10, not timed
        await pilot.press("s")
        await until(pilot, lambda: any("no timed dose" in n for n in app.notices), "no timed dose")
        assert isinstance(app.screen, MainScreen)
