"""SVG snapshots of the reminder notice and the catch-up list at 100x30 and 80x24 (fake clock).
Update after a deliberate change: python -m pytest tests/app/test_reminder_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from app_helpers import on_top, settle
from test_reminders_app import FakeNow, at, build, log_before, started

SIZES = [(100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reminder_notice(snap_compare, make, timed_store, size):
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")

    async def run_before(pilot):
        await started(pilot)
        clock.to("12:31")
        pilot.app.reminders.tick()
        await on_top(pilot, "NoticeScreen")
        await settle(pilot)

    assert snap_compare(build(make, timed_store, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_catch_up_list(snap_compare, make, timed_store, size):
    log_before(timed_store, at("12:00"))
    clock = FakeNow("12:00")

    async def run_before(pilot):
        await started(pilot)
        pilot.app.reminders.tick()
        await settle(pilot)
        clock.to("20:00")
        pilot.app.reminders.tick()
        await on_top(pilot, "CatchUpScreen")
        await settle(pilot)

    assert snap_compare(build(make, timed_store, clock), terminal_size=size, run_before=run_before)
