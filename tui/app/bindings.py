"""Key bindings as data: ids (remappable via App keymaps), footer labels and help text.

The footer, the help screen (?) and the command palette (ctrl+p) all read these.
The footer has room for the main keys at 80 columns; the moves, `[` and `t`
are listed in help and the palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    """One thing the user can do on the main screen."""

    id: str
    keys: str  # comma separated, as Textual binds them
    action: str
    label: str  # short footer label
    help: str  # one line for the help screen and the command palette
    show: bool = True
    display: str | None = None  # footer key text, when not the key itself

    @property
    def key_text(self) -> str:
        return " / ".join(KEY_NAMES.get(k, k) for k in self.keys.split(","))


KEY_NAMES = {
    "left": "←", "right": "→", "up": "↑", "down": "↓", "enter": "Enter",
    "left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?",
    "escape": "Esc", "space": "Space", "ctrl+p": "ctrl+p", "pagedown": "PgDn", "pageup": "PgUp",
}

MAIN_ACTIONS: tuple[Action, ...] = (
    Action("rehab.prev_day", "left,h", "prev_day", "Day", "Select the previous day", show=False),
    Action("rehab.next_day", "right,l", "next_day", "Day", "Select the next day", show=False),
    Action("rehab.prev_session", "up,k", "prev_session", "Session", "Select the previous session", show=False),
    Action("rehab.next_session", "down,j", "next_session", "Session", "Select the next session", show=False),
    Action("rehab.detail_down", "pagedown,shift+down", "detail_down", "Scroll", "Scroll the session pane down",
           show=False),
    Action("rehab.detail_up", "pageup,shift+up", "detail_up", "Scroll", "Scroll the session pane up", show=False),
    Action("rehab.log", "enter", "log", "Log", "Log the selected session (Enter again saves)"),
    Action("rehab.prev_week", "left_square_bracket", "prev_week", "Week", "Show the previous week", show=False),
    # Shown once in the footer as "[ ] Week"; both keys work.
    Action("rehab.next_week", "right_square_bracket", "next_week", "Week", "Show the next week",
           display="[ ]"),
    Action("rehab.today", "t", "today", "Today", "Jump to today's first session", show=False),
    Action("rehab.checkin", "c", "checkin", "Check-in", "Daily check-in: morning pain and warning signs"),
    Action("rehab.flare", "f", "flare", "Flare", "Mark or unmark the selected day as a flare day (rest, ice, gentle massage)",
           show=False),
    Action("rehab.review", "r", "review", "Review", "Weekly review of the selected week: move on, hold or step back",
           show=False),
    Action("rehab.progress", "p", "progress", "Progress", "Progress: adherence, streak, pain charts, per foot, footwear",
           show=False),
    Action("rehab.swap", "w", "swap", "Swap", "Swap the selected day's walk-run / brisk walk for cycling or swimming",
           show=False),
    Action("rehab.timer", "s", "timer", "Timer", "Start a timer for the selected timed session"),
    Action("rehab.editor", "e", "editor", "Edit", "Edit the plan: add, remove, move, dose, rename"),
    Action("rehab.library", "L", "library", "Library", "Template library: preview, import, export, start (shift+l)"),
    Action("rehab.export", "x", "export", "Export",
           "Export: calendar (ics), history spreadsheet (csv), handout (md) or whole-data backup (json)",
           show=False),
    # Not in the footer: at 80 columns it has no room left (q Quit would be cut); help and the palette list it.
    Action("rehab.history", "H", "history", "History",
           "History: logs and check-ins by day, newest first; edit, delete, undo (shift+h)", show=False),
    Action("rehab.undo", "u", "undo", "Undo", "Undo the last change (log, check-in or plan edit)"),
    Action("rehab.help", "question_mark", "help", "Help", "Show every key"),
    Action("rehab.quit", "q", "quit", "Quit", "Quit rehab-planner"),
)


# The reminder notice and the catch-up list (screens/catchup.py).
NOTICE_ACTIONS: tuple[Action, ...] = (
    Action("rehab.notice.done", "d", "done", "Done", "Log the selected sitting as done"),
    Action("rehab.notice.snooze10", "1", "snooze(10)", "10 min", "Snooze the selected sitting for 10 minutes"),
    Action("rehab.notice.snooze30", "3", "snooze(30)", "30 min", "Snooze the selected sitting for 30 minutes"),
    Action("rehab.notice.snooze60", "6", "snooze(60)", "60 min", "Snooze the selected sitting for 60 minutes"),
    Action("rehab.notice.later", "escape", "later", "Later", "Close the notice (it is not shown again)"),
)
CATCHUP_ACTIONS: tuple[Action, ...] = (
    Action("rehab.catchup.done", "d,l", "done", "Log done", "Log the selected missed sitting as done"),
    Action("rehab.catchup.skip", "s", "skip", "Skip", "Log the selected missed sitting as skipped"),
    Action("rehab.catchup.later", "escape", "later", "Later", "Close the list; nothing is logged"),
)

# The weekly review (screens/review.py).
REVIEW_ACTIONS: tuple[Action, ...] = (
    Action("rehab.review.accept", "a", "accept", "Accept", "Accept the review: one plan edit (u undoes it)"),
    Action("rehab.review.next_plan", "n", "next_plan", "Next plan", "Start the plan a complete plan offers next"),
    Action("rehab.review.clinician", "v", "clinician_seen", "Clinician seen",
           "Record that a clinician has seen your foot today (warning signs up to today stop holding the plan)"),
    Action("rehab.review.prev_week", "left_square_bracket", "week(-1)", "Week before", "Review the week before",
           display="["),
    Action("rehab.review.next_week", "right_square_bracket", "week(1)", "Week after", "Review the week after",
           display="]"),
    Action("rehab.review.close", "escape,q,r", "close", "Close", "Close the review"),
)


def bindings_of(actions: tuple[Action, ...]) -> list[Binding]:
    return [
        Binding(a.keys, a.action, a.label, show=a.show, id=a.id, key_display=a.display or a.key_text)
        for a in actions
    ]


def main_bindings() -> list[Binding]:
    return bindings_of(MAIN_ACTIONS)
