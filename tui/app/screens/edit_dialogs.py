"""Dialogs of the plan editor: pick an activity from the catalogue, change a dose."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.activities import CATALOG
from ...core.dose import Dose
from ...service.plan_edits import DOSE_FIELDS, DOSE_LABELS, parse_dose
from .form import FormDialog


class ActivityPicker(ModalScreen[str | None]):
    """The catalogue by name, kind and default dose; Enter picks."""

    BINDINGS = [
        Binding("enter", "pick", "Add", priority=True, id="rehab.picker.pick",
                tooltip="Add the highlighted activity to the phase"),
        Binding("escape", "cancel", "Cancel", id="rehab.picker.cancel", tooltip="Close without adding"),
    ]

    def __init__(self, phase_name: str) -> None:
        super().__init__()
        self.phase_name = phase_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker"):
            yield Static(f"Add to {self.phase_name}: pick an activity", classes="dialog-title", markup=False)
            yield OptionList(*[
                Option(Content.assemble((a.name, "bold"), (f"  {a.kind} · {a.dose.describe()}", "dim")), id=a.id)
                for a in CATALOG.values()
            ], id="activities")
            yield Static("Enter adds it daily; move it to other days with m. Esc cancels.", classes="dim")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

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

    def __init__(self, name: str, dose: Dose) -> None:
        super().__init__()
        self.name_text = name
        self.dose = dose

    def compose(self) -> ComposeResult:
        current = self.dose.to_dict()
        with Vertical(classes="dialog", id="dose-dialog"):
            yield Static(f"Dose of {self.name_text}", classes="dialog-title", markup=False)
            yield Static(f"Now: {self.dose.describe()}. Blank fields are not used.", classes="dim", markup=False)
            for name in DOSE_FIELDS:
                with Horizontal(classes="field tight"):
                    yield Label(DOSE_LABELS[name], classes="field-label")
                    value = current.get(name)
                    yield Input("" if value is None else f"{value:g}", placeholder="not set",
                                id=f"dose-{name}", compact=True)
            yield self.error_line()
            yield from self.buttons("Save")

    def focus_first(self):
        first = next((n for n in DOSE_FIELDS if n in self.dose.to_dict()), DOSE_FIELDS[0])
        return self.query_one(f"#dose-{first}", Input)

    def result(self):
        return parse_dose({n: self.query_one(f"#dose-{n}", Input).value for n in DOSE_FIELDS})
