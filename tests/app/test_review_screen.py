"""Issue 4 in the TUI: the weekly review (offered at a new week, `r`), accepting and undoing it,
flare days (`f`), the red-flag banner, and the swap (`w`) after a check-in."""

from __future__ import annotations

import datetime as dt
import json

from app_helpers import TODAY, settle
from progress_history import LAST_WEEK, script_history
from review_helpers import body_text

from tui.app.screens.main import MainScreen
from tui.app.screens.review import ReviewScreen
from tui.app.screens.swap import SwapDialog
from tui.cli.main import main as rehab
from tui.core.records import CheckIn
from tui.core.review import review_ranges, weekly_review
from tui.service.review import OFFERED_KEY

MONDAY = dt.date(2026, 11, 23)


def core_review(store, week=LAST_WEEK):
    plan = store.get_plan()
    (lf, lt), (cf, ct) = review_ranges(plan, week)
    logs = store.logs(lf, lt)
    checkins = store.checkins(cf, ct)
    return weekly_review(plan, logs, checkins, store.flares(), week, TODAY)


def cli_review(store, capsys, week=LAST_WEEK) -> dict:
    code = rehab(["--data-dir", str(store.path.parent), "--today", TODAY.isoformat(),
                  "review", "--week", week.isoformat(), "--json"])
    assert code == 0
    return json.loads(capsys.readouterr().out)


async def test_review_is_offered_at_a_new_week_and_says_what_the_cli_says(store, make, capsys):
    script_history(store, rising=True)
    expected = cli_review(store, capsys)
    assert expected["decision"] == "step-back"
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.offered
        assert screen.view.review.to_dict() == core_review(store).to_dict()
        text = body_text(screen)
        assert "STEP BACK" in text and "Week of Mon 16 Nov to Sun 22 Nov 2026 · Reload" in text
        for reason in expected["reasons"]:
            assert reason in text
        assert "Morning pain rose from 2 to 4 after Wednesday's brisk walk test." in text
        assert "If you accept: Back to Settle from Mon 23 Nov." in text
        assert not screen.query_one("#accept").disabled
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert store.get_setting(OFFERED_KEY) == MONDAY.isoformat()

    again = make(store)  # the same week: not offered twice
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, MainScreen)
        await pilot.press("r")  # but r opens it: last week, as today's week is not over
        assert isinstance(again.screen, ReviewScreen)
        assert again.screen.view.review.week_start == LAST_WEEK
        await pilot.press("left_square_bracket")
        assert again.screen.view.review.week_start == LAST_WEEK - dt.timedelta(days=7)
        assert "past" in body_text(again.screen)  # older weeks are for reading only
        assert again.screen.query_one("#accept").disabled


async def test_accept_changes_the_plan_and_u_undoes_it(store, make):
    script_history(store, rising=True)
    before = store.get_plan().to_dict()
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one("#review-title").visual.plain.endswith("Reload")
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert store.get_plan().phase_on(TODAY)["id"] == "settle"
        assert screen.week.phase_text() == "Settle"
        assert "Accepted: Back to Settle from Mon 23 Nov. (u to undo)" in app.notices
        assert store.undo_label() == "accept review of week 2026-11-16 (step-back)"

        await pilot.press("r")  # accepted already: nothing more to accept
        assert "Already in the plan" in body_text(app.screen)
        assert app.screen.query_one("#accept").disabled
        await pilot.press("escape", "u")
        await settle(pilot)
        assert store.get_plan().to_dict() == before
        assert app.screen.week.phase_text() == "Reload"


async def test_a_clean_fortnight_moves_on(store, make, capsys):
    script_history(store, start=dt.date(2026, 11, 9))
    assert cli_review(store, capsys)["decision"] == "progress"
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = body_text(app.screen)
        assert "MOVE ON" in text and "Morning pain held steady" in text
        assert "If you accept: Reload starts on Mon 23 Nov." in text


async def test_a_missing_week_holds_with_a_reason(store, make, capsys):
    script_history(store, skip_week=LAST_WEEK)
    expected = cli_review(store, capsys)
    assert expected["decision"] == "hold"
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = body_text(app.screen)
        assert "HOLD" in text and expected["reasons"][0] in text
        assert expected["reasons"][0].startswith("Nothing was logged or checked in for the week of Mon 16 Nov")
        assert "Nothing to change" in text and app.screen.query_one("#accept").disabled
        await pilot.press("a")  # refused, with the reason
        assert isinstance(app.screen, ReviewScreen)
        assert any(n.startswith("Nothing to change") for n in app.notices)


