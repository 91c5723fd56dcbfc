"""The argparse tree of the `rehab` command (DESIGN.md's command-line contract)."""

from __future__ import annotations

import argparse
import os
import sys
from types import ModuleType
from typing import Any

from .. import __version__


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole tree; with ``only`` (the command word of argv) just that command's sub-parser,
    when parser.py knows it, and without importing the extra command modules for the
    commands in SELF_CONTAINED (start-up: `rehab log` from a script)."""
    if only is not None:
        trimmed = _build(only)
        if trimmed is not None:
            return trimmed
    return _build(None) or RehabParser()


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it ($COLUMNS, the terminal, 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter given the width, so building a parser does not import shutil (and
    bz2, lzma, fnmatch with it) on every `rehab log`: argparse imports it for the width."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class RehabParser(argparse.ArgumentParser):
    """An ArgumentParser whose help uses :class:`_Formatter`; its sub-parsers are RehabParsers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def _build(only: str | None) -> argparse.ArgumentParser | None:
    parser = RehabParser(
        prog="rehab",
        description="Plan, run and log a weekly rehab plan for ball-of-foot pain. "
        "With no command, opens the terminal app. Self-care structure, not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"rehab-planner {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where your data lives (default: $REHAB_DATA_DIR or the XDG data dir)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    parser.add_argument("--ascii", action="store_true",
                        help="draw marks, charts and borders in ASCII only (also: ascii = true, TERM=linux)")
    real = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub: Any = real if only is None else _OnlyOne(real, only)
    sub.add_parser("locate", help="print the data, config and template paths")
    _add_catalog_parsers(sub)
    _add_record_parsers(sub)
    sub.add_parser("undo", help="undo the last log, check-in or plan change")
    _add_due_parser(sub)
    if only is None or only not in SELF_CONTAINED:
        for module in extra_command_modules():
            module.add_parsers(sub)
    if only is not None and only not in real.choices:
        return None
    return parser


# Commands whose whole parser is in this module and that no extra module extends.
SELF_CONTAINED = frozenset({"log", "checkin", "undo"})


class _Skipped:
    """Stands in for a sub-parser not built: every argparse call on it does nothing."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self

    def __getitem__(self, key: Any) -> Any:
        return self


class _OnlyOne:
    """The sub-parsers action, building only the sub-parser called ``name``."""

    def __init__(self, real: Any, name: str) -> None:
        self.real, self.name = real, name

    @property
    def choices(self) -> dict[str, Any]:
        return _Choices(self.real.choices)

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self.real.add_parser(name, **kwargs) if name == self.name else _Skipped()


class _Choices(dict[str, Any]):
    def __missing__(self, key: str) -> Any:
        return _Skipped()


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
    p.add_argument("--sore-next-day", action="store_true", help="still sore or swollen from yesterday's session")
    p.add_argument("--warmth-redness", action="store_true", help="the foot warm or red")
    p.add_argument("--limping", action="store_true", help="limping or a changed way of walking")
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


def _add_due_parser(sub: Any) -> None:
    """`due` is routed before argparse (tui/cli/due_cmd.py); listed here for --help and completion."""
    p = sub.add_parser("due", help="what is due now and next, on one line (for a shell prompt)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="the moment to ask about instead of the clock")


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


EXTRA_MODULES = ("review_cmds", "export_cmds", "doctor_cmds", "history_cmds", "completion")
