"""Swapping a day's walk-run or brisk walk for cycling or swimming (`rehab swap`, the TUI's `w`).

A swap is not a plan edit: it logs the substitute against each impact session
(tui/core/substitution.py), so the session counts as done and the plan stays
as it is. Each logged substitute is one undoable change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import RehabError
from ..core.records import LogEntry
from ..core.schedule import Plan
from ..core.substitution import Suggestion, impact_sessions, similar_minutes, substitute_log, substitutions_for
from .review_offer import clinician_seen_on

if TYPE_CHECKING:
    from ..storage.store import Store

LOOK_BACK = dt.timedelta(days=28)


@dataclass(frozen=True)
class SwapChoices:
    """What a swap on ``day`` would replace.

    ``triggered``: the rules suggest it (morning pain up, or the last impact
    session hurt); else ``suggestions`` are the day's unlogged impact sessions,
    offered as the user's own choice.
    """

    day: dt.date
    suggestions: tuple[Suggestion, ...]
    triggered: bool


def swap_choices(store: Store, plan: Plan, day: dt.date) -> SwapChoices:
    logs = store.logs(day - LOOK_BACK, day)
    checkins = store.checkins(day - LOOK_BACK, day)
    flares = store.flares()
    found = substitutions_for(day, plan, logs, checkins, flares, clinician_seen_on(store))
    if found:
        return SwapChoices(day, tuple(found), True)
    own = [Suggestion(day, s.session_id, s.activity_id, s.name, similar_minutes(s), "your choice")
           for s in impact_sessions(day, plan, logs, flares)]
    return SwapChoices(day, tuple(own), False)


def swap(store: Store, choices: SwapChoices, activity: str, minutes: float | None = None,
         pain: int | None = None) -> list[LogEntry]:
    """Log ``activity`` (cycling or swimming) in place of each impact session of the day."""
    if not choices.suggestions:
        raise RehabError(f"no walk-run or brisk walk left to swap on {choices.day.isoformat()}")
    done = []
    for s in choices.suggestions:
        entry = substitute_log(s, activity, minutes=minutes, pain=pain)
        store.add_log(entry, f"swap {s.activity_id} for {activity} on {choices.day.isoformat()}")
        done.append(entry)
    return done
