"""Progress series: pain over time, icing and massage minutes per foot, footwear vs pain.

Pure functions over LogEntry / CheckIn lists (see ``stats`` for the whole set).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .activities import CATALOG
from .records import CheckIn, LogEntry

FOOT_KINDS = ("ice", "massage")


# --- pain over time ---------------------------------------------------------------
def morning_pain_series(checkins: Iterable[CheckIn], first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    """(date, morning pain) for each check-in in first..last, oldest first."""
    return sorted((c.date, c.morning_pain) for c in checkins if first <= c.date <= last)


def walking_pain_series(checkins: Iterable[CheckIn], first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    return sorted(
        (c.date, c.walking_pain) for c in checkins if first <= c.date <= last and c.walking_pain is not None
    )


def activity_pain_series(logs: Iterable[LogEntry], first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    """(date, highest pain logged during an activity that day), oldest first; days without a
    pain figure are left out."""
    worst: dict[dt.date, int] = {}
    for log in logs:
        if log.pain is not None and first <= log.date <= last:
            worst[log.date] = max(log.pain, worst.get(log.date, 0))
    return sorted(worst.items())


def values(series: list[tuple[dt.date, int]] | list[tuple[dt.date, float]]) -> list[float]:
    """Just the numbers of a series (what a Sparkline takes)."""
    return [float(v) for _, v in series]


def mean(numbers: Iterable[float]) -> float | None:
    items = list(numbers)
    return sum(items) / len(items) if items else None


# --- icing and massage per foot ------------------------------------------------
@dataclass(frozen=True)
class FootMinutes:
    """Minutes logged for one kind: on the left foot, the right foot, and both / not said."""

    left: float = 0.0
    right: float = 0.0
    both: float = 0.0

    @property
    def total(self) -> float:
        return self.left + self.right + self.both


def log_minutes(log: LogEntry) -> float:
    """Minutes a log stands for: what was logged, else the activity's default dose
    (per-foot doses count once for one foot, twice for both); partial counts half."""
    if log.minutes is not None:
        return float(log.minutes)
    activity = CATALOG.get(log.activity)
    if activity is None:
        return 0.0
    dose = activity.dose
    if dose.minutes_per_foot is not None:
        minutes = dose.minutes_per_foot * (1 if log.foot in ("left", "right") else 2)
    else:
        minutes = dose.planned_minutes()
    if log.status == "skipped":
        return 0.0
    return minutes * (0.5 if log.status == "partial" else 1.0)


def foot_minutes(logs: Iterable[LogEntry], kinds: tuple[str, ...] = FOOT_KINDS) -> dict[str, FootMinutes]:
    """Per kind (ice, massage): minutes by foot, from logs that were done or partial."""
    sums: dict[str, dict[str, float]] = {k: {"left": 0.0, "right": 0.0, "both": 0.0} for k in kinds}
    for log in logs:
        activity = CATALOG.get(log.activity)
        if activity is None or activity.kind not in sums or log.status == "skipped":
            continue
        sums[activity.kind][log.foot if log.foot in ("left", "right") else "both"] += log_minutes(log)
    return {k: FootMinutes(**v) for k, v in sums.items()}


# --- footwear vs pain ---------------------------------------------------------------
@dataclass(frozen=True)
class FootwearPain:
    footwear: str
    days: int
    morning_pain: float | None  # average on days this footwear was worn
    walking_pain: float | None


def footwear_pain(checkins: Iterable[CheckIn]) -> list[FootwearPain]:
    """Average morning and walking pain on days with each footwear value (most worn first).

    Morning pain is the morning of the check-in day; it reads as "how the foot was
    on days I wore this", not as cause and effect.
    """
    groups: dict[str, list[CheckIn]] = defaultdict(list)
    for c in checkins:
        name = (c.footwear or "").strip()
        if name:
            groups[name].append(c)
    out = [
        FootwearPain(
            footwear=name,
            days=len(items),
            morning_pain=mean(c.morning_pain for c in items),
            walking_pain=mean(c.walking_pain for c in items if c.walking_pain is not None),
        )
        for name, items in groups.items()
    ]
    out.sort(key=lambda f: (-f.days, f.footwear.lower()))
    return out
