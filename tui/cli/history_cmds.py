"""`rehab history` with an action: fix a mistake in the record, each change undoable (`rehab undo`).

    rehab history                               list (as before; --from/--to/--json)
    rehab history edit ID [--status S] [--minutes N] [--pain N] [--foot F] [--note TEXT]
    rehab history delete ID
    rehab history edit-checkin DATE [--morning-pain N] [--walking-pain N] [--numbness yes|no] ...
    rehab history delete-checkin DATE

IDs are the ``id`` of `rehab history --json` (and the first column of `rehab history`).
DATE takes the friendly words too (today, yesterday, mon, -3).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..core.errors import RehabError
from ..core.records import check_minutes, check_pain

if TYPE_CHECKING:
    from .commands import Context

YES_NO = ("yes", "no")
SIGN_FLAGS = ("numbness", "swelling", "night-pain", "callus", "sore-next-day", "warmth-redness", "limping")


def add_parsers(sub: Any) -> None:
    """The history actions, added to the `history` parser that lists (parser.py)."""
    history = sub.choices["history"]
    actions = history.add_subparsers(dest="history_command", metavar="ACTION")
    p = actions.add_parser("edit", help="change a logged session: status, minutes, pain, foot, note")
    p.add_argument("log_id", metavar="ID")
    p.add_argument("--status", choices=["done", "partial", "skipped"])
    p.add_argument("--minutes", metavar="N", help="minutes (\"\" clears)")
    p.add_argument("--pain", metavar="0-10", help="pain during the session (\"\" clears)")
    p.add_argument("--foot", choices=["left", "right", "both", "none"])
    p.add_argument("--note", metavar="TEXT")
    p = actions.add_parser("delete", help="delete a logged session")
    p.add_argument("log_id", metavar="ID")
    p = actions.add_parser("edit-checkin", help="change the check-in of DATE")
    p.add_argument("day", metavar="DATE")
    p.add_argument("--morning-pain", metavar="N")
    p.add_argument("--walking-pain", metavar="N", help="\"\" clears")
    for name in SIGN_FLAGS:
        p.add_argument(f"--{name}", choices=YES_NO)
    p.add_argument("--footwear", metavar="NAME")
    p.add_argument("--note", metavar="TEXT")
    p = actions.add_parser("delete-checkin", help="delete the check-in of DATE")
    p.add_argument("day", metavar="DATE")


def log_id(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise RehabError(f"log ID {text!r} is not a number; `rehab history` lists the ids")
    return int(text)


def log_changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.status is not None:
        changes["status"] = args.status
    if args.minutes is not None:
        changes["minutes"] = check_minutes(args.minutes) if args.minutes.strip() else None
    if args.pain is not None:
        changes["pain"] = check_pain(args.pain, "pain") if args.pain.strip() else None
    if args.foot is not None:
        changes["foot"] = None if args.foot == "none" else args.foot
    if args.note is not None:
        changes["note"] = args.note
    if not changes:
        raise RehabError("nothing to change: give --status, --minutes, --pain, --foot or --note")
    return changes


def checkin_changes(args: argparse.Namespace) -> dict[str, Any]:
    from ..service.service import footwear_name

    changes: dict[str, Any] = {}
    if args.morning_pain is not None:
        changes["morning_pain"] = check_pain(args.morning_pain, "morning pain")
        if changes["morning_pain"] is None:
            raise RehabError("morning pain is needed (0 = none, 10 = worst)")
    if args.walking_pain is not None:
        changes["walking_pain"] = check_pain(args.walking_pain, "walking pain") if args.walking_pain.strip() else None
    for name in SIGN_FLAGS:
        value = getattr(args, name.replace("-", "_"))
        if value is not None:
            changes[name.replace("-", "_")] = value == "yes"
    if args.footwear is not None:
        changes["footwear"] = footwear_name(args.footwear)
    if args.note is not None:
        changes["note"] = args.note
    if not changes:
        raise RehabError("nothing to change: give --morning-pain, --walking-pain, a sign, --footwear or --note")
    return changes


def run(ctx: Context, args: argparse.Namespace) -> int:
    """The history actions; `rehab undo` takes any of them back."""
    from .commands import clean

    action = args.history_command
    service = ctx.service
    if action == "edit":
        entry = service.edit_log(log_id(args.log_id), **log_changes(args))
        print(f"changed log {entry.id}: {clean(entry.activity)} {entry.status} on {entry.date.isoformat()}"
              " (`rehab undo` takes it back)")
    elif action == "delete":
        entry = service.delete_log(log_id(args.log_id))
        print(f"deleted log {entry.id}: {clean(entry.activity)} {entry.status} on {entry.date.isoformat()}"
              " (`rehab undo` brings it back)")
    elif action == "edit-checkin":
        day = ctx.date_arg(args.day, "DATE")
        checkin = service.edit_checkin(day, **checkin_changes(args))
        print(f"changed the check-in of {day.isoformat()}: morning pain {checkin.morning_pain}/10"
              " (`rehab undo` takes it back)")
    else:
        day = ctx.date_arg(args.day, "DATE")
        service.delete_checkin(day)
        print(f"deleted the check-in of {day.isoformat()} (`rehab undo` brings it back)")
    return 0


COMMANDS: dict[str, Any] = {}  # the actions run through `history` (commands.cmd_history)
