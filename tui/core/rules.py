"""The rules the weekly review and the daily checks decide by: one place for every threshold.

Each rule has an id, a plain statement, the threshold(s) it reads and its source.
Thresholds come from the phase's ``exit`` block, then the template's ``rules``
block, then ``DEFAULTS`` here (the only place a default is written). Every
figure is a ``Fraction``, so a rise of exactly 1.5 compares as 1.5 and 69.6 %
is under 70 %.

The review first collects ``Hit`` s (a rule that fired, with its figures), decides
from their effects, and only then words its reasons (see review_words.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

SILBERNAGEL = "Silbernagel et al., Am J Sports Med 2007;35(6):897-906 (PMID 17307888)"
BERESFORD = "Beresford 2022 (smallest change in 0-10 pain that matters)"
AOPT = "AOPT (Academy of Orthopaedic Physical Therapy) return-to-run guidance"
CLINIC_PROTOCOL = "published clinic walk-run protocol (each step repeated while pain or swelling lasts over 24 h)"
RED_FLAG_SOURCE = "Mayo Clinic; source article (signs that need a clinician)"
COMMON = "common practice, not from a trial"

Number = Fraction

DEFAULTS: dict[str, Fraction] = {
    "safe_pain": Fraction(2),  # activity pain 0-2/10 is safe
    "max_activity_pain": Fraction(5),  # a phase's exit ceiling (at or under it)
    "too_much_pain": Fraction(5),  # over this during an activity is too much
    "severe_pain": Fraction(7),  # over this is a red flag
    "meaningful_change": Fraction(3, 2),  # Beresford 2022
    "next_morning_max_rise": Fraction(0),  # after a loaded day, any rise is "worse"
    "min_adherence": Fraction(7, 10),
    "min_checkins": Fraction(3),
    "climb_days": Fraction(3),  # morning pain up a point a day over this many days
    "max_flare_days": Fraction(1),  # more flare days than this in a week: hold
    "numbness_days": Fraction(3),  # of the last window_days
    "window_days": Fraction(7),
    "no_improvement_weeks": Fraction(6),
    "no_improvement_floor": Fraction(2),  # morning pain under this counts as settled, not "no improvement"
    "rising_sessions_to": Fraction(4),  # three rising session pains ending at this or more
    "brisk_walk_minutes": Fraction(30),  # the usual readiness test
    # a default from common practice, not a source: the shortest brisk walk that counts as the test
    # (a shortened test); a step back shortens the test to this, never below it
    "brisk_walk_min_minutes": Fraction(20),
    "weekly_run_increase": Fraction(1, 10),  # AOPT: weekly running up by about 10 % at most
    "min_step_runs": Fraction(2),  # a walk-run step is done at least this many times before the next
    "ice_max_minutes": Fraction(20),  # a sitting of icing
    "max_plan_minutes_a_day": Fraction(60),  # a day a person keeps up
}

EXIT_KEYS = ("max_activity_pain", "min_adherence", "min_weeks")
OLD_NAMES = {"shortened_test_minutes": "brisk_walk_min_minutes"}  # a template's rules may use the older name
SHARES = frozenset({"min_adherence", "weekly_run_increase"})  # shown as percentages
TEMPLATE_KEYS = frozenset(DEFAULTS)


@dataclass(frozen=True)
class Rule:
    id: str
    statement: str  # plain words; {name} placeholders are thresholds
    source: str
    thresholds: tuple[str, ...] = ()
    effect: str = "hold"  # step-back | hold | repeat | needs | red-flag | data | end | content

    def text(self, limits: Thresholds) -> str:
        return self.statement.format(**{k: percent(limits[k]) if k in SHARES else shown(limits[k])
                                        for k in self.thresholds})


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("activity-too-much", "Pain during an activity over {too_much_pain}/10 is too much: step back.",
         SILBERNAGEL, ("too_much_pain",), "step-back"),
    Rule("next-morning-worse", "Activity pain of 3-5/10 is acceptable only if the next morning is not worse; "
         "morning pain up after a loaded day means that day's load was too much: step back (in a walk-run step, "
         "repeat the step and swap the next run).",
         SILBERNAGEL, ("next_morning_max_rise",), "step-back"),
    Rule("morning-climb", "Morning pain up a point a day over {climb_days} days or more is a trend: step back "
         "and swap the next impact session for cycling or swimming.", COMMON, ("climb_days",), "step-back"),
    Rule("sore-next-day", "Pain or swelling lasting over 24 h after a run step: repeat that step.",
         CLINIC_PROTOCOL, (), "repeat"),
    Rule("morning-rise-unloaded", "Morning pain up by {meaningful_change} or more without a loaded day: hold.",
         BERESFORD, ("meaningful_change",), "hold"),
    Rule("weekly-creep", "Morning pain must not creep up week to week (average up by {meaningful_change} or more): "
         "hold.",
         f"{COMMON}; {BERESFORD}", ("meaningful_change",), "hold"),
    Rule("phase-pain-ceiling", "A phase moves on only when activity pain stays at or under its ceiling "
         "(default {max_activity_pain}/10).", SILBERNAGEL, ("max_activity_pain",), "needs"),
    Rule("next-morning-unknown", "Activity pain of 3-5/10 counts as acceptable only when the next morning is known "
         "not to be worse.", SILBERNAGEL, (), "hold"),
    Rule("adherence", "Moving on needs at least {min_adherence} of the week's sessions done.",
         COMMON, ("min_adherence",), "needs"),
    Rule("min-weeks", "A phase runs at least its minimum weeks before moving on.", COMMON, (), "needs"),
    Rule("enough-checkins", "The review needs at least {min_checkins} morning check-ins to judge a week.",
         COMMON, ("min_checkins",), "data"),
    Rule("no-data", "A week with nothing logged or checked in cannot be judged.", COMMON, (), "data"),
    Rule("all-flare", "A week made only of flare days cannot be judged.", COMMON, (), "data"),
    Rule("flare-days", "More than {max_flare_days} flare day in a week means the load is not yet tolerated: hold.",
         COMMON, ("max_flare_days",), "hold"),
    Rule("week-not-over", "A week is judged, and can be accepted, only once it is over.", COMMON, (), "hold"),
    Rule("brisk-walk-gate", "Running starts only after a brisk walk that was done, with activity pain 0-{safe_pain}/10 "
         "and the next morning not worse, and as long as planned (usual test about {brisk_walk_minutes} min) and at "
         "least {brisk_walk_min_minutes} min (a shortened test: a step back shortens it to that, never removes it).",
         f"{AOPT}; the shortest walk that counts: {COMMON}",
         ("safe_pain", "brisk_walk_minutes", "brisk_walk_min_minutes"), "hold"),
    Rule("step-runs", "A walk-run step is done at least {min_step_runs} times before the next step; done fewer "
         "times in its week, the step repeats.", CLINIC_PROTOCOL, ("min_step_runs",), "needs"),
    Rule("red-flag", "While a red flag is active the plan does not move on, and running and brisk walks become "
         "cycling or swimming.", RED_FLAG_SOURCE, (), "hold"),
    Rule("plan-complete", "A plan ends: its last week says so and offers what comes next.", COMMON, (), "end"),
    Rule("last-phase", "The last phase has no phase after it: it carries on until the plan's end.", COMMON, (),
         "needs"),
    Rule("weekly-run-increase", "Weekly running volume goes up by no more than about {weekly_run_increase} "
         "(checked in the built-in plans' content; a step-by-step protocol says so in its text).",
         AOPT, ("weekly_run_increase",), "content"),
    # red flags (redflags.py)
    Rule("numbness", "Numbness or tingling on {numbness_days} or more of the last {window_days} days.",
         RED_FLAG_SOURCE, ("numbness_days", "window_days"), "red-flag"),
    Rule("night-pain", "Pain at night or at rest.", RED_FLAG_SOURCE, (), "red-flag"),
    Rule("swelling", "Swelling of the forefoot.", RED_FLAG_SOURCE, (), "red-flag"),
    Rule("warmth-redness", "Warmth or redness of the forefoot.", RED_FLAG_SOURCE, (), "red-flag"),
    Rule("limping", "Limping or a changed way of walking.", RED_FLAG_SOURCE, (), "red-flag"),
    Rule("severe-pain", "Pain over {severe_pain}/10.", RED_FLAG_SOURCE, ("severe_pain",), "red-flag"),
    Rule("rising-sessions", "Pain during an activity that rises session after session (three in a row, "
         "ending at {rising_sessions_to}/10 or more).", RED_FLAG_SOURCE, ("rising_sessions_to",), "red-flag"),
    Rule("no-improvement", "No improvement (morning pain down by less than {meaningful_change}) after about "
         "{no_improvement_weeks} weeks.", RED_FLAG_SOURCE, ("meaningful_change", "no_improvement_weeks"), "red-flag"),
)}


def to_fraction(value: Any) -> Fraction:
    """A threshold as an exact Fraction (floats through their decimal text: 0.7 is 7/10)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def shown(value: Fraction | float | int, places: int = 1) -> str:
    """1.5 -> '1.5', 7 -> '7', 7/10 as a share -> use percent()."""
    number = to_fraction(value)
    if number.denominator == 1:
        return str(number.numerator)
    text = f"{float(number):.{places}f}".rstrip("0").rstrip(".")
    return text


