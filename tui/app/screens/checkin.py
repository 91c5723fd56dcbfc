"""The daily check-in: morning pain (0-10), walking pain, numbness/tingling, swelling, night pain,
a callus, the footwear worn (completed from the user's own list; a new pair joins it), note.

Returns a validated CheckIn (one per date; a new one replaces the day's), or None.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from ...core.errors import RehabError
from ...core.records import CheckIn, check_pain, check_pain_field
from ...service.service import footwear_name
from ..widgets.choice import Choice
from .form import FormDialog

YES_NO = [("no", "no"), ("yes", "yes")]


class CheckInDialog(FormDialog[CheckIn]):
    BINDINGS = [
        Binding("enter", "save", "Save", priority=True, id="rehab.checkin.save"),
        Binding("escape", "cancel", "Cancel", id="rehab.checkin.cancel"),
    ]

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.day = day

    def _existing(self) -> CheckIn | None:
        try:
            return self.app.service.checkin_on(self.day)
        except RehabError:
            return None

    def _footwear(self) -> tuple[list[str], str]:
        """The user's list, and what to start with: today's answer, else the last pair worn."""
        try:
            return self.app.service.footwear(), self.app.service.last_footwear(self.day)
        except RehabError:
            return [], ""

    def compose(self) -> ComposeResult:
        old = self._existing()
        shoes, last_worn = self._footwear()

        def flag(value: bool | None) -> str:
            return "yes" if value else "no"

        with Vertical(id="dialog", classes="dialog"):
            yield Static(f"Check-in {self.app.glyphs.sep} {self.day:%a %d %b %Y}", classes="dialog-title",
                         markup=False)
            if old is not None:
                yield Static("Replaces today's earlier check-in.", classes="dim")
            with Horizontal(classes="field"):
                yield Label("Morning pain", classes="field-label")
                yield Input("" if old is None else str(old.morning_pain), placeholder="0-10, first steps of the day",
                            id="morning", compact=True)
            with Horizontal(classes="field"):
                yield Label("Walking pain", classes="field-label")
                walking = "" if old is None or old.walking_pain is None else str(old.walking_pain)
                yield Input(walking, placeholder="0-10 (optional)", id="walking", compact=True)
            with Horizontal(classes="field"):
                yield Label("Numb/tingle", classes="field-label")
                yield Choice(YES_NO, flag(old and old.numbness), id="numbness")
            with Horizontal(classes="field"):
                yield Label("Swelling", classes="field-label")
                yield Choice(YES_NO, flag(old and old.swelling), id="swelling")
            with Horizontal(classes="field"):
                yield Label("Night pain", classes="field-label")
                yield Choice(YES_NO, flag(old and old.night_pain), id="night")
            with Horizontal(classes="field"):
                yield Label("Callus", classes="field-label")
                yield Choice(YES_NO, flag(old and old.callus), id="callus")
            with Horizontal(classes="field"):
                yield Label("Footwear", classes="field-label")
                worn = (old.footwear or "") if old is not None else last_worn
                hint = ("yours: " + ", ".join(shoes)) if shoes else "shoes and insoles worn today (optional)"
                yield Input(worn, placeholder=hint[:60], id="footwear", compact=True,
                            suggester=SuggestFromList(shoes, case_sensitive=False) if shoes else None)
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield Input(old.note if old else "", placeholder="optional", id="note", compact=True)
            yield self.error_line()
            yield from self.buttons("Save")

    def focus_first(self):
        return self.query_one("#morning", Input)

    def checkin(self) -> CheckIn:
        morning = self.query_one("#morning", Input).value
        if not morning.strip():
            raise RehabError("morning pain is needed (0 = none, 10 = worst)")
        return CheckIn(
            date=self.day,
            morning_pain=check_pain(morning, "morning pain"),
            walking_pain=check_pain_field(self.query_one("#walking", Input).value, "walking pain"),
            numbness=self.query_one("#numbness", Choice).value == "yes",
            swelling=self.query_one("#swelling", Choice).value == "yes",
            night_pain=self.query_one("#night", Choice).value == "yes",
            callus=self.query_one("#callus", Choice).value == "yes",
            footwear=footwear_name(self.query_one("#footwear", Input).value),
            note=self.query_one("#note", Input).value.strip(),
        )

    def result(self):
        return self.checkin()
