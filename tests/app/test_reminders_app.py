"""Reminders in the app under a fake clock: the notice, done and snooze from it, the catch-up
list on start and after a clock jump, the terminal notification, and when nothing is shown."""

from __future__ import annotations

import datetime as dt

from app_helpers import TODAY, burst, on_top, settle, until

from tui.app import reminders as reminders_module
from tui.app.reminders import TICK_SECONDS
from tui.app.screens.catchup import CatchUpScreen, NoticeScreen
from tui.app.screens.log_dialog import LogDialog
from tui.app.screens.main import MainScreen
from tui.core.records import LogEntry
from tui.core.reminders import handled_counts, pending, sittings_of
from tui.service.reminders import ReminderSettings

SETTINGS = ReminderSettings("notice", dt.time(7, 0), dt.time(22, 30))


class FakeNow:
    """The app's wall clock, moved by hand."""

    def __init__(self, hhmm: str) -> None:
        self.at = at(hhmm)

    def __call__(self) -> dt.datetime:
        return self.at

    def to(self, hhmm: str) -> None:
        self.at = at(hhmm)


def at(hhmm: str, day: dt.date = TODAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm))


def log_before(store, moment: dt.datetime) -> None:
    """A done log for every sitting of today whose time is before ``moment``."""
    sessions = store.get_plan().sessions_on(TODAY)
    sittings = sittings_of(sessions, SETTINGS.hours())
    for s in pending(sittings, handled_counts(sessions, store.logs(TODAY, TODAY))):
        if s.at < moment:
            store.add_log(LogEntry(date=TODAY, activity=s.activity_id, session_id=s.session_id, status="done"))


def build(make, store, clock: FakeNow, settings: ReminderSettings = SETTINGS):
    app = make(store, reminders=settings)
    app.now = clock
    return app


async def tick(pilot) -> None:
    pilot.app.reminders.tick()
    await settle(pilot)


async def started(pilot) -> None:
    """The app's first look (the catch-up of today so far) done, shown or not, before the test
    moves the clock: a look still pending would see the moved clock."""
    await until(pilot, lambda: pilot.app.reminders.catch_up_since is None, "the look at start")
    await settle(pilot)


async def select_ice(pilot, screen) -> None:
    """Down until an ice pack sitting is highlighted, one key at a time (each seen to land)."""
    options = screen.query_one("OptionList")
    while screen.selected().activity_id != "ice-pack":
        before = options.highlighted
        await pilot.press("down")
        await until(pilot, lambda before=before: options.highlighted != before, "the next row highlighted")


def ice_logs(store) -> list[LogEntry]:
    return [log for log in store.logs(TODAY, TODAY) if log.activity == "ice-pack"]


def rows(screen) -> list[str]:
    options = screen.query_one("OptionList")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_notice_names_the_sitting_when_its_time_comes(make, timed_store):
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        assert isinstance(app.screen, MainScreen)  # nothing missed, nothing due yet
        clock.to("12:29")
        await tick(pilot)
        assert isinstance(app.screen, MainScreen)
        clock.to("12:31")
        await tick(pilot)
        assert isinstance(app.screen, NoticeScreen)
        assert rows(app.screen) == ["Ice pack 2/3 is due (12:30)"]
        clock.to("12:33")
        await tick(pilot)  # announced once, not again
        assert isinstance(app.screen, NoticeScreen) and len(app.screen.sittings) == 1
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
        await tick(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_done_from_the_notice_logs_that_sitting(make, timed_store):
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        before = len(ice_logs(timed_store))
        clock.to("12:31")
        await tick(pilot)
        await on_top(pilot, NoticeScreen)
        await pilot.press("d")
        await until(pilot, lambda: any("Logged Ice pack 2/3 (12:30) as done" in n for n in app.notices), "logged")
        await on_top(pilot, MainScreen)
        logs = ice_logs(timed_store)
        assert len(logs) == before + 1
        assert (logs[-1].status, logs[-1].session_id, logs[-1].date) == ("done", "settle-ice", TODAY)
        clock.to("12:35")
        await tick(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_snooze_hides_the_sitting_until_its_time_and_then_it_is_due_again(make, timed_store):
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        clock.to("12:31")
        await tick(pilot)
        await on_top(pilot, NoticeScreen)
        await pilot.press("1")  # 10 minutes
        await until(pilot, lambda: any("snoozed until 12:41" in n for n in app.notices), "snoozed")
        await on_top(pilot, MainScreen)
        for hhmm in ("12:35", "12:39"):
            clock.to(hhmm)
            await tick(pilot)
            assert isinstance(app.screen, MainScreen), hhmm
        clock.to("12:42")
        await tick(pilot)
        assert isinstance(app.screen, NoticeScreen)
        assert rows(app.screen) == ["Ice pack 2/3 is due (12:30)"]
        await pilot.press("6")
        await until(pilot, lambda: app.reminders.snoozes[-1][1] == at("13:42"), "snoozed for an hour")
        assert len(ice_logs(timed_store)) == 1  # snoozing logs nothing


async def test_on_start_the_catch_up_lists_what_was_missed_today(make, timed_store):
    clock = FakeNow("12:45")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        screen = await on_top(pilot, CatchUpScreen)
        listed = rows(screen)
        assert "07:30  Ice pack 1/3" in listed and "12:30  Ice pack 2/3" in listed
        assert all("19:30" not in row for row in listed)
        assert str(screen.query_one("#catchup-title").visual).startswith("Missed since 00:00:")
        await select_ice(pilot, screen)
        await pilot.press("s")  # Ice pack 1/3 skipped
        await until(pilot, lambda: "07:30  Ice pack 1/3" not in rows(screen), "the skipped sitting gone")
        assert [log.status for log in ice_logs(timed_store)] == ["skipped"]
        await select_ice(pilot, screen)
        await pilot.press("enter")  # Ice pack 2/3 done
        await until(pilot, lambda: [log.status for log in ice_logs(timed_store)] == ["skipped", "done"], "done")
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
        await tick(pilot)  # what the catch-up listed is not announced again
        assert isinstance(app.screen, MainScreen)


async def test_keys_typed_at_start_go_to_the_main_screen_and_the_catch_up_waits(make, timed_store, monkeypatch):
    monkeypatch.setattr(reminders_module, "QUIET_SECONDS", 0.4)
    clock = FakeNow("12:45")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, ["down", "enter"])  # typed ahead: the second session's log dialog
        await on_top(pilot, LogDialog)
        assert timed_store.logs(TODAY, TODAY) == []  # nothing logged from a list never seen
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CatchUpScreen), "the catch-up once the typing pauses")
        await settle(pilot)  # mounted and listed before the test ends and the app closes
        assert rows(app.screen)
        assert timed_store.logs(TODAY, TODAY) == []


