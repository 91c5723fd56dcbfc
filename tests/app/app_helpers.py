"""Helpers for the app tests: a fixed today, a fast clock, plans and history in a temp store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.core.records import CheckIn, LogEntry
from tui.core.schedule import Plan
from tui.core.templates import load_template_file
from tui.storage.store import Store

TODAY = dt.date(2026, 11, 24)  # a Tuesday
MONDAY = dt.date(2026, 11, 23)
PLANS = Path(__file__).resolve().parents[2] / "plans"
FIXED_AT = "2026-11-24T08:00:00"


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def start_plan(store: Store, template_id: str = "metatarsalgia-conservative", start: dt.date = MONDAY) -> Plan:
    template = load_template_file(PLANS / f"{template_id}.json").to_dict()
    plan = Plan.start_from_template(template, start)
    data = plan.to_dict()
    data["created"] = FIXED_AT
    store.set_plan(Plan.from_dict(data), f"start plan {template_id}")
    return plan


def add_history(store: Store) -> None:
    """A few logs and check-ins on Monday, so the marks show every status."""
    plan = store.get_plan()
    monday = plan.sessions_on(MONDAY)
    statuses = ["done", "done", "partial", "skipped", "done"]
    for session, status in zip(monday, statuses, strict=False):  # the first five sessions
        for _ in range(session.dose.sittings):  # one log per sitting
            store.add_log(LogEntry(date=MONDAY, activity=session.activity_id, session_id=session.session_id,
                                   status=status, pain=2, logged_at=FIXED_AT))
    for offset, pain in ((6, 5), (5, 4), (4, 4), (3, 3), (2, 3), (1, 2)):
        day = TODAY - dt.timedelta(days=offset)
        store.add_checkin(CheckIn(date=day, morning_pain=pain, logged_at=FIXED_AT))


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up (never sleeps)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, condition, what: str, tries: int = 400) -> None:
    """Wait (up to about 20 s, for a loaded machine) until ``condition()`` holds: the screen
    has the content under test. Settles between looks, so it only waits while work is left."""
    for _ in range(tries):
        if condition():
            return
        await settle(pilot)
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


async def on_top(pilot, screen_type):
    """Wait until a screen of ``screen_type`` (a class, or its name) is on top and return it: a
    key that pushes a screen may still be on its way when a single settle returns (a loaded machine)."""
    def matches() -> bool:  # on top, and composed and mounted (its widgets are there to query)
        screen = pilot.app.screen
        kind = type(screen).__name__ == screen_type if isinstance(screen_type, str) else isinstance(screen, screen_type)
        return kind and screen.is_mounted

    name = screen_type if isinstance(screen_type, str) else screen_type.__name__
    await until(pilot, matches, f"{name} on top")
    return pilot.app.screen


async def main_screen(pilot):
    """The main screen on top with its week loaded (what a test reads and presses keys on)."""
    from tui.app.screens.main import MainScreen

    main = await on_top(pilot, MainScreen)
    await until(pilot, lambda: main.week is not None, "the week loaded")
    return main


def burst(app, keys) -> None:
    """Post ``keys`` to the app at once, as a burst from the terminal (no pause between them)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def capture_notices(app) -> list[str]:
    """Record every message the app shows (``app.notices``, newest last): a test-side wrapper
    around App.notify, so the production class keeps no test hook."""
    shown: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        shown.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    app.notices = shown
    return shown
