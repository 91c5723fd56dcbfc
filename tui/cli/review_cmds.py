"""`rehab review`, `rehab flag`, `rehab flare`, `rehab stats` and `rehab swap`. Imports no textual."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from ..core.dates import week_start
from ..core.errors import RehabError
from ..core.exports.text import NOT_ADVICE
from ..core.records import check_minutes, check_pain
from ..core.redflags import seen_text
from .commands import Command, Context, clean, dumps

if TYPE_CHECKING:
    from ..core.review import Review
    from ..core.stats import ProgressSummary
    from ..service.review import ReviewView

SPARK = "▁▂▃▄▅▆▇█"


def add_parsers(sub: Any) -> None:
    from ..core.rules import shown, thresholds

    limits = thresholds()  # the defaults: help text names the numbers the rules use
    p = sub.add_parser(
        "review", help="weekly review: progress, hold or step back, with reasons",
        description="Reviews a Mon-Sun week (default: last week) with the pain-monitoring rules and the "
                    "phase's exit criteria. Nothing changes unless you add --accept (undo with `rehab undo`).",
    )
    p.add_argument("--week", metavar="YYYY-MM-DD", help="any day of the week to review (default: last week)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--accept", action="store_true", help="apply the decision to the plan")

    p = sub.add_parser(
        "flag", help="warning signs: list the active ones, or record that a clinician has seen your foot",
        description="`rehab flag` lists the warning signs (red flags) active now. `rehab flag seen` records "
                    "that a clinician has seen your foot (today, or --date): signs seen up to that day no "
                    "longer hold the plan or swap its runs and brisk walks.",
    )
    p.add_argument("action", nargs="?", choices=["list", "seen"], default="list")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the visit (default: today)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "flare", help="mark a flare day: rest, icing and gentle massage instead of the plan",
        description="A flare day shows rest, icing and gentle massage in place of the day's sessions; it does "
                    "not count against adherence or break a streak. Undo with `rehab undo` or --off.",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.add_argument("--off", action="store_true", help="unmark the day")
    p.add_argument("--list", action="store_true", help="list your flare days")

    p = sub.add_parser("stats", help="adherence, streak, pain over time, icing/massage per foot, footwear vs pain")
    p.add_argument("--week", metavar="YYYY-MM-DD", help="the week for the week figure (default: this week)")
    p.add_argument("--days", metavar="N", default="28", help="how many days back the figures go (7-365, default 28)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "swap", help="swap the day's walk-run / brisk walk for cycling or swimming",
        description="Without --to, shows whether a swap is suggested (an active warning sign, morning pain up "
                    f"after a loaded day or by {shown(limits['meaningful_change'])} or more, a climb over "
                    f"{shown(limits['climb_days'])} days, or the last impact session over "
                    f"{shown(limits['too_much_pain'])}/10). With --to, logs the substitute in place of the day's "
                    "impact sessions (undo with `rehab undo`).",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.add_argument("--to", choices=["cycling", "swimming"], help="log this substitute")
    p.add_argument("--minutes", metavar="N", help="minutes done (default: similar to the impact session)")
    p.add_argument("--pain", metavar="0-10", help="pain during the substitute")
    p.add_argument("--json", action="store_true")


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b} {d.year}"


# --- review ------------------------------------------------------------------------
def cmd_review(ctx: Context, args: argparse.Namespace) -> int:
    from ..service.review import default_review_week, headline

    service = ctx.service
    monday = week_start(ctx.date_arg(args.week, "--week date")) if args.week else default_review_week(ctx.today)
    view = service.review(monday)
    review = view.review
    accepted = service.accept_review(view).accepted if args.accept else None
    next_command = _next_plan_command(view, ctx.today)
    if args.json:
        data = review.to_dict()
        data["can_accept"] = view.can_accept
        data["next_plan_command"] = next_command
        if args.accept:
            data["accepted"] = accepted
        print(dumps(data))
        return 0
    phase = f" ({clean(review.phase_name)})" if review.phase_name else ""
    head = headline(review)[0]
    print(f"Week of {_day(monday)}{phase}: {head}")
    for reason in review.reasons:
        print(f"  - {clean(reason)}")
    _print_flags(review)
    figures = [f"adherence {review.adherence_text}"]
    if review.pain.activity_max is not None:
        figures.append(f"activity pain up to {review.pain.activity_max}/10")
    if review.pain.morning:
        figures.append(f"morning pain {' '.join(str(p) for _, p in review.pain.morning)}")
    print()
    if not review.outside:  # a week outside the plan has no figures to show
        print("; ".join(figures))
    if next_command is not None:
        print(f"\nWhat next: {next_command}")
    _print_outcome(view, monday, accepted)
    print(f"\n{NOT_ADVICE}")
    return 0


def _next_plan_command(view: ReviewView, today: dt.date) -> str | None:
    """The command that starts what a complete plan offers next (None when not complete)."""
    from ..service.review import next_plan_start

    if view.next_plan is None:
        return None
    return f"rehab plan start {view.next_plan} --start {next_plan_start(view, today).isoformat()}"


def _print_flags(review: Review) -> None:
    """Warning signs, calmly: the sign, its days and the next step (the core's words), once."""
    if not review.flags:
        return
    print("\nRed flags: please see a clinician")
    for flag in review.flags:
        print(f"  ! {clean(flag.text)}")
    print("  When a clinician has seen your foot: rehab flag seen")
    print(f"  {review.to_dict()['note']}")


def _print_outcome(view: ReviewView, monday: dt.date, accepted: bool | None) -> None:
    review = view.review
    if accepted:
        print(f"accepted: {review.change.text} (undo with `rehab undo`)")
    elif accepted is False and not review.week_over:
        print(f"not accepted: {view.why_not}")
    elif accepted is False:  # a change of action "none" says so itself ("Nothing to change: ...")
        print(review.change.text if review.change.action == "none" else f"already in the plan: {review.change.text}")
    elif review.change.action != "none":
        print(f"If you accept: {review.change.text}")
        if view.can_accept:
            print(f"  rehab review --week {monday.isoformat()} --accept")
        elif view.why_not:
            print(f"  {view.why_not}")
    else:
        print(review.change.text)


# --- flag --------------------------------------------------------------------------
def cmd_flag(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.service
    if args.action == "seen":
        day = service.record_clinician_seen(ctx.date_arg(args.date, "--date"))
        if args.json:
            print(dumps({"clinician_seen_on": day.isoformat()}))
        else:
            print(f"recorded: a clinician saw your foot on {_day(day)}; warning signs seen up to then no "
                  "longer hold the plan or swap its runs (a sign seen again later does)")
        return 0
    if args.date:
        raise RehabError("--date goes with `rehab flag seen`")
    figures = service.figures()
    flags, seen, seen_on = list(figures.flags), list(figures.seen), figures.clinician_seen_on
    if args.json:
        print(dumps({"red_flags": flags, "seen_by_clinician": seen,
                     "clinician_seen_on": seen_on.isoformat() if seen_on else None}))
        return 0
    for flag in flags:
        print(f"! {clean(flag)}")
    if seen and seen_on is not None:
        print(seen_text(len(seen), seen_on, active=bool(flags)))
    elif not flags:
        print("no warning signs in the last days")
    if flags:
        print("When a clinician has seen your foot: rehab flag seen")
    elif seen_on is not None and not seen:
        print(f"a clinician saw your foot on {_day(seen_on)} (rehab flag seen)")
    return 0


# --- flare -------------------------------------------------------------------------
def cmd_flare(ctx: Context, args: argparse.Namespace) -> int:
    if args.list:
        if args.off or args.date:
            raise RehabError("--list takes no --date or --off")
        days = [d.isoformat() for d in sorted(ctx.service.flares())]
        print("\n".join(days) if days else "no flare days")
        return 0
    day = ctx.date_arg(args.date)
    on = not args.off
    if not ctx.service.set_flare(day, on):
        print(f"{_day(day)} {'is already' if on else 'is not'} a flare day; nothing changed")
        return 0
    if on:
        print(f"flare day on {_day(day)}: rest, icing and gentle massage instead of the plan; "
              "it does not count against adherence or break your streak (undo: `rehab undo`)")
    else:
        print(f"{_day(day)} is a normal plan day again")
    return 0


# --- stats -------------------------------------------------------------------------
def _spark(values: list[float]) -> str:
    return "".join(SPARK[min(7, round(v / 10 * 7))] for v in values)


def _days_arg(text: str) -> int:
    try:
        days = int(str(text).strip())
    except ValueError:
        raise RehabError(f"--days must be a whole number, not {text!r}") from None
    if not 7 <= days <= 365:
        raise RehabError(f"--days must be from 7 to 365, not {days}")
    return days


def cmd_stats(ctx: Context, args: argparse.Namespace) -> int:
    days = _days_arg(args.days)
    plan = ctx.service.require_plan()
    week = ctx.date_arg(args.week, "--week date") if args.week else None
    figures = ctx.service.figures(plan, week, days)
    summary, flags = figures.summary, list(figures.flags)
    if args.json:
        print(dumps({**summary.to_dict(), "days": days, "red_flags": flags, "seen_by_clinician": list(figures.seen)}))
        return 0
    print(f"{clean(plan.name)}: last {days} days to {_day(ctx.today)}")
    _print_summary(summary, days)
    if flags:
        print("Red flags: please see a clinician")
        for flag in flags:
            print(f"  ! {flag}")
    if figures.seen and figures.clinician_seen_on is not None:
        print(f"  {seen_text(len(figures.seen), figures.clinician_seen_on, active=bool(flags))}")
    print(f"\n{NOT_ADVICE}")
    return 0


def _print_summary(summary: ProgressSummary, days: int) -> None:
    print(f"  week of {_day(summary.week_start)}: adherence {summary.week_adherence.detail()}"
          + (f"; sittings: {summary.week_sittings.text()}" if summary.week_sittings.under_way else ""))
    if summary.today_sittings.planned:
        print(f"  today: {summary.today_sittings.text()}")
    print(f"  last {days} days: adherence {summary.window_adherence.text()}; streak {summary.streak_text}")
    if summary.by_kind:
        print("  by kind: " + ", ".join(f"{k} {a.text()}" for k, a in summary.by_kind.items()))
    print("  by week: " + ", ".join(f"{d:%d %b} {a.text()}" for d, a in summary.by_week))
    if summary.morning_pain:
        vals = summary.morning_pain_values
        print(f"  morning pain  {_spark(vals)}  {vals[0]:g} → {vals[-1]:g} (0-10, {len(vals)} check-ins)")
    else:
        print("  morning pain: no check-ins yet (`rehab checkin --morning-pain N`)")
    if summary.activity_pain:
        vals = summary.activity_pain_values
        print(f"  activity pain {_spark(vals)}  highest {max(vals):g}/10 ({len(vals)} days)")
    for kind, feet in summary.foot_minutes.items():
        if feet.total:
            print(f"  {kind}: left {feet.left:g} min, right {feet.right:g} min, both/unsaid {feet.both:g} min")
    for row in summary.footwear:
        walk = f", walking {row.walking_pain:.1f}" if row.walking_pain is not None else ""
        print(f"  footwear {clean(row.footwear)}: {row.days} days, morning pain {row.morning_pain:.1f}{walk}")
    if summary.flare_days:
        print(f"  flare days: {', '.join(d.isoformat() for d in summary.flare_days)}")


# --- swap --------------------------------------------------------------------------
def cmd_swap(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.service
    day = ctx.date_arg(args.date)
    pain = check_pain(args.pain, "pain")
    minutes = check_minutes(args.minutes)
    choices = service.swap_choices(day)
    if args.to is None:
        suggested = list(choices.suggestions) if choices.triggered else []
        if args.json:
            print(dumps([s.to_dict() for s in suggested]))
            return 0
        if not suggested:
            left = choices.suggestions
            extra = (f"; you can still swap {', '.join(s.name for s in left)} with --to cycling|swimming"
                     if left else "")
            print(f"no swap suggested for {_day(day)}{extra}")
        for s in suggested:
            print(f"{_day(day)}: {s.text()}")
            print(f"  rehab swap --date {day.isoformat()} --to cycling")
        return 0
    done = service.swap(choices, args.to, minutes, pain)
    if args.json:
        print(dumps([e.to_dict() for e in done]))
        return 0
    for s, entry in zip(choices.suggestions, done, strict=True):  # one log per suggestion
        print(f"logged {args.to} ({entry.minutes:g} min) in place of {s.name} on {_day(day)} "
              "(undo: `rehab undo`)")
    return 0


COMMANDS: dict[str, Command] = {"review": cmd_review, "flag": cmd_flag, "flare": cmd_flare,
                                "stats": cmd_stats, "swap": cmd_swap}
