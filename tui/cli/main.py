"""Entry point of the `rehab` command."""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial

from ..core.dates import parse_date
from ..core.errors import RehabError

# `rehab due` runs on every shell prompt: no typing import on the way to it (3-5 ms)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Callable
    from typing import TypedDict

    class AppOptions(TypedDict):
        """The options of a bare `rehab` (open the app): as their argparse names."""

        data_dir: str | None
        today: str | None
        ascii: bool


def app_only_options(argv: list[str]) -> AppOptions | None:
    """The options when ``argv`` only opens the app (no command), else None.

    Opening the app is the common case and start-up time matters there, so it
    skips building the full argparse tree (every subcommand's module).
    """
    opts: AppOptions = {"data_dir": None, "today": None, "ascii": False}
    items = iter(argv)
    for arg in items:
        if arg == "--ascii":
            opts["ascii"] = True
            continue
        name, eq, value = arg.partition("=")
        if name not in ("--data-dir", "--today"):
            return None
        if not eq:
            following = next(items, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        if name == "--data-dir":
            opts["data_dir"] = value
        else:
            opts["today"] = value
    return opts


def command_word(argv: list[str]) -> str | None:
    """The command of ``argv`` (`log` of `--data-dir D log x`), None when there is none
    or a top-level --help / --version comes first (those need the whole tree)."""
    items = iter(argv)
    for arg in items:
        if arg in ("--data-dir", "--today"):
            next(items, None)
        elif not arg.startswith("-"):
            return arg
        elif not arg.startswith(("--data-dir=", "--today=", "--ascii")):
            return None
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from .due_cmd import due_argv, run_due  # `rehab due` runs on every prompt: no argparse

    due = due_argv(argv)
    if due is not None:
        return run_due(due)
    fast = app_only_options(argv)
    if fast is not None:
        return _guarded(partial(_open, fast["data_dir"], fast["today"], ascii=fast["ascii"]))
    from .parser import build_parser

    args = build_parser(command_word(argv)).parse_args(argv)
    return _guarded(partial(_run, args))


def _today_option(text: str | None) -> dt.date | None:
    return parse_date(text, "--today") if text else None


def _open(data_dir: str | None, today: str | None, *, ascii: bool) -> int:
    return open_app(data_dir, _today_option(today), ascii=ascii)


def _run(args: Namespace) -> int:
    """Run the command of the parsed ``args`` (none: open the app)."""
    if args.command is None:
        return _open(args.data_dir, args.today, ascii=bool(getattr(args, "ascii", False)))
    today = _today_option(args.today) or dt.date.today()
    from .commands import COMMANDS, Context
    from .parser import SELF_CONTAINED, extra_command_modules

    table = dict(COMMANDS)
    if args.command not in SELF_CONTAINED:
        for module in extra_command_modules():
            table.update(module.COMMANDS)
    return table[args.command](Context(args.data_dir, today), args)


def _guarded(run: Callable[[], int]) -> int:
    """``run()``, its failures as one line on stderr and an exit code."""
    try:
        return run()
    except RehabError as err:
        line = str(err).splitlines()[0] if str(err) else type(err).__name__
        print(f"rehab: {_visible(line)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `rehab week | head`: the reader went away; say nothing more.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:
        where = f" ({err.filename})" if getattr(err, "filename", None) else ""
        print(_visible(f"rehab: {err.strerror or err}{where}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _visible(text: str) -> str:
    """Control characters (a file name may hold terminal escapes) shown as \\xNN."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


NO_TERMINAL = ("rehab: the app needs a terminal on stdin and stdout; use a command instead "
               "(e.g. `rehab week`, see `rehab --help`)")


def has_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def open_app(data_dir: str | None, today: dt.date | None, *, ascii: bool = False) -> int:
    """Open the TUI over the service; "today" is --today when given, else the machine's date read
    each time (so the app's day moves at local midnight).

    With no terminal on stdin or stdout (a pipe, cron, a redirected file) it says so in
    one line and exits 2 at once, writing no escape codes anywhere."""
    if not has_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    from .. import locations
    from ..service import make_service

    service = make_service(locations.data_dir(data_dir), today)  # None: the real date, read each time
    _ = service.store  # open it now: a refused data dir is one line here, not a screen
    from ..app import run_app

    global _app_opened
    _app_opened = True
    import gc

    gc.freeze()  # what start-up made stays out of every later collection
    gc.enable()  # off during start-up when run() began (a long session needs it)
    return run_app(service, ascii=ascii)


_app_opened = False


def run() -> None:
    """The `rehab` command (the console script): ``main()`` with two start-up savings that
    a short-lived command can take and an in-process caller of main() cannot:

    - the cyclic garbage collector is off: a command's records hold no cycles, and the
      collections its imports set off cost 10-15 ms (the app turns it back on: open_app);
    - a command's process ends without the interpreter's teardown of every module (another
      10-20 ms) once its output is flushed: every file it wrote was synced before main()
      returned, and no atexit work is registered. The app ends the usual way.
    """
    import gc

    gc.disable()
    code = main()
    if _app_opened:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`rehab history | head`)
            pass
    import os

    os._exit(code)


if __name__ == "__main__":
    run()
