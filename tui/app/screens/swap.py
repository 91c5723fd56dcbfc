"""Swap a day's walk-run or brisk walk for cycling or swimming (`w`), as `rehab swap` does.

A swap is not a plan edit: it logs the substitute against the impact session
(tui/core/substitution.py), so that session counts as done and the plan stays
as it is. Undo with `u`. After a check-in, a suggested swap is announced.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ...core.errors import RehabError
from ...core.substitution import Suggestion
from ..typed import RehabModal

if TYPE_CHECKING:
    from ...core.records import CheckIn
    from ...service.service import RehabService
    from .main import MainScreen


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


class SwapDialog(RehabModal[str | None]):
    """Returns "cycling", "swimming" or None."""

    BINDINGS = [
        Binding("c", "pick('cycling')", "Cycling", id="rehab.swap.cycling",
                tooltip="Swap the day's walk-run / brisk walk for cycling"),
        Binding("s", "pick('swimming')", "Swimming", id="rehab.swap.swimming",
                tooltip="Swap the day's walk-run / brisk walk for swimming"),
        Binding("escape", "pick('')", "Cancel", id="rehab.swap.cancel", tooltip="Close without swapping"),
    ]

    def __init__(self, day: dt.date, suggestions: tuple[Suggestion, ...], triggered: bool) -> None:
        super().__init__()
        self.day = day
        self.suggestions = suggestions
        self.triggered = triggered

    def compose(self) -> ComposeResult:
        parts: list[str | tuple[str, str]] = []
        if self.triggered:
            for s in self.suggestions:
                parts += [s.text(), "\n"]
        else:
            names = ", ".join(s.name for s in self.suggestions)
            parts += [f"No swap is suggested today, but you can still do cycling or swimming in place of {names}.\n"]
        parts += [("\nThe substitute is logged as done in place of the session; the plan itself stays as it is "
                   "(u undoes).", "dim")]
        with Vertical(id="swap", classes="dialog"):
            yield Static(f"Swap {self.app.glyphs.sep} {_day(self.day)}", classes="dialog-title", markup=False)
            yield Static(Content.assemble(*parts), id="swap-text", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cycling (c)", id="cycling", variant="primary", compact=True)
                yield Button("Swimming (s)", id="swimming", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False

    def action_pick(self, choice: str) -> None:
        if self.app.screen is self:  # never pop a screen on top (is_current is also true under a modal)
            self.dismiss(choice or None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_pick("" if event.button.id == "cancel" else event.button.id or "")


def open_swap(screen: MainScreen, day: dt.date) -> None:
    """The main screen's `w`: offer the swap for ``day`` and log the choice."""
    app = screen.app
    if app.plan is None:
        app.notify("No plan yet.", severity="warning")
        return
    try:
        choices = app.service.swap_choices(day, app.plan)
    except RehabError as err:
        app.notify(str(err).splitlines()[0], severity="error", markup=False)
        return
    if not choices.suggestions:
        app.notify(f"No walk-run or brisk walk left to swap on {_day(day)}.", markup=False)
        return

    def chosen(activity: str | None) -> None:
        if not activity:
            return
        names = ", ".join(s.name for s in choices.suggestions)

        def work(service: RehabService) -> str:
            service.swap(choices, activity)
            return f"Logged {activity} in place of {names} on {_day(day)} (u to undo)"

        app.save(work, f"Logged {activity}")

    app.push_screen(SwapDialog(day, choices.suggestions, choices.triggered), chosen)


def announce_after_checkin(screen: MainScreen, checkin: CheckIn) -> None:
    """After a check-in: say so when a swap is now suggested for its day, and when it recorded
    a warning sign that makes a red flag (the main screen's banner shows it too)."""
    app = screen.app
    if app.plan is None:
        return
    try:
        choices = app.service.swap_choices(checkin.date, app.plan)
        flags = screen.progress.flags if screen.progress is not None else ()
        worrying = checkin.numbness or bool(app.service.checkin_notices(checkin))  # the rules' thresholds
    except RehabError:
        return
    if choices.triggered and choices.suggestions:
        app.notify(f"{choices.suggestions[0].text()} Press w to log the swap.", title="Swap suggested",
                   markup=False, timeout=10)
    if flags and worrying:
        more = f" ({len(flags) - 1} more on the banner)" if len(flags) > 1 else ""
        app.notify(flags[0] + more, title="Please see a clinician", severity="warning", markup=False, timeout=12)
