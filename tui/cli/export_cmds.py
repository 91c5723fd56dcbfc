"""`rehab export` (ics, csv, md, html, json) and `rehab restore` (a json backup)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ..core.errors import RehabError
from .commands import Command, Context, write_output

MAX_ALARM = 7 * 24 * 60
# Formats written as a folder of files (not in exports.FORMATS: the app's export dialog writes one file).
FOLDER_FORMATS = {"vdir": "one calendar file per sitting in a folder (-o DIR), for vdirsyncer, todoman or khal"}


def add_parsers(sub: Any) -> None:
    from ..core.exports import FORMATS

    formats = "; ".join(f"{k}: {v}" for k, v in {**FORMATS, **FOLDER_FORMATS}.items())
    p = sub.add_parser(
        "export", help="export the plan (ics, md, html), your history (csv) or everything (json)",
        description=f"Formats: {formats}. Writes to stdout unless -o FILE is given.",
    )
    p.add_argument("--format", "-f", dest="format", required=True, choices=[*FORMATS, *FOLDER_FORMATS])
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (0600, atomic) instead of stdout "
                                                         "(vdir: the folder to write)")
    p.add_argument("--alarm", metavar="MINUTES",
                   help="ics: a reminder MINUTES before each timed event (sittings with their "
                        "times, or every session with --at); all-day items get no alarm "
                        "(default: [export] alarm in the config file)")
    p.add_argument("--at", metavar="HH:MM",
                   help="ics: give sessions this time of day instead of all-day events "
                        "(rest days stay all-day; default: [export] at in the config file)")

    p = sub.add_parser(
        "restore", help="restore a json backup made by `rehab export --format json`",
        description="Validates FILE first; a bad file changes nothing. Refuses to mix the "
                    "backup with data you already have unless --replace is given "
                    "(`rehab undo` brings the replaced data back).",
    )
    p.add_argument("file", metavar="FILE", help="the backup file ('-' reads stdin)")
    p.add_argument("--replace", action="store_true",
                   help="replace the data you have now with the backup's")


def _alarm(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        minutes = int(text.strip())
    except ValueError:
        raise RehabError(f"--alarm must be a whole number of minutes, not {text!r}") from None
    if not 0 <= minutes <= MAX_ALARM:
        raise RehabError(f"--alarm must be from 0 to {MAX_ALARM} minutes (a week), not {minutes}")
    return minutes


def _time(text: str | None) -> dt.time | None:
    if text is None:
        return None
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return dt.time(hours, minutes)
    except ValueError:
        raise RehabError(f"--at must be a time of day as HH:MM, e.g. 07:30, not {text!r}") from None


def _config_defaults() -> Any:
    """The config file's [export] alarm and time (a bad file: one warning line, no defaults)."""
    import sys

    from ..config import config_path, load_config

    config, warnings = load_config(config_path())
    for line in warnings:
        print(f"rehab: {line}", file=sys.stderr)
    return config.export


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    if args.format != "ics" and (args.alarm is not None or args.at is not None):
        raise RehabError("--alarm and --at only apply to --format ics")
    if args.format == "vdir":
        return _export_vdir(ctx, args)
    options: dict[str, Any] = {}
    if args.format == "ics":
        defaults = _config_defaults()
        options = {"alarm_minutes": defaults.alarm if args.alarm is None else _alarm(args.alarm),
                   "at": defaults.at if args.at is None else _time(args.at)}
    if args.format == "json":
        _write_backup(ctx, args.output)
        return 0
    text = ctx.service.export(args.format, **options)
    write_output(text, args.output)
    return 0


def _write_backup(ctx: Context, output: str | None) -> None:
    """The json backup, written as it is read (a few years at a time): to stdout or -o FILE."""
    import sys

    from ..fileio import write_bytes

    if output is None or output == "-":
        ctx.service.export_to(sys.stdout.write, "json")
        return
    write_bytes(Path(output), lambda write: ctx.service.export_to(write, "json"))
    print(f"wrote {output}", file=sys.stderr)


def _export_vdir(ctx: Context, args: argparse.Namespace) -> int:
    import sys

    from ..service.reminders import export_vdir

    if args.output in (None, "-"):
        raise RehabError("--format vdir writes a folder: give it with -o DIR (made if missing)")
    result = export_vdir(ctx.service, Path(args.output))
    print(f"wrote {result.summary()}", file=sys.stderr)
    return 0


def _read_backup(name: str) -> bytes:
    import sys

    from ..core.exports.backup import MAX_BYTES
    from ..fileio import read_regular

    if name == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    return read_regular(Path(name), MAX_BYTES, "backup")


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    source = "stdin" if args.file == "-" else args.file
    result = ctx.service.restore(_read_backup(args.file), source, replace=args.replace)
    print(f"restored {result.restored} from {source}")
    if result.replaced is not None:
        print(f"replaced {result.replaced}; `rehab undo` brings it back")
    return 0


COMMANDS: dict[str, Command] = {"export": cmd_export, "restore": cmd_restore}
