"""The review's reasons in words, rendered from the rules that fired (after the decision).

Every sentence names its numbers, shown precisely enough to see the decision
(69.6% "under the 70% needed"; a rise of exactly 1.5 counts as 1.5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from .review_figures import DAY_NAMES, name_of
from .rules import Hit, percent, shown, visible

TRIAL_NOTE = "(Keeping the weekly trend from rising is common practice, not a rule from the pain-monitoring trial.)"
NEXT_PLANS = {
    "return-to-run": "the graded return-to-running plan (return-to-run), since running is the goal",
    "maintenance": "a maintenance routine (maintenance): a few short foot exercises and checks a week",
}


def day_text(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _weekday(d: dt.date) -> str:
    return DAY_NAMES[d.weekday()]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _data(hit: Hit) -> str:
    f = hit.figures
    if hit.rule == "no-data":
        return (f"Nothing was logged or checked in for the week of {day_text(f['week_start'])}: too little to judge, "
                "so the plan does not move on.")
    if hit.rule == "all-flare":
        return "Every day of the week so far was a flare day: too little to judge, so the plan does not move on."
    return (f"Only {_plural(f['checkins'], 'morning check-in')} this week: the review needs at least {f['needed']} "
            "to judge the pain trend.")


def _too_much(f: Mapping[str, Any]) -> str:
    more = f["more"]
    extra = f" ({more} more session{'s' if more > 1 else ''} over it)" if more else ""
    return (f"Pain during {_weekday(f['date'])}'s {name_of(f['activity'])} reached {f['pain']}/10, over the "
            f"{shown(f['limit'])}/10 limit{extra}.")


def _rise(f: Mapping[str, Any]) -> str:
    what = f"{_weekday(f['date'])}'s {name_of(f['activity'])}" if f["activity"] else _weekday(f["date"])
    return f"Morning pain rose from {f['before']} to {f['after']} after {what}"


def _next_morning(hit: Hit) -> str:
    return _rise(hit.figures) + "."


def _next_morning_rule(hits: Sequence[Hit]) -> str:
    pains = sorted({h.figures["activity_pain"] for h in hits if h.figures.get("activity_pain") is not None})
    during = f" (here {', '.join(f'{p}/10' for p in pains)})" if pains else ""
    if all(h.kind == "repeat" for h in hits):
        return (f"Pain during a session{during} only counts as acceptable when the next morning is not worse: this "
                "run step is repeated rather than moved on (a graded step is repeated, not dropped back a phase), "
                "and the next run can be swapped for cycling or swimming.")
    return (f"Pain during a session{during} only counts as acceptable when the next morning is not worse, "
            "so the load comes down.")


def _unloaded(hit: Hit) -> str:
    f = hit.figures
    return (_rise(f) + f": a rise of {f['after'] - f['before']}, at least the {shown(f['change'])} that matters, "
            "so the plan holds.")


def _climb(hit: Hit) -> str:
    f = hit.figures
    series = " → ".join(str(p) for p in f["pains"])
    return (f"Morning pain climbed every day from {day_text(f['dates'][0])} to {day_text(f['dates'][-1])} "
            f"({series}): small daily rises over {_plural(len(f['dates']), 'day')} are a trend, so the load comes "
            "down. Swap the next impact session for cycling or swimming.")


def _sore(hit: Hit) -> str:
    f = hit.figures
    if f["graded"]:
        return (f"Pain or swelling lasted past 24 hours after {_weekday(f['date'])}'s walk-run: repeat this step "
                f"({f['phase']}) before moving on; a graded step is repeated, not dropped back a phase.")
    return (f"Pain or swelling lasted past 24 hours after {_weekday(f['date'])}'s sessions: the plan holds "
            "until the foot settles within a day.")


def _flags(hit: Hit) -> str:
    signs = ", ".join(dict.fromkeys(hit.figures["signs"]))
    return (f"A warning sign came up ({signs}; see the red flags): the plan should not move on until a clinician has "
            "had a look, and running and brisk walks become cycling or swimming until then or until the sign clears.")


def _flare(hit: Hit) -> str:
    f = hit.figures
    return (f"{f['flare_days']} flare days this week ({', '.join(day_text(d) for d in f['dates'])}): more than "
            f"{f['most']} means the load is not yet tolerated, so the phase holds.")


def _not_over(hit: Hit) -> str:
    f = hit.figures
    return (f"The week is not over yet (judged up to {day_text(f['judged_through'])}): moving on needs the whole "
            f"week, and its review can be accepted from {day_text(f['week_end'] + dt.timedelta(days=1))}.")


def _adherence(hit: Hit) -> str:
    f = hit.figures
    shown_ratio = percent(f["ratio"], f["needed"])
    counted = f"{shown(Fraction(f['credit']).limit_denominator(100))} of {f['counted']} sessions"
    if hit.kind == "needs":
        return (f"You did {shown_ratio} of the week's sessions ({counted}), under the {percent(f['needed'])} "
                "needed to move on.")
    return f"You did {shown_ratio} of the week's sessions ({counted}; {percent(f['needed'])} needed)."


def _ceiling(hit: Hit) -> str:
    f = hit.figures
    if hit.kind == "needs":
        return (f"Pain during {_weekday(f['date'])}'s {name_of(f['activity'])} reached {f['pain']}/10: acceptable, "
                f"but this phase moves on only when activity pain stays at {shown(f['ceiling'])}/10 or less.")
    if f["highest"] is None:
        return "No pain was logged during sessions."
    return f"Pain during activity stayed at or under {shown(f['ceiling'])}/10 (highest {f['highest']}/10)."


def _unknown(hit: Hit) -> str:
    f = hit.figures
    return (f"Pain during {_weekday(f['date'])}'s {name_of(f['activity'])} was {f['pain']}/10 and the next morning "
            "was not checked in: 3-5/10 counts as acceptable only when the next morning is known not to be worse.")


def _creep(hit: Hit) -> str:
    f = hit.figures
    if "first" in f:
        return f"Morning pain ran from {f['first']} to {f['last']} this week."
    a, b, change = f["from"], f["to"], f["change"]
    diff: Fraction = b - a
    x, y = visible(a), visible(b)
    if f["basis"] == "previous week":
        moved = f"from {x} the week before to {y} this week, on average"
        steady = f"{y} on average this week, {x} the week before"
    else:
        moved, steady = f"from {x} early in the week to {y} late in the week, on average", \
            f"{x} early in the week, {y} late in the week, on average"
    if f["word"] == "worse":
        return f"Morning pain is creeping up, {moved}: up by {visible(diff, change)}. {TRIAL_NOTE}"
    if f["word"] == "better":
        return f"Morning pain eased {moved}: down by {visible(-diff, change)}, a change that matters."
    return (f"Morning pain held steady ({steady}; a change of {visible(abs(diff), change)}, under the "
            f"{shown(change)} that matters).")


def _step_runs(hit: Hit) -> str:
    f = hit.figures
    times = {0: "not done", 1: "done once"}.get(f["done"], f"done {f['done']} times")
    if hit.kind == "met":
        return (f"The walk-run was {times} this week ({f['phase']}; at least {shown(f['needed'])} needed before "
                "the next step).")
    return (f"The walk-run was {times} this week ({f['phase']}, {f['planned']} planned): each step is done at "
            f"least {shown(f['needed'])} times before the next, so this step repeats.")


def _min_weeks(hit: Hit) -> str:
    f = hit.figures
    return (f"{_plural(f['weeks_done'], 'full week')} of {f['phase']} so far: this phase asks for at least "
            f"{f['min_weeks']} before moving on.")


def _minutes(value: float | None) -> str:
    return "no minutes logged" if value is None else f"{shown(value)} min"


def _needs_minutes(needed: Fraction, floor: Fraction) -> str:
    return f"at least {shown(needed)} min" + (f" (as planned; never under {shown(floor)})" if needed > floor else "")


def _short(short: Sequence[Mapping[str, Any]], floor: Fraction) -> str:
    """"your brisk walk on Tue 3 Nov was 5 min; the test needs at least 20 min"."""
    if len(short) == 1:
        w = short[0]
        was = "had no minutes logged" if w["minutes"] is None else f"was {_minutes(w['minutes'])}"
        return f"your brisk walk on {day_text(w['date'])} {was}; the test needs {_needs_minutes(w['needed'], floor)}"
    each_walk = [f"{_minutes(w['minutes'])} ({day_text(w['date'])})" for w in short]
    walks = ", ".join(each_walk[:-1]) + " and " + each_walk[-1]
    needs = {w["needed"] for w in short}
    if len(needs) == 1:
        return f"your brisk walks were {walks}; the test needs {_needs_minutes(needs.pop(), floor)}"
    each = ", ".join(f"{shown(w['needed'])} on {day_text(w['date'])}" for w in short)
    return f"your brisk walks were {walks}; the test needs at least {each} (never under {shown(floor)} min)"


def _gate(hit: Hit) -> str:
    f = hit.figures
    safe = shown(f["safe_pain"])
    if hit.kind == "met":
        walk = next((w for w in f["walks"] if w["date"] == f["passed"][-1]), None)
        length = f", {_minutes(walk['minutes'])} ({shown(walk['needed'])} needed)" if walk else ""
        return (f"The brisk walk on {day_text(f['passed'][-1])} was pain-free (0-{safe}/10){length} and the next "
                f"morning was not worse: {f['next_phase']} can bring running in.")
    short = f.get("short", [])
    painless = f"had pain 0-{safe}/10 with a next-morning check-in no worse than the day before"
    if not f["logged"]:
        why = "no brisk walk was logged this week"
    elif not f["done"]:
        why = f"the {_plural(f['logged'], 'brisk walk')} logged this week were not done in full"
    elif not short:
        why = f"none of the {_plural(f['done'], 'brisk walk')} done this week {painless}"
    else:
        why = _short(short, f["min_minutes"])
        rest = f["done"] - len(short)
        if rest == 1:
            why += f", and the other one did not have pain 0-{safe}/10 with a next-morning check-in no worse"
        elif rest:
            why += f", and none of the other {rest} {painless}"
    return (f"{f['next_phase']} brings running, which starts only after a pain-free brisk walk: {why}. Do the brisk "
            "walk test in full, log its minutes and pain, and check in the next morning.")


def _complete(hit: Hit) -> str:
    f = hit.figures
    return (f"The plan is complete: this was its last week (it ended on {day_text(f['plan_end'])}). What next: "
            f"{NEXT_PLANS[f['next_plan']]}. Nothing is added to this plan unless you choose it.")


def _last_phase(hit: Hit) -> str:
    f = hit.figures
    return f"{f['phase']} is the plan's last phase: it carries on until the plan ends on {day_text(f['plan_end'])}."


WORDS: dict[str, Callable[[Hit], str]] = {
    "last-phase": _last_phase,
    "no-data": _data, "all-flare": _data, "enough-checkins": _data,
    "activity-too-much": lambda h: _too_much(h.figures), "next-morning-worse": _next_morning,
    "morning-rise-unloaded": _unloaded, "morning-climb": _climb, "sore-next-day": _sore, "red-flag": _flags,
    "flare-days": _flare, "week-not-over": _not_over, "adherence": _adherence, "phase-pain-ceiling": _ceiling,
    "next-morning-unknown": _unknown, "weekly-creep": _creep, "min-weeks": _min_weeks, "brisk-walk-gate": _gate,
    "step-runs": _step_runs,
    "plan-complete": _complete,
}

ORDER = ("data", "step-back", "repeat", "hold", "needs")


def word(hit: Hit) -> str:
    return WORDS[hit.rule](hit)


def reasons(decision: str, fired: Sequence[Hit], met: Sequence[Hit]) -> tuple[str, ...]:
    """The reasons for ``decision``: the rules that fired, most serious first; for moving on,
    the criteria that were met (and the plan's end, when it is reached)."""
    if decision == "progress":
        return tuple(word(h) for h in [*met, *fired])
    ranked = sorted(fired, key=lambda h: ORDER.index(h.kind) if h.kind in ORDER else len(ORDER))
    out = [word(h) for h in ranked if h.kind != "end"]
    rises = [h for h in ranked if h.rule == "next-morning-worse"]
    if rises:
        out.insert(out.index(word(rises[-1])) + 1, _next_morning_rule(rises))
    return tuple(out)
