"""Dialogs of the plan editor: pick an activity from the catalogue, change a dose."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.activities import CATALOG
from ...core.dose import Dose
from ...core.errors import PlanError
from ...core.rules import dose_limit_problems
from ...core.safe_text import safe_line
from ...service.plan_edits import DOSE_FIELDS, DOSE_LABELS, parse_dose
from ..typed import RehabModal
from .form import FormDialog


def matches(activity_id: str, words: list[str]) -> bool:
    """Every typed word is in the activity's name, kind or id (case ignored)."""
    activity = CATALOG[activity_id]
    text = f"{activity.name} {activity.kind} {activity.id}".lower()
    return all(word in text for word in words)


class ActivityPicker(RehabModal[str | None]):
    """The catalogue by name, kind and default dose; typing filters it, Enter picks."""

    BINDINGS = [
        Binding("enter", "pick", "Add", priority=True, id="rehab.picker.pick",
                tooltip="Add the highlighted activity to the phase"),
        Binding("escape", "cancel", "Cancel", id="rehab.picker.cancel", tooltip="Close without adding"),
        Binding("down", "cursor(1)", "Next", show=False, priority=True, id="rehab.picker.down",
                tooltip="Highlight the next activity"),
        Binding("up", "cursor(-1)", "Previous", show=False, priority=True, id="rehab.picker.up",
                tooltip="Highlight the previous activity"),
    ]

    def __init__(self, phase_name: str) -> None:
        super().__init__()
        self.phase_name = phase_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker"):
            yield Static(Content(f"Add to {safe_line(self.phase_name)}: pick an activity"), classes="dialog-title")
            yield Input(placeholder="type to filter, e.g. ice, stretch, calf", id="picker-filter", compact=True)
            yield OptionList(*self._options([]), id="activities")
            yield Static("Enter adds it daily; move it to other days with m. Esc cancels.", classes="dim")

    @staticmethod
    def _options(words: list[str]) -> list[Option]:
        return [Option(Content.assemble((a.name, "bold"), (f"  {a.kind}, {a.dose.describe()}", "dim")), id=a.id)
                for a in CATALOG.values() if matches(a.id, words)]

    def on_mount(self) -> None:
        self.query_one("#picker-filter", Input).focus()
        self.query_one(OptionList).highlighted = 0

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value.lower().split()))
        options.highlighted = 0 if options.option_count else None

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + step) % options.option_count

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _clicked(self) -> None:
        self.action_pick()

    def action_cancel(self) -> None:
        self.dismiss(None)


class DoseDialog(FormDialog[Dose]):
    """Every dose figure as a field; blank means not set."""

    BINDINGS = [
        Binding("enter", "save", "Save", priority=True, id="rehab.dose.save",
                tooltip="Save the dose (checked against the same limits as the templates)"),
        Binding("escape", "cancel", "Cancel", id="rehab.dose.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, name: str, dose: Dose, activity_id: str | None = None) -> None:
        super().__init__()
        self.name_text = name
        self.dose = dose
        self.activity_id = activity_id

    def compose(self) -> ComposeResult:
        current = self.dose.to_dict()
        with Vertical(classes="dialog", id="dose-dialog"):
            yield Static(Content(f"Dose of {safe_line(self.name_text)}"), classes="dialog-title")
            yield Static(f"Now: {self.dose.describe()}. Blank fields are not used.", classes="dim", markup=False)
            for name in DOSE_FIELDS:
                with Horizontal(classes="field tight"):
                    yield Label(DOSE_LABELS[name], classes="field-label")
                    value = current.get(name)
                    yield Input("" if value is None else f"{value:g}", placeholder="not set",
                                id=f"dose-{name}", compact=True)
            with Horizontal(classes="field tight"):
                yield Label("Times", classes="field-label")
                yield Input(", ".join(self.dose.times or ()), placeholder="HH:MM, HH:MM (optional)",
                            id="dose-times", compact=True)
            yield self.error_line()
            yield from self.buttons("Save")

    def focus_first(self) -> Input:
        first = next((n for n in DOSE_FIELDS if n in self.dose.to_dict()), DOSE_FIELDS[0])
        return self.query_one(f"#dose-{first}", Input)

    def result(self) -> Dose:
        dose = parse_dose({n: self.query_one(f"#dose-{n}", Input).value for n in DOSE_FIELDS})
        for _, message in limit_problems(self.activity_id, dose):
            raise PlanError(message)
        return with_times(dose, self.query_one("#dose-times", Input).value)


def with_times(dose: Dose, text: str) -> Dose:
    """``dose`` with the sittings' times typed as "08:00, 13:00" (blank: none), checked
    by ``Dose.times_problems`` (one a sitting, in order)."""
    times = tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())
    dose = replace(dose, times=times or None)
    problems = dose.times_problems()
    if problems:
        raise PlanError(f"times: {problems[0][1]}")
    return dose


def limit_problems(activity_id: str | None, dose: Dose) -> list[tuple[str, str]]:
    """The safety limits the template validator applies (core.rules.dose_limit_problems: icing
    at most 20 min a sitting), over the dose as the plan would hold it (the activity's defaults
    under the figures given), so a refused dose is said in the dialog, not after it."""
    if activity_id is None or activity_id not in CATALOG:
        return []
    activity = CATALOG[activity_id]
    merged = Dose.from_dict({**activity.dose.to_dict(), **dose.to_dict()})
    return dose_limit_problems(activity.kind, merged.minutes)