def visible(value: Fraction, against: Fraction | None = None, scale: int = 1) -> str:
    """``value * scale`` with as few decimals as show it on the right side of ``against``:
    1.47 next to 1.5 reads 1.47, not 1.5; 1.5 reads 1.5."""
    number, limit = value * scale, None if against is None else against * scale
    text = shown(number, 0) if number.denominator == 1 else f"{float(number):.1f}"
    for places in range(1, 5):
        text = f"{float(number):.{places}f}".rstrip("0").rstrip(".") if places else text
        if limit is None or number == limit:
            break
        rounded = Fraction(text)
        if rounded != limit and (rounded < limit) == (number < limit):
            break
    return text


def percent(value: Fraction, against: Fraction | None = None) -> str:
    """A share as a percentage precise enough to tell it from ``against``: 69.6% next to 70%."""
    number = value * 100
    if number.denominator == 1 or (against is not None and value == against):
        return f"{float(number):.0f}%"
    whole = Fraction(round(number))
    if against is None or (whole != against * 100 and (whole < against * 100) == (value < against)):
        return f"{whole}%"
    return visible(value, against, 100) + "%"


@dataclass(frozen=True)
class Thresholds:
    values: Mapping[str, Fraction]

    def __getitem__(self, key: str) -> Fraction:
        return self.values[key]

    def whole(self, key: str) -> int:
        return int(self.values[key])

    def to_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.values.items()}


