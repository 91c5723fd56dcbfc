"""tui.app.typed: screens and widgets reach the RehabApp (and its service) typed."""

from __future__ import annotations

import pytest
from app_helpers import settle
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app.app import RehabApp
from tui.app.typed import RehabModal, RehabNode, RehabScreen, rehab_app, service_of


class Probe(RehabNode, Static):
    """A widget of the app that asks the app for its service."""


class ProbeScreen(RehabScreen[None]):
    def compose(self) -> ComposeResult:
        yield Probe("probe")


class ProbeModal(RehabModal[int]):
    def compose(self) -> ComposeResult:
        yield Static("modal")


async def test_a_widget_a_screen_and_a_dialog_reach_the_running_rehab_app(make, planned_store):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(ProbeScreen())
        await settle(pilot)
        probe = app.screen.query_one(Probe)
        assert probe.app is app and isinstance(probe.app, RehabApp)
        assert rehab_app(probe) is app and service_of(probe) is app.service
        assert app.screen.app is app
        assert not app.screen.query("RehabNode") and app.screen.query("Static")  # no CSS type of its own
        await app.push_screen(ProbeModal())
        await settle(pilot)
        assert rehab_app(app.screen) is app


def test_the_widget_mixin_adds_nothing_at_run_time():
    """No Widget base of its own at run time: the mixin is a plain class (typed as a Widget)."""
    assert RehabNode.__mro__ == (RehabNode, object)
    assert Probe.__mro__[1:3] == (RehabNode, Static)


async def test_outside_rehab_app_the_accessor_says_so():
    class Other(App[None]):
        def compose(self) -> ComposeResult:
            yield Probe("probe")

    app = Other()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with pytest.raises(TypeError, match="not running inside RehabApp"):
            rehab_app(app.query_one(Probe))
