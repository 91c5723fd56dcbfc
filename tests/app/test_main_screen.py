"""The main screen: the cursor starts on today's first session; keys and clicks move it."""

from __future__ import annotations

import datetime as dt

from app_helpers import MONDAY, TODAY, main_screen, on_top, settle, until

from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.widgets.day import DayList
from tui.app.widgets.week import WeekGrid
from tui.core.schedule import Plan


async def test_cursor_starts_on_todays_first_session(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        first = planned_store.get_plan().sessions_on(TODAY)[0]
        row = screen.current_row()
        assert (row.session.date, row.session.session_id) == (TODAY, first.session_id)
        assert row.status == "due"


async def test_marks_show_every_status(history_store, make):
    app = make(history_store)
    async with app.run_test(size=(100, 30)) as pilot:
        week = (await main_screen(pilot)).week
        monday = [r.mark for r in week.day(MONDAY).rows]
        assert monday[:5] == ["✓", "✓", "½", "✗", "✓"]
        assert set(monday[5:]) == {"!"}
        assert {r.mark for r in week.day(TODAY).rows} == {"•"}
        assert {r.mark for r in week.day(TODAY + dt.timedelta(days=1)).rows} == {"·"}
        text = str(app.screen.query_one(WeekGrid).render())
        assert "Tue 24" in text and "today" in text


async def test_week_keys_and_today(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.week.monday == MONDAY + dt.timedelta(days=7), "the next week")
        assert screen.selected == TODAY + dt.timedelta(days=7)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await until(pilot, lambda: screen.week.monday == MONDAY - dt.timedelta(days=7), "the week before")
        assert screen.week.day(screen.selected).rows == ()  # before the plan started
        await pilot.press("t")
        await until(pilot, lambda: (screen.selected, screen.index) == (TODAY, 0), "today")


async def test_arrows_and_vim_keys_move(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        await pilot.press("j", "down")
        await until(pilot, lambda: screen.index == 2, "two sessions down")
        await pilot.press("k")
        await until(pilot, lambda: screen.index == 1, "one up")
        await pilot.press("l", "right")
        await until(pilot, lambda: screen.selected == TODAY + dt.timedelta(days=2), "two days on")
        await pilot.press("left", "left", "left", "left")  # h is History now
        await until(pilot, lambda: screen.selected == TODAY - dt.timedelta(days=2), "into the week before")
        assert screen.week.monday == MONDAY - dt.timedelta(days=7)


async def test_clicking_a_day_row_selects_it(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        await pilot.click(DayList, offset=(5, 2))  # the third row
        await until(pilot, lambda: screen.index == 2, "the third row clicked")
        grid = screen.query_one(WeekGrid)
        col = grid._column_width()
        await pilot.click(WeekGrid, offset=(3 * (col + 1), 1))  # Thursday's first mark
        await until(pilot, lambda: (screen.selected, screen.index) == (MONDAY + dt.timedelta(days=3), 0),
                    "Thursday clicked")


async def test_help_lists_every_key_and_closes(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("question_mark")
        text = (await on_top(pilot, HelpScreen)).query_one("#help-body").render().plain
        for needle in ("Enter", "[", "]", "Check-in", "timer", "library", "Undo", "Quit", "ctrl+p"):
            assert needle.lower() in text.lower()
        await pilot.press("escape")
        await on_top(pilot, MainScreen)


async def test_command_palette_offers_the_actions(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for needle in ("Log the selected session", "Show the next week", "Daily check-in",
                       "Start a timer", "Edit the plan", "Template library", "Undo the last change"):
            assert any(t.startswith(needle) for t in titles), needle
        await pilot.press("ctrl+p")
        palette = await on_top(pilot, "CommandPalette")
        await pilot.press(*"next week")
        await until(pilot, lambda: palette.query("CommandList") and palette.query_one("CommandList").option_count
                    and "next week" in str(palette.query_one("CommandList").get_option_at_index(0).prompt).lower(),
                    "the palette found the next week")
        await pilot.press("enter")
        await until(pilot, lambda: main.week.monday == MONDAY + dt.timedelta(days=7), "the next week")
        await on_top(pilot, MainScreen)


async def test_q_quits_with_status_zero(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_page_keys_scroll_the_session_pane(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        detail = screen.query_one("#detail")
        await until(pilot, lambda: detail.max_scroll_y > 0, "steps and cautions below the fold at 80x24")
        await pilot.press("pagedown")
        await until(pilot, lambda: detail.scroll_y > 0, "scrolled down")
        await pilot.press("pageup")
        await until(pilot, lambda: detail.scroll_y == 0, "scrolled back up")
        assert screen.index == 0  # the cursor stayed put


async def test_template_text_is_shown_literally(store, make):
    import json

    from app_helpers import MONDAY, PLANS


    template = json.loads((PLANS / "metatarsalgia-conservative.json").read_text())
    template["name"] = "[b]x[/b] [red]y[/]"
    template["phases"][0]["name"] = "[i]Settle[/i]"
    template["phases"][0]["sessions"][2]["why"] = "[bold]why[/bold] $accent"  # swimming, first on Tuesdays
    store.set_plan(Plan.start_from_template(template, MONDAY), "start")
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        assert main.current_row().session.session_id == "settle-swimming"
        await settle(pilot)
        svg = app.export_screenshot().replace("&#160;", " ")
        for text in ("[b]x[/b] [red]y[/]", "phase: [i]Settle[/i]", "[bold]why[/bold] $accent"):
            assert text in svg, text
