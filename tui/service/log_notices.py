"""What `rehab log --pain`, `rehab checkin` (and the app's dialogs) say after a record, from the
rules in force that day.

Kept apart from the review (tui/service/review.py imports the whole review): a log
starts a fresh process in scripts, so it loads only the rules and the red flags.
"""

from __future__ import annotations

import datetime as dt

from ..core.records import CheckIn
from ..core.redflags import pain_notices as notices
from ..core.rules import shown, thresholds_on
from ..core.schedule import Plan


def pain_notices(plan: Plan | None, pain: int | None, day: dt.date) -> list[str]:
    """The notices for activity pain ``pain`` logged on ``day``; none without a pain score."""
    return [] if pain is None else notices(pain, thresholds_on(plan, day))


def checkin_notices(plan: Plan | None, checkin: CheckIn) -> list[str]:
    """The calm line after a check-in that shows a warning sign: the signs seen and what to do now."""
    limits = thresholds_on(plan, checkin.date)
    signs = [name for name, seen in (("pain at night or at rest", checkin.night_pain),
                                     ("swelling", checkin.swelling),
                                     ("warmth or redness", checkin.warmth_redness),
                                     ("limping", checkin.limping)) if seen]
    for what, pain in (("morning pain", checkin.morning_pain), ("walking pain", checkin.walking_pain)):
        if pain is not None and pain > limits["severe_pain"]:
            signs.append(f"{what} over {shown(limits['severe_pain'])}/10")
    if not signs:
        return []
    return [f"warning sign: {', '.join(signs)}. Please have a clinician look at your foot (your GP, a "
            "physiotherapist or a podiatrist); until then runs and brisk walks give way to cycling or swimming. "
            "When one has seen it: `rehab flag seen`."]
