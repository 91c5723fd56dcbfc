"""`rehab doctor`: the storage's checks of the data dir, the template folders; restore a backup.

The checks and the restore live in tui.storage.doctor (the storage knows its
files); this module prints them, one line per check marked ``ok``, ``note`` or
``PROBLEM`` with a ``fix:`` line under each problem, and exits 1 on a problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import locations
from ..core.errors import RehabError

MARKS = {"ok": "ok", "note": "note", "problem": "PROBLEM"}


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "doctor",
        help="check your data files and backups; --restore-backup recovers a damaged one",
        description="Check the data folder, every data file and its backups, your template "
        "library and the shared template folders, and say how to fix what is wrong. "
        "Exit 1 if there is a problem.",
    )
    p.add_argument("--restore-backup", action="store_true",
                   help="keep the damaged files aside and go back to the newest backup that loads")
    p.add_argument("--json", action="store_true", help="the checks as JSON")


def template_checks(user_dir: Path, shared_dirs: list[Path]) -> list[Any]:
    from ..fileio import folder_problem, load_template
    from ..storage.doctor import Check

    out = []
    for folder in shared_dirs:
        warning = folder_problem(folder)
        if warning:
            out.append(Check("problem", warning, f"chmod go-w {folder} (or ask its owner)"))
    try:
        files = sorted(p for p in user_dir.iterdir() if p.suffix == ".json")
    except OSError:
        return out
    bad = 0
    for file in files:
        try:
            load_template(file)
        except RehabError as err:
            bad += 1
            out.append(Check("problem", f"template {err}; it is skipped", f"fix it, or delete it: rm {file}"))
    if files and not bad:
        out.append(Check("ok", f"{len(files)} template(s) in your library {user_dir} load"))
    return out


def cmd_doctor(ctx: Any, args: Any) -> int:
    from ..storage import doctor
    from .commands import clean, dumps

    if args.restore_backup:
        for line in doctor.restore_backup(ctx.data_dir):
            print(clean(line))
        return 0
    checks = doctor.run_checks(ctx.data_dir)
    checks += template_checks(locations.user_template_dir(ctx.data_dir), locations.shared_template_dirs())
    problems = sum(c.status == "problem" for c in checks)
    if args.json:
        print(dumps({"data_dir": str(ctx.data_dir), "problems": problems,
                     "checks": [c.to_dict() for c in checks]}))
        return 1 if problems else 0
    for c in checks:
        print(f"{MARKS[c.status]:8}{clean(c.message)}")
        if c.fix:
            print(f"{'':8}fix: {clean(c.fix)}")
    print("no problems found" if not problems else
          f"{problems} problem{'s' if problems > 1 else ''} found")
    return 1 if problems else 0


COMMANDS = {"doctor": cmd_doctor}
