"""The argparse tree of the `rehab` command (DESIGN.md's command-line contract)."""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import Any

from .. import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehab",
        description="Plan, run and log a weekly rehab plan for ball-of-foot pain. "
        "With no command, opens the terminal app. Self-care structure, not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"rehab-planner {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="where your data lives (default: $REHAB_DATA_DIR or the XDG data dir)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    parser.add_argument("--ascii", action="store_true",
                        help="draw marks, charts and borders in ASCII only (also: ascii = true, TERM=linux)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("locate", help="print the data, config and template paths")
    _add_catalog_parsers(sub)
    _add_record_parsers(sub)
    sub.add_parser("undo", help="undo the last log, check-in or plan change")
    for module in extra_command_modules():
        module.add_parsers(sub)
    return parser


def _add_catalog_parsers(sub: Any) -> None:
    """activities, templates, plan."""

    p = sub.add_parser("activities", help="the activity catalogue: ids, kinds, default doses")
    p.add_argument("kind", nargs="?", metavar="KIND", help="only this kind (e.g. massage)")
    p.add_argument("--json", action="store_true")

    templates = sub.add_parser("templates", help="list, show, validate, import and export plan templates")
    tsub = templates.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    p = tsub.add_parser("list", help="list the templates you can start")
    p.add_argument("--json", action="store_true")
    p.add_argument("--ids", action="store_true", help=argparse.SUPPRESS)  # one id a line (shell completion)
    p = tsub.add_parser("show", help="show one template")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = tsub.add_parser("validate", help="check template files; exit 1 if any is invalid")
    p.add_argument("files", nargs="+", metavar="FILE")
    p = tsub.add_parser("import", help="validate a template file and add it to your library")
    p.add_argument("file", metavar="FILE")
    clash = p.add_mutually_exclusive_group()
    clash.add_argument("--replace", action="store_true",
                       help="replace the template of your library that has the same id")
    clash.add_argument("--as", dest="as_id", metavar="NEW_ID",
                       help="import it under another id (lowercase letters, digits, '-')")
    p = tsub.add_parser("export", help="print a template's JSON (or write it to a file)")
    p.add_argument("id")
    p.add_argument("-o", "--output", metavar="FILE")

    plan = sub.add_parser("plan", help="start or export your active plan")
    psub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    p = psub.add_parser("start", help="make the active plan from a template")
    p.add_argument("id")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="first day (default: today)")
    p = psub.add_parser("export", help="the active plan, with your edits, as a template of its own id")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--id", dest="new_id", metavar="NEW_ID",
                   help="the template id to give it (default: made from the plan's name)")
    p = psub.add_parser("show", help="the active plan's phases and dates")
    p.add_argument("--json", action="store_true")


def _add_record_parsers(sub: Any) -> None:
    """week, log, checkin, footwear, history."""

    p = sub.add_parser("week", help="the plan's sessions for the Mon-Sun week holding DATE")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("log", help="log a session (e.g. rehab log ice-pack --pain 2)")
    p.add_argument("activity", metavar="ACTIVITY")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--status", choices=["done", "partial", "skipped"], default="done")
    p.add_argument("--minutes", metavar="N")
    p.add_argument("--pain", metavar="0-10", help="pain during the activity, 0-10")
    p.add_argument("--foot", choices=["left", "right", "both"])
    p.add_argument("--note", metavar="TEXT", default="")

    p = sub.add_parser("checkin", help="daily check-in: morning pain and warning signs")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--morning-pain", metavar="N", required=True)
    p.add_argument("--walking-pain", metavar="N")
    p.add_argument("--numbness", action="store_true", help="numbness or tingling in the toes")
    p.add_argument("--swelling", action="store_true")
    p.add_argument("--night-pain", action="store_true")
    p.add_argument("--callus", action="store_true", help="a callus noticed under the forefoot")
    p.add_argument("--footwear", metavar="NAME")
    p.add_argument("--note", metavar="TEXT", default="")

    p = sub.add_parser("footwear", help="your list of shoes and insoles (offered by the check-in)")
    p.add_argument("action", nargs="?", choices=["list", "add", "remove"], default="list")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("history", help="logged sessions and check-ins")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")


def extra_command_modules() -> list[ModuleType]:
    """Command groups kept in their own modules: each has add_parsers(sub) and COMMANDS."""
    import importlib

    found = []
    for name in EXTRA_MODULES:
        try:
            found.append(importlib.import_module(f"tui.cli.{name}"))
        except ModuleNotFoundError as err:
            if err.name != f"tui.cli.{name}":
                raise
    return found


EXTRA_MODULES = ("review_cmds", "export_cmds", "doctor_cmds", "completion")
