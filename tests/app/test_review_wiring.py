"""The review screen over the rules-based Review: a complete plan offers the next plan (n starts
it through the service), warning signs show the sign and the next step and v records a
clinician's visit, an unfinished week cannot be accepted, and the screen dismisses itself
only when it is on top."""

from __future__ import annotations

import datetime as dt

import pytest
from app_helpers import on_top, settle, until
from review_helpers import body_text

from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.review import ReviewScreen
from tui.core.records import CheckIn, LogEntry
from tui.service import make_service

START = dt.date(2026, 11, 2)  # the 4-week maintenance plan ends on Sun 29 Nov
AFTER = dt.date(2026, 11, 30)
FLAG_TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def complete_store(store):
    service = make_service(store.path.parent, AFTER, store=store)
    service.start_template("maintenance", START)
    plan = service.plan()
    day = START
    while day <= plan.end_date:
        for session in plan.sessions_on(day):
            for _ in range(session.dose.sittings):
                store.add_log(LogEntry(date=day, activity=session.activity_id, session_id=session.session_id,
                                       status="done", pain=1))
        store.add_checkin(CheckIn(date=day, morning_pain=1))
        day += dt.timedelta(days=1)
    return store


@pytest.fixture
def flagged_store(store):
    service = make_service(store.path.parent, FLAG_TODAY, store=store)
    service.start_template("metatarsalgia-conservative", dt.date(2026, 11, 16))
    for day, night in ((17, False), (18, False), (19, False), (20, True), (21, True)):
        store.add_checkin(CheckIn(date=dt.date(2026, 11, day), morning_pain=3, night_pain=night))
    return store


async def test_a_complete_plan_offers_the_next_one_and_n_starts_it(complete_store, make):
    app = make(complete_store, today=AFTER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_top(pilot, ReviewScreen)  # offered at start (on top and mounted)
        assert screen.view.next_plan == "maintenance"
        text = body_text(screen)
        assert "PLAN COMPLETE" in text and "n starts the maintenance routine (maintenance)" in text
        assert screen.query_one("#accept").disabled
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "back on the main screen")
        plan = complete_store.get_plan()
        assert plan.start == AFTER and plan.template["id"] == "maintenance"
        assert any("Started the maintenance routine" in n for n in app.notices)


async def test_warning_signs_are_calm_and_v_records_the_clinician(flagged_store, make):
    app = make(flagged_store, today=FLAG_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_top(pilot, ReviewScreen)  # offered at start (on top and mounted)
        text = body_text(screen)
        assert "Red flags: please see a clinician" in text
        assert "Pain at night or at rest on Fri 20 Nov, Sat 21 Nov" in text
        assert "press v to record it" in text and text.count("it cannot diagnose") == 1
        await pilot.press("v")
        await until(pilot, lambda: app.service.clinician_seen_on() == FLAG_TODAY, "the clinician recorded")
        await until(pilot, lambda: "Red flags" not in body_text(app.screen), "the review refreshed")
        assert isinstance(app.screen, ReviewScreen)
        assert "Red flags" not in body_text(app.screen)  # refreshed: the signs were seen


async def test_an_unfinished_week_cannot_be_accepted(flagged_store, make):
    app = make(flagged_store, today=FLAG_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_top(pilot, ReviewScreen)  # offered at start (on top and mounted)
        await pilot.press("right_square_bracket")  # this week, not over
        await until(pilot, lambda: screen.view is not None and screen.view.review.week_over is False,
                    "this week's review")
        assert not screen.view.can_accept
        before = flagged_store.plan_revision()
        await pilot.press("a")
        await until(pilot, lambda: any("not over yet" in n for n in app.notices), "the accept refused, saying why")
        await settle(pilot)
        assert flagged_store.plan_revision() == before
        assert "not over yet" in body_text(screen)


async def test_the_review_only_dismisses_itself_when_on_top(flagged_store, make):
    app = make(flagged_store, today=FLAG_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await on_top(pilot, ReviewScreen)  # offered at start (on top and mounted)
        app.push_screen(HelpScreen())
        await settle(pilot)
        review.action_close()  # e.g. a data change arriving while help is open
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and review in app.screen_stack
