"""What each `rehab` subcommand does. Imports no textual: scripted logging starts fast."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from .. import locations
from ..fileio import folder_problem, load_template, private_dir, read_template_bytes, write_text
from ..core.activities import get_activity
from ..core.dates import WEEKDAY_NAMES, parse_date, week_days
from ..core.errors import PlanError, RehabError
from ..core.records import CheckIn, LogEntry, check_minutes, check_pain, session_status
from ..core.schedule import Plan
from ..core.sources import discover_templates, find_template
from ..core.templates import validate_template


class Context:
    """What a command needs: the data dir, a lazily opened store, and today."""

    def __init__(self, data_dir: str | None, today: dt.date) -> None:
        self.data_dir = locations.data_dir(data_dir)
        self.today = today
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from ..storage.store import Store

            self._store = Store.open(self.data_dir)
        return self._store

    def templates(self):
        return discover_templates(
            locations.builtin_template_dir(),
            locations.shared_template_dirs(),
            locations.user_template_dir(self.data_dir),
            read=read_template_bytes, folder_problem=folder_problem,
        )

    def plan(self) -> Plan:
        plan = self.store.get_plan()
        if plan is None:
            raise PlanError("no active plan; start one with `rehab plan start metatarsalgia-conservative`")
        return plan

    def date_arg(self, text: str | None, what: str = "date") -> dt.date:
        return self.today if text is None else parse_date(text, what)


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def clean(text: str) -> str:
    """Text from templates or notes, with terminal control characters made visible."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else f"\\x{ord(ch):02x}" for ch in str(text))


