"""SVG snapshots for issue 13: a massage's foot diagram in the session pane (Unicode and
ASCII), the editor and the help of a dialog, at 100x30 and 80x24.
Update after a deliberate change: python -m pytest tests/app/test_people_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from app_helpers import main_screen, on_top, settle, until
from textual.widgets import Input

from tui.app.settings import Settings
from tui.config import Config

SIZES = [(100, 30), (80, 24)]


async def steady(pilot) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


async def to_picture(pilot) -> None:
    """Select today's ball roll and scroll the session pane to its picture."""
    main = await main_screen(pilot)
    rows = main.week.day(pilot.app.today).rows
    ball = next(i for i, r in enumerate(rows) if r.session.activity_id == "ball-roll")
    for _ in range(ball):
        await pilot.press("j")
    await until(pilot, lambda: main.index == ball, "the ball roll selected")
    detail = main.query_one("#detail")
    await until(pilot, lambda: "Picture" in [line.plain for line in detail.query_one("#detail-body")._lines(
        detail.query_one("#detail-body").content_size.width)], "its picture in the session pane")
    body = detail.query_one("#detail-body")
    lines = [line.plain for line in body._lines(body.content_size.width)]
    detail.scroll_to(y=lines.index("Picture"), animate=False)
    await steady(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_diagram_in_the_session_pane(snap_compare, history_store, make, size):
    assert snap_compare(make(history_store), terminal_size=size, run_before=to_picture)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_diagram_in_ascii(snap_compare, history_store, make, size):
    app = make(history_store, settings=Settings(Config(), (), True, None))
    assert snap_compare(app, terminal_size=size, run_before=to_picture)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_editor(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await main_screen(pilot)
        await pilot.press("e")
        await on_top(pilot, "EditorScreen")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_dialog_help(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await main_screen(pilot)
        await pilot.press("x")
        await on_top(pilot, "ExportDialog")
        await pilot.press("f1")
        await on_top(pilot, "HelpScreen")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)
