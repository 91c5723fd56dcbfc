"""ReminderWatch: the app's reminders. Every tick it asks the service what is due
(tui/service/reminders.check) and shows a notice for each sitting whose time has
come since; on start, and after a clock jump (the machine asleep, the app
stopped) it shows the catch-up list of what was missed meanwhile.

- The clock is ``app.now`` when the app has one (a callable giving a datetime),
  else the app's "today" at the wall-clock time: tests hand in a fake one.
- The check runs in a thread worker that reads the store and hands the result
  to the UI with ``call_from_thread``; only the UI thread touches screens.
- A notice or a catch-up opens only over the main screen (never over a dialog
  being typed into): otherwise it waits for the next tick. Nor does it open
  while the user is typing: only after QUIET_SECONDS with no key (counted from
  the start too), so keys typed ahead land where they were typed, not in a list
  that popped up under them.
- Snoozes live in memory (SNOOZE_CHOICES minutes); a sitting announced once is
  not announced again unless it was snoozed.
- ``[reminders] notify = "terminal"``: each notice also sends a terminal
  notification (tui.core.notify_seq: OSC 777 / OSC 9, wrapped for tmux when
  $TMUX is set, the bell otherwise). Textual has no public call that writes
  raw bytes through its driver (``App.bell`` is the only one, for BEL), so the
  bytes go straight to the terminal Textual draws on (its stream, stderr)
  inside ``App.batch_update()`` (no frame is queued meanwhile), before the
  notice paints. ``App.suspend()`` was tried first: tmux repaints the pane on
  leaving the alternate screen and drops a passthrough that arrives during that
  repaint (the tmux test failed half the time). No terminal: ``App.bell``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.errors import RehabError
from ..core.notify_seq import notification_for
from ..core.reminders import Sitting
from ..core.reminders import snooze as snooze_pair
from ..service.reminders import ReminderCheck, ReminderSettings, check, load_settings, log_sitting
from .screens.catchup import CatchUpScreen, NoticeScreen, due_text

if TYPE_CHECKING:
    from textual.app import App

TICK_SECONDS = 20.0
JUMP = dt.timedelta(minutes=5)  # a gap between ticks longer than this: catch up on what was missed
QUIET_SECONDS = 1.5  # a notice or the catch-up waits for this long a pause in the typing

Writer = Callable[[bytes], None]


def settings_from_config() -> ReminderSettings:
    """The settings the real app runs with (tui.config; the defaults on a bad file)."""
    return load_settings()[0]


class ReminderWatch:
    def __init__(self, app: App[Any], settings: ReminderSettings, *,
                 now: Callable[[], dt.datetime] | None = None, writer: Writer | None = None) -> None:
        self.app = app
        self.settings = settings
        self._now = now
        self.writer = writer
        self.snoozes: list[tuple[str, dt.datetime]] = []
        self.announced: set[str] = set()
        self.last_tick: dt.datetime | None = None
        self.catch_up_since: dt.datetime | None = None  # a catch-up still to show
        self.sent: list[bytes] = []  # terminal notifications written (the newest 20)
        self.started = time.monotonic()
        self._retry: Any = None  # the timer that looks again once the typing pauses

    # --- the clock --------------------------------------------------------------
    def now(self) -> dt.datetime:
        clock = self._now or getattr(self.app, "now", None)
        if callable(clock):
            moment = clock()
            if isinstance(moment, dt.datetime):
                return moment.replace(microsecond=0)
        today: dt.date = getattr(self.app, "today", None) or dt.date.today()
        return dt.datetime.combine(today, dt.datetime.now().time()).replace(microsecond=0)

    # --- ticking ------------------------------------------------------------------
    def start(self) -> None:
        """Catch up on today so far, then tick every TICK_SECONDS."""
        now = self.now()
        self.catch_up_since = dt.datetime.combine(now.date(), dt.time(0, 0))
        self.app.set_interval(TICK_SECONDS, self.tick, name="reminders")
        self.app.call_after_refresh(self.tick)

    def tick(self) -> None:
        """Look again: in a worker, whose result the UI shows (see ``show``)."""
        now = self.now()
        if self.last_tick is not None and now - self.last_tick > JUMP and self.catch_up_since is None:
            self.catch_up_since = self.last_tick
        self.last_tick = now
        since = self.catch_up_since
        snoozes = list(self.snoozes)
        service = getattr(self.app, "service", None)
        if service is None:
            return

        def work() -> None:
            try:
                result = check(service, now, self.settings, snoozes, since)
            except (RehabError, OSError):
                return  # the main screen reports data problems; try again next tick
            self.app.call_from_thread(self.show, result, since)

        self.app.run_worker(work, thread=True, group="reminders", exclusive=True, exit_on_error=False,
                            description="reminders")

    def main_resumed(self) -> None:
        """The main screen is on top again: a catch-up held back for a dialog is looked at now."""
        if self.catch_up_since is not None and self.last_tick is not None:
            self.tick()

    def _wait_for_quiet(self) -> bool:
        """True (and a look again scheduled) while the user typed in the last QUIET_SECONDS."""
        since_key = getattr(self.app, "seconds_since_key", lambda: None)()
        quiet = time.monotonic() - self.started
        if since_key is not None:
            quiet = min(quiet, since_key)
        if quiet >= QUIET_SECONDS:
            return False
        if self._retry is not None:
            self._retry.stop()
        self._retry = self.app.set_timer(QUIET_SECONDS - quiet + 0.05, self.tick, name="reminders-quiet")
        return True

    def _main_on_top(self) -> bool:
        from .screens.main import MainScreen

        return isinstance(self.app.screen, (MainScreen, NoticeScreen))

    def show(self, result: ReminderCheck, since: dt.datetime | None) -> None:
        """On the UI thread: the catch-up list first, else notices for newly due sittings."""
        self.snoozes = [(key, until) for key, until in self.snoozes if until > result.report.now]
        if self._wait_for_quiet():
            return
        if since is not None:
            if not self._main_on_top():
                return  # shown at a later tick
            self.catch_up_since = None
            missed = [s for s in result.missed if s.key not in self.announced]
            self.announced.update(s.key for s in result.report.due)
            self.announced.update(s.key for s in missed)
            if missed:
                self.app.push_screen(CatchUpScreen(self, missed, since))
            return
        fresh = [s for s in result.report.due if s.key not in self.announced]
        if not fresh or not self._main_on_top():
            return
        self.announced.update(s.key for s in fresh)
        if self.settings.terminal:
            # Before the notice paints: tmux drops a passthrough sequence that arrives while
            # it is still busy sending a big repaint to the terminal.
            self.notify_terminal(fresh)
        screen = self.app.screen
        if isinstance(screen, NoticeScreen):
            screen.add(fresh)
        else:
            self.app.push_screen(NoticeScreen(self, fresh))

    # --- what the keys do ---------------------------------------------------------
    def log(self, sitting: Sitting, status: str) -> None:
        save = getattr(self.app, "save", None)
        if save is None:
            return
        word = "done" if status == "done" else "skipped"
        save(lambda service: log_sitting(service, sitting, status) and None,
             f"Logged {sitting.label} ({sitting.time:%H:%M}) as {word}")

    def snooze(self, sitting: Sitting, minutes: int) -> None:
        key, until = snooze_pair(sitting, minutes, self.now())
        self.snoozes.append((key, until))
        self.announced.discard(key)  # announced again when the snooze ends
        self.app.notify(f"{sitting.label}: snoozed until {until:%H:%M}", markup=False, timeout=3)

    # --- terminal notifications ---------------------------------------------------------
    def notify_terminal(self, sittings: list[Sitting]) -> None:
        first = sittings[0]
        title = f"rehab: {due_text(first)}"
        more = len(sittings) - 1
        body = f"and {more} more; " if more else ""
        body += "d done, 1/3/6 snooze in the app"
        data = notification_for(title, body, os.environ)
        self.sent = [*self.sent[-19:], data]
        if self.writer is not None:
            self.writer(data)
        elif data == b"\x07":
            self.app.bell()
        else:
            self._write_to_terminal(data)

    def _write_to_terminal(self, data: bytes) -> None:
        stream = sys.__stderr__ or sys.__stdout__  # the stream Textual's driver draws on
        try:
            if stream is None or not os.isatty(stream.fileno()):
                raise OSError("no terminal")
            with self.app.batch_update():  # no frame is queued while it is written
                fd = stream.fileno()
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
        except (OSError, ValueError):
            self.app.bell()


def start_reminders(app: App[Any], settings: ReminderSettings | None) -> ReminderWatch | None:
    """The app's one call (on mount): None when reminders are off."""
    if settings is None or not settings.enabled:
        return None
    watch = ReminderWatch(app, settings)
    watch.start()
    return watch
