"""The plan editor: every session of the plan by phase; add, remove, move, change a dose, rename, undo.

Each change is checked by the core, then saved with service.edit_plan(...), which
applies it to the latest plan under the file lock (so another session's edits
are kept, and the user is told when there were any); u undoes the last change.
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from ...core.activities import get_activity
from ...core.dose import Dose
from ...core.errors import RehabError
from ...core.schedule import Plan, session_dose
from ...service.plan_edits import days_text, parse_weekdays
from .edit_dialogs import ActivityPicker, DoseDialog
from .prompt import PromptDialog
from ..bindings import EDITOR_ACTIONS, bindings_for
from ..widgets.footer import KeyFooter


class EditorScreen(Screen):
    ACTIONS = EDITOR_ACTIONS
    BINDINGS = bindings_for(EDITOR_ACTIONS)

    def compose(self) -> ComposeResult:
        yield Static("", id="editor-title", markup=False)
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="editor-error", classes="error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Phase", "Activity", "Days", "Dose")
        table.border_title = "Sessions (Enter or o: dose, m: days)"
        self.refresh_from_store()
        table.focus()

    @property
    def plan(self) -> Plan | None:
        return self.app.plan

    def refresh_from_store(self) -> None:
        plan = self.plan
        table = self.query_one(DataTable)
        keep = self.selected_id()
        table.clear()
        if plan is None:
            self.query_one("#editor-title", Static).update("No plan.")
            return
        self.query_one("#editor-title", Static).update(f"Editing: {plan.name} (from {plan.start:%a %d %b %Y})")
        for phase in plan.template["phases"]:
            for spec in phase["sessions"]:
                activity = get_activity(spec["activity"])
                dose = session_dose(spec)
                cells = (phase["name"], activity.name, days_text(spec["rrule"]), dose.describe())
                # Text, not str: DataTable reads str cells as markup; template text stays literal.
                table.add_row(*(Text(c) for c in cells), key=spec["id"])
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except RowDoesNotExist:  # the row is gone (removed or undone)
                pass

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key((table.cursor_row, 0))
        return row_key.value

    def _phase_of(self, session_id: str | None) -> dict:
        for phase in self.plan.template["phases"]:
            if any(s["id"] == session_id for s in phase["sessions"]):
                return phase
        today_phase = self.plan.phase_on(self.app.today)
        return today_phase or self.plan.template["phases"][0]

    def _error(self, text: str) -> None:
        line = self.query_one("#editor-error", Static)
        line.update(text)
        line.display = bool(text)

    def apply(self, edit: Callable[[Plan], Plan], label: str) -> None:
        """Make the edit (the core checks it) and save it; a refused edit shows one line."""
        try:
            edit(self.plan)  # checked against what the screen shows first
        except RehabError as err:
            self._error(str(err).splitlines()[0])
            return
        self._error("")
        note = label[:1].upper() + label[1:]
        seen = self.app.plan_revision

        def work(service) -> str:
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
                           f"add {activity_id} to {phase['id']}")

        self.app.push_screen(ActivityPicker(phase["name"]), added)

    def action_remove(self) -> None:
        sid = self.selected_id()
        if sid is not None:
            self.apply(lambda p: p.remove_session(sid), f"remove {sid}")

    def action_move(self) -> None:
        sid = self.selected_id()
        if sid is None:
            return
        spec = self.plan.session_spec(sid)

        def moved(days: list[str] | None) -> None:
            if days:
                self.apply(lambda p: p.move_session(sid, days), f"move {sid} to {' '.join(days)}")

        self.app.push_screen(PromptDialog(
            f"Days for {get_activity(spec['activity']).name}",
            "Weekdays, e.g. Mon Wed Fri, or daily.",
            days_text(spec["rrule"]), parse_weekdays, "Move"), moved)

    def action_dose(self) -> None:
        sid = self.selected_id()
        if sid is None:
            return
        spec = self.plan.session_spec(sid)
        activity = get_activity(spec["activity"])
        dose = session_dose(spec)

        def changed(new: Dose | None) -> None:
            if new is not None:
                self.apply(lambda p: p.set_dose(sid, new), f"dose of {sid}: {new.describe()}")

        self.app.push_screen(DoseDialog(activity.name, dose), changed)

    def action_rename(self) -> None:
        def check(text: str) -> str:
            self.plan.rename(text)  # raises PlanError on a bad name
            return text

        def renamed(name: str | None) -> None:
            if name:
                self.apply(lambda p: p.rename(name), f"rename plan to {' '.join(name.split())}")

        self.app.push_screen(PromptDialog("Rename the plan", "1 to 80 characters.", self.plan.name,
                                          check, "Rename"), renamed)

    def action_undo(self) -> None:
        self.app.undo()

    def action_back(self) -> None:
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_dose()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("add", "remove", "move", "dose", "rename") and self.plan is None:
            return False
        return True

