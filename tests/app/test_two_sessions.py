"""Two app sessions and a CLI loop of the same user, on one data dir, at once (issue 5).

Nothing is lost, each app shows the others' writes within about 2 seconds, and
two edits of the same session's dose resolve predictably (the later one wins)
with the user told.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time

from app_helpers import TODAY, capture_notices, main_screen, on_top, start_plan, until
from textual.widgets import DataTable, Input

from tui.app import make_app
from tui.app.screens.edit_dialogs import DoseDialog
from tui.service import make_service
from tui.storage.store import Store


async def wait_until(pilots, predicate, seconds: float = 2.5) -> float:
    """Let the apps run (their 1 s poll included) until predicate() holds; the time it took."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not seen within {seconds:.1f} s")
        for pilot in pilots:
            await pilot.pause(0.05)
    return time.monotonic() - start


def logged_notes(store: Store) -> list[str]:
    return [d.note for d in store.logs()]


def shown_status(app, session_id: str) -> str:
    """The status the app's week model gives today's session (what its marks show); "done"
    once a done sitting of it shows (a session of several sittings stays due until all are)."""
    day = app.screen.week.day(app.today)
    row = next(row for row in day.rows if row.session.session_id == session_id)
    return "done" if row.log is not None and row.log.status == "done" else row.status


async def test_two_apps_and_a_cli_loop_lose_nothing_and_see_each_other(tmp_path, rehab):
    data = tmp_path / "data"
    store_a = Store.open(data, fsync=False)
    start_plan(store_a)
    store_b = Store.open(data, fsync=False)
    app_a = make_app(make_service(data, TODAY, store=store_a))
    app_b = make_app(make_service(data, TODAY, store=store_b))
    env = {**os.environ, "REHAB_DATA_DIR": str(data)}
    loop_n = 15
    script = " ; ".join(
        f"{' '.join(rehab.command)} --today {TODAY} log toe-splay --note cli-{i} >/dev/null"
        for i in range(loop_n))
    async with app_a.run_test(size=(100, 30)) as a, app_b.run_test(size=(100, 30)) as b:
        main_a = await main_screen(a)
        main_b = await main_screen(b)
        cli = subprocess.Popen(["bash", "-c", script], env=env)
        first_a = main_a.current_row().session
        # A logs today's first session with Enter, Enter while the CLI loop runs.
        await a.press("enter")
        await on_top(a, "LogDialog")
        await a.press("enter")
        await until(a, lambda: main_a.current_row().log is not None, "A's log saved")
        # B moves to the second session and logs it too.
        await b.press("down")
        await until(b, lambda: main_b.index == 1, "B on the second session")
        second_b = main_b.current_row().session
        assert second_b.session_id != first_a.session_id
        await b.press("enter")
        await on_top(b, "LogDialog")
        await b.press("enter")
        await until(b, lambda: main_b.current_row().log is not None, "B's log saved")
        while cli.poll() is None:
            await a.pause(0.05)
        assert cli.returncode == 0
        # Each app shows the other's log (and the CLI's) within about 2 s.
        took = await wait_until([a, b], lambda: shown_status(app_b, first_a.session_id) == "done"
                                and shown_status(app_a, second_b.session_id) == "done")
        assert took < 2.5
        await wait_until([a, b], lambda: shown_status(app_a, "settle-splay") == "done"
                         and shown_status(app_b, "settle-splay") == "done")
    notes = logged_notes(Store.open(data))
    assert sorted(n for n in notes if n.startswith("cli-")) == sorted(f"cli-{i}" for i in range(loop_n))
    logs = Store.open(data).logs()
    assert {first_a.session_id, second_b.session_id} <= {d.session_id for d in logs}
    assert len(logs) == loop_n + 2


async def set_dose_in_editor(pilot, session_id: str, minutes: str) -> None:
    """e (unless the editor is open already), the session, o, the minutes, Enter; done once the
    change is saved (its notice shown) and the editor is back on top."""
    if type(pilot.app.screen).__name__ != "EditorScreen":
        await main_screen(pilot)
        await pilot.press("e")
    editor = await on_top(pilot, "EditorScreen")
    table = editor.query_one(DataTable)
    await until(pilot, lambda: table.row_count > 0, "the editor's rows")
    table.move_cursor(row=table.get_row_index(session_id))
    await until(pilot, lambda: editor.selected_id() == session_id, f"{session_id} selected")
    await pilot.press("o")
    dialog = await on_top(pilot, DoseDialog)
    dialog.query_one("#dose-minutes", Input).value = minutes
    notices = len(pilot.app.notices)
    await pilot.press("enter")
    await until(pilot, lambda: len(pilot.app.notices) > notices, "the dose change confirmed")
    await on_top(pilot, "EditorScreen")


async def test_conflicting_dose_edits_resolve_predictably_and_say_so(tmp_path):
    data = tmp_path / "data"
    store_a = Store.open(data, fsync=False)
    start_plan(store_a)
    store_b = Store.open(data, fsync=False)
    # Polling is slowed right down, so both screens still show the old plan when they edit.
    app_a = make_app(make_service(data, TODAY, store=store_a), poll_interval=60)
    app_b = make_app(make_service(data, TODAY, store=store_b), poll_interval=60)
    capture_notices(app_a)
    capture_notices(app_b)
    async with app_a.run_test(size=(100, 30)) as a, app_b.run_test(size=(100, 30)) as b:
        await main_screen(a)
        await main_screen(b)
        # A changes the swim dose; B, whose screen has not caught up, edits the same dose.
        await set_dose_in_editor(a, "settle-swimming", "20")
        assert not any("another session" in n for n in app_a.notices)
        await set_dose_in_editor(b, "settle-swimming", "35")
        assert any("also been changed in another session" in n for n in app_b.notices)
        # B also removed nothing of A's: an edit to another session merges.
        await set_dose_in_editor(a, "settle-cycling", "30")
        assert any("also been changed in another session" in n for n in app_a.notices)
    plan = Store.open(data).get_plan()
    specs = {s["id"]: s for p in plan.template["phases"] for s in p["sessions"]}
    assert specs["settle-swimming"]["dose"] == {"minutes": 35}  # the later edit wins
    assert specs["settle-cycling"]["dose"] == {"minutes": 30}  # and nothing else was lost
    # Undo takes back the newest edit only.
    store = Store.open(data)
    assert store.undo().startswith("dose of Cycling in Settle")  # undo labels name activities
    specs = {s["id"]: s for p in store.get_plan().template["phases"] for s in p["sessions"]}
    assert specs["settle-swimming"]["dose"] == {"minutes": 35}
    await asyncio.sleep(0)
