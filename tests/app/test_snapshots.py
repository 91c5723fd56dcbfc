"""SVG snapshots of the main screen, the log dialog, the timer and the chooser at 100x30 and 80x24.

Deterministic: fixed today and logged_at, a fake clock (no time on screen),
input cursors not blinking, workers finished before the picture.
Update after a deliberate change: python -m pytest tests/app/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from app_helpers import settle
from textual.widgets import Input

SIZES = [(100, 30), (80, 24)]


async def steady(pilot) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, history_store, make, size):
    assert snap_compare(make(history_store), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_log_dialog(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "enter")  # the ice pack: "sitting 1 of 3"
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timer_switch_feet(snap_compare, history_store, make, clock, size):
    async def run_before(pilot):
        await settle(pilot)
        rows = pilot.app.screen.week.day(pilot.app.today).rows
        for _ in range(next(i for i, r in enumerate(rows) if r.session.activity_id == "ball-roll")):
            await pilot.press("j")
        await pilot.press("s")
        await settle(pilot)
        clock.advance(200)  # past halfway of 2 x 3 min
        pilot.app.screen.tick()
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_run_chooser(snap_compare, store, make, size):
    assert snap_compare(make(store), terminal_size=size, run_before=steady)


def test_terminal_too_small(snap_compare, planned_store, make):
    assert snap_compare(make(planned_store), terminal_size=(50, 15), run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checkin_dialog(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("c")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_screen(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("H")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)
