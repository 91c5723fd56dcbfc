"""Fixtures for the Pilot and snapshot tests: a temp store, a fixed today, a fast clock."""

from __future__ import annotations

import datetime as dt

import pytest
from app_helpers import TODAY, FakeClock, add_history, capture_notices, start_plan

from tui.app import make_app
from tui.core.dose import Dose
from tui.core.schedule import Plan
from tui.service import make_service
from tui.storage.store import Store

ICE_TIMES = ("07:30", "12:30", "19:30")  # the icing sittings of timed_store


@pytest.fixture(autouse=True)
def no_typing_pause(monkeypatch):
    """Reminder notices open at once in Pilot tests; the wait for a pause in the typing
    (tui/app/reminders.QUIET_SECONDS) has its own test in test_reminders_app."""
    from tui.app import reminders

    monkeypatch.setattr(reminders, "QUIET_SECONDS", 0.0)


@pytest.fixture
def store(tmp_path) -> Store:
    return Store.open(tmp_path / "data", fsync=False)


@pytest.fixture
def planned_store(store) -> Store:
    start_plan(store)
    return store


@pytest.fixture
def timed_store(planned_store):
    """(Reminder tests) the plan with the icing at 07:30, 12:30 and 19:30 (the rest spread over waking hours)."""
    plan = planned_store.get_plan()
    for session in plan.sessions_on(TODAY):  # the built-in default times off: only the icing is timed
        data = {k: v for k, v in session.dose.to_dict().items() if k != "times"}
        if session.activity_id == "ice-pack":
            data.update(times_per_day=3, times=ICE_TIMES)
        plan = plan.set_dose(session.session_id, Dose(**data))
    # made the day before: a plan made this morning has missed nothing before it was made
    plan = Plan.from_dict({**plan.to_dict(), "created": "2026-11-23T07:00:00"})
    planned_store.set_plan(plan, "ice times")
    return planned_store


@pytest.fixture
def history_store(planned_store) -> Store:
    add_history(planned_store)
    return planned_store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make(clock):
    def build(store: Store, today=TODAY, **options):
        # The app over a service that shares the test's store (so tests read what it wrote).
        service = make_service(store.path.parent, today, store=store)
        if isinstance(today, dt.date):  # a fixed time of day too, so pictures and figures are steady
            options.setdefault("now", lambda: dt.datetime.combine(today, dt.time(8, 0)))
        app = make_app(service, clock=clock, **options)
        capture_notices(app)
        return app

    return build

