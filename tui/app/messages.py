"""Small typed messages the app's workers and widgets post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ..core.sources import TemplateCatalog


class DataChanged(Message):
    """The data file changed: a save of ours (note says what) or another session's write."""

    def __init__(self, note: str | None = None, external: bool = False,
                 after: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.note = note
        self.external = external
        self.after = after  # called after the screens refreshed (e.g. open the main screen)


class DayChanged(Message):
    """The date moved (local midnight passed, or the machine woke up on a later day)."""

    def __init__(self, old: dt.date, new: dt.date) -> None:
        super().__init__()
        self.old = old
        self.new = new


class SaveFailed(Message):
    """A write was refused or failed; error is one line for the user."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class CellClicked(Message):
    """A click picked a day (and maybe a session row) in the week or day pane."""

    def __init__(self, day: dt.date, index: int | None) -> None:
        super().__init__()
        self.day = day
        self.index = index


class TemplatesLoaded(Message):
    """The template catalog (built-in, shared, user) was read by a worker."""

    def __init__(self, catalog: TemplateCatalog) -> None:
        super().__init__()
        self.catalog = catalog
