"""Issue 4 in the TUI: the weekly review (offered at a new week, `r`), accepting and undoing it,
flare days (`f`), the red-flag banner, and the swap (`w`) after a check-in."""

from __future__ import annotations

import datetime as dt
import json

from app_helpers import TODAY, main_screen, on_top, settle, until
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


async def offered(pilot) -> ReviewScreen:
    """The review the app offers at the start of a new week (after the main screen's first paint)."""
    screen = await on_top(pilot, ReviewScreen)
    await until(pilot, lambda: screen.view is not None, "the review shown")
    return screen


async def test_review_is_offered_at_a_new_week_and_says_what_the_cli_says(store, make, capsys):
    script_history(store, rising=True)
    expected = cli_review(store, capsys)
    assert expected["decision"] == "step-back"
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await offered(pilot)
        assert screen.offered
        assert screen.view.review.to_dict() == core_review(store).to_dict()
        text = body_text(screen)
        assert "STEP BACK" in text and "Week of Mon 16 Nov to Sun 22 Nov 2026 · Reload" in text
        for reason in expected["reasons"]:
            assert reason in text
        assert "Morning pain rose from 2 to 4 after Wednesday's brisk walk test." in text
        assert "If you accept: Back to Settle from Mon 23 Nov." in text
        assert not screen.query_one("#accept").disabled
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
        await until(pilot, lambda: store.get_setting(OFFERED_KEY) == MONDAY.isoformat(), "the offer remembered")

    again = make(store)  # the same week: not offered twice
    async with again.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await settle(pilot)
        assert isinstance(again.screen, MainScreen)
        await pilot.press("r")  # but r opens it: last week, as today's week is not over
        screen = await offered(pilot)
        assert screen.view.review.week_start == LAST_WEEK
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: screen.view.review.week_start == LAST_WEEK - dt.timedelta(days=7), "the week before")
        assert "past" in body_text(screen)  # older weeks are for reading only
        assert screen.query_one("#accept").disabled


async def test_accept_changes_the_plan_and_u_undoes_it(store, make):
    script_history(store, rising=True)
    before = store.get_plan().to_dict()
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await offered(pilot)
        assert review.query_one("#review-title").visual.plain.endswith("Reload")
        await pilot.press("a")
        await until(pilot, lambda: "Accepted: Back to Settle from Mon 23 Nov. (u to undo)" in app.notices, "accepted")
        screen = await on_top(pilot, MainScreen)
        await until(pilot, lambda: screen.week.phase_text() == "Settle", "the week in Settle")
        assert store.get_plan().phase_on(TODAY)["id"] == "settle"
        assert store.undo_label() == "accept review of week 2026-11-16 (step-back)"

        await pilot.press("r")  # accepted already: nothing more to accept
        review = await offered(pilot)
        assert "Already in the plan" in body_text(review)
        assert review.query_one("#accept").disabled
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
        await pilot.press("u")
        await until(pilot, lambda: screen.week.phase_text() == "Reload", "the accept undone")
        assert store.get_plan().to_dict() == before


async def test_a_clean_fortnight_moves_on(store, make, capsys):
    script_history(store, start=dt.date(2026, 11, 9))
    assert cli_review(store, capsys)["decision"] == "progress"
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        text = body_text(await offered(pilot))
        assert "MOVE ON" in text and "Morning pain held steady" in text
        assert "If you accept: Reload starts on Mon 23 Nov." in text


async def test_a_missing_week_holds_with_a_reason(store, make, capsys):
    script_history(store, skip_week=LAST_WEEK)
    expected = cli_review(store, capsys)
    assert expected["decision"] == "hold"
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await offered(pilot)
        text = body_text(review)
        assert "HOLD" in text and expected["reasons"][0] in text
        assert expected["reasons"][0].startswith("Nothing was logged or checked in for the week of Mon 16 Nov")
        assert "Nothing to change" in text and review.query_one("#accept").disabled
        await pilot.press("a")  # refused, with the reason
        await until(pilot, lambda: any(n.startswith("Nothing to change") for n in app.notices), "refused")
        assert app.screen is review


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
        await main_screen(pilot)
        await pilot.press("r")
        review = await offered(pilot)
        text = body_text(review)
        assert "NOTHING TO REVIEW" in text and "HOLD" not in text
        change = str(review.query_one("#review-change").visual)
        assert change == f"Nothing to change: the plan starts on {TODAY:%a} {TODAY.day} {TODAY:%b}."
        assert "Nothing changes" not in text
        assert "Figures used" not in text  # a week outside the plan has none (as `rehab review`)
        await pilot.press("a")
        await until(pilot, lambda: any(n == change for n in app.notices), "the same sentence, refused")


