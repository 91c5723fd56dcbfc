"""Warning signs that mean "see a clinician" (CLINICAL.md, red flags), over rolling windows.

A flag is found in the ``window_days`` (7) days ending on a given day, so signs on
Saturday, Sunday and Monday count together whatever the calendar week. The
daily banner asks ``find_flags(..., today)``; a review asks ``flags_over`` for
every day of its week, so nothing is missed at a week boundary.

Each flag names the sign seen and one concrete next step. While a flag is
active the plan's impact sessions become cycling or swimming
(``substitution.pause_impact``). A flag clears when its window no longer
shows the sign, or when the user records that a clinician has seen the foot
(``active_flags(flags, clinician_seen_on)``). None of them names a condition:
the app does not diagnose.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .activities import CATALOG
from .records import CheckIn, LogEntry
from .rules import Thresholds, shown, thresholds

NOTE = "This app gives self-care structure; it cannot diagnose. A clinician can."
CLINICIAN_SEEN_KEY = "redflags.clinician_seen_on"  # suggested setting: ISO date a clinician saw the foot

FLAG_LOG_DAYS = 14  # the red-flag rules look at the logs of the last 14 days


def flag_ranges(plan: Any, today: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """((logs from, to), (check-ins from, to)) that ``find_flags`` needs on ``today``: the
    logs of the last FLAG_LOG_DAYS days, the check-ins since then or the plan's start."""
    recent = today - dt.timedelta(days=FLAG_LOG_DAYS - 1)
    return (recent, today), (min(recent, plan.start), today)


