"""SVG snapshots of every screen and dialog of the app at 100x30 and 80x24 (issue 9 item 7).

The main screen, the first-run chooser, the library and its start prompt, the plan editor and
its dialogs (activity picker, dose, days, rename), the log, check-in, swap, export and help
dialogs, the timer, a refused entry's error line, the message screen for a data file that
cannot be used, and the too-small screen; the progress and review screens are pictured in
test_progress_screen.py.

Deterministic: fixed today and logged_at, a fake clock (no time on screen), input cursors not
blinking, workers finished before the picture, and the working folder fixed where a dialog
shows it. Each picture is reached by the keys a user presses, so a changed screen needs no
change here: after a deliberate change regenerate them all with
    python -m pytest tests/app/test_snapshots.py --snapshot-update
and look at the new pictures (cairosvg.svg2png) before committing them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from app_helpers import MONDAY, TODAY, main_screen, on_top, settle, start_plan, until
from progress_history import script_history
from textual.widgets import Input

from tui.app import make_app
from tui.service import make_service
from tui.service.review import OFFERED_KEY
from tui.storage.layout import MANIFEST_NAME
from tui.storage.store import Store

SIZES = [(100, 30), (80, 24)]


async def steady(pilot) -> None:
    await settle(pilot)
    if pilot.app.screen.query("#error-line"):  # the main screen: its figures come a frame later
        await until(pilot, lambda: "28 days" in pilot.app.screen.query_one("#progress").render().plain
                    or pilot.app.plan is None, "the main screen's figures")
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await main_screen(pilot)
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_log_dialog(snap_compare, history_store, make, size):
    async def run_before(pilot):
        main = await main_screen(pilot)
        await pilot.press("down")
        await until(pilot, lambda: main.index == 1, "the ice pack selected")
        await pilot.press("enter")  # the ice pack: "sitting 1 of 3"
        await on_top(pilot, "LogDialog")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timer_switch_feet(snap_compare, history_store, make, clock, size):
    async def run_before(pilot):
        main = await main_screen(pilot)
        rows = main.week.day(pilot.app.today).rows
        ball = next(i for i, r in enumerate(rows) if r.session.activity_id == "ball-roll")
        for _ in range(ball):
            await pilot.press("j")
        await until(pilot, lambda: main.index == ball, "the ball roll selected")
        await pilot.press("s")
        timer = await on_top(pilot, "TimerScreen")
        clock.advance(200)  # past halfway of 2 x 3 min
        timer.tick()
        await until(pilot, lambda: any("Switch feet" in n for n in pilot.app.notices), "switch feet")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_run_chooser(snap_compare, store, make, size):
    async def run_before(pilot):
        chooser = await on_top(pilot, "ChooserScreen")
        await until(pilot, lambda: chooser.highlighted_entry() is not None, "the templates listed")
        await steady(pilot)

    assert snap_compare(make(store), terminal_size=size, run_before=run_before)


def test_terminal_too_small(snap_compare, planned_store, make):
    async def run_before(pilot):
        await on_top(pilot, "TooSmallScreen")
        await steady(pilot)

    assert snap_compare(make(planned_store), terminal_size=(50, 15), run_before=run_before)


# --- every other screen and dialog, each opened with the keys a user presses ---------------

def pressing(*steps):
    """run_before: the main screen, then each step (a key or a tuple of keys typed together, and
    what it brings: a screen's name or a condition on the app), waited for, then the steady
    picture (no blinking cursor). Each key lands before the next is sent: on a loaded machine
    a key sent while its screen was still opening went to the screen below."""
    async def run_before(pilot):
        await main_screen(pilot)
        for keys, brings in steps:
            await pilot.press(*((keys,) if isinstance(keys, str) else keys))
            if isinstance(brings, str):
                await on_top(pilot, brings)
            else:
                await until(pilot, lambda brings=brings: brings(pilot.app), f"what {keys!r} brings")
        await steady(pilot)

    return run_before


def editor_ready(app) -> bool:
    return type(app.screen).__name__ == "EditorScreen" and app.screen.is_mounted and \
        app.screen.query_one("DataTable").row_count > 0


def library_ready(app) -> bool:
    return type(app.screen).__name__ == "LibraryScreen" and app.screen.is_mounted and \
        app.screen.highlighted_entry() is not None


def typed(text: str):
    return lambda app: isinstance(app.focused, Input) and app.focused.value == text


def refused(app) -> bool:
    errors = app.screen.query("#dialog-error")
    return bool(errors) and bool(errors.first().render().plain)


def on_pain(app) -> bool:
    return isinstance(app.focused, Input) and app.focused.id == "pain"


def next_week(app) -> bool:
    week = getattr(app.screen, "week", None)
    return week is not None and week.monday == MONDAY + dt.timedelta(days=7)


@pytest.fixture
def fixed_cwd(monkeypatch):
    """Dialogs that show the working folder (export) show the same one on every machine."""
    monkeypatch.chdir("/")


SCREENS = {
    # name: (the steps from the main screen: keys and what they bring, the screen on top at the end)
    "check_in_dialog": ([("c", "CheckInDialog")], "CheckInDialog"),
    "help_screen": ([("question_mark", "HelpScreen")], "HelpScreen"),
    "export_dialog": ([("x", "ExportDialog")], "ExportDialog"),
    "editor_screen": ([("e", editor_ready)], "EditorScreen"),
    "editor_activity_picker": ([("e", editor_ready), ("a", "ActivityPicker")], "ActivityPicker"),
    "editor_dose_dialog": ([("e", editor_ready), ("o", "DoseDialog")], "DoseDialog"),
    "editor_days_prompt": ([("e", editor_ready), ("m", "PromptDialog")], "PromptDialog"),
    "editor_rename_prompt": ([("e", editor_ready), ("r", "PromptDialog")], "PromptDialog"),
    "editor_days_refused": ([("e", editor_ready), ("m", "PromptDialog"), (("ctrl+u", *"Funday"), typed("Funday")),
                             ("enter", refused)], "PromptDialog"),
    "log_dialog_refused": ([("enter", "LogDialog"), (("tab",) * 2, on_pain), (("ctrl+u", *"11"), typed("11")),
                            ("enter", refused)], "LogDialog"),
    "library_screen": ([("L", library_ready)], "LibraryScreen"),
    "library_start_prompt": ([("L", library_ready), ("enter", "PromptDialog")], "PromptDialog"),
    "main_next_week": ([("right_square_bracket", next_week)], "MainScreen"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", SCREENS)
def test_screen(snap_compare, history_store, make, fixed_cwd, name, size):
    steps, expected = SCREENS[name]
    app = make(history_store)
    run_before = pressing(*steps)

    async def checked(pilot):
        await run_before(pilot)
        # the picture is of the screen named here (a key that stopped working shows up as a
        # failed test, not as a new picture of the wrong screen)
        assert type(pilot.app.screen).__name__ == expected

    assert snap_compare(app, terminal_size=size, run_before=checked)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_swap_dialog(snap_compare, store, make, size):
    """`w` on a brisk-walk day of the Reload phase (no swap suggested: no check-in yet)."""
    script_history(store, rising=True)
    store.set_setting(OFFERED_KEY, MONDAY.isoformat())  # no review on top
    app = make(store, today=dt.date(2026, 11, 25))

    async def checked(pilot):
        await pressing(("w", "SwapDialog"))(pilot)
        assert type(pilot.app.screen).__name__ == "SwapDialog"

    assert snap_compare(app, terminal_size=size, run_before=checked)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_data_file_cannot_be_used(snap_compare, tmp_path, monkeypatch, clock, size):
    """The message screen: the data folder's manifest is damaged. The data folder is given
    relative to a fixed working folder, so the path in the message is the same on every run
    (the manifest's name is fixed; the other files' names carry a random part)."""
    monkeypatch.chdir(tmp_path)
    start_plan(Store.open(Path("data"), fsync=False))
    (Path("data") / MANIFEST_NAME).write_text("{ not json", encoding="utf-8")
    app = make_app(make_service(Path("data"), TODAY), clock=clock)

    async def checked(pilot):
        await on_top(pilot, "MessageScreen")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=checked)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checkin_dialog(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await main_screen(pilot)
        await pilot.press("c")
        await on_top(pilot, "CheckInDialog")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_screen(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await main_screen(pilot)
        await pilot.press("H")
        await on_top(pilot, "HistoryScreen")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)
