"""The daily check-in: the day (today, or a missed day up to 7 days back), morning pain (0-10),
walking pain, the warning signs (numbness/tingling, swelling, night pain, callus, still sore
from yesterday, warmth or redness, limping), the footwear worn (completed from the user's own
list; a new pair joins it), note.

What it starts from (the last week's check-ins, the footwear list) is read by the caller
(``load_checkin_context``) before the dialog opens: nothing is read in compose. Returns a
validated CheckIn (one per date; a new one replaces the day's), or None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from ...core.dates import CHECKIN_DAYS_BACK, check_checkin_day, parse_date
from ...core.errors import RehabError
from ...core.records import CheckIn, check_pain, check_pain_field
from ...service.service import RehabService, footwear_name
from ..widgets.choice import Choice
from .form import FormDialog

YES_NO = [("no", "no"), ("yes", "yes")]
# (field id, CheckIn attribute, label): shown two to a row
SIGNS = (
    ("numbness", "numbness", "Numb/tingle"), ("swelling", "swelling", "Swelling"),
    ("night", "night_pain", "Night pain"), ("callus", "callus", "Callus"),
    ("sore", "sore_next_day", "Still sore"), ("warmth", "warmth_redness", "Warm/red"),
    ("limping", "limping", "Limping"),
)


@dataclass(frozen=True)
class CheckInContext:
    """What the dialog starts from: today, the check-ins of the days it may be made for, the footwear."""

    today: dt.date
    existing: dict[dt.date, CheckIn] = field(default_factory=dict)
    shoes: tuple[str, ...] = ()
    last_worn: str = ""
    day: dt.date | None = None  # editing the check-in of this day (the History screen): the day is fixed


def load_checkin_context(service: RehabService, today: dt.date) -> CheckInContext:
    """One read of the last week's check-ins and the footwear list (call before opening the dialog)."""
    first = today - dt.timedelta(days=CHECKIN_DAYS_BACK)
    recent = service.history(first, today).checkins
    existing = {c.date: c for c in recent}
    last_worn = next((c.footwear for c in reversed(recent) if c.footwear), "")
    return CheckInContext(today, existing, tuple(service.footwear()), last_worn or "")


class CheckInDialog(FormDialog[CheckIn]):
    BINDINGS = [
        Binding("enter", "save", "Save", id="rehab.checkin.save",
                tooltip="Save the check-in (pain, warning signs, footwear, note)"),
        Binding("escape", "cancel", "Cancel", id="rehab.checkin.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, context: CheckInContext) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        start = self.context.day or self.context.today
        old = self.context.existing.get(start)
        shoes = list(self.context.shoes)
        with Vertical(id="checkin-dialog", classes="dialog"):
            yield Static(f"Check-in {self.app.glyphs.sep} {start:%a %d %b %Y}", id="checkin-title",
                         classes="dialog-title", markup=False)
            yield Static(self._replaces_text(start), id="checkin-replaces", classes="dim",
                         markup=False)
            yield self._field("Day", Input(start.isoformat() if self.context.day else "today",
                                           placeholder="today, yesterday, mon, -3 (last 7 days)",
                                           id="day", compact=True, disabled=self.context.day is not None))
            yield self._field("Morning pain", Input("" if old is None else str(old.morning_pain),
                                                    placeholder="0-10, first steps of the day",
                                                    id="morning", compact=True))
            walking = "" if old is None or old.walking_pain is None else str(old.walking_pain)
            yield self._field("Walking pain", Input(walking, placeholder="0-10 (optional)", id="walking",
                                                    compact=True))
            for i in range(0, len(SIGNS), 2):
                with Horizontal(classes="field tight"):
                    for field_id, attribute, label in SIGNS[i:i + 2]:
                        yield Label(label, classes="field-label")
                        value = "yes" if old is not None and getattr(old, attribute) else "no"
                        yield Choice(YES_NO, value, id=field_id)
            worn = (old.footwear or "") if old is not None else self.context.last_worn
            hint = ("yours: " + ", ".join(shoes)) if shoes else "shoes and insoles worn today (optional)"
            yield self._field("Footwear", Input(worn, placeholder=hint[:60], id="footwear", compact=True,
                                                suggester=SuggestFromList(shoes, case_sensitive=False)
                                                if shoes else None))
            yield self._field("Note", Input(old.note if old else "", placeholder="optional", id="note",
                                            compact=True))
            yield self.error_line()
            yield from self.buttons("Save")

    @staticmethod
    def _field(label: str, widget: Input) -> Horizontal:
        return Horizontal(Label(label, classes="field-label"), widget, classes="field tight")

    def _replaces_text(self, day: dt.date) -> str:
        return "Replaces that day's earlier check-in." if day in self.context.existing else ""

    def focus_first(self) -> Input:
        return self.query_one("#morning", Input)

    def on_mount(self) -> None:
        super().on_mount()
        self._show_replaces(self.context.day or self.context.today)

    def _show_replaces(self, day: dt.date) -> None:
        line = self.query_one("#checkin-replaces", Static)
        line.update(self._replaces_text(day))
        line.display = day in self.context.existing

    def chosen_day(self) -> dt.date:
        if self.context.day is not None:
            return self.context.day
        text = self.query_one("#day", Input).value.strip() or "today"
        return check_checkin_day(parse_date(text, "day", today=self.context.today), self.context.today)

    @on(Input.Changed, "#day")
    def _day_typed(self, event: Input.Changed) -> None:
        try:
            day = self.chosen_day()
        except RehabError:
            return
        self.query_one("#checkin-title", Static).update(f"Check-in {self.app.glyphs.sep} {day:%a %d %b %Y}")
        self._show_replaces(day)

    def checkin(self) -> CheckIn:
        day = self.chosen_day()
        morning = self.query_one("#morning", Input).value
        morning_pain = check_pain(morning, "morning pain") if morning.strip() else None
        if morning_pain is None:
            raise RehabError("morning pain is needed (0 = none, 10 = worst)")
        signs: dict[str, Any] = {attribute: self.query_one(f"#{field_id}", Choice).value == "yes"
                                 for field_id, attribute, _ in SIGNS}  # CheckIn's bool fields
        return CheckIn(
            date=day,
            morning_pain=morning_pain,
            walking_pain=check_pain_field(self.query_one("#walking", Input).value, "walking pain"),
            footwear=footwear_name(self.query_one("#footwear", Input).value),
            note=self.query_one("#note", Input).value.strip(),
            **signs,
        )

    def result(self) -> CheckIn:
        return self.checkin()