async def test_flare_key_turns_the_day_into_rest_ice_and_massage(store, make):
    script_history(store)
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        planned = [r.session.activity_id for r in screen.week.day(TODAY).rows]
        await pilot.press("f")
        await until(pilot, lambda: "flare day" in str(screen.query_one("#day-pane").border_title), "the flare day")
        day = screen.week.day(TODAY)
        assert day.flare and store.flares() == {TODAY}
        assert [r.session.kind for r in day.rows] == ["rest", "ice", "massage", "massage"]
        await pilot.press("u")
        await until(pilot, lambda: [r.session.activity_id for r in screen.week.day(TODAY).rows] == planned,
                    "the flare undone")
        assert store.flares() == set()


async def test_red_flag_banner_with_numbness_on_three_days(store, make):
    script_history(store)
    for day in (TODAY - dt.timedelta(days=2), TODAY - dt.timedelta(days=1)):  # numb on two days
        store.add_checkin(CheckIn(date=day, morning_pain=2, numbness=True))
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        await until(pilot, lambda: "28 days" in main.query_one("#progress").render().plain, "the figures")
        banner = main.query_one("#banner")
        assert not banner.display  # two days: not yet
        await pilot.press("c")  # today's check-in says numb again: the third day
        (await on_top(pilot, "CheckInDialog")).query_one("#numbness").value = "yes"
        await pilot.press("enter")
        await until(pilot, lambda: banner.display, "the banner")
        assert banner.visual.plain.startswith("Please see a clinician. Numbness or tingling on 3 of the last 7 days")
        await until(pilot, lambda: any(n.startswith("Numbness or tingling on 3") for n in app.notices), "the notice")
        await on_top(pilot, MainScreen)
        await pilot.press("p")  # the progress screen lists every warning sign
        flags = (await on_top(pilot, "ProgressScreen")).query_one("#pv-flags")
        assert flags.display and "! Numbness or tingling on 3" in flags.visual.plain


async def test_no_clinician_banner_for_signs_a_clinician_has_seen(store, make):
    from tui.core.redflags import CLINICIAN_SEEN_KEY

    script_history(store)
    store.add_checkin(CheckIn(date=TODAY - dt.timedelta(days=1), morning_pain=2, swelling=True))
    store.set_setting(CLINICIAN_SEEN_KEY, TODAY.isoformat())  # `rehab flag seen` today
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        await until(pilot, lambda: "28 days" in main.query_one("#progress").render().plain, "the figures")
        assert not main.query_one("#banner").display
        await pilot.press("p")
        assert not (await on_top(pilot, "ProgressScreen")).query_one("#pv-flags").display
    store.set_setting(CLINICIAN_SEEN_KEY, (TODAY - dt.timedelta(days=2)).isoformat())  # before the swelling
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        banner = (await main_screen(pilot)).query_one("#banner")
        await until(pilot, lambda: banner.display, "the banner")
        assert banner.visual.plain.startswith("Please see a clinician. Swelling noted")


async def test_swap_is_suggested_after_a_check_in_and_w_logs_it(store, make):
    script_history(store, rising=True)
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())
    wednesday = dt.date(2026, 11, 25)  # brisk walk day in Reload
    app = make(store, today=wednesday)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("c", "5", "enter")  # morning pain 5 after 2 yesterday
        await until(pilot, lambda: any("Swap brisk walk test for about" in n and "Press w" in n for n in app.notices),
                    "the swap suggested")
        await on_top(pilot, MainScreen)
        await pilot.press("w")
        await on_top(pilot, SwapDialog)
        await pilot.press("c")
        await until(pilot, lambda: list(store.logs(wednesday, wednesday)) != [], "the cycling logged")
    [log] = list(store.logs(wednesday, wednesday))
    assert (log.activity, log.session_id, log.status) == ("cycling", "reload-walk", "done")
    assert "in place of brisk walk test" in log.note
