"""Fixtures for the Pilot and snapshot tests: a temp store, a fixed today, a fast clock."""

from __future__ import annotations

import datetime as dt

import pytest
from app_helpers import TODAY, FakeClock, add_history, capture_notices, start_plan

from tui.app import make_app
from tui.service import make_service
from tui.storage.store import Store


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

