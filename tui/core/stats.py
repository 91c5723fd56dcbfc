"""Progress figures: adherence, streaks, pain over time, icing/massage per foot, footwear vs pain.

Pure functions over a Plan, LogEntry / CheckIn lists, flare dates and "today".
Nothing here reads the store: callers pass lists already cut to the dates they
show (``summary_range`` says which), so a week move in the TUI stays cheap even
with years of logs.

Rules (the same everywhere: TUI, ``rehab stats``, the weekly review):

- Adherence credit per scheduled session: done 1, partial 0.5, skipped or
  missed 0. Sessions still ``due`` (today, not logged) or ``planned`` (future)
  are not counted at all. Rest sessions (kind ``rest``) ask nothing to be done
  and are never counted.
- Flare days (``store.flares()``) are left out of the numerator and the
  denominator: a flare day cannot lower adherence.
- Streak: consecutive days, back from today, on which every counted session was
  done or partial. Today extends the streak once all its sessions are done or
  partial; until then it neither breaks nor extends it. Flare days and days with
  nothing to count (rest only, outside the plan) keep the streak without
  adding to it. The streak only looks as far back as the logs it is given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .activities import CATALOG
from .dates import week_start
from .kinds import KINDS
from .records import CheckIn, LogEntry, match_log
from .schedule import Plan, ScheduledSession

ONE_DAY = dt.timedelta(days=1)
CREDIT = {"done": 1.0, "partial": 0.5, "skipped": 0.0, "missed": 0.0}
UNCOUNTED_KINDS = frozenset({"rest"})
FOOT_KINDS = ("ice", "massage")
SUMMARY_DAYS = 28


# --- small helpers -------------------------------------------------------------
def flare_dates(flares: Iterable[dt.date | str] | None) -> frozenset[dt.date]:
    """Flare days as dates, from dates or ISO strings (``store.flares()``); bad strings are skipped."""
    out = set()
    for item in flares or ():
        if isinstance(item, dt.date):
            out.add(item)
            continue
        try:
            out.add(dt.date.fromisoformat(str(item)))
        except ValueError:
            continue
    return frozenset(out)


def credit(status: str) -> float | None:
    """Adherence credit of a session status; None when the status is not counted (due, planned)."""
    return CREDIT.get(status)


def logs_by_date(logs: Iterable[LogEntry]) -> dict[dt.date, list[LogEntry]]:
    out: dict[dt.date, list[LogEntry]] = defaultdict(list)
    for log in logs:
        out[log.date].append(log)
    return out


def status_of(session: ScheduledSession, by_date: dict[dt.date, list[LogEntry]], today: dt.date) -> str:
    """records.session_status with logs indexed by date (one dict lookup, not a scan)."""
    log = match_log(session, by_date.get(session.date, ()))
    if log is not None:
        return log.status
    if session.date == today:
        return "due"
    return "missed" if session.date < today else "planned"


def counted_sessions(
    plan: Plan,
    logs: Iterable[LogEntry],
    first: dt.date,
    last: dt.date,
    today: dt.date,
    flares: Iterable[dt.date | str] | None = None,
) -> list[tuple[ScheduledSession, str]]:
    """(session, status) for every scheduled session between first and last (inclusive)
    that adherence looks at: no rest sessions, nothing on flare days."""
    skip = flare_dates(flares)
    by_date = logs if isinstance(logs, dict) else logs_by_date(logs)
    return [
        (s, status_of(s, by_date, today))
        for s in plan.sessions_between(first, last)
        if s.kind not in UNCOUNTED_KINDS and s.date not in skip
    ]


# --- adherence -------------------------------------------------------------------
@dataclass(frozen=True)
class Adherence:
    """Credit earned over sessions counted; ``ratio`` is 0-1, or None when nothing was counted."""

    credit: float = 0.0
    counted: int = 0

    @property
    def ratio(self) -> float | None:
        return self.credit / self.counted if self.counted else None

    def text(self) -> str:
        """"83%" or "n/a" (nothing to count yet)."""
        return "n/a" if self.ratio is None else f"{self.ratio:.0%}"

    def __add__(self, other: "Adherence") -> "Adherence":
        return Adherence(self.credit + other.credit, self.counted + other.counted)


def _tally(pairs: Iterable[tuple[ScheduledSession, str]]) -> Adherence:
    got, n = 0.0, 0
    for _, status in pairs:
        value = CREDIT.get(status)
        if value is not None:
            got += value
            n += 1
    return Adherence(got, n)


def adherence(plan, logs, first, last, today, flares=None) -> Adherence:
    """Adherence over first..last (inclusive); see the module doc for the rules."""
    return _tally(counted_sessions(plan, logs, first, last, today, flares))


def adherence_by_kind(plan, logs, first, last, today, flares=None) -> dict[str, Adherence]:
    """Adherence per activity kind (in KINDS order), only kinds with sessions counted."""
    groups: dict[str, list] = defaultdict(list)
    for pair in counted_sessions(plan, logs, first, last, today, flares):
        groups[pair[0].kind].append(pair)
    out = {kind: _tally(groups[kind]) for kind in KINDS if kind in groups}
    return {k: v for k, v in out.items() if v.counted}


def adherence_by_week(plan, logs, first, last, today, flares=None) -> list[tuple[dt.date, Adherence]]:
    """(Monday, adherence) for each Mon-Sun week touching first..last, oldest first;
    days outside first..last are not counted."""
    groups: dict[dt.date, list] = defaultdict(list)
    for pair in counted_sessions(plan, logs, first, last, today, flares):
        groups[week_start(pair[0].date)].append(pair)
    out = []
    monday = week_start(first)
    while monday <= last:
        out.append((monday, _tally(groups.get(monday, ()))))
        monday += dt.timedelta(days=7)
    return out


# --- streak ----------------------------------------------------------------------
def current_streak(plan, logs, today, flares=None, earliest: dt.date | None = None) -> int:
    """Days in a row, back from today, with every counted session done or partial.

    ``earliest``: the first date the given logs cover (the scan stops there);
    defaults to the plan's start.
    """
    return _streak(plan, logs, today, flares, earliest)[0]


def _streak(plan, logs, today, flares, earliest) -> tuple[int, bool]:
    """(streak, capped): capped when the scan reached ``earliest`` (after the plan's
    start) without a break, so the real streak may be longer."""
    lo = max(plan.start, earliest) if earliest else plan.start
    if lo > today:
        return 0, False
    skip = flare_dates(flares)
    by_date = logs if isinstance(logs, dict) else logs_by_date(logs)
    per_day: dict[dt.date, list[ScheduledSession]] = defaultdict(list)
    for s in plan.sessions_between(lo, today):
        if s.kind not in UNCOUNTED_KINDS:
            per_day[s.date].append(s)
    streak = 0
    day = today
    while day >= lo:
        sessions = per_day.get(day)
        if sessions and day not in skip:
            statuses = [status_of(s, by_date, today) for s in sessions]
            if all(st in ("done", "partial") for st in statuses):
                streak += 1
            elif day == today and all(st in ("done", "partial", "due") for st in statuses):
                pass  # today is not over yet
            else:
                return streak, False
        day -= ONE_DAY
    return streak, streak > 0 and lo > plan.start


# --- pain over time ---------------------------------------------------------------
def morning_pain_series(checkins: Iterable[CheckIn], first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    """(date, morning pain) for each check-in in first..last, oldest first."""
    return sorted((c.date, c.morning_pain) for c in checkins if first <= c.date <= last)


def walking_pain_series(checkins: Iterable[CheckIn], first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    return sorted(
        (c.date, c.walking_pain) for c in checkins if first <= c.date <= last and c.walking_pain is not None
    )


def activity_pain_series(logs: Iterable[LogEntry], first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    """(date, highest pain logged during an activity that day), oldest first; days without a pain figure are left out."""
    worst: dict[dt.date, int] = {}
    for log in logs:
        if log.pain is not None and first <= log.date <= last:
            worst[log.date] = max(log.pain, worst.get(log.date, 0))
    return sorted(worst.items())


def values(series: list[tuple[dt.date, float]]) -> list[float]:
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


# --- one call for a progress pane --------------------------------------------------
def summary_range(today: dt.date, week: dt.date | None = None, days: int = SUMMARY_DAYS) -> tuple[dt.date, dt.date]:
    """The dates progress_summary needs logs and check-ins for: the last ``days`` days
    up to today, plus the Mon-Sun week holding ``week``."""
    monday = week_start(week or today)
    first = min(today - dt.timedelta(days=days - 1), monday)
    last = max(today, monday + dt.timedelta(days=6))
    return first, last


@dataclass(frozen=True)
class ProgressSummary:
    today: dt.date
    week_start: dt.date
    week_adherence: Adherence  # the viewed Mon-Sun week (future sessions not counted)
    window_start: dt.date  # first day of the last-``days`` window
    window_adherence: Adherence
    by_kind: dict[str, Adherence]  # over the window
    by_week: list[tuple[dt.date, Adherence]]  # weeks touching the window
    streak: int
    streak_capped: bool  # True: the streak reaches the window start (it may be longer: show "28+")
    morning_pain: list[tuple[dt.date, int]]  # check-ins in the window
    walking_pain: list[tuple[dt.date, int]]
    activity_pain: list[tuple[dt.date, int]]  # highest activity pain per day in the window
    foot_minutes: dict[str, FootMinutes]  # "ice", "massage" over the window
    footwear: list[FootwearPain]  # over the window
    flare_days: list[dt.date] = field(default_factory=list)  # in the window and the viewed week

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def morning_pain_values(self) -> list[float]:
        return values(self.morning_pain)

    @property
    def activity_pain_values(self) -> list[float]:
        return values(self.activity_pain)

    @property
    def streak_text(self) -> str:
        return f"{self.streak}+ days" if self.streak_capped else f"{self.streak} day" + ("" if self.streak == 1 else "s")

    def to_dict(self) -> dict:
        def series(items):
            return [{"date": d.isoformat(), "pain": v} for d, v in items]

        def adh(a: Adherence):
            return {"ratio": None if a.ratio is None else round(a.ratio, 3), "credit": a.credit, "counted": a.counted}

        return {
            "today": self.today.isoformat(),
            "week_start": self.week_start.isoformat(),
            "week_adherence": adh(self.week_adherence),
            "window_start": self.window_start.isoformat(),
            "window_adherence": adh(self.window_adherence),
            "by_kind": {k: adh(v) for k, v in self.by_kind.items()},
            "by_week": [{"week_start": d.isoformat(), **adh(a)} for d, a in self.by_week],
            "streak": self.streak,
            "streak_capped": self.streak_capped,
            "morning_pain": series(self.morning_pain),
            "walking_pain": series(self.walking_pain),
            "activity_pain": series(self.activity_pain),
            "foot_minutes": {
                k: {"left": v.left, "right": v.right, "both": v.both, "total": v.total}
                for k, v in self.foot_minutes.items()
            },
            "footwear": [
                {"footwear": f.footwear, "days": f.days,
                 "morning_pain": None if f.morning_pain is None else round(f.morning_pain, 2),
                 "walking_pain": None if f.walking_pain is None else round(f.walking_pain, 2)}
                for f in self.footwear
            ],
            "flare_days": [d.isoformat() for d in self.flare_days],
        }


def progress_summary(
    plan: Plan,
    logs: Iterable[LogEntry],
    checkins: Iterable[CheckIn],
    flares: Iterable[dt.date | str] | None,
    today: dt.date,
    week: dt.date | None = None,
    days: int = SUMMARY_DAYS,
) -> ProgressSummary:
    """Everything a progress pane shows, for the week holding ``week`` (default: this week)
    and the last ``days`` days.

    Pass logs and check-ins covering ``summary_range(today, week, days)``, e.g.
    ``store.logs(*summary_range(today, week))``; extra older entries are ignored.
    """
    first, last = summary_range(today, week, days)
    window_start = today - dt.timedelta(days=days - 1)
    logs = [log for log in logs if first <= log.date <= last]
    checkins = [c for c in checkins if first <= c.date <= last]
    flare_set = flare_dates(flares)
    by_date = logs_by_date(logs)
    monday = week_start(week or today)
    week_pairs = counted_sessions(plan, by_date, monday, monday + dt.timedelta(days=6), today, flare_set)
    window_pairs = counted_sessions(plan, by_date, window_start, today, today, flare_set)
    by_kind: dict[str, list] = defaultdict(list)
    by_week: dict[dt.date, list] = defaultdict(list)
    for pair in window_pairs:
        by_kind[pair[0].kind].append(pair)
        by_week[week_start(pair[0].date)].append(pair)
    streak, capped = _streak(plan, by_date, today, flare_set, first)
    window_logs = [log for log in logs if window_start <= log.date <= today]
    window_checkins = [c for c in checkins if window_start <= c.date <= today]
    weeks = []
    m = week_start(window_start)
    while m <= today:
        weeks.append((m, _tally(by_week.get(m, ()))))
        m += dt.timedelta(days=7)
    return ProgressSummary(
        today=today,
        week_start=monday,
        week_adherence=_tally(week_pairs),
        window_start=window_start,
        window_adherence=_tally(window_pairs),
        by_kind={k: _tally(by_kind[k]) for k in KINDS if k in by_kind},
        by_week=weeks,
        streak=streak,
        streak_capped=capped,
        morning_pain=morning_pain_series(window_checkins, window_start, today),
        walking_pain=walking_pain_series(window_checkins, window_start, today),
        activity_pain=activity_pain_series(window_logs, window_start, today),
        foot_minutes=foot_minutes(window_logs),
        footwear=footwear_pain(window_checkins),
        flare_days=sorted(d for d in flare_set if first <= d <= last),
    )