def seen_day(value: object) -> dt.date | None:
    """The CLINICIAN_SEEN_KEY setting as a date (None: never recorded, or not a date)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


PAUSE = "Until then the plan swaps running and brisk walks for cycling or swimming."
_limits = thresholds()
WINDOW_DAYS = _limits.whole("window_days")
NUMBNESS_DAYS = _limits.whole("numbness_days")
SEVERE_PAIN = _limits.whole("severe_pain")  # over this is a red flag
NO_IMPROVEMENT_WEEKS = _limits.whole("no_improvement_weeks")
MEANINGFUL_CHANGE = float(_limits["meaningful_change"])  # Beresford 2022 (kept for older callers)


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _days(dates: Iterable[dt.date]) -> str:
    ordered = sorted(dates)
    text = ", ".join(_day(d) for d in ordered[:3])
    return text + (f" and {len(ordered) - 3} more" if len(ordered) > 3 else "")


def _activity_name(activity_id: str) -> str:
    activity = CATALOG.get(activity_id)
    name = activity.name if activity else activity_id
    return name[:1].lower() + name[1:]


@dataclass(frozen=True)
class Flag:
    id: str  # the rule id in rules.RULES
    sign: str  # what was seen, in plain words
    dates: tuple[dt.date, ...]  # the days it was seen on
    text: str  # the message: the sign, its days, one next step
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def last_seen(self) -> dt.date:
        return max(self.dates)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "sign": self.sign, "dates": [d.isoformat() for d in self.dates],
                "text": self.text, **self.figures}


def _bool_flags(recent: list[CheckIn], limits: Thresholds) -> list[Flag]:
    window = limits.whole("window_days")
    out: list[Flag] = []
    numb = [c.date for c in recent if c.numbness]
    if len(numb) >= limits.whole("numbness_days"):
        out.append(Flag("numbness", "numbness or tingling", tuple(numb),
                        f"Numbness or tingling on {len(numb)} of the last {window} days ({_days(numb)}). When it keeps "
                        "coming back, a clinician should examine the foot: book a visit with your GP or a podiatrist "
                        f"this week. {PAUSE}", {"days": len(numb), "window_days": window}))
    signs = (
        ("night-pain", "night_pain", "pain at night or at rest", "Pain at night or at rest on {days}. That is worth a "
         "clinician's look soon: ring your GP or a podiatrist for an appointment in the next few days. "),
        ("swelling", "swelling", "swelling", "Swelling noted on {days}. Swelling, warmth or redness should be "
         "checked by a clinician: keep the foot raised today and see your GP or a podiatrist within a day or two. "),
        ("warmth-redness", "warmth_redness", "warmth or redness", "Warmth or redness of the foot on {days}. A "
         "clinician should check it: see your GP within a day, sooner if you feel feverish or unwell. "),
        ("limping", "limping", "limping or a changed walk", "Limping or a changed way of walking on {days}. Pain that "
         "changes the way you walk needs a clinician's look: book one with your GP or a podiatrist this week. "),
    )
    for rule_id, attr, sign, text in signs:
        seen = [c.date for c in recent if getattr(c, attr, False)]
        if seen:
            out.append(Flag(rule_id, sign, tuple(seen), text.format(days=_days(seen)) + PAUSE, {"days": len(seen)}))
    return out


def _severe(recent: list[CheckIn], logs: list[LogEntry], first: dt.date, limits: Thresholds) -> Flag | None:
    limit = limits["severe_pain"]
    seen: list[tuple[dt.date, str]] = []
    for c in recent:
        if c.morning_pain > limit:
            seen.append((c.date, f"{c.morning_pain}/10 on the morning of {_day(c.date)}"))
        if c.walking_pain is not None and c.walking_pain > limit:
            seen.append((c.date, f"{c.walking_pain}/10 walking on {_day(c.date)}"))
    for log in logs:
        if log.date >= first and log.pain is not None and log.pain > limit:
            seen.append((log.date, f"{log.pain}/10 during {_activity_name(log.activity)} on {_day(log.date)}"))
    if not seen:
        return None
    what = "; ".join(text for _, text in seen[:3])
    return Flag("severe-pain", f"pain over {shown(limit)}/10", tuple(d for d, _ in seen),
                f"Pain over {shown(limit)}/10 ({what}). Stop the plan's harder sessions today and book a "
                f"clinician's look. {PAUSE}", {"limit": int(limit)})


def _rising(logs: list[LogEntry], today: dt.date, window: int, limits: Thresholds) -> Flag | None:
    """An activity whose last 3 pain figures (within 14 days) each rose, ending at 4 or more."""
    since = today - dt.timedelta(days=2 * window - 1)
    per_activity: dict[str, list[LogEntry]] = defaultdict(list)
    for log in logs:
        if log.pain is not None and log.date >= since:
            per_activity[log.activity].append(log)
    for activity, items in per_activity.items():
        items.sort(key=lambda entry: (entry.date, entry.logged_at))
        last = [entry.pain for entry in items[-3:] if entry.pain is not None]
        if len(last) == 3 and last[0] < last[1] < last[2] and last[2] >= limits["rising_sessions_to"] \
                and items[-1].date >= today - dt.timedelta(days=window - 1):
            name = _activity_name(activity)
            return Flag("rising-sessions", f"pain rising with each {name} session", tuple(e.date for e in items[-3:]),
                        f"Pain during {name} has gone up every time ({' → '.join(str(p) for p in last)}). Pain that "
                        f"climbs session after session is a reason to stop it and see a clinician. {PAUSE}",
                        {"activity": activity, "pains": last})
    return None


def no_improvement(checkins: list[CheckIn], start: dt.date, today: dt.date, limits: Thresholds) -> Flag | None:
    """Fires from the first day of the plan's sixth week (about six weeks) when morning pain has not come
    down by the meaningful change since the first week. The sign is dated on that first day (the six-week
    mark), not on each later day: once a clinician has seen the foot on or after it, it is no longer
    active (``active_flags``), as for every other sign."""
    weeks = limits.whole("no_improvement_weeks")
    window = limits.whole("window_days")
    mark = start + dt.timedelta(days=(weeks - 1) * 7)
    if today < mark:
        return None
    early = [c.morning_pain for c in checkins if start <= c.date < start + dt.timedelta(days=window)]
    late = [c.morning_pain for c in checkins if today - dt.timedelta(days=window) < c.date <= today]
    if not early or not late:
        return None
    before, now = Fraction(sum(early), len(early)), Fraction(sum(late), len(late))
    if now < limits["no_improvement_floor"] or before - now >= limits["meaningful_change"]:
        return None
    lived = round(((today - start).days + 1) / 7)
    return Flag("no-improvement", "no improvement", (mark,),
                f"No real improvement after {lived} weeks: morning pain averaged {float(before):.1f}/10 in the first "
                f"week and {float(now):.1f}/10 in the last. A clinician can look at what else may be going on: book a "
                f"visit with your GP, a physiotherapist or a podiatrist. {PAUSE}",
                {"first_week_mean": round(float(before), 2), "last_week_mean": round(float(now), 2), "weeks": lived})


def find_flags(checkins: Iterable[CheckIn], logs: Iterable[LogEntry], today: dt.date, plan: Any = None,
               limits: Thresholds | None = None) -> list[Flag]:
    """Red flags in the ``window_days`` days ending on ``today`` (and, with a plan, since its start).

    Pass check-ins from the plan's start (for "no improvement") and logs of at least the last 14 days.
    """
    limits = limits or thresholds(plan.template if plan is not None else None)
    window = limits.whole("window_days")
    first = today - dt.timedelta(days=window - 1)
    ordered = sorted((c for c in checkins if c.date <= today), key=lambda c: c.date)
    recent = [c for c in ordered if c.date >= first]
    past_logs = [log for log in logs if log.date <= today]
    flags = _bool_flags(recent, limits)
    for found in (_severe(recent, past_logs, first, limits), _rising(past_logs, today, window, limits)):
        if found is not None:
            flags.append(found)
    if plan is not None:
        stuck = no_improvement(ordered, plan.start, today, limits)
        if stuck is not None:
            flags.append(stuck)
    return flags


def flags_over(checkins: Iterable[CheckIn], logs: Iterable[LogEntry], first_end: dt.date, last_end: dt.date,
               plan: Any = None, limits: Thresholds | None = None) -> list[Flag]:
    """Flags of every rolling window ending on a day from ``first_end`` to ``last_end``; per sign the latest."""
    checkins, logs = list(checkins), list(logs)
    latest: dict[str, Flag] = {}
    day = first_end
    while day <= last_end:
        for flag in find_flags(checkins, logs, day, plan, limits):
            latest[flag.id] = flag
        day += dt.timedelta(days=1)
    order = {flag.id: i for i, flag in enumerate(latest.values())}
    return sorted(latest.values(), key=lambda f: order[f.id])


def active_flags(flags: Iterable[Flag], clinician_seen_on: dt.date | None = None) -> list[Flag]:
    """The flags still active: those seen after the day a clinician saw the foot (all, when never)."""
    return [f for f in flags if clinician_seen_on is None or f.last_seen > clinician_seen_on]


def seen_flags(flags: Iterable[Flag], clinician_seen_on: dt.date | None) -> list[Flag]:
    """The flags a clinician has already seen: every day of their sign on or before that day."""
    return [] if clinician_seen_on is None else [f for f in flags if f.last_seen <= clinician_seen_on]


def seen_text(count: int, clinician_seen_on: dt.date, active: bool = False) -> str:
    """One calm line for signs a clinician has seen: "no active warning signs; 2 seen up to Tue 3 Nov,
    when a clinician saw your foot" (``active``: other signs are shown above it)."""
    when = f"seen up to {_day(clinician_seen_on)}, when a clinician saw your foot"
    if active:
        return f"and {count} more warning sign{'s' if count != 1 else ''} {when}"
    return f"no active warning signs; {count} {when}"


def red_flags(checkins: Iterable[CheckIn], logs: Iterable[LogEntry], today: dt.date, plan: Any = None,
              clinician_seen_on: dt.date | None = None) -> list[str]:
    """The messages of the flags active today (the banner, `rehab flag`, `rehab stats`): those seen
    after the day a clinician saw the foot (all, when never)."""
    return [flag.text for flag in active_flags(find_flags(checkins, logs, today, plan), clinician_seen_on)]


def pain_notices(pain: int | None, limits: Thresholds | None = None) -> list[str]:
    """What to say after logging activity pain (the CLI's `log`, the app's log dialog), from the rules."""
    limits = limits or thresholds()
    if pain is None:
        return []
    out = []
    if pain > limits["too_much_pain"]:
        out.append(f"pain over {shown(limits['too_much_pain'])}/10 is more than this plan aims for: "
                   "ease off next time.")
    if pain > limits["severe_pain"]:
        out.append(f"pain over {shown(limits['severe_pain'])}/10 is a red flag: "
                   "please see a clinician before going on.")
    return out
