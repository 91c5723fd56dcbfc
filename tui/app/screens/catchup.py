"""The reminder notice (a small panel at the bottom right) and the catch-up list.

Both list sittings (tui.core.reminders.Sitting) with a cursor; the keys act on
the selected one and take it off the list; the screen closes itself when the
list is empty (only while it is the screen on top). What a key does goes
through the app's ReminderWatch (``self.reminders``) (tui/app/reminders.py): logs are saved by the
service in a worker, snoozes are kept by the watch.

- Notice: d done, 1/3/6 snooze 10/30/60 minutes, Esc later (not shown again).
- Catch-up: d or l (or Enter) log done, s skip, Esc later (nothing logged).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.safe_text import safe_line
from ..bindings import CATCHUP_ACTIONS, NOTICE_ACTIONS, bindings_of
from ..typed import RehabModal

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ...core.reminders import Sitting
    from ..reminders import ReminderWatch


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def due_text(sitting: Sitting) -> str:
    """'Ice pack 2/3 is due (12:30)'."""
    return f"{safe_line(sitting.label)} is due ({sitting.time:%H:%M})"


def missed_text(sitting: Sitting, today: dt.date) -> str:
    """'12:30 Ice pack 2/3' (with the day when it is not today)."""
    when = f"{sitting.time:%H:%M}" if sitting.date == today else f"{_day(sitting.date)} {sitting.time:%H:%M}"
    return f"{when}  {safe_line(sitting.label)}"


class SittingsScreen(RehabModal[None]):
    """A list of sittings; subclasses say how a row reads and what the keys do."""

    DIALOG_ID = ""
    KEYS_HINT = ""

    def __init__(self, watch: ReminderWatch, sittings: Iterable[Sitting]) -> None:
        super().__init__()
        self.reminders = watch
        self.sittings: list[Sitting] = []
        self._initial = list(sittings)

    def compose(self) -> ComposeResult:
        with Vertical(id=self.DIALOG_ID, classes="dialog reminder-dialog"):
            yield Static("", id=f"{self.DIALOG_ID}-title", classes="dialog-title", markup=False)
            yield OptionList(id=f"{self.DIALOG_ID}-list", classes="reminder-list")
            hint = Content.styled(self.app.glyphs.text(self.KEYS_HINT), "dim")
            yield Static(hint, classes="reminder-keys", markup=False)

    def on_mount(self) -> None:
        if not self.query(OptionList):  # the app closed while this screen was being put up
            return
        self.add(self._initial)
        self.query_one(OptionList).focus()

    def row_text(self, sitting: Sitting) -> str:
        raise NotImplementedError

    def title_text(self) -> str:
        raise NotImplementedError

    def add(self, sittings: Iterable[Sitting]) -> None:
        """Put more sittings on the list (the ones already on it are kept once)."""
        keys = {s.key for s in self.sittings}
        new = [s for s in sittings if s.key not in keys]
        if not new:
            return
        self.sittings.extend(new)
        self.sittings.sort(key=lambda s: (s.date, s.time, s.index))
        self._redraw()

    def _redraw(self, highlight: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Content(self.row_text(s))) for s in self.sittings])
        if self.sittings:
            options.highlighted = min(highlight, len(self.sittings) - 1)
        self.query_one(f"#{self.DIALOG_ID}-title", Static).update(self.title_text())

    def selected(self) -> Sitting | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.sittings):
            return None
        return self.sittings[index]

    def take(self, sitting: Sitting) -> None:
        """Take a handled sitting off the list; close when none is left."""
        index = self.sittings.index(sitting)
        self.sittings.remove(sitting)
        if self.sittings:
            self._redraw(index)
        else:
            self.close()

    def close(self) -> None:
        if self.app.screen is self:  # never pop a screen on top (is_current is also true under a modal)
            self.dismiss(None)

    def action_later(self) -> None:
        self.close()


class NoticeScreen(SittingsScreen):
    """'Ice pack 2/3 is due (12:30)': done or snooze from the notice."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings_of(NOTICE_ACTIONS)]
    DIALOG_ID = "notice"
    KEYS_HINT = "d done · 1/3/6 snooze 10/30/60 min · Esc later"

    def row_text(self, sitting: Sitting) -> str:
        return due_text(sitting)

    def title_text(self) -> str:
        count = len(self.sittings)
        return "Reminder" if count == 1 else f"Reminder: {count} sittings due"

    def action_done(self) -> None:
        sitting = self.selected()
        if sitting is not None:
            self.reminders.log(sitting, "done")
            self.take(sitting)

    def action_snooze(self, minutes: int) -> None:
        sitting = self.selected()
        if sitting is not None:
            self.reminders.snooze(sitting, minutes)
            self.take(sitting)


class CatchUpScreen(SittingsScreen):
    """The sittings missed since the app last looked: log each as done or skipped."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings_of(CATCHUP_ACTIONS)]
    DIALOG_ID = "catchup"
    KEYS_HINT = "d/Enter log done · s skip · Esc later (nothing logged)"

    def __init__(self, watch: ReminderWatch, sittings: Iterable[Sitting], since: dt.datetime) -> None:
        super().__init__(watch, sittings)
        self.since = since
        self.today = watch.now().date()

    def row_text(self, sitting: Sitting) -> str:
        return missed_text(sitting, self.today)

    def title_text(self) -> str:
        since = f"{self.since:%H:%M}" if self.since.date() == self.today else f"{_day(self.since.date())}"
        count = len(self.sittings)
        return f"Missed since {since}: {count} sitting{'' if count == 1 else 's'} not logged"

    def _log(self, status: str) -> None:
        sitting = self.selected()
        if sitting is not None:
            self.reminders.log(sitting, status)
            self.take(sitting)

    def action_done(self) -> None:
        self._log("done")

    def action_skip(self) -> None:
        self._log("skipped")

    @on(OptionList.OptionSelected)
    def _enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._log("done")
