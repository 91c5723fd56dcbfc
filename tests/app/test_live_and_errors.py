"""Another session's writes show up; store errors are one line, never a traceback;
a too-small terminal gets a clear message."""

from __future__ import annotations

import os

from app_helpers import TODAY, main_screen, on_top, settle, until

from tui.app.app import MIN_SIZE
from tui.app.screens.main import MainScreen
from tui.app.screens.message import MessageScreen, TooSmallScreen
from tui.core.records import LogEntry
from tui.storage.store import Store


async def test_a_second_store_writing_shows_up(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        assert app.poll_interval <= 1.0  # seen within about two seconds
        row = main.current_row()
        assert row.status == "due"
        other = Store.open(planned_store.path.parent, fsync=False)  # e.g. `rehab log` in another terminal
        other.add_log(LogEntry(date=TODAY, activity=row.session.activity_id, session_id=row.session.session_id,
                               status="skipped"))
        app.poll_store()  # what the 1 s interval calls
        await until(pilot, lambda: main.current_row().status == "skipped", "the other session's log")
        other.set_plan(None, "drop plan")  # another session removed the plan
        app.poll_store()
        await until(pilot, lambda: main.week.day(TODAY).rows == (), "the plan gone")


async def test_refresh_runs_on_the_interval(planned_store, make):
    app = make(planned_store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        other = Store.open(planned_store.path.parent, fsync=False)
        row = main.current_row()
        other.add_log(LogEntry(date=TODAY, activity=row.session.activity_id,
                               session_id=row.session.session_id))
        # the interval fires on its own (nothing here polls): wait on it
        await until(pilot, lambda: main.current_row().status == "done", "the log seen on the interval")


async def test_a_corrupt_file_while_running_is_one_line(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        planned_store.path.write_text("{ not json")
        app.poll_store()
        await until(pilot, lambda: any("not valid JSON" in n for n in app.notices), "the damage named")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter", "enter")  # try to log: refused, the file is left alone
        await until(pilot, lambda: any(n.startswith(str(planned_store.path)) for n in app.notices),
                    "the log refused, naming the file")
    assert planned_store.path.read_text() == "{ not json"


async def test_a_corrupt_file_at_start_shows_a_message_screen(planned_store, make):
    app = make(planned_store)
    planned_store.path.write_text("{ not json")
    async with app.run_test(size=(100, 30)) as pilot:
        await on_top(pilot, MessageScreen)
        text = app.screen.query_one("#message-text").render().plain
        assert "not valid JSON" in text and str(planned_store.path) in text
        await pilot.press("q")
    assert app.return_code == 1


async def test_too_small_terminal_says_so_until_it_grows(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(50, 15)) as pilot:
        await on_top(pilot, TooSmallScreen)
        text = app.screen.query_one("#too-small").render().plain
        assert "Terminal too small" in text and f"{MIN_SIZE[0]}x{MIN_SIZE[1]}" in text and "50x15" in text
        await pilot.resize_terminal(100, 30)
        await on_top(pilot, MainScreen)
        await pilot.resize_terminal(MIN_SIZE[0] - 1, 30)
        await on_top(pilot, TooSmallScreen)
        await pilot.press("q")
    assert app.return_code == 0
    assert os.environ.get("HOME")  # tests never touch the real home (conftest)


async def test_a_full_disk_on_save_is_one_line_and_changes_nothing(planned_store, make, monkeypatch):
    import errno

    from tui.storage.datadir import DataDir

    def full(self, *args):
        raise OSError(errno.ENOSPC, "No space left on device")

    before = planned_store.path.read_bytes()
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        monkeypatch.setattr(DataDir, "write_part", full)
        await pilot.press("enter")
        await on_top(pilot, "LogDialog")
        await pilot.press("enter")
        await until(pilot, lambda: any("cannot save in" in n and "No space left on device" in n and "\n" not in n
                                       for n in app.notices), "the full disk in one line")
        assert app.is_running
    assert planned_store.path.read_bytes() == before
    assert planned_store.logs() == []


async def test_a_damaged_record_is_one_error_line_not_a_silent_skip(planned_store, make):
    """Issue 9: the app used to skip a damaged log silently; now it names the file and record."""
    import json

    planned_store.add_log(LogEntry(date=TODAY, activity="ice-pack"))
    manifest = json.loads(planned_store.path.read_text())
    path = planned_store.data_dir / manifest["parts"][TODAY.isoformat()[:7]]["file"]  # the month's file
    data = json.loads(path.read_text())
    data["logs"]["1"]["date"] = "someday"
    path.write_text(json.dumps(data))
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_top(pilot, MainScreen)  # its week cannot load
        expected = (f'{path}: logs record 1 is damaged: date "someday" is not a YYYY-MM-DD date '
                    "from 1900 to 2200")
        await until(pilot, lambda: expected in app.notices, "the damaged record named")
        assert str(app.screen.query_one("#error-line").render()) == expected


async def test_a_long_message_scrolls_to_its_end_at_80x24(planned_store, make):
    """A message longer than the terminal is never cut off: it scrolls, and its border says how."""
    long_text = " ".join(f"word{i}" for i in range(500)) + " THE-END"
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(MessageScreen("The data file cannot be used", long_text, exit_code=1))
        message = await on_top(pilot, MessageScreen)
        await until(pilot, lambda: message.query("#message-box") and message.query_one("#message-box").max_scroll_y > 0,
                    "the message laid out")
        box = message.query_one("#message-box")
        assert box.region.bottom <= 24 and box.region.right <= 80  # on the screen, all of it
        assert box.max_scroll_y > 0 and "scroll" in str(box.border_subtitle)
        assert "q quits" in str(box.border_subtitle)
        await pilot.press("end")
        await until(pilot, lambda: box.scroll_y == box.max_scroll_y, "scrolled to the end")
        assert "THE-END" in "\n".join(line.text for line in app.screen._compositor.render_strips())
        await pilot.press("q")
    assert app.return_code == 1
