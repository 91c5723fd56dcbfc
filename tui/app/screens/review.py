"""The weekly review: the decision in words, the reasons, warning signs and the figures it used.

Nothing changes until Accept (`a`); accepting is one plan edit through
``service.accept_review`` (undo with `u` on the main screen), the same flow as
`rehab review --accept`; a week not over cannot be accepted. A complete plan
offers what comes next (`n` starts it through ``service.start_next_plan``).
Warning signs show the sign and the next step; `v` records that a clinician has
seen the foot (``service.record_clinician_seen``, as `rehab flag seen`).
`[` and `]` show the week before / after. Keys: bindings.REVIEW_ACTIONS.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from ...core.errors import RehabError
from ...core.glyphs import UNICODE, Glyphs
from ...core.redflags import NOTE as SEE_A_CLINICIAN
from ...core.safe_text import safe_line, safe_text
from ...service.review import ReviewView, headline, next_plan_start
from ..bindings import REVIEW_ACTIONS, bindings_of
from ..typed import RehabModal
from ..widgets.review_body import FLAG_HEADING, FLAG_ROW, HEADING, NOTE, ROW, BodyRow, ReviewBody

if TYPE_CHECKING:
    from ...service.review import Acceptance

NEXT_PLAN_NAMES = {"return-to-run": "the return-to-running plan", "maintenance": "the maintenance routine"}

ONE_WEEK = dt.timedelta(days=7)


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def decision_line(view: ReviewView) -> tuple[str, str]:
    """("HOLD", "stay in this phase for now"); "PLAN COMPLETE", "NOTHING TO REVIEW" (service.review.headline)."""
    return headline(view.review)


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
    rows = [("Adherence", r.adherence_text if a.counted else "nothing to count")]
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
    if view.next_plan is not None:
        name = NEXT_PLAN_NAMES.get(view.next_plan, view.next_plan)
        start = next_plan_start(view, view.review.today)
        return Content.assemble(("What next: ", "bold"), f"n starts {name} ({view.next_plan}) on {_day(start)}",
                                ("\nu on the main screen undoes it; nothing starts unless you press n", "dim"))
    if view.can_accept:
        return Content.assemble(("If you accept: ", "bold"), view.review.change.text,
                                ("\na accepts; u on the main screen undoes it", "dim"))
    return Content.styled(view.why_not, "dim")


def body_rows(view: ReviewView, table: Glyphs = UNICODE) -> list[BodyRow]:
    """Warning signs first (the sign, its days, what to do now), then the reasons, then the figures."""
    r = view.review
    text = table.text
    out: list[BodyRow] = []
    if r.flags:
        out.append(BodyRow(FLAG_HEADING, "Red flags: please see a clinician"))
        out += [BodyRow(FLAG_ROW, text(safe_text(flag.text)), "  !", 4) for flag in r.flags]
        out.append(BodyRow(NOTE, "When a clinician has seen your foot, press v to record it."))
        out.append(BodyRow(NOTE, SEE_A_CLINICIAN))
    out.append(BodyRow(HEADING, "Why"))
    out += [BodyRow(ROW, text(safe_text(reason)), f"  {table.bullet}", 4) for reason in r.reasons]
    if not r.outside:  # a week outside the plan has no figures to show (as `rehab review`)
        out.append(BodyRow(HEADING, "Figures used"))
        out += [BodyRow(ROW, text(line), f"  {label}", 17) for label, line in figures(view)]
    return out


class ReviewScreen(RehabModal[bool]):
    """Returns True when the review was accepted, else False."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings_of(REVIEW_ACTIONS)]

    def __init__(self, week: dt.date, *, offered: bool = False) -> None:
        super().__init__()
        self.week = week
        self.offered = offered  # opened by itself at the start of a new week
        self.view: ReviewView | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="review", classes="dialog"):
            yield Static("", id="review-title", classes="dialog-title", markup=False)
            yield Static("", id="review-decision", markup=False)
            with VerticalScroll(id="review-body"):
                yield ReviewBody(id="review-rows")
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
            self._close(False)
            return
        dialog = self.query_one("#review")
        dialog.border_title = "New week: weekly review" if self.offered else "Weekly review"
        dialog.border_subtitle = "[ ] other weeks"
        try:
            self.view = view = self.app.service.review(self.week, plan)
        except RehabError as err:
            self.view = None
            self.query_one(ReviewBody).set_rows([])
            self.query_one("#review-change", Static).update(str(err).splitlines()[0])
            self.query_one("#accept", Button).disabled = True
            return
        self.query_one("#review-title", Static).update(self.app.glyphs.text(safe_line(week_line(view))))
        self.query_one("#review-decision", Static).update(decision_content(view))
        self.query_one("#review-change", Static).update(change_content(view))
        self.query_one("#accept", Button).disabled = not view.can_accept
        self.query_one(ReviewBody).set_rows(body_rows(view, self.app.glyphs))

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
        self._close(True)

    def action_next_plan(self) -> None:
        view = self.view
        if view is None or view.next_plan is None:
            self.app.notify("A next plan is offered when a plan is complete.", markup=False)
            return
        name = NEXT_PLAN_NAMES.get(view.next_plan, view.next_plan)
        self.app.save(lambda service: service.start_next_plan(view) and None,
                      f"Started {name} (u to undo)", after=self.app.show_main)
        self._close(True)

    def action_clinician_seen(self) -> None:
        self.app.save(lambda service: service.record_clinician_seen() and None,
                      "Recorded: a clinician has seen your foot today")

    def action_close(self) -> None:
        self._close(False)

    def _close(self, result: bool) -> None:
        if self.app.screen is self:  # never pop a screen on top (is_current is also true under a modal)
            self.dismiss(result)

    @on(Button.Pressed, "#accept")
    def _accept_pressed(self) -> None:
        self.action_accept()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()


def accepted_note(result: Acceptance, view: ReviewView) -> str:
    """The notice after Accept (a service.review.Acceptance)."""
    note = f"Accepted: {view.review.change.text} (u to undo)"
    if result.conflict:
        note += "; the plan had been changed in another session, and both changes are kept"
    return note
