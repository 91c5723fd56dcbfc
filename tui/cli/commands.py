"""What each `rehab` subcommand does: parse the arguments, call the service, print.

Imports no textual: scripted logging starts fast. The flows themselves live in
tui/service (shared with the TUI); this module only words their results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import locations
from ..core.activities import get_activity
from ..core.dates import WEEKDAY_NAMES, parse_date, week_days
from ..core.errors import RehabError
from ..core.exports.text import NOT_ADVICE
from ..core.json_text import pretty_json, write_json_lists
from ..core.records import CheckIn, check_minutes, check_pain
from ..fileio import folder_problem, write_text

if TYPE_CHECKING:
    from ..service.service import RehabService

Command = Callable[["Context", argparse.Namespace], int]


class Context:
    """What a command needs: the data dir, today, and the service (built on first use)."""

    def __init__(self, data_dir: str | None, today: dt.date) -> None:
        self.data_dir = locations.data_dir(data_dir)
        self.today = today
        self._service: RehabService | None = None

    @property
    def service(self) -> RehabService:
        if self._service is None:
            from ..service import make_service

            self._service = make_service(self.data_dir, self.today)
        return self._service

    def date_arg(self, text: str | None, what: str = "date") -> dt.date:
        """``text`` as a date (ISO or a friendly word: today, yesterday, mon, -3), else today."""
        return self.today if text is None else parse_date(text, what, today=self.today)


def dumps(data: Any) -> str:
    return pretty_json(data)  # json.dumps(data, indent=2, ensure_ascii=False), in C


def clean(text: str) -> str:
    """Text from templates or notes, with terminal control characters and bidi controls made
    visible: the app's one sanitizer (tui/core/safe_text.py), so both show ``\\u202e`` alike."""
    from ..core.safe_text import safe_text

    return safe_text(text)