async def test_a_catch_up_held_back_by_a_dialog_comes_when_the_dialog_closes(make, timed_store, monkeypatch):
    # No interval tick in this test: the dialog closing is what brings the catch-up.
    monkeypatch.setattr(reminders_module, "QUIET_SECONDS", 0.2)
    monkeypatch.setattr(reminders_module, "TICK_SECONDS", 3600.0)
    clock = FakeNow("12:45")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, ["down", "enter"])
        await until(pilot, lambda: isinstance(app.screen, LogDialog), "the log dialog typed ahead")
        watch = app.reminders
        await pilot.pause(0.4)  # the typing pauses with the dialog still open
        await tick(pilot)  # the look finds the dialog on top: the catch-up is held back
        assert isinstance(app.screen, LogDialog)
        assert watch.catch_up_since is not None  # still to show
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CatchUpScreen), "the catch-up after the dialog closed")
        await settle(pilot)
        assert rows(app.screen)


async def test_a_clock_jump_brings_the_catch_up_for_the_gap(make, timed_store):
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await tick(pilot)
        clock.to("20:00")  # the laptop slept through the afternoon
        await tick(pilot)
        screen = await on_top(pilot, CatchUpScreen)
        listed = rows(screen)
        assert "12:30  Ice pack 2/3" in listed and "19:30  Ice pack 3/3" in listed
        assert all(row[:5] > "12:27" for row in listed)
        assert str(screen.query_one("#catchup-title").visual).startswith("Missed since 12:27:")
        logged = len(timed_store.logs(TODAY, TODAY))
        for n, _ in enumerate(listed, 1):
            await pilot.press("d")
            await until(pilot, lambda n=n: len(timed_store.logs(TODAY, TODAY)) == logged + n, f"sitting {n} logged")
        await on_top(pilot, MainScreen)  # the list closed itself when empty
        assert len(ice_logs(timed_store)) == 3


async def test_a_notice_waits_while_a_dialog_is_open(make, timed_store):
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.press("enter")
        await on_top(pilot, LogDialog)
        clock.to("12:31")
        await tick(pilot)
        assert isinstance(app.screen, LogDialog)  # keys typed there never reach a notice
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
        await tick(pilot)
        await on_top(pilot, NoticeScreen)


async def test_terminal_notification_wrapped_for_tmux(make, timed_store, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    monkeypatch.setenv("REHAB_NOTIFY", "osc777")
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")
    app = build(make, timed_store, clock, ReminderSettings("terminal", dt.time(7, 0), dt.time(22, 30)))
    written: list[bytes] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app.reminders.writer = written.append
        clock.to("12:31")
        await tick(pilot)
        assert isinstance(app.screen, NoticeScreen)
        assert written == [b"\x1bPtmux;\x1b\x1b]777;notify;rehab: Ice pack 2/3 is due (12:30);"
                           b"d done, 1/3/6 snooze in the app\x07\x1b\\"]


async def test_notice_mode_sends_no_terminal_notification(make, timed_store):
    log_before(timed_store, at("12:27"))
    clock = FakeNow("12:27")
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        written: list[bytes] = []
        app.reminders.writer = written.append
        clock.to("12:31")
        await tick(pilot)
        assert isinstance(app.screen, NoticeScreen) and written == [] and app.reminders.sent == []


async def test_reminders_off_means_no_watch_and_no_catch_up(make, timed_store):
    app = build(make, timed_store, FakeNow("12:45"), ReminderSettings("off"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.reminders is None and isinstance(app.screen, MainScreen)


async def test_without_settings_the_app_has_no_reminders(make, timed_store):
    async with make(timed_store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert pilot.app.reminders is None


def test_the_tick_is_well_under_the_catch_up_gap():
    from tui.app.reminders import JUMP

    assert dt.timedelta(seconds=TICK_SECONDS) * 3 < JUMP
