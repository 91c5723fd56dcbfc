"""s runs a timer for a timed session (fast-forwarded clock): switch feet halfway, pause, cancel, log at the end."""

from __future__ import annotations

from app_helpers import TODAY, settle
from textual.widgets import ProgressBar

from tui.app.screens.main import MainScreen
from tui.app.screens.timer import TimerScreen


async def select_activity(pilot, activity_id: str) -> None:
    screen = pilot.app.screen
    rows = screen.week.day(TODAY).rows
    index = next(i for i, r in enumerate(rows) if r.session.activity_id == activity_id)
    for _ in range(index):
        await pilot.press("j")


async def test_per_foot_timer_switches_feet_and_logs_done(planned_store, make, clock):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await select_activity(pilot, "ball-roll")  # 3 min per foot
        await pilot.press("s")
        timer = app.screen
        assert isinstance(timer, TimerScreen) and timer.total == 360
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
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    [log] = planned_store.logs()
    assert (log.activity, log.status, log.minutes, log.foot, log.date) == (
        "ball-roll", "done", 6.0, "both", TODAY)


async def test_pause_stops_the_countdown(planned_store, make, clock):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # swimming, 25 min
        timer = app.screen
        clock.advance(60)
        await pilot.press("space")
        assert timer.paused
        clock.advance(600)
        timer.tick()
        assert timer.query_one("#timer-clock").render().plain == "24:00"
        assert "Paused" in timer.query_one("#timer-state").render().plain
        await pilot.press("space")
        clock.advance(60)
        timer.tick()
        assert timer.query_one("#timer-clock").render().plain == "23:00"


async def test_cancel_logs_nothing(planned_store, make, clock):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        clock.advance(120)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert planned_store.logs() == []


async def test_untimed_session_says_so(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await select_activity(pilot, "towel-curls")  # 1 x 10, not timed
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "no timed dose" in app.notices[-1]
