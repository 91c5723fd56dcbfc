"""`rehab templates list|show|validate|import|export`: the library flows are the service's."""

from __future__ import annotations

import argparse
import sys

from ..core.errors import RehabError
from .commands import Context, clean, dumps, write_output


def _validate(ctx: Context, files: list[str]) -> int:
    bad = 0
    for name in files:
        try:
            tpl = ctx.service.load_template(name)
        except RehabError as err:
            bad += 1
            print(clean(str(err)), file=sys.stderr)
        else:
            print(f"{name}: valid ({tpl.id})")
    return 1 if bad else 0


def _list(ctx: Context, as_json: bool) -> int:
    entries = ctx.service.templates()
    for problem in entries.problems:  # skipped files and open shared folders: say so
        print(f"rehab: skipped: {clean(problem)}", file=sys.stderr)
    if as_json:
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


def _show(ctx: Context, template_id: str, as_json: bool) -> int:
    from ..service.library import first_week_load, session_lines

    entry = ctx.service.template(template_id)
    data = entry.template.to_dict()
    if as_json:
        print(dumps({**data, "origin": entry.origin, "path": str(entry.path)}))
        return 0
    count, minutes = first_week_load(data)
    print(f"{clean(data['name'])}  [{data['id']}, {entry.origin}]")
    print(clean(data["description"]))
    print(f"first week: {count} sessions, about {minutes:.0f} min")
    for phase in data["phases"]:
        print(f"\n{clean(phase['name'])} ({phase['weeks']} wk): {clean(phase.get('goal', ''))}")
        for line in session_lines(phase):
            print(f"  - {line.activity_name}: {line.dose.describe()}  ({line.rrule})")
    return 0


def cmd_templates(ctx: Context, args: argparse.Namespace) -> int:
    action = args.templates_command
    if action == "validate":
        return _validate(ctx, args.files)
    if action == "import":
        tpl, path = ctx.service.import_template(args.file, replace=args.replace, as_id=args.as_id)
        print(f"imported {tpl.id} ({clean(tpl.name)}) into {path.parent}")
        return 0
    if action == "list" and args.ids:
        print("\n".join(ctx.service.templates()))
        return 0
    if action == "list":
        return _list(ctx, args.json)
    if action == "export":
        write_output(dumps(ctx.service.template(args.id).template.to_dict()), args.output)
        return 0
    return _show(ctx, args.id, args.json)
