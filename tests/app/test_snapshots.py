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
from app_helpers import MONDAY, TODAY, settle, start_plan
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
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, history_store, make, size):
    assert snap_compare(make(history_store), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_log_dialog(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "enter")  # the ice pack: "sitting 1 of 3"
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timer_switch_feet(snap_compare, history_store, make, clock, size):
    async def run_before(pilot):
        await settle(pilot)
        rows = pilot.app.screen.week.day(pilot.app.today).rows
        for _ in range(next(i for i, r in enumerate(rows) if r.session.activity_id == "ball-roll")):
            await pilot.press("j")
        await pilot.press("s")
        await settle(pilot)
        clock.advance(200)  # past halfway of 2 x 3 min
        pilot.app.screen.tick()
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_run_chooser(snap_compare, store, make, size):
    assert snap_compare(make(store), terminal_size=size, run_before=steady)


def test_terminal_too_small(snap_compare, planned_store, make):
    assert snap_compare(make(planned_store), terminal_size=(50, 15), run_before=steady)


# --- every other screen and dialog, each opened with the keys a user presses ---------------

def pressing(*steps: str | tuple[str, ...]):
    """run_before: settle, then each step (a key, or a tuple of keys typed together), settling
    after each, then the steady picture (no blinking cursor)."""
    async def run_before(pilot):
        await settle(pilot)
        for step in steps:
            await pilot.press(*((step,) if isinstance(step, str) else step))
            await settle(pilot)
        await steady(pilot)

    return run_before


@pytest.fixture
def fixed_cwd(monkeypatch):
    """Dialogs that show the working folder (export) show the same one on every machine."""
    monkeypatch.chdir("/")


SCREENS = {
    # name: (keys pressed on the main screen, the screen class expected on top)
    "check_in_dialog": (("c",), "CheckInDialog"),
    "help_screen": (("question_mark",), "HelpScreen"),
    "export_dialog": (("x",), "ExportDialog"),
    "editor_screen": (("e",), "EditorScreen"),
    "editor_activity_picker": (("e", "a"), "ActivityPicker"),
    "editor_dose_dialog": (("e", "o"), "DoseDialog"),
    "editor_days_prompt": (("e", "m"), "PromptDialog"),
    "editor_rename_prompt": (("e", "r"), "PromptDialog"),
    "editor_days_refused": (("e", "m", ("ctrl+u", *"Funday"), "enter"), "PromptDialog"),
    "log_dialog_refused": (("enter", ("tab",) * 2, ("ctrl+u", *"11"), "enter"), "LogDialog"),
    "library_screen": (("L",), "LibraryScreen"),
    "library_start_prompt": (("L", "enter"), "PromptDialog"),
    "main_next_week": (("right_square_bracket",), "MainScreen"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", SCREENS)
def test_screen(snap_compare, history_store, make, fixed_cwd, name, size):
    keys, expected = SCREENS[name]
    app = make(history_store)
    run_before = pressing(*keys)

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
        await pressing("w")(pilot)
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
        await steady(pilot)
        assert type(pilot.app.screen).__name__ == "MessageScreen"

    assert snap_compare(app, terminal_size=size, run_before=checked)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checkin_dialog(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("c")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_screen(snap_compare, history_store, make, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("H")
        await steady(pilot)

    assert snap_compare(make(history_store), terminal_size=size, run_before=run_before)
