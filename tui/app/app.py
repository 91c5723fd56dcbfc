"""RehabApp: holds the service (tui/service: data, "today", templates) and the UI clock;
screens do the showing and reach data only through ``self.app.service``.

- Writes run in thread workers that only post DataChanged / SaveFailed; the
  handlers here refresh the screens.
- Another session's writes are noticed by polling the data's change stamp.
- Below MIN_SIZE a "terminal too small" screen covers everything until the
  terminal grows again.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from ..core.errors import RehabError, StorageError
from ..core.safe_text import safe_line
from ..core.schedule import Plan
from .bindings import APP_ACTIONS, bindings_for
from .messages import DataChanged, SaveFailed
from .settings import Settings, SettingsMixin

if TYPE_CHECKING:
    from ..core.sources import TemplateCatalog
    from ..service.service import RehabService

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
                 poll_interval: float = 1.0, settings: Settings | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.init_settings(settings)
        self.service = service
        self.clock = clock
        self.poll_interval = poll_interval
        self.plan: Plan | None = None
        self.plan_revision = 0
        self._stamp: Any = None
        self.notices: list[str] = []  # the latest messages shown (tests and the help read them)
        self._start_error: str | None = None

    @property
    def today(self) -> dt.date:
        return self.service.today()

    # --- start-up ------------------------------------------------------------
    def get_default_screen(self) -> Screen:
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
        self.check_size()

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
        try:
            self._stamp = self.service.stamp()
            self.reload_plan()
        except StorageError as err:
            self.show_error(one_line(err))
            return
        for screen in list(self.screen_stack):
            refresh = getattr(screen, "refresh_from_store", None)
            if refresh is not None:
                refresh()
        if message.note:
            self.notify(message.note, markup=False, timeout=3)
        if message.after is not None:
            message.after()

    def on_save_failed(self, message: SaveFailed) -> None:
        self.show_error(message.error)

    def show_error(self, text: str) -> None:
        self.notify(text, title="Not saved" if "save" in text else "Problem", severity="error",
                    markup=False, timeout=8)

    def start_plan(self, template: dict, start: dt.date) -> None:
        """Make template the active plan from start, then show the main screen."""
        name = safe_line(template["name"])
        self.save(lambda service: service.start_plan(template, start) and None,
                  f"Started {name} on {start:%a %d %b %Y}", after=self.show_main)

    def load_templates(self) -> TemplateCatalog:
        """The template catalog (reads and validates files: call it from a worker)."""
        return self.service.templates()

    def notify(self, message: str, **kwargs: Any) -> None:
        self.notices = [*self.notices[-19:], str(message)]
        super().notify(message, **kwargs)

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
        elif small and covered:
            self.screen.refresh_size()
        elif not small and covered:
            self.pop_screen()

    # --- command palette -----------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from self.screen_commands(screen)
        yield from super().get_system_commands(screen)
