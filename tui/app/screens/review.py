"""The weekly review: the decision in words, the reasons, red flags and the figures it used.

Nothing changes until Accept (`a`); accepting is one plan edit through
``service.accept_review`` (undo with `u` on the main screen), the same flow as
`rehab review --accept`. `[` and `]` show the week before / after.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...core.errors import RehabError
from ...core.redflags import NOTE
from ...service.review import DECISION_WORDS, ReviewView

ONE_WEEK = dt.timedelta(days=7)


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def decision_line(view: ReviewView) -> tuple[str, str]:
    """("HOLD", "stay in this phase for now")."""
    return DECISION_WORDS[view.review.decision]


def week_line(view: ReviewView) -> str:
    r = view.review
    phase = f" · {r.phase_name}" if r.phase_name else ""
    through = "" if r.judged_through >= r.week_end else f" (so far: to {_day(r.judged_through)})"
    return f"Week of {_day(r.week_start)} to {_day(r.week_end)} {r.week_end.year}{phase}{through}"


def decision_content(view: ReviewView) -> Content:
    word, gloss = decision_line(view)
    return Content.assemble(("Decision: ", "bold"), (f" {word} ", "bold reverse"), f"  {gloss}")


def figures(view: ReviewView) -> list[tuple[str, str]]:
    """(label, text) rows: the numbers the decision used."""
    r = view.review
    a, p = r.adherence, r.pain
    rows = [("Adherence", f"{a.text()} ({a.credit:g} of {a.counted} sessions; {r.criteria.min_adherence:.0%} "
                          "needed to move on)" if a.counted else "nothing to count")]
    if p.activity_max is not None:
        mean = f", average {p.activity_mean:.1f}" if p.activity_mean is not None else ""
        rows.append(("Activity pain", f"highest {p.activity_max}/10{mean} over {p.activity_count} logged "
                                      f"session{'' if p.activity_count == 1 else 's'} "
                                      f"(this phase moves on at {r.criteria.max_activity_pain}/10 or less)"))
    else:
        rows.append(("Activity pain", "none logged"))
    rows.append(("Morning pain", ", ".join(f"{d:%a} {v}" for d, v in p.morning) if p.morning else "no check-ins"))
    if p.trend is not None:
        basis = "vs the week before" if p.trend_basis == "previous week" else "early vs late in the week"
        rows.append(("Morning trend", f"{p.trend_from:.1f} → {p.trend_to:.1f} on average ({basis})"))
    for rise in p.rises:
        rows.append(("Next morning", f"{rise.before} → {rise.after} after {_day(rise.date)}"))
    return rows


def change_content(view: ReviewView) -> Content:
    if view.can_accept:
        return Content.assemble(("If you accept: ", "bold"), view.review.change.text,
                                ("\na accepts; u on the main screen undoes it", "dim"))
    return Content.styled(view.why_not, "dim")


def _hanging(mark: str, text: str, width: int, classes: str) -> Horizontal:
    label = Static(mark, classes="review-mark", markup=False)
    label.styles.width = width
    return Horizontal(label, Static(text, classes="review-text", markup=False),
                      classes=f"review-row {classes}".strip())


def body_widgets(view: ReviewView) -> list:
    r = view.review
    out: list = [Static("Why", classes="review-heading", markup=False)]
    out += [_hanging("  •", reason, 4, "") for reason in r.reasons]
    if r.red_flags:
        out.append(Static("Warning signs: please see a clinician", classes="review-heading review-flags",
                          markup=False))
        out += [_hanging("  !", flag, 4, "review-flag") for flag in r.red_flags]
        out.append(Static(NOTE, classes="review-note", markup=False))
    out.append(Static("Figures used", classes="review-heading", markup=False))
    out += [_hanging(f"  {label}", text, 17, "") for label, text in figures(view)]
    return out


class ReviewScreen(ModalScreen[bool]):
    """Returns True when the review was accepted, else False."""

    BINDINGS = [
        Binding("a", "accept", "Accept", id="rehab.review.accept"),
        Binding("left_square_bracket", "week(-1)", "Week before", key_display="[", id="rehab.review.prev_week"),
        Binding("right_square_bracket", "week(1)", "Week after", key_display="]", id="rehab.review.next_week"),
        Binding("escape,q,r", "close", "Close", id="rehab.review.close"),
    ]

    def __init__(self, week: dt.date, *, offered: bool = False) -> None:
        super().__init__()
        self.week = week
        self.offered = offered  # opened by itself at the start of a new week
        self.view: ReviewView | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="review", classes="dialog"):
            yield Static("", id="review-title", classes="dialog-title", markup=False)
            yield Static("", id="review-decision", markup=False)
            yield VerticalScroll(id="review-body")
            yield Static("", id="review-change", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Accept (a)", id="accept", variant="primary", compact=True)
                yield Button("Close (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.query_one("#review-body").focus()
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        plan = self.app.plan
        if plan is None:
            self.dismiss(False)
            return
        dialog = self.query_one("#review")
        dialog.border_title = "New week: weekly review" if self.offered else "Weekly review"
        dialog.border_subtitle = "[ ] other weeks"
        try:
            self.view = view = self.app.service.review(self.week, plan)
        except RehabError as err:
            self.view = None
            self.query_one("#review-change", Static).update(str(err).splitlines()[0])
            self.query_one("#accept", Button).disabled = True
            return
        self.query_one("#review-title", Static).update(week_line(view))
        self.query_one("#review-decision", Static).update(decision_content(view))
        self.query_one("#review-change", Static).update(change_content(view))
        self.query_one("#accept", Button).disabled = not view.can_accept
        body = self.query_one("#review-body", VerticalScroll)
        body.remove_children()
        body.mount_all(body_widgets(view))

    def body_text(self) -> str:
        """The review as the screen shows it, for tests and screen readers."""
        parts = [str(w.visual) for w in self.query("#review-title, #review-decision, #review-body Static, "
                                                       "#review-change").results(Static)]
        return "\n".join(parts)

    def action_week(self, step: int) -> None:
        self.week = self.week + step * ONE_WEEK
        self.offered = False
        self.refresh_from_store()

    def action_accept(self) -> None:
        view = self.view
        if view is None:
            return
        if not view.can_accept:
            self.app.notify(view.why_not, markup=False, severity="warning")
            return
        self.app.save(lambda service: accepted_note(service.accept_review(view, view.revision), view),
                      "Accepted")
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#accept")
    def _accept_pressed(self) -> None:
        self.action_accept()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()


def accepted_note(result, view: ReviewView) -> str:
    """The notice after Accept (a service.review.Acceptance)."""
    note = f"Accepted: {view.review.change.text} (u to undo)"
    if result.conflict:
        note += "; the plan had been changed in another session, and both changes are kept"
    return note


def _mark(service) -> None:
    try:
        service.mark_review_offered()
    except (RehabError, OSError):
        pass  # not fatal: the review is offered once more next time


def offer_review(screen) -> None:
    """At the start of a new week, open last week's review once (called by the main screen
    after its first paint). The week is remembered in the data's settings (service.mark_review_offered)."""
    app = screen.app
    if app.screen is not screen:
        return  # something else is open (a dialog, the too-small cover)
    try:
        monday = app.service.review_to_offer(app.plan)
    except RehabError:
        return
    if monday is None:
        return
    service = app.service
    app.run_worker(lambda: _mark(service), thread=True, group="settings", exit_on_error=False)
    app.push_screen(ReviewScreen(monday, offered=True))