def write_output(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_text(Path(output), text)
    print(f"wrote {output}", file=sys.stderr)


# --- locate ---------------------------------------------------------------------
def cmd_locate(ctx: Context, args: argparse.Namespace) -> int:
    dirs = ctx.service.templates_dirs
    print(f"data:      {ctx.data_dir}")
    print(f"database:  {ctx.data_dir / 'rehab-manifest.json'} (names the data files)")
    from ..config import config_path

    config = config_path()
    print(f"config:    {config} ({'exists' if config.is_file() else 'not there yet: defaults in use'})")
    print(f"templates: {dirs.builtin} (built-in)")
    for path in dirs.shared:
        print(f"templates: {path} (shared, REHAB_TEMPLATE_PATH)")
        warning = folder_problem(path)
        if warning:
            print(f"warning:   {warning}")
    print(f"templates: {dirs.user} (yours)")
    return 0


# --- activities ----------------------------------------------------------------
def cmd_activities(ctx: Context, args: argparse.Namespace) -> int:
    from ..core.activities import CATALOG
    from ..core.kinds import KINDS

    if args.kind is not None and args.kind not in KINDS:
        raise RehabError(f"unknown kind {args.kind!r}; kinds: {', '.join(KINDS)}")
    chosen = [a for a in CATALOG.values() if args.kind in (None, a.kind)]
    if args.json:
        print(dumps([
            {"id": a.id, "name": a.name, "kind": a.kind, "summary": a.summary, "steps": list(a.steps),
             "dose": a.dose.to_dict(), "dose_text": a.dose.describe(), "cautions": list(a.cautions),
             "source": a.source, "impact": a.impact}
            for a in chosen
        ]))
        return 0
    for a in chosen:
        print(f"{a.id:24} {a.kind:15} {a.dose.describe():26} {a.name}")
    return 0


# --- plan ------------------------------------------------------------------------
def cmd_plan(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.service
    if args.plan_command == "start":
        start = ctx.date_arg(args.start, "start date")
        plan = service.start_template(args.id, start)
        print(f"started {clean(plan.name)} on {start.isoformat()}, ends {plan.end_date.isoformat()}")
        return 0
    plan = service.require_plan()
    if args.plan_command == "export":
        write_output(dumps(service.plan_template(plan, args.new_id).to_dict()), args.output)
        return 0
    spans = [{"phase": s.id, "name": s.phase["name"], "start": s.start.isoformat(), "end": s.end.isoformat()}
             for s in plan.spans()]
    if args.json:
        print(dumps({"template": plan.template_id, "name": plan.name, "start": plan.start.isoformat(),
                     "phases": spans}))
        return 0
    print(f"{clean(plan.name)} ({plan.template_id}), from {plan.start.isoformat()}")
    for s in spans:
        print(f"  {s['start']} .. {s['end']}  {clean(s['name'])}")
    return 0


# --- week ------------------------------------------------------------------------
def cmd_week(ctx: Context, args: argparse.Namespace) -> int:
    """The week's sessions with their sittings (`sittings`, `sittings_done`, `status`; `times`
    when the dose has them) and, per day, the logs of activities not planned that day."""
    from ..service.week import MARKS

    day = ctx.date_arg(args.date)
    days = week_days(day)
    plan = ctx.service.require_plan()
    week = ctx.service.week(day, plan)
    if args.json:
        sessions = [{**row.session.to_dict(), **row.session.dose.to_dict(), **row.sheet.to_dict()}
                    for d in week.days for row in d.rows]
        unplanned = [{**log.to_dict(), "id": log.id} for d in week.days for log in d.unplanned]
        print(dumps({"week_start": days[0].isoformat(), "week_end": days[-1].isoformat(), "sessions": sessions,
                     "unplanned": unplanned}))
        return 0
    print(f"{clean(plan.name)}: week of {days[0].isoformat()}")
    width = min(34, max([26] + [len(clean(row.session.name)) for d in week.days for row in d.rows]))
    for d in week.days:
        label = f"{WEEKDAY_NAMES[d.date.weekday()]} {d.date.isoformat()}" + ("  (today)" if d.date == ctx.today else "")
        print(f"\n{label}" + (f"  [{clean(d.phase_name)}]" if d.phase_name else "  [outside the plan]"))
        for row in d.rows:
            sittings = f"  {row.progress_text}" if row.progress_text else ""
            print(f"  {MARKS[row.status]} {clean(row.session.name):{width}} {row.session.dose.describe()}{sittings}")
        for log in d.unplanned:
            print(f"  + {clean(get_activity(log.activity).name):{width}} {log.status} (not planned that day)")
    print(f"\n{NOT_ADVICE}")
    return 0


# --- log, checkin ----------------------------------------------------------------
def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    pain = check_pain(args.pain, "pain")
    entry = ctx.service.log_activity(args.activity, ctx.date_arg(args.date), args.status,
                                     check_minutes(args.minutes), pain, args.foot, args.note)
    extra = f", pain {pain}/10" if pain is not None else ""
    print(f"logged {get_activity(entry.activity).name} {args.status} on {entry.date.isoformat()}{extra}")
    for notice in ctx.service.pain_notices(pain, entry.date):  # thresholds from tui/core/rules
        print(notice, file=sys.stderr)
    return 0


def cmd_checkin(ctx: Context, args: argparse.Namespace) -> int:
    from ..service.service import footwear_name

    day = ctx.date_arg(args.date)
    morning = check_pain(args.morning_pain, "morning pain")
    if morning is None:
        raise RehabError("morning pain is needed (0 = none, 10 = worst)")
    checkin = CheckIn(
        date=day,
        morning_pain=morning,
        walking_pain=check_pain(args.walking_pain, "walking pain"),
        numbness=args.numbness, swelling=args.swelling, night_pain=args.night_pain,
        callus=args.callus, footwear=footwear_name(args.footwear), note=args.note,
        sore_next_day=args.sore_next_day, warmth_redness=args.warmth_redness, limping=args.limping,
    )
    ctx.service.checkin(checkin)
    print(f"checked in for {day.isoformat()}: morning pain {checkin.morning_pain}/10")
    for notice in ctx.service.checkin_notices(checkin):  # thresholds from tui/core/rules
        print(notice, file=sys.stderr)
    return 0


def cmd_footwear(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.service
    if args.action == "list":
        if args.name is not None:
            raise RehabError("`rehab footwear list` takes no name")
        names = service.footwear()
        if args.json:
            print(dumps(names))
        else:
            print("\n".join(clean(n) for n in names) if names else
                  "no footwear yet; add some with `rehab footwear add NAME`")
        return 0
    if not " ".join((args.name or "").split()):
        raise RehabError(f"`rehab footwear {args.action}` needs a NAME")
    if args.action == "add":
        print(f"added {clean(service.add_footwear(args.name))}")
    else:
        print(f"removed {clean(service.remove_footwear(args.name))}")
    return 0


# --- history, undo ----------------------------------------------------------------
def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    if getattr(args, "history_command", None):
        from .history_cmds import run

        return run(ctx, args)
    start = ctx.date_arg(args.date_from, "--from date") if args.date_from else None
    end = ctx.date_arg(args.date_to, "--to date") if args.date_to else None
    if args.json:
        _history_json(ctx.service.history_by_year(start, end))
        return 0
    history = ctx.service.history(start, end)
    if not history.logs and not history.checkins:
        print("nothing logged yet in that range")
    for log in history.logs:
        pain = f" pain {log.pain}/10" if log.pain is not None else ""
        note = f"  {clean(log.note)}" if log.note else ""
        print(f"{log.id:>6}  {log.date.isoformat()}  {log.activity:24} {log.status:8}{pain}{note}")
    for c in history.checkins:
        flags = [n for n in ("numbness", "swelling", "night_pain", "sore_next_day", "warmth_redness", "limping")
                 if getattr(c, n)]
        print(f"{'':>6}  {c.date.isoformat()}  check-in: morning pain {c.morning_pain}/10"
              + (f" ({', '.join(flags)})" if flags else ""))
    return 0


def _history_json(years: Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> None:
    """{"sessions": [...], "checkins": [...]}, written a year of sessions at a time: the
    check-ins (one a day at most) are kept aside until the sessions are all written."""
    checkins: list[dict[str, Any]] = []

    def sessions() -> Iterator[dict[str, Any]]:
        for logs, year_checkins in years:
            checkins.extend(year_checkins)
            yield from logs

    write_json_lists(sys.stdout.write, [("sessions", sessions()), ("checkins", checkins)])


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    label = ctx.service.undo()
    if label is None:
        raise RehabError("nothing to undo")
    print(f"undid: {label}")
    return 0


def _templates(ctx: Context, args: argparse.Namespace) -> int:
    from .template_cmds import cmd_templates

    return cmd_templates(ctx, args)


COMMANDS: dict[str, Command] = {
    "locate": cmd_locate,
    "activities": cmd_activities,
    "templates": _templates,
    "plan": cmd_plan,
    "week": cmd_week,
    "log": cmd_log,
    "checkin": cmd_checkin,
    "history": cmd_history,
    "footwear": cmd_footwear,
    "undo": cmd_undo,
}
