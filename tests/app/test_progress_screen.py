"""Issue 4 in the TUI: the progress screen (`p`) shows the core's figures, with charts; and
SVG snapshots of the progress and review screens at 100x30 and 80x24.

Update the pictures after a deliberate change:
python -m pytest tests/app/test_progress_screen.py --snapshot-update
"""

from __future__ import annotations

import datetime as dt

import pytest
from app_helpers import TODAY, main_screen, on_top, settle, until
from progress_history import script_history

from tui.app.screens.main import MainScreen
from tui.app.screens.progress import PainChart, ProgressScreen
from tui.core import stats
from tui.core.records import CheckIn
from tui.service import make_service
from tui.service.review import OFFERED_KEY

SIZES = [(100, 30), (80, 24)]
MONDAY = dt.date(2026, 11, 23)


def text(screen, selector: str) -> str:
    return screen.query_one(selector).visual.plain


@pytest.fixture
def scripted(store):
    script_history(store, rising=True, misses=True)
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())  # no review on top
    return store


async def test_progress_screen_shows_the_core_figures(scripted, make):
    plan = scripted.get_plan()
    logs = scripted.logs()
    checkins = scripted.checkins()
    expected = stats.progress_summary(plan, logs, checkins, scripted.flares(), TODAY)
    app = make(scripted)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("p")
        screen = await on_top(pilot, ProgressScreen)
        assert screen.summary == expected

        adherence = text(screen, "#pv-adherence")
        assert f"Streak      {expected.streak_text}" in adherence
        assert f"{'Last 28 d':<12}{expected.window_adherence.text():>4} " in adherence
        assert expected.window_adherence.ratio < 1  # some sessions were skipped
        for monday, _ in expected.by_week:
            if monday >= plan.start:
                assert f"w/c {monday.day:>2} {monday:%b}" in adherence
        assert "w/c 26 Oct" not in adherence  # before the plan: left out
        assert "icing" in adherence and "walk-run" in adherence

        morning = screen.query_one("#pv-morning", PainChart)
        assert [v for _, v in morning.series] == expected.morning_pain_values
        assert morning.query_one(".pv-chart-bars").display
        low, high = min(expected.morning_pain_values), max(expected.morning_pain_values)
        assert f"low {low:g} · high {high:g} · latest 2" in text(morning, ".pv-chart-label")
        bars = text(morning, ".pv-chart-bars").splitlines()
        assert bars[0].startswith("10│") and bars[2].startswith(" 5│") and bars[3].startswith(" 0│")
        assert bars[-1].strip().startswith("2 Nov") and bars[-1].rstrip().endswith("24 Nov")
        activity = screen.query_one("#pv-activity", PainChart)
        assert [v for _, v in activity.series] == expected.activity_pain_values
        assert "high 4" in text(activity, ".pv-chart-label")

        ice = expected.foot_minutes["ice"]
        assert f"icing    {ice.left:>6g}{ice.right:>6g}{ice.both:>6g}{ice.total:>7g}" in text(screen, "#pv-feet")
        shoes = text(screen, "#pv-footwear")
        for row in expected.footwear:
            assert row.footwear in shoes and f"{row.morning_pain:.1f}" in shoes

        await pilot.press("d")
        await until(pilot, lambda: "last 84 days" in text(screen, "#pv-title"), "the last 84 days")
        assert screen.days == 84
        await pilot.press("escape")
        await on_top(pilot, MainScreen)


async def test_progress_screen_follows_new_records(scripted, make):
    app = make(scripted)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await pilot.press("p")
        screen = await on_top(pilot, ProgressScreen)
        before = [v for _, v in screen.query_one("#pv-morning").series]
        scripted.add_checkin(CheckIn(date=TODAY, morning_pain=6, footwear="Sandals"))
        app.poll_store()  # what the interval does: another session wrote
        await until(pilot, lambda: "Sandals" in text(screen, "#pv-footwear"), "the other session's check-in")
        assert [v for _, v in screen.query_one("#pv-morning").series] == before[:-1] + [6.0]


async def test_progress_screen_with_no_records_says_so(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await pilot.press("p")
        screen = await on_top(pilot, ProgressScreen)
        assert "none yet" in text(screen.query_one("#pv-morning"), ".pv-chart-label")
        assert not screen.query_one("#pv-morning .pv-chart-bars").display
        assert "No icing or massage logged" in text(screen, "#pv-feet")
        assert "No footwear recorded" in text(screen, "#pv-footwear")


def test_load_summary_reads_the_window(scripted):
    service = make_service(scripted.path.parent, TODAY, store=scripted)
    assert service.figures(days=84).summary.window_start == TODAY - dt.timedelta(days=83)


# --- pictures -----------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_progress_snapshot(snap_compare, scripted, make, size):
    async def run_before(pilot):
        await main_screen(pilot)
        await pilot.press("p")
        await on_top(pilot, ProgressScreen)
        await settle(pilot)

    assert snap_compare(make(scripted), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_snapshot(snap_compare, store, make, size):
    script_history(store, rising=True)  # the review opens by itself: a new week

    async def run_before(pilot):
        review = await on_top(pilot, "ReviewScreen")
        await until(pilot, lambda: review.view is not None, "the review shown")
        await settle(pilot)

    assert snap_compare(make(store), terminal_size=size, run_before=run_before)
