"""The plan editor: every session of the plan by phase; add, remove, move, change a dose, rename, undo.

Each change is checked by the core, then saved with service.edit_plan(...), which
applies it to the latest plan under the file lock (so another session's edits
are kept, and the user is told when there were any); u undoes the last change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from ...core.activities import get_activity
from ...core.dose import Dose
from ...core.errors import RehabError
from ...core.safe_text import safe_line
from ...core.schedule import Plan, session_dose
from ...service.plan_edits import days_text, parse_weekdays
from ..bindings import EDITOR_ACTIONS, bindings_for
from ..typed import RehabScreen
from ..widgets.footer import KeyFooter
from .edit_dialogs import ActivityPicker, DoseDialog
from .prompt import PromptDialog

if TYPE_CHECKING:
    from ...service.service import RehabService


def changed_row(before: dict[str, tuple[str, ...]] | None, after: dict[str, tuple[str, ...]]) -> str | None:
    """The row an edit or an undo added, brought back or changed (the cursor goes there)."""
    if before is None:
        return None
    added = [sid for sid in after if sid not in before]
    if added:
        return added[0]
    return next((sid for sid, cells in after.items() if before.get(sid) != cells), None)


def days_words(days: list[str]) -> str:
    """["MO", "FR"] -> "Mon Fri"; all seven -> "daily" (the notice and the undo label say it so)."""
    return days_text("FREQ=DAILY" if len(set(days)) == 7 else f"FREQ=WEEKLY;BYDAY={','.join(days)}")


COLUMNS = ("Phase", "Activity", "Days", "Dose")
DOSE_WIDTH = 30  # the longest built-in dose text is 29 cells


def column_widths(width: int) -> tuple[int, ...]:
    """Cell widths that fit ``width`` columns (borders and cell padding left out): the dose
    first, so it is not cut at 80 columns; days, phase and activity share the rest."""
    room = max(60, width - 4 - 2 * len(COLUMNS))
    rest = room - DOSE_WIDTH
    days = min(19, max(9, int(rest * 0.3)))
    phase = min(31, max(8, int((rest - days) * 0.36)))
    activity = min(30, rest - days - phase)
    return phase, activity, days, room - phase - activity - days


def fitted(text: str, width: int) -> Text:
    """The cell as literal Text, cut with "..." when it does not fit (the notice names it in full)."""
    return Text(text if len(text) <= width else text[:max(1, width - 3)] + "...")


class EditorScreen(RehabScreen[None]):
    ACTIONS = EDITOR_ACTIONS
    BINDINGS = bindings_for(EDITOR_ACTIONS)

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, tuple[str, ...]] | None = None  # the rows last shown

    def compose(self) -> ComposeResult:
        yield Static("", id="editor-title", markup=False)
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="editor-error", classes="error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.border_title = "Sessions (Enter or o: dose, m: days)"
        self.refresh_from_store()
        table.focus()

    @property
    def plan(self) -> Plan | None:
        return self.app.plan

    def _plan(self) -> Plan:
        """The plan, for the actions that edit it (check_action disables them while there is none)."""
        plan = self.app.plan
        if plan is None:
            raise RuntimeError("the plan editor has no plan to edit")
        return plan

    def refresh_from_store(self) -> None:
        plan = self.plan
        table = self.query_one(DataTable)
        keep = self.selected_id()
        table.clear()
        if plan is None:
            self.query_one("#editor-title", Static).update("No plan.")
            return
        self.query_one("#editor-title", Static).update(
            Content(f"Editing: {safe_line(plan.name)} (from {plan.start:%a %d %b %Y})"))
        rows = self._rows_of(plan)
        widths = column_widths(self.size.width or 100)
        for sid, cells in rows.items():
            # Text, not str: DataTable reads str cells as markup; template text stays literal.
            table.add_row(*(fitted(c, w) for c, w in zip(cells, widths, strict=True)), key=sid)
        target = changed_row(self._shown, rows) or keep
        self._shown = rows
        if target is not None:
            try:
                table.move_cursor(row=table.get_row_index(target))
            except RowDoesNotExist:  # the row is gone (removed or undone)
                pass

    @staticmethod
    def _rows_of(plan: Plan) -> dict[str, tuple[str, ...]]:
        rows: dict[str, tuple[str, ...]] = {}
        for phase in plan.template["phases"]:
            for spec in phase["sessions"]:
                cells = (safe_line(phase["name"]), get_activity(spec["activity"]).name,
                         days_text(spec["rrule"]), session_dose(spec).describe())
                rows[spec["id"]] = cells
        return rows

    def on_resize(self) -> None:
        self.refresh_from_store()

    def _name_of(self, session_id: str) -> str:
        """"Ice pack in Settle": the activity's name and its phase's, for notices and undo."""
        spec = self._plan().session_spec(session_id)
        return f"{get_activity(spec['activity']).name} in {safe_line(self._phase_of(session_id)['name'])}"

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0))
        return row_key.value

    def _phase_of(self, session_id: str | None) -> dict[str, Any]:
        plan = self._plan()
        phases: list[dict[str, Any]] = plan.template["phases"]
        for phase in phases:
            if any(s["id"] == session_id for s in phase["sessions"]):
                return phase
        return plan.phase_on(self.app.today) or phases[0]

    def _error(self, text: str) -> None:
        line = self.query_one("#editor-error", Static)
        line.update(text)
        line.display = bool(text)

    def apply(self, edit: Callable[[Plan], Plan], label: str) -> None:
        """Make the edit (the core checks it) and save it; a refused edit shows one line."""
        try:
            edit(self._plan())  # checked against what the screen shows first
        except RehabError as err:
            self._error(str(err).splitlines()[0])
            return
        self._error("")
        note = label[:1].upper() + label[1:]
        seen = self.app.plan_revision

        def work(service: RehabService) -> str:
            # Applied to the latest plan under the lock: another session's edits
            # are kept; on the same session the later edit (this one) wins.
            result = service.edit_plan(edit, label, seen)
            if result.conflict:
                return (f"{note}. The plan had also been changed in another session; "
                        "your change was applied on top of that one.")
            return note

        self.app.save(work, note)

    # --- actions --------------------------------------------------------------------
    def action_add(self) -> None:
        phase = self._phase_of(self.selected_id())

        def added(activity_id: str | None) -> None:
            if activity_id:
                self.apply(lambda p: p.add_session(phase["id"], activity_id, "FREQ=DAILY"),
                           f"add {get_activity(activity_id).name} to {safe_line(phase['name'])}")

        self.app.push_screen(ActivityPicker(phase["name"]), added)

    def action_remove(self) -> None:
        sid = self.selected_id()
        if sid is not None:
            self.apply(lambda p: p.remove_session(sid), f"remove {self._name_of(sid)}")

    def action_move(self) -> None:
        sid = self.selected_id()
        if sid is None:
            return
        spec = self._plan().session_spec(sid)

        def moved(days: list[str] | None) -> None:
            if days:
                self.apply(lambda p: p.move_session(sid, days), f"move {self._name_of(sid)} to {days_words(days)}")

        self.app.push_screen(PromptDialog(
            f"Days for {get_activity(spec['activity']).name}",
            "Weekdays, e.g. Mon Wed Fri, or daily.",
            days_text(spec["rrule"]), parse_weekdays, "Move"), moved)

    def action_dose(self) -> None:
        sid = self.selected_id()
        if sid is None:
            return
        spec = self._plan().session_spec(sid)
        activity = get_activity(spec["activity"])
        dose = session_dose(spec)

        def changed(new: Dose | None) -> None:
            if new is not None:
                self.apply(lambda p: p.set_dose(sid, new), f"dose of {self._name_of(sid)}: {new.describe()}")

        self.app.push_screen(DoseDialog(activity.name, dose, activity.id), changed)

    def action_rename(self) -> None:
        def check(text: str) -> str:
            self._plan().rename(text)  # raises PlanError on a bad name
            return text

        def renamed(name: str | None) -> None:
            if name:
                self.apply(lambda p: p.rename(name), f"rename plan to {safe_line(' '.join(name.split()))}")

        self.app.push_screen(PromptDialog("Rename the plan", "1 to 80 characters.", self._plan().name,
                                          check, "Rename"), renamed)

    def action_undo(self) -> None:
        self.app.undo()

    def action_back(self) -> None:
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_dose()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in ("add", "remove", "move", "dose", "rename") and self.plan is None)

