"""Whether to offer last week's review, and the day a clinician saw the foot: the parts of the
review flow the main screen needs at start-up, without loading the review itself
(tui/service/review.py and the core's rules of the review load only when one is shown).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core.dates import default_review_week, week_start
from ..core.errors import RehabError
from ..core.redflags import CLINICIAN_SEEN_KEY, seen_day
from ..core.schedule import Plan

if TYPE_CHECKING:
    from ..storage.store import Store

# The Monday of the week in which the review was last offered (or accepted).
OFFERED_KEY = "review.offered_week"


def week_to_offer(store: Store, plan: Plan | None, today: dt.date) -> dt.date | None:
    """Last week's Monday when its review should be offered now: a new week has begun since
    the review was last offered, and last week was part of the plan. Else None."""
    if plan is None:
        return None
    this_week = week_start(today).isoformat()
    if store.get_setting(OFFERED_KEY) == this_week:
        return None
    monday = default_review_week(today)
    sunday = monday + dt.timedelta(days=6)
    if plan.span_on(sunday) is None and plan.span_on(monday) is None:
        return None  # last week was before the plan started, or after it ended
    return monday


def mark_offered(store: Store, today: dt.date) -> None:
    store.set_setting(OFFERED_KEY, week_start(today).isoformat())


def clinician_seen_on(store: Store) -> dt.date | None:
    """The day the user recorded that a clinician saw the foot (None: never, or unreadable)."""
    return seen_day(store.get_setting(CLINICIAN_SEEN_KEY))


def record_clinician_seen(store: Store, day: dt.date, today: dt.date) -> dt.date:
    """Record that a clinician has seen the foot on ``day`` (not in the future): red flags seen up
    to that day no longer hold the plan or swap its impact sessions."""
    if day > today:
        raise RehabError(f"{day.isoformat()} is in the future; record a visit on or after the day it happened")
    store.set_setting(CLINICIAN_SEEN_KEY, day.isoformat())
    return day
