"""What `rehab log --pain` (and the app's log dialog) says after a log, from the rules in force.

Kept apart from the review (tui/service/review.py imports the whole review): a log
starts a fresh process in scripts, so it loads only the rules and the red flags.
"""

from __future__ import annotations

import datetime as dt

from ..core.redflags import pain_notices as notices
from ..core.rules import Thresholds, thresholds
from ..core.schedule import Plan


def rules_on(plan: Plan | None, day: dt.date) -> Thresholds:
    """The thresholds in force on ``day`` (tui.core.review.review_thresholds gives the same);
    the defaults with no plan."""
    span = plan.span_on(day) if plan is not None else None
    return thresholds(plan.template if plan is not None else None, span.phase if span else None)


def pain_notices(plan: Plan | None, pain: int | None, day: dt.date) -> list[str]:
    """The notices for activity pain ``pain`` logged on ``day``; none without a pain score."""
    return [] if pain is None else notices(pain, rules_on(plan, day))
