"""Key bindings as data, one table per screen: ids (remappable via the config file's
``[keys]``, applied with Textual's keymap), footer labels, footer priorities and help text.

The footer (widgets/footer.py), the help screen (? or F1 on every screen) and the
command palette (ctrl+p, every screen) all read these tables. ``footer`` orders the
footer: the lowest numbers are shown first and kept when the terminal is narrow;
0 keeps an action out of the footer (help and the palette list it).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import key_to_character


@dataclass(frozen=True)
class Action:
    """One thing the user can do on a screen."""

    id: str
    keys: str  # comma separated, as Textual binds them
    action: str
    label: str  # short footer label
    help: str  # one line for the help screen and the command palette
    show: bool = True
    display: str | None = None  # footer key text, when not the key itself
    footer: int = 0  # footer priority: 1 first; 0 not in the footer
    priority: bool = False  # Textual priority binding (seen even from dialogs)

    @property
    def key_text(self) -> str:
        return self.keys_shown(False)

    def keys_shown(self, ascii: bool) -> str:
        return " / ".join(key_name(k, ascii) for k in self.keys.split(","))


def key_name(key: str, ascii: bool = False) -> str:
    """A key as people write it: "[" not "left_square_bracket", "," not "comma" (remapped keys too)."""
    key = key.strip()
    names = ASCII_KEY_NAMES if ascii else KEY_NAMES
    if key in names:
        return names[key]
    char = key_to_character(key) if len(key) > 1 and "+" not in key else None
    return char if char is not None and char.isprintable() and not char.isspace() else key


KEY_NAMES = {
    "left": "←", "right": "→", "up": "↑", "down": "↓", "enter": "Enter",
    "left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?",
    "escape": "Esc", "space": "Space", "ctrl+p": "ctrl+p", "pagedown": "PgDn", "pageup": "PgUp",
    "delete": "Del", "slash": "/", "minus": "-", "plus": "+", "tab": "Tab",
}
ASCII_KEY_NAMES = {**KEY_NAMES, "left": "Left", "right": "Right", "up": "Up", "down": "Down"}

MAIN_ACTIONS: tuple[Action, ...] = (
    Action("rehab.prev_day", "left", "prev_day", "Day", "Select the previous day", show=False),
    Action("rehab.next_day", "right,l", "next_day", "Day", "Select the next day", show=False),
    Action("rehab.prev_session", "up,k", "prev_session", "Session", "Select the previous session", show=False),
    Action("rehab.next_session", "down,j", "next_session", "Session", "Select the next session", show=False),
    Action("rehab.detail_down", "pagedown,shift+down", "detail_down", "Scroll", "Scroll the session pane down",
           show=False),
    Action("rehab.detail_up", "pageup,shift+up", "detail_up", "Scroll", "Scroll the session pane up", show=False),
    Action("rehab.log", "enter", "log", "Log", "Log the selected session (Enter again saves)", footer=1),
    Action("rehab.prev_week", "left_square_bracket", "prev_week", "Week", "Show the previous week", show=False),
    # Shown once in the footer as "[ ] Week"; both keys work.
    Action("rehab.next_week", "right_square_bracket", "next_week", "Week", "Show the next week",
           display="[ ]", footer=2),
    Action("rehab.today", "t", "today", "Today", "Jump to today's first session", footer=13),
    Action("rehab.checkin", "c", "checkin", "Check-in", "Daily check-in: morning pain and warning signs", footer=3),
    Action("rehab.flare", "f", "flare", "Flare",
           "Mark or unmark the selected day as a flare day (rest, ice, gentle massage)",
           footer=11),
    Action("rehab.review", "r", "review", "Review", "Weekly review of the selected week: move on, hold or step back",
           footer=5),
    Action("rehab.progress", "p", "progress", "Progress",
           "Progress: adherence, streak, pain charts, per foot, footwear",
           footer=6),
    # History: `h` (shift+h works too); the day moves keep left / l.
    Action("rehab.history", "h,H", "history", "History",
           "History: logs and check-ins by day, newest first; edit, delete, undo", display="h", footer=7),
    Action("rehab.swap", "w", "swap", "Swap", "Swap the selected day's walk-run / brisk walk for cycling or swimming",
           footer=12),
    Action("rehab.timer", "s", "timer", "Timer", "Start a timer for the selected timed session", footer=4),
    Action("rehab.editor", "e", "editor", "Edit", "Edit the plan: add, remove, move, dose, rename", footer=8),
    Action("rehab.library", "L", "library", "Library", "Template library: preview, import, export, start (shift+l)",
           footer=9),
    Action("rehab.export", "x", "export", "Export",
           "Export: calendar (ics), history (csv), handout (md, html) or whole-data backup (json)", footer=10),
    Action("rehab.undo", "u", "undo", "Undo", "Undo the last change (log, check-in or plan edit)", footer=14),
    Action("rehab.help", "question_mark", "help", "Help", "Show every key of this screen", footer=90),
    Action("rehab.quit", "q", "quit", "Quit", "Quit rehab-planner", footer=91),
)

EDITOR_ACTIONS: tuple[Action, ...] = (
    Action("rehab.editor.add", "a", "add", "Add", "Add an activity to the selected phase", footer=1),
    Action("rehab.editor.remove", "d,delete", "remove", "Remove", "Remove the selected session", footer=2),
    Action("rehab.editor.move", "m", "move", "Days", "Move the selected session to other days", footer=3),
    Action("rehab.editor.dose", "o", "dose", "Dose", "Change the selected session's dose and times (Enter too)",
           footer=4),
    Action("rehab.editor.rename", "r", "rename", "Rename", "Rename the plan", footer=5),
    Action("rehab.editor.undo", "u", "undo", "Undo", "Undo the last plan change", footer=6),
    Action("rehab.editor.back", "escape,q", "back", "Back", "Back to the week", footer=7),
)

LIBRARY_ACTIONS: tuple[Action, ...] = (
    Action("rehab.library.start", "enter,s", "start", "Start plan", "Start the highlighted template as your plan",
           footer=1),
    Action("rehab.library.import", "i", "import_file", "Import", "Import a template file into your library",
           footer=2),
    Action("rehab.library.export", "x", "export_plan", "Export plan",
           "Export your plan, with your edits, as a template file of its own id", footer=3),
    Action("rehab.library.back", "escape,q", "back", "Back", "Back to the week", footer=4),
)

CHOOSER_ACTIONS: tuple[Action, ...] = (
    Action("rehab.chooser.start", "enter", "start", "Start", "Start the highlighted plan on the date given",
           footer=1),
    Action("rehab.chooser.date", "tab", "app.focus_next", "Start date", "Move to the start date field", footer=2),
    Action("rehab.chooser.back", "escape", "back", "Back", "Back (or quit on the first run)", footer=3),
    Action("rehab.chooser.quit", "q", "app.quit", "Quit", "Quit rehab-planner", footer=4),
)

PROGRESS_ACTIONS: tuple[Action, ...] = (
    Action("rehab.progress.window", "d", "window", "28/84/365 days", "Show the last 28, 84 or 365 days",
           footer=1),
    Action("rehab.progress.close", "escape,p,q", "close", "Back", "Back to the week", footer=2),
)

APP_ACTIONS: tuple[Action, ...] = (
    # F1 is a priority key: it opens the help from dialogs too (their inputs keep `?` for typing).
    Action("rehab.app.help", "f1", "app.screen_help", "Help", "Show the keys of this screen", show=False,
           priority=True),
    Action("rehab.app.help_key", "question_mark", "app.screen_help", "Help", "Show the keys of this screen",
           show=False),
    Action("rehab.force_quit", "ctrl+q", "quit", "Quit", "Quit rehab-planner", show=False, priority=True),
    # Bound here (with an id, so [keys] can move it), Textual adds no ctrl+p of its own.
    Action("rehab.app.palette", "ctrl+p", "command_palette", "Palette", "Open the command palette", show=False,
           priority=True),
)


def app_action(actions: tuple[Action, ...], binding_id: str) -> Action:
    """The action of ``binding_id`` in ``actions`` (APP_ACTIONS with the config's keys applied)."""
    return next(a for a in actions if a.id == binding_id)


# The reminder notice and the catch-up list (screens/catchup.py).
NOTICE_ACTIONS: tuple[Action, ...] = (
    Action("rehab.notice.done", "d", "done", "Done", "Log the selected sitting as done", footer=1),
    Action("rehab.notice.snooze10", "1", "snooze(10)", "10 min", "Snooze the selected sitting for 10 minutes",
           footer=2),
    Action("rehab.notice.snooze30", "3", "snooze(30)", "30 min", "Snooze the selected sitting for 30 minutes",
           footer=3),
    Action("rehab.notice.snooze60", "6", "snooze(60)", "60 min", "Snooze the selected sitting for 60 minutes",
           footer=4),
    Action("rehab.notice.later", "escape", "later", "Later", "Close the notice (it is not shown again)", footer=5),
)
CATCHUP_ACTIONS: tuple[Action, ...] = (
    Action("rehab.catchup.done", "d,l", "done", "Log done", "Log the selected missed sitting as done", footer=1),
    Action("rehab.catchup.skip", "s", "skip", "Skip", "Log the selected missed sitting as skipped", footer=2),
    Action("rehab.catchup.later", "escape", "later", "Later", "Close the list; nothing is logged", footer=3),
)

# The weekly review (screens/review.py).
REVIEW_ACTIONS: tuple[Action, ...] = (
    Action("rehab.review.accept", "a", "accept", "Accept", "Accept the review: one plan edit (u undoes it)",
           footer=1),
    Action("rehab.review.next_plan", "n", "next_plan", "Next plan", "Start the plan a complete plan offers next",
           footer=2),
    Action("rehab.review.clinician", "v", "clinician_seen", "Clinician seen",
           "Record that a clinician has seen your foot today (warning signs up to today stop holding the plan)",
           footer=3),
    Action("rehab.review.prev_week", "left_square_bracket", "week(-1)", "Week before", "Review the week before",
           display="[", show=False),
    Action("rehab.review.next_week", "right_square_bracket", "week(1)", "Week after", "Review the week after",
           display="[ ]", footer=4),
    Action("rehab.review.close", "escape,q,r", "close", "Close", "Close the review", footer=5),
)


def bindings_for(actions: tuple[Action, ...], *, priority: bool = False) -> list[BindingType]:
    """Textual bindings for a table (``priority`` for dialogs whose inputs would eat the key)."""
    return [
        Binding(a.keys, a.action, a.label, show=a.show, id=a.id, key_display=a.display, tooltip=a.help,
                priority=a.priority or (priority and a.keys == "enter"))
        for a in actions
    ]


def main_bindings() -> list[BindingType]:
    return bindings_for(MAIN_ACTIONS)


DIALOG_HELP = Binding("question_mark", "app.screen_help", "Help", show=False, id="rehab.dialog.help",
                      tooltip="Show the keys of this dialog (F1 from a text field)")


def actions_of(screen: object) -> tuple[Action, ...]:
    """A screen's action table: its ``ACTIONS``, else made from its ``BINDINGS``."""
    table = getattr(screen, "ACTIONS", None)
    if table is not None:
        return tuple(table)
    out: list[Action] = []
    for item in getattr(screen, "BINDINGS", ()):
        if isinstance(item, Binding) and item.description:
            out.append(Action(item.id or item.action, item.key, item.action, item.description,
                              item.tooltip or item.description, show=item.show,
                              display=item.key_display, footer=len(out) + 1 if item.show else 0))
    return tuple(out)


FOOTER_PRIORITY: dict[str, int] = {
    a.id: a.footer for table in (MAIN_ACTIONS, EDITOR_ACTIONS, LIBRARY_ACTIONS, CHOOSER_ACTIONS, PROGRESS_ACTIONS,
                                  NOTICE_ACTIONS, CATCHUP_ACTIONS, REVIEW_ACTIONS)
    for a in table if a.footer
}


def palette_title(action: Action) -> str:
    """The command's name in the palette: the help line up to its first ':' or '('."""
    return action.help.split(":")[0].split(" (")[0]


bindings_of = bindings_for  # the reminder and review screens' name for it