async def test_no_review_offered_before_the_plan_had_a_week(planned_store, make):
    app = make(planned_store)  # the plan started this Monday
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert planned_store.get_setting(OFFERED_KEY) is None


async def test_review_on_the_plans_first_day_reads_as_one_sentence(store, make):
    """`r` on the plan's start day: last week is before the plan, so nothing to review, said once."""
    from app_helpers import start_plan

    start_plan(store, start=TODAY)
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = body_text(app.screen)
        assert "NOTHING TO REVIEW" in text and "HOLD" not in text
        change = str(app.screen.query_one("#review-change").visual)
        assert change == f"Nothing to change: the plan starts on {TODAY:%a} {TODAY.day} {TODAY:%b}."
        assert "Nothing changes" not in text
        assert "Figures used" not in text  # a week outside the plan has none (as `rehab review`)
        await pilot.press("a")
        assert any(n == change for n in app.notices)


async def test_flare_key_turns_the_day_into_rest_ice_and_massage(store, make):
    script_history(store)
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        planned = [r.session.activity_id for r in screen.week.day(TODAY).rows]
        await pilot.press("f")
        await settle(pilot)
        day = screen.week.day(TODAY)
        assert day.flare and store.flares() == {TODAY}
        assert [r.session.kind for r in day.rows] == ["rest", "ice", "massage", "massage"]
        assert "flare day" in screen.query_one("#day-pane").border_title
        await pilot.press("u")
        await settle(pilot)
        assert store.flares() == set()
        assert [r.session.activity_id for r in screen.week.day(TODAY).rows] == planned


async def test_red_flag_banner_with_numbness_on_three_days(store, make):
    script_history(store)
    for day in (TODAY - dt.timedelta(days=2), TODAY - dt.timedelta(days=1)):  # numb on two days
        store.add_checkin(CheckIn(date=day, morning_pain=2, numbness=True))
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#banner")
        assert not banner.display  # two days: not yet
        await pilot.press("c")  # today's check-in says numb again: the third day
        app.screen.query_one("#numbness").value = "yes"
        await pilot.press("enter")
        await settle(pilot)
        assert banner.display
        assert banner.visual.plain.startswith("Please see a clinician. Numbness or tingling on 3 of the last 7 days")
        assert any(n.startswith("Numbness or tingling on 3") for n in app.notices)
        await pilot.press("p")  # the progress screen lists every warning sign
        flags = app.screen.query_one("#pv-flags")
        assert flags.display and "! Numbness or tingling on 3" in flags.visual.plain


async def test_no_clinician_banner_for_signs_a_clinician_has_seen(store, make):
    from tui.core.redflags import CLINICIAN_SEEN_KEY

    script_history(store)
    store.add_checkin(CheckIn(date=TODAY - dt.timedelta(days=1), morning_pain=2, swelling=True))
    store.set_setting(CLINICIAN_SEEN_KEY, TODAY.isoformat())  # `rehab flag seen` today
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#banner").display
        await pilot.press("p")
        await settle(pilot)
        assert not app.screen.query_one("#pv-flags").display
    store.set_setting(CLINICIAN_SEEN_KEY, (TODAY - dt.timedelta(days=2)).isoformat())  # before the swelling
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#banner")
        assert banner.display and banner.visual.plain.startswith("Please see a clinician. Swelling noted")


async def test_swap_is_suggested_after_a_check_in_and_w_logs_it(store, make):
    script_history(store, rising=True)
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    wednesday = dt.date(2026, 11, 25)  # brisk walk day in Reload
    app = make(store, today=wednesday)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "5", "enter")  # morning pain 5 after 2 yesterday
        await settle(pilot)
        assert any("Swap brisk walk test for about" in n and "Press w" in n for n in app.notices)
        await pilot.press("w")
        assert isinstance(app.screen, SwapDialog)
        await pilot.press("c")
        await settle(pilot)
    [log] = list(store.logs(wednesday, wednesday))
    assert (log.activity, log.session_id, log.status) == ("cycling", "reload-walk", "done")
    assert "in place of brisk walk test" in log.note
