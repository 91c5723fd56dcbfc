"""The weekly review both interfaces show: which records it reads, whether to offer it,
and what accepting does (one undoable plan edit, and the week remembered as offered).

The rules are the core's (tui/core/review.py); the TUI's review screen and
`rehab review` both call this module, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.dates import week_start
from ..core.errors import RehabError
from ..core.review import Review, apply_review, default_review_week, review_ranges, weekly_review
from ..core.schedule import Plan
from .review_offer import OFFERED_KEY, clinician_seen_on, mark_offered, record_clinician_seen, week_to_offer

if TYPE_CHECKING:
    from ..storage.store import Store

DECISION_WORDS = {
    "progress": ("MOVE ON", "the foot is ready for the next phase"),
    "hold": ("HOLD", "stay in this phase for now"),
    "step-back": ("STEP BACK", "ease the load until the foot settles"),
}

__all__ = [
    "DECISION_WORDS",
    "OFFERED_KEY",
    "Acceptance",
    "ReviewView",
    "accept",
    "accept_label",
    "clinician_seen_on",
    "default_review_week",
    "headline",
    "load_review",
    "mark_offered",
    "next_plan_start",
    "record_clinician_seen",
    "week_to_offer",
]


def headline(review: Review) -> tuple[str, str]:
    """The decision in a word and a gloss, as both interfaces head the review: ("HOLD", "stay in this
    phase for now"); a complete plan and a week outside the plan say so instead."""
    if review.plan_complete:
        return "PLAN COMPLETE", "this was the plan's last week"
    if review.outside:
        return "NOTHING TO REVIEW", "this week is not part of the plan"
    return DECISION_WORDS[review.decision]


@dataclass(frozen=True)
class ReviewView:
    """A review and what accepting it would do to the plan as it is now."""

    review: Review
    revision: int  # the plan revision the review was made on
    applied: bool  # accepting would change nothing: already in the plan

    @property
    def can_accept(self) -> bool:
        review = self.review
        return review.change.action != "none" and not review.stale and review.week_over and not self.applied

    @property
    def next_plan(self) -> str | None:
        """The template id a complete plan offers next (return-to-run or maintenance), else None."""
        return self.review.next_plan if self.review.plan_complete else None

    @property
    def why_not(self) -> str:
        """Why Accept does nothing (empty when it can be accepted)."""
        if self.review.stale:
            return "This week is past: its review is for reading only."
        if not self.review.week_over:
            after = self.review.week_end + dt.timedelta(days=1)
            return f"This week is not over yet: its review can be accepted from {after:%a} {after.day} {after:%b}."
        if self.review.change.action == "none":  # its text says so ("Nothing to change: ...")
            return self.review.change.text
        if self.applied:
            return f"Already in the plan: {self.review.change.text}"
        return ""


@dataclass(frozen=True)
class Acceptance:
    """What accepting a review did."""

    accepted: bool  # False: nothing to change, or already in the plan
    conflict: bool = False  # the plan had been changed in another session since it was read


def load_review(store: Store, plan: Plan, week: dt.date, today: dt.date) -> ReviewView:
    """The review of the Mon-Sun week holding ``week``, from the store's records."""
    monday = week_start(week)
    (log_from, log_to), (checkin_from, checkin_to) = review_ranges(plan, monday)
    logs = store.logs(log_from, log_to)
    checkins = store.checkins(checkin_from, checkin_to)
    review = weekly_review(plan, logs, checkins, store.flares(), monday, today, clinician_seen_on(store))
    applied = False
    if review.change.action != "none" and not review.stale:
        applied = apply_review(plan, review).to_dict() == plan.to_dict()
    return ReviewView(review, store.plan_revision(), applied)


def accept_label(review: Review) -> str:
    return f"accept review of week {review.week_start.isoformat()} ({review.decision})"


def accept(store: Store, view: ReviewView, seen_revision: int | None = None) -> Acceptance:
    """Apply the review to the latest plan (one undoable plan edit) and remember this week
    as offered, so the TUI does not offer it again. A past week's review is refused."""
    review = view.review
    if review.stale:
        raise RehabError(f"the week of {review.week_start.isoformat()} is too old to accept; only this "
                         "week's or last week's review can change the plan")
    if not view.can_accept:
        mark_offered(store, review.today)
        return Acceptance(False)
    edit = store.edit_plan(lambda plan: apply_review(plan, review), accept_label(review), seen_revision)
    mark_offered(store, review.today)
    return Acceptance(True, edit.conflict)


def next_plan_start(view: ReviewView, today: dt.date) -> dt.date:
    """When the plan a complete review offers starts: today, or the day after the reviewed week."""
    if view.next_plan is None:
        raise RehabError("this review does not offer a next plan: the plan is not complete")
    return max(today, view.review.week_end + dt.timedelta(days=1))
