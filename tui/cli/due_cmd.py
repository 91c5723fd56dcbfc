"""`rehab due [--json] [--now YYYY-MM-DDTHH:MM]`: what is due now and what comes next.

Made for a shell prompt, so it is routed before argparse is built and, when
the due cache is fresh, imports nothing beyond os, json and datetime (see
``tui.due_fast``). Without a fresh cache it opens the store, computes in full
and writes the cache for next time (unless the data dir is read-only).
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from ..core.errors import RehabError
from ..core.reminders import Sitting, due_report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..core.reminders import DueReport

USAGE = "usage: rehab [--data-dir DIR] [--today YYYY-MM-DD] due [--json] [--now YYYY-MM-DDTHH:MM]"
HELP = f"""{USAGE}

What is due now and what comes next, on one line (for a shell prompt or a login
message). Sittings due now: today's sittings whose time has come and that no log
has handled yet. Exit 0 (1 with no active plan).

options:
  --json       the same as JSON: now, due, later_today, next, snoozed
  --now TIME   the moment to ask about (ISO date and time), instead of the clock
  -h, --help   this help
"""
GLOBALS = ("--data-dir", "--today")


def due_argv(argv: list[str]) -> dict[str, Any] | None:
    """The options when argv runs `due` (after any global options), else None."""
    opts: dict[str, Any] = {"data_dir": None, "today": None, "json": False, "now": None, "help": False}
    items = iter(argv)
    for arg in items:
        name, eq, value = arg.partition("=")
        if name in GLOBALS:
            opts[name[2:].replace("-", "_")] = value if eq else next(items, None)
            continue
        if arg != "due":
            return None
        break
    else:
        return None
    opts["rest"] = list(items)
    return opts


def _parse_rest(opts: dict[str, Any]) -> None:
    items = iter(opts.pop("rest"))
    for arg in items:
        name, eq, value = arg.partition("=")
        if arg in ("-h", "--help"):
            opts["help"] = True
        elif arg == "--json":
            opts["json"] = True
        elif name == "--now":
            opts["now"] = value if eq else next(items, None)
            if opts["now"] is None:
                raise _Usage("--now needs a value, e.g. 2026-11-24T12:30")
        elif name in GLOBALS:
            opts[name[2:].replace("-", "_")] = value if eq else next(items, None)
        else:
            raise _Usage(f"unrecognized argument: {arg}")


class _Usage(Exception):
    pass


def _moment(opts: dict[str, Any]) -> dt.datetime:
    if opts["now"] is not None:
        try:
            moment = dt.datetime.fromisoformat(opts["now"])
            if moment.tzinfo is not None:  # sittings are in local time
                moment = moment.astimezone().replace(tzinfo=None)
            return moment.replace(microsecond=0)
        except ValueError:
            raise RehabError(f"--now must be a date and time, e.g. 2026-11-24T12:30, not {opts['now']!r}") from None
    now = dt.datetime.now().replace(microsecond=0)
    if opts["today"] is not None:
        from ..core.dates import parse_date

        return dt.datetime.combine(parse_date(opts["today"], "--today"), now.time())
    return now


def report_from_cache(doc: dict[str, Any], now: dt.datetime) -> DueReport:
    """The report from a cache document; RehabError with no plan, DamagedCache if it is not readable."""
    if not doc.get("plan"):
        raise RehabError("no active plan; start one with `rehab plan start metatarsalgia-conservative`")
    try:
        return _report(doc, now)
    except (KeyError, TypeError, ValueError, AttributeError, RehabError) as err:
        raise DamagedCache(str(err)) from None


class DamagedCache(Exception):
    """A cache document whose entries cannot be read (then compute in full)."""


def _report(doc: dict[str, Any], now: dt.datetime) -> DueReport:
    # Only today's sittings and the first one after today can be due or next
    # (no later day has logs yet); the cache lists them in time order.
    today = now.date().isoformat()
    sittings: list[Sitting] = []
    for item in doc["sittings"]:
        if item["date"] == today:
            sittings.append(Sitting.from_dict(item))
        elif item["date"] > today:
            sittings.append(Sitting.from_dict(item))
            break
    handled: dict[tuple[dt.date, str], int] = {}
    for key, count in doc["handled"].items():
        day, _, sid = key.partition("|")
        handled[(dt.date.fromisoformat(day), sid)] = int(count)
    return due_report(sittings, handled, now)


def run_due(opts: dict[str, Any]) -> int:
    """The command, with the same error rules as every other: one line, exit 1 (2 for usage)."""
    try:
        _parse_rest(opts)
        return _due(opts)
    except _Usage as err:
        print(f"{USAGE}\nrehab due: error: {err}", file=sys.stderr)
        return 2
    except RehabError as err:
        print(_visible(f"rehab: {str(err).splitlines()[0] if str(err) else type(err).__name__}"),
              file=sys.stderr)
        return 1
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:
        where = f" ({err.filename})" if getattr(err, "filename", None) else ""
        print(_visible(f"rehab: {err.strerror or err}{where}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _due(opts: dict[str, Any]) -> int:
    if opts["help"]:
        sys.stdout.write(HELP)
        return 0
    now = _moment(opts)
    from ..due_fast import data_dir as find_data_dir
    from ..due_fast import read_due_cache

    data_dir = find_data_dir(opts["data_dir"])
    doc = read_due_cache(data_dir, now.date())
    report = None
    if doc is not None:
        try:
            report = report_from_cache(doc, now)
        except DamagedCache:
            report = None
    if report is None:
        from ..service.due import due_document

        report = report_from_cache(due_document(data_dir, now), now)
    if opts["json"]:
        import json

        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_visible(report.line()) + "\n")
    return 0


def _visible(text: str) -> str:
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