def write_output(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_text(Path(output), text)
    print(f"wrote {output}", file=sys.stderr)


# --- locate ---------------------------------------------------------------------
def cmd_locate(ctx: Context, args) -> int:
    shared = locations.shared_template_dirs()
    print(f"data:      {ctx.data_dir}")
    print(f"database:  {ctx.data_dir / 'rehab.json'}")
    print(f"config:    {locations.config_dir()}")
    print(f"templates: {locations.builtin_template_dir()} (built-in)")
    for path in shared:
        print(f"templates: {path} (shared, REHAB_TEMPLATE_PATH)")
        warning = folder_problem(path)
        if warning:
            print(f"warning:   {warning}")
    print(f"templates: {locations.user_template_dir(ctx.data_dir)} (yours)")
    return 0


# --- activities ----------------------------------------------------------------
def cmd_activities(ctx: Context, args) -> int:
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


# --- templates -------------------------------------------------------------------
def _weekly_load(template: dict) -> tuple[int, float]:
    plan = Plan.start_from_template(template, dt.date(2026, 1, 5))
    sessions = plan.sessions_between(dt.date(2026, 1, 5), dt.date(2026, 1, 11))
    return len(sessions), sum(s.dose.planned_minutes() * (s.dose.times_per_day or 1) for s in sessions)


def cmd_templates(ctx: Context, args) -> int:
    action = args.templates_command
    if action == "validate":
        bad = 0
        for name in args.files:
            try:
                tpl = load_template(name)
            except RehabError as err:
                bad += 1
                print(clean(str(err)), file=sys.stderr)
            else:
                print(f"{name}: valid ({tpl.id})")
        return 1 if bad else 0
    if action == "import":
        tpl = load_template(args.file)
        entries = ctx.templates()
        if tpl.id in entries and entries[tpl.id].origin == "built-in":
            raise RehabError(f"{args.file}: id {tpl.id!r} is a built-in template's; give yours another id")
        ctx.store  # make the data dir with the right permissions first
        target_dir = locations.user_template_dir(ctx.data_dir)
        private_dir(target_dir)
        write_text(target_dir / f"{tpl.id}.json", dumps(tpl.to_dict()))
        print(f"imported {tpl.id} ({clean(tpl.name)}) into {target_dir}")
        return 0

    entries = ctx.templates()
    if action == "list":
        for problem in entries.problems:  # skipped files and open shared folders: say so
            print(f"rehab: skipped: {clean(problem)}", file=sys.stderr)
        if args.json:
            print(dumps([
                {"id": e.template.id, "name": e.template.name, "origin": e.origin,
                 "path": str(e.path), "phases": len(e.template.phases),
                 "weeks": sum(p.weeks for p in e.template.phases)}
                for e in entries.values()
            ]))
            return 0
        for e in entries.values():
            weeks = sum(p.weeks for p in e.template.phases)
            print(f"{e.template.id:32} {e.origin:9} {weeks:2} wk  {clean(e.template.name)}")
        return 0
    entry = find_template(entries, args.id)
    data = entry.template.to_dict()
    if action == "export":
        write_output(dumps(data), args.output)
        return 0
    # show
    if args.json:
        print(dumps({**data, "origin": entry.origin, "path": str(entry.path)}))
        return 0
    count, minutes = _weekly_load(data)
    print(f"{clean(data['name'])}  [{data['id']}, {entry.origin}]")
    print(clean(data["description"]))
    print(f"first week: {count} sessions, about {minutes:.0f} min")
    for phase in data["phases"]:
        print(f"\n{clean(phase['name'])} ({phase['weeks']} wk): {clean(phase.get('goal', ''))}")
        for spec in phase["sessions"]:
            activity = get_activity(spec["activity"])
            from ..core.dose import Dose

            dose = Dose.from_dict({**activity.dose.to_dict(), **(spec.get("dose") or {})})
            print(f"  - {activity.name}: {dose.describe()}  ({spec['rrule']})")
    return 0


# --- plan ------------------------------------------------------------------------
def cmd_plan(ctx: Context, args) -> int:
    if args.plan_command == "start":
        entry = find_template(ctx.templates(), args.id)
        start = ctx.date_arg(args.start, "start date")
        plan = Plan.start_from_template(entry.template.to_dict(), start)
        ctx.store.set_plan(plan, f"start plan {entry.template.id}")
        print(f"started {clean(plan.name)} on {start.isoformat()}, ends {plan.end_date.isoformat()}")
        return 0
    plan = ctx.plan()
    if args.plan_command == "export":
        tpl = validate_template(plan.export_template(), "active plan")
        write_output(dumps(tpl.to_dict()), args.output)
        return 0
    spans = [{"phase": s.id, "name": s.phase["name"], "start": s.start.isoformat(), "end": s.end.isoformat()} for s in plan.spans()]
    if args.json:
        print(dumps({"template": plan.template_id, "name": plan.name, "start": plan.start.isoformat(), "phases": spans}))
        return 0
    print(f"{clean(plan.name)} ({plan.template_id}), from {plan.start.isoformat()}")
    for s in spans:
        print(f"  {s['start']} .. {s['end']}  {clean(s['name'])}")
    return 0


# --- week ------------------------------------------------------------------------
def week_sessions(ctx: Context, day: dt.date) -> list[dict]:
    plan = ctx.plan()
    days = week_days(day)
    sessions = plan.sessions_between(days[0], days[-1])
    from ..core.flare import apply_flares  # flare days: rest + ice + gentle massage (issue 4)

    sessions = apply_flares(sessions, ctx.store.flares())
    logs = ctx.store.logs(days[0], days[-1])
    out = []
    for s in sessions:
        item = s.to_dict()
        item.update(s.dose.to_dict())
        item["status"] = session_status(s, logs, ctx.today)
        out.append(item)
    return out


def cmd_week(ctx: Context, args) -> int:
    day = ctx.date_arg(args.date)
    days = week_days(day)
    sessions = week_sessions(ctx, day)
    if args.json:
        print(dumps({"week_start": days[0].isoformat(), "week_end": days[-1].isoformat(), "sessions": sessions}))
        return 0
    plan = ctx.plan()
    marks = {"done": "✓", "partial": "½", "skipped": "✗", "due": "•", "missed": "!", "planned": "·"}
    print(f"{clean(plan.name)}: week of {days[0].isoformat()}")
    for d in days:
        phase = plan.phase_on(d)
        label = f"{WEEKDAY_NAMES[d.weekday()]} {d.isoformat()}" + ("  (today)" if d == ctx.today else "")
        print(f"\n{label}" + (f"  [{clean(phase['name'])}]" if phase else "  [outside the plan]"))
        for s in (x for x in sessions if x["date"] == d.isoformat()):
            print(f"  {marks[s['status']]} {s['name']:26} {s['dose_text']}")
    return 0


# --- log, checkin ----------------------------------------------------------------
def cmd_log(ctx: Context, args) -> int:
    activity = get_activity(args.activity)
    day = ctx.date_arg(args.date)
    pain = check_pain(args.pain, "pain")
    minutes = check_minutes(args.minutes)
    session_id = None
    plan = ctx.store.get_plan()
    if plan is not None:
        for s in plan.sessions_on(day):
            if s.activity_id == activity.id:
                session_id = s.session_id
                break
    entry = LogEntry(date=day, activity=activity.id, status=args.status, session_id=session_id,
                     minutes=minutes, pain=pain, foot=args.foot, note=args.note)
    ctx.store.add_log(entry)
    extra = f", pain {pain}/10" if pain is not None else ""
    print(f"logged {activity.name} {args.status} on {day.isoformat()}{extra}")
    if pain is not None and pain > 5:
        print("pain over 5/10 is more than this plan aims for: ease off next time.", file=sys.stderr)
    if pain is not None and pain > 7:
        print("pain over 7/10 is a red flag: please see a clinician before going on.", file=sys.stderr)
    return 0


def footwear_name(text: str | None) -> str | None:
    name = " ".join((text or "").split())
    if len(name) > 60:
        raise RehabError("a footwear name has 60 characters at most")
    return name or None


def cmd_checkin(ctx: Context, args) -> int:
    day = ctx.date_arg(args.date)
    checkin = CheckIn(
        date=day,
        morning_pain=check_pain(args.morning_pain, "morning pain"),
        walking_pain=check_pain(args.walking_pain, "walking pain"),
        numbness=args.numbness, swelling=args.swelling, night_pain=args.night_pain,
        callus=args.callus, footwear=footwear_name(args.footwear), note=args.note,
    )
    ctx.store.add_checkin(checkin)
    print(f"checked in for {day.isoformat()}: morning pain {checkin.morning_pain}/10")
    if checkin.night_pain or checkin.swelling or checkin.morning_pain > 7:
        print("red flag: night pain, swelling or pain over 7/10 needs a clinician's look; "
              "this app is self-care structure, not medical advice.", file=sys.stderr)
    return 0


def cmd_footwear(ctx: Context, args) -> int:
    names = ctx.store.footwear()
    if args.action == "list":
        if args.name is not None:
            raise RehabError("`rehab footwear list` takes no name")
        if args.json:
            print(dumps(names))
        else:
            print("\n".join(clean(n) for n in names) if names else
                  "no footwear yet; add some with `rehab footwear add NAME`")
        return 0
    name = " ".join((args.name or "").split())
    if not name:
        raise RehabError(f"`rehab footwear {args.action}` needs a NAME")
    if len(name) > 60:
        raise RehabError("a footwear name has 60 characters at most")
    if args.action == "add":
        if name in names:
            raise RehabError(f"{clean(name)!r} is already on your list")
        ctx.store.set_footwear([*names, name])
        print(f"added {clean(name)}")
        return 0
    if name not in names:
        raise RehabError(f"{clean(name)!r} is not on your list (`rehab footwear` lists it)")
    ctx.store.set_footwear([n for n in names if n != name])
    print(f"removed {clean(name)}")
    return 0


# --- history, undo ----------------------------------------------------------------
def cmd_history(ctx: Context, args) -> int:
    start = parse_date(args.date_from, "--from date") if args.date_from else None
    end = parse_date(args.date_to, "--to date") if args.date_to else None
    if start and end and start > end:
        raise RehabError("--from date is after --to date")
    sessions = [{**log.to_dict(), "id": log.id} for log in ctx.store.logs(start, end)]
    checkins = [c.to_dict() for c in ctx.store.checkins(start, end)]
    if args.json:
        print(dumps({"sessions": sessions, "checkins": checkins}))
        return 0
    if not sessions and not checkins:
        print("nothing logged yet in that range")
    for log in sessions:
        pain = f" pain {log['pain']}/10" if log.get("pain") is not None else ""
        note = f"  {clean(log['note'])}" if log.get("note") else ""
        print(f"{log['date']}  {log['activity']:24} {log['status']:8}{pain}{note}")
    for c in checkins:
        flags = [n for n in ("numbness", "swelling", "night_pain") if c.get(n)]
        print(f"{c['date']}  check-in: morning pain {c['morning_pain']}/10" + (f" ({', '.join(flags)})" if flags else ""))
    return 0


def cmd_undo(ctx: Context, args) -> int:
    label = ctx.store.undo()
    if label is None:
        raise RehabError("nothing to undo")
    print(f"undid: {label}")
    return 0


COMMANDS = {
    "locate": cmd_locate,
    "activities": cmd_activities,
    "templates": cmd_templates,
    "plan": cmd_plan,
    "week": cmd_week,
    "log": cmd_log,
    "checkin": cmd_checkin,
    "history": cmd_history,
    "footwear": cmd_footwear,
    "undo": cmd_undo,
}