def thresholds_on(plan: Any, day: Any) -> Thresholds:
    """The thresholds in force on ``day`` under ``plan`` (a tui.core.schedule.Plan: the phase's
    exit, the template's rules, the defaults); the defaults with no plan."""
    if plan is None:
        return thresholds()
    span = plan.span_on(day)
    return thresholds(plan.template, span.phase if span else None)


def thresholds(template: Mapping[str, Any] | None = None, phase: Mapping[str, Any] | None = None) -> Thresholds:
    """DEFAULTS, overridden by the template's ``rules`` block, then by the phase's ``exit``."""
    values = dict(DEFAULTS)
    rules = (template or {}).get("rules") or {}
    for old, value in sorted(rules.items(), key=lambda item: item[0] not in OLD_NAMES):  # the new name wins
        key = OLD_NAMES.get(old, old)
        if key in TEMPLATE_KEYS:
            values[key] = to_fraction(value)
    if phase is not None:
        values["min_weeks"] = Fraction(int(phase.get("weeks", 1)))
        for key, value in (phase.get("exit") or {}).items():
            if key in EXIT_KEYS:
                values[key] = to_fraction(value)
    return Thresholds(values)


@dataclass(frozen=True)
class Hit:
    """A rule that fired, with the figures it fired on (dates as ISO text, numbers exact)."""

    rule: str
    figures: Mapping[str, Any] = field(default_factory=dict)
    effect: str = ""  # defaults to the rule's effect

    @property
    def kind(self) -> str:
        return self.effect or RULES[self.rule].effect

    def to_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, Fraction):
                return int(value) if value.denominator == 1 else round(float(value), 3)
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            if isinstance(value, Mapping):
                return {k: plain(v) for k, v in value.items()}
            if hasattr(value, "isoformat"):
                return value.isoformat()
            return value
        return {"id": self.rule, "effect": self.kind, "source": RULES[self.rule].source,
                **{k: plain(v) for k, v in self.figures.items()}}


def rules_table() -> list[dict[str, str]]:
    """Every rule with its default threshold text and source (the README table, `rehab rules`)."""
    limits = thresholds()
    return [{"id": r.id, "rule": r.text(limits), "source": r.source} for r in RULES.values()]


# --- dose limits (the template validator and the plan editor both call this) -------------
def dose_limit_problems(activity_kind: str, minutes: float | None) -> list[tuple[str, str]]:
    """(field, message) for a dose over a safety limit: icing over 20 min a sitting."""
    limit = DEFAULTS["ice_max_minutes"]
    if activity_kind == "ice" and minutes is not None and to_fraction(minutes) > limit:
        return [("minutes", f"{minutes:g} min of icing is over the safe {shown(limit)} min a sitting")]
    return []
