"""RehabApp: holds the service (tui/service: data, "today", templates) and the UI clock;
screens do the showing and reach data only through ``self.app.service``.

- Writes run in thread workers that only post DataChanged / SaveFailed; the
  handlers here refresh the visible screen (the others refresh when shown again).
- Another session's writes are noticed by polling the data's change stamp (not
  while a save of ours is under way: its own DataChanged refreshes once).
- The day moves at local midnight: a 1 s interval compares the service's date
  (``service.today()``) and posts DayChanged; ``now()`` gives the time of day.
- Keys go out one at a time (tui/app/keys.py), so a burst lands where it was typed.
- Below MIN_SIZE a "terminal too small" screen covers everything until the
  terminal grows again.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from ..core.errors import RehabError, StorageError
from ..core.safe_text import safe_line
from ..core.schedule import Plan
from .bindings import APP_ACTIONS, bindings_for
from .keys import KeyPump
from .messages import DataChanged, DayChanged, SaveFailed
from .settings import Settings, SettingsMixin

if TYPE_CHECKING:
    from ..core.sources import TemplateCatalog
    from ..service.reminders import ReminderSettings
    from ..service.service import RehabService
    from .reminders import ReminderWatch

MIN_SIZE = (70, 20)


def one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


class RehabApp(SettingsMixin, App[int]):
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    TITLE = "rehab-planner"
    BINDINGS = bindings_for(APP_ACTIONS)

    def __init__(self, service: RehabService, *, clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], dt.datetime] | None = None,
                 poll_interval: float = 1.0, reminders: ReminderSettings | None = None,
                 settings: Settings | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.init_settings(settings)
        self.reminder_settings = reminders  # None: no reminders (tests; run_app reads the config)
        self.reminders: ReminderWatch | None = None
        self.service = service
        self.clock = clock
        self._now = now
        self.poll_interval = poll_interval
        self.plan: Plan | None = None
        self.plan_revision = 0
        self._stamp: Any = None
        self._start_error: str | None = None
        self._saving = 0  # saves under way: the poll waits for their own DataChanged
        self._day: dt.date | None = None
        self._stale: set[int] = set()  # ids of screens to refresh when shown again
        self._keys = KeyPump(self, partial(App.on_event, self))

    @property
    def today(self) -> dt.date:
        return self.service.today()

    def now(self) -> dt.datetime:
        """The date and time of day (the injected ``now``, else today's date at the wall-clock time)."""
        if self._now is not None:
            return self._now()
        return dt.datetime.combine(self.today, dt.datetime.now().time())

    def seconds_since_key(self) -> float | None:
        """How long since the user last pressed a key (None: not yet); reminders wait for a pause."""
        if self._keys.waiting or self._keys.busy:
            return 0.0
        return self._keys.seconds_since_key()

    async def on_event(self, event: events.Event) -> None:
        # Keys from the terminal go out one at a time (tui/app/keys.py): a burst lands
        # in the fields it was typed for.
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._keys.accept(event)
            return
        await super().on_event(event)

    # --- start-up ------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """With a plan, the main screen is the first screen (built straight away, no blank
        screen first). Otherwise a plain base screen; on_mount covers it with the chooser
        or with a message when the data file cannot be used."""
        try:
            self._stamp = self.service.stamp()
            self.reload_plan()
        except StorageError as err:
            self._start_error = one_line(err)
            return Screen()
        if self.plan is None:
            return Screen()
        from .screens.main import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        self.apply_settings()
        if self._start_error is not None:
            from .screens.message import MessageScreen

            self.push_screen(MessageScreen("The data file cannot be used", self._start_error, exit_code=1))
            return
        if self.plan is None:
            from .screens.chooser import ChooserScreen

            self.push_screen(ChooserScreen(first_run=True))
        self.set_interval(self.poll_interval, self.poll_store)
        self._day = self.today
        self.set_interval(1.0, self.check_day)
        self.screen_change_signal.subscribe(self, self._screen_shown)
        self.check_size()
        from .reminders import start_reminders

        self.reminders = start_reminders(self, self.reminder_settings)

    def show_main(self) -> None:
        from .screens.main import MainScreen

        if any(isinstance(screen, MainScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, MainScreen):
                self.pop_screen()
        else:
            self.switch_screen(MainScreen())  # the first-run chooser makes way

    def reload_plan(self) -> Plan | None:
        self.plan = self.service.plan()
        # The revision this session's screens show: plan edits pass it to
        # service.edit_plan, which says when another session changed the plan since.
        self.plan_revision = self.service.plan_revision()
        return self.plan

    # --- writing --------------------------------------------------------------
    def save(self, work: Callable[[RehabService], Any], note: str, after: Callable[[], Any] | None = None) -> None:
        """Run work(service) in a thread; a str result replaces note in the confirmation.
        after() runs in the UI once the screens have refreshed."""
        self._saving += 1
        self.run_worker(partial(self._save, work, note, after), thread=True, group="save",
                        exit_on_error=False, description=note)

    def _save(self, work: Callable[[RehabService], Any], note: str, after: Callable[[], Any] | None) -> None:
        try:
            result = work(self.service)
        except RehabError as err:
            self.post_message(SaveFailed(one_line(err)))
        except OSError as err:
            self.post_message(SaveFailed(f"could not save: {err.strerror or err}"))
        else:
            self.post_message(DataChanged(result if isinstance(result, str) else note, after=after))

    def on_data_changed(self, message: DataChanged) -> None:
        if not message.external:
            self._saving = max(0, self._saving - 1)
        try:
            self._stamp = self.service.stamp()
            self.reload_plan()
        except StorageError as err:
            self.show_error(one_line(err))
            return
        self.refresh_screens()
        if message.note:
            self.notify(message.note, markup=False, timeout=3)
        if message.after is not None:
            message.after()

    def on_save_failed(self, message: SaveFailed) -> None:
        self._saving = max(0, self._saving - 1)
        self.show_error(message.error)

    def refresh_screens(self) -> None:
        """Refresh the visible screen now; the others when they are shown again."""
        for screen in self.screen_stack:
            if screen is not self.screen and hasattr(screen, "refresh_from_store"):
                self._stale.add(id(screen))
        self._stale.discard(id(self.screen))
        refresh = getattr(self.screen, "refresh_from_store", None)
        if refresh is not None:
            refresh()

    def _screen_shown(self, screen: Screen[Any]) -> None:
        if id(screen) in self._stale:
            self._stale.discard(id(screen))
            refresh = getattr(screen, "refresh_from_store", None)
            if refresh is not None:
                refresh()

    # --- the day ------------------------------------------------------------------
    def check_day(self) -> None:
        """Every second: has the date moved (midnight, or the machine woke up)?"""
        today = self.today
        if self._day is not None and today != self._day:
            old, self._day = self._day, today
            self.post_message(DayChanged(old, today))

    def on_day_changed(self, message: DayChanged) -> None:
        for screen in self.screen_stack:
            moved = getattr(screen, "day_changed", None)
            if moved is not None:
                moved(message.old, message.new)
        self.refresh_screens()

    def show_error(self, text: str) -> None:
        self.notify(text, title="Not saved" if "save" in text else "Problem", severity="error",
                    markup=False, timeout=8)

    def start_plan(self, template: dict[str, Any], start: dt.date) -> None:
        """Make template the active plan from start, then show the main screen."""
        name = safe_line(template["name"])
        self.save(lambda service: service.start_plan(template, start) and None,
                  f"Started {name} on {start:%a %d %b %Y}", after=self.show_main)

    def load_templates(self) -> TemplateCatalog:
        """The template catalog (reads and validates files: call it from a worker)."""
        return self.service.templates()

    def undo(self) -> None:
        def work(service: RehabService) -> str:
            label = service.undo()
            return f"Undid: {label}" if label else "Nothing to undo"

        self.save(work, "Undone")

    # --- other sessions ---------------------------------------------------------
    def poll_store(self) -> None:
        try:
            stamp = self.service.stamp()
        except OSError:
            return
        if self._saving:
            return  # our own write: its DataChanged follows
        if stamp != self._stamp:
            self._stamp = stamp
            self.post_message(DataChanged(external=True))

    # --- terminal size -------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.check_size)

    def check_size(self) -> None:
        width, height = self.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        covered = getattr(self.screen, "covers_small_terminal", False)
        if not small and not covered:
            return
        from .screens.message import TooSmallScreen

        if small and not covered:
            self.push_screen(TooSmallScreen(MIN_SIZE))
        elif small and covered and isinstance(self.screen, TooSmallScreen):
            self.screen.refresh_size()
        elif not small and covered:
            self.pop_screen()

    # --- command palette -----------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from self.screen_commands(screen)
        yield from super().get_system_commands(screen)
