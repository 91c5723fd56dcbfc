"""The session timer: a countdown with a progress bar, "switch feet" halfway for per-foot doses,
the current hold or walk/run stage, pause and cancel; the session is logged as done at the end.

The clock is the app's (``app.clock``, time.monotonic by default), so tests can
fast-forward it and call :meth:`TimerScreen.tick`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, ProgressBar, Static

from ...core.records import LogEntry
from ...core.safe_text import safe_line
from ...core.schedule import ScheduledSession
from ..typed import RehabModal

TICK_SECONDS = 0.25
ASCII_BAR = 40  # cells of the text bar drawn under ascii


def clock_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def stage_text(session: ScheduledSession, elapsed: float, total: int) -> str:
    """What to do right now: which foot, which hold, walk or run."""
    dose = session.dose
    if dose.per_foot:
        return "Left foot" if elapsed < total / 2 else "Switch feet: right foot"
    if dose.walk_minutes is not None or dose.run_minutes is not None:
        walk, run = (dose.walk_minutes or 0) * 60, (dose.run_minutes or 0) * 60
        cycle = walk + run or 1
        sets = dose.sets or 1
        n = min(sets, int(elapsed // cycle) + 1)
        part = "walk" if (elapsed % cycle) < walk else "run"
        return f"Round {n} of {sets}: {part}"
    if dose.hold_seconds and dose.minutes is None:
        holds = (dose.reps or 1) * (dose.sets or 1)
        n = min(holds, int(elapsed // dose.hold_seconds) + 1)
        return f"Hold {n} of {holds} ({dose.hold_seconds} s each)"
    return session.dose.describe()


class TimerScreen(RehabModal[LogEntry | None]):
    BINDINGS = [
        Binding("space,p", "pause", "Pause/resume", id="rehab.timer.pause", tooltip="Pause or resume the timer"),
        Binding("escape,x", "cancel", "Cancel", id="rehab.timer.cancel",
                tooltip="Stop the timer without logging"),
    ]

    def __init__(self, session: ScheduledSession) -> None:
        super().__init__()
        self.session = session
        self.total = session.dose.timer_seconds() or 0
        self.started = 0.0
        self.paused_at: float | None = None
        self.paused_for = 0.0
        self.switched = False
        self.finished = False

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(id="timer", classes="dialog"):
            sep = self.app.glyphs.sep
            yield Static(Content(f"Timer {sep} {safe_line(s.name)} {sep} {s.dose.describe()}"), classes="dialog-title")
            yield Static("", id="timer-stage", markup=False)
            yield Static(clock_text(self.total), id="timer-clock")
            yield ProgressBar(total=self.total, show_eta=False, id="timer-bar")
            yield Static("", id="timer-ascii-bar", markup=False)  # the bar under ascii (app.tcss)
            yield Static("", id="timer-state", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Pause (Space)", id="pause", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.started = self.app.clock()
        self.set_interval(TICK_SECONDS, self.tick)
        self.tick()

    # --- time ----------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def elapsed(self) -> float:
        now = self.paused_at if self.paused_at is not None else self.app.clock()
        return max(0.0, min(float(self.total), now - self.started - self.paused_for))

    def tick(self) -> None:
        if self.finished:
            return
        elapsed = self.elapsed()
        self.query_one("#timer-clock", Static).update(clock_text(self.total - elapsed))
        self.query_one("#timer-bar", ProgressBar).update(progress=elapsed)
        share = elapsed / self.total if self.total else 1.0
        self.query_one("#timer-ascii-bar", Static).update(f"{self.app.glyphs.bar(share, ASCII_BAR)} {share:4.0%}")
        self.query_one("#timer-stage", Static).update(stage_text(self.session, elapsed, self.total))
        state = "Paused: Space resumes" if self.paused else "Running: Space pauses, Esc cancels"
        self.query_one("#timer-state", Static).update(state)
        if self.session.dose.per_foot and not self.switched and elapsed >= self.total / 2:
            self.switched = True
            self.app.bell()
            self.notify("Switch feet", timeout=4)
        if elapsed >= self.total:
            self.finish()

    def finish(self) -> None:
        self.finished = True
        self.app.bell()
        s = self.session
        self.dismiss(LogEntry(
            date=s.date, activity=s.activity_id, session_id=s.session_id, status="done",
            minutes=round(self.total / 60, 1), foot="both" if s.dose.per_foot else None,
            note="",
        ))

    # --- keys ------------------------------------------------------------------
    def action_pause(self) -> None:
        if self.finished:
            return
        now = self.app.clock()
        if self.paused_at is None:
            self.paused_at = now
        else:
            self.paused_for += now - self.paused_at
            self.paused_at = None
        self.query_one("#pause", Button).label = "Resume (Space)" if self.paused else "Pause (Space)"
        self.tick()

    def action_cancel(self) -> None:
        self.finished = True
        self.notify("Timer cancelled; nothing logged.", timeout=3)
        self.dismiss(None)

    @on(Button.Pressed, "#pause")
    def _pause_pressed(self) -> None:
        self.action_pause()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
