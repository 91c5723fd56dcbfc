"""`rehab doctor`: check the data folder, file and backups; restore a backup.

``rehab doctor`` only reads: it never opens a Store (which would create or
tidy files), so it can look at a damaged file safely. It reports one line per
check, marked ``ok``, ``note`` or ``PROBLEM``, with a ``fix:`` line under each
problem, and exits 1 if there is any problem.

``rehab doctor --restore-backup`` takes the data file's lock, keeps the damaged
file aside as ``rehab.json.broken-<timestamp>`` (0600) and puts the newest
backup that loads in its place, atomically. It refuses when the file loads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import locations
from ..core.errors import RehabError

FILE_NAME = "rehab.json"  # tui.storage.store.FILE_NAME, without importing tinydb here
# The data file, then the archive of older logs and check-ins (same format,
# written with the data file's lock held) once history has grown large.
DATA_FILES = (FILE_NAME, "rehab-archive.json")
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def add_parsers(sub) -> None:
    p = sub.add_parser(
        "doctor",
        help="check your data file and backups; --restore-backup recovers a damaged file",
        description="Check the data folder, the data file, its backups and your template "
        "library, and say how to fix what is wrong. Exit 1 if there is a problem.",
    )
    p.add_argument("--restore-backup", action="store_true",
                   help="keep the damaged data file aside and restore the newest backup that loads")
    p.add_argument("--json", action="store_true", help="the checks as JSON")


# ------------------------------------------------------------------ checks

@dataclass
class Check:
    status: str  # ok | note | problem
    message: str
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "message": self.message, "fix": self.fix}


def inspect_bytes(raw: bytes) -> tuple[dict | None, str | None]:
    """(data, None) if ``raw`` is a loadable data file, else (None, what is wrong).

    The same rules SafeJSONStorage applies when it loads the file.
    """
    import orjson

    from ..storage.store import meta_problem

    if not raw.strip():
        return None, "the file is empty (truncated?)"
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return None, f"not valid JSON, truncated or damaged ({exc})"
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return None, "not a rehab-planner data file (expected an object of tables)"
    problem = meta_problem(data)
    if problem:
        return None, problem
    return data, None


def read_checked(path: Path) -> tuple[dict | None, str | None]:
    """Read and inspect a regular file without following a symlink."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        return None, f"cannot read it ({exc.strerror or exc})"
    with os.fdopen(fd, "rb") as fh:
        try:
            raw = fh.read()
        except OSError as exc:
            return None, f"cannot read it ({exc.strerror or exc})"
    return inspect_bytes(raw)


def summary(data: dict, main: bool = True) -> str:
    def count(table: str) -> int:
        return len(data.get(table) or {})

    if not main:
        return f"{_n(count('logs'), 'logged session')}, {_n(count('checkins'), 'check-in')}"

    plan_docs = list((data.get("plan") or {}).values())
    plan = plan_docs[0].get("plan") if plan_docs else None
    if isinstance(plan, dict) and isinstance(plan.get("template"), dict):
        name = plan["template"].get("name", "?")
        what = f"plan {_clean(str(name))!r} from {_clean(str(plan.get('start', '?')))}"
    else:
        what = "no active plan"
    return (f"{what}, {_n(count('logs'), 'logged session')}, {_n(count('checkins'), 'check-in')}, "
            f"{_n(count('flares'), 'flare day')}, {_n(count('undo'), 'undo step')}")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _clean(text: str) -> str:
    from .commands import clean

    return clean(text)


def _mode(st: os.stat_result) -> str:
    return f"{stat.S_IMODE(st.st_mode):04o}"


def _size(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KiB"


def _when(st: os.stat_result) -> str:
    return dt.datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")


def backup_paths(path: Path) -> list[Path]:
    """rehab.json.bak1..3 that exist, newest first (mirrors SafeJSONStorage.backups)."""
    from ..storage.jsonstore import N_BACKUPS

    found = [path.with_name(f"{path.name}.bak{n}") for n in range(1, N_BACKUPS + 1)]
    return [p for p in found if os.path.lexists(p)]


def newest_loadable_backup(path: Path) -> tuple[Path, dict] | None:
    for bak in backup_paths(path):
        if os.path.islink(bak):
            continue
        data, problem = read_checked(bak)
        if problem is None:
            return bak, data
    return None


def run_checks(data_dir: Path) -> list[Check]:
    checks: list[Check] = []
    add = checks.append
    uid = os.geteuid()

    # -- the folder
    try:
        dst = os.lstat(data_dir)
    except FileNotFoundError:
        add(Check("note", f"no data yet: {data_dir} does not exist (it is made, 0700, on first use)"))
        return checks
    except OSError as exc:
        add(Check("problem", f"cannot look at the data folder {data_dir}: "
                  f"{exc.strerror or exc} (is it yours?)", "use a data folder of your own"))
        return checks
    if stat.S_ISLNK(dst.st_mode):
        add(Check("problem", f"the data folder {data_dir} is a symlink; rehab refuses it",
                  f"use the real folder: rehab --data-dir {os.path.realpath(data_dir)}"))
        return checks
    if not stat.S_ISDIR(dst.st_mode):
        add(Check("problem", f"the data folder {data_dir} is not a folder",
                  "move it away or point --data-dir (or REHAB_DATA_DIR) elsewhere"))
        return checks
    if dst.st_uid != uid:
        add(Check("problem", f"the data folder {data_dir} belongs to uid {dst.st_uid}, not you "
                  f"(uid {uid}); rehab refuses it", "use a data folder of your own"))
        return checks
    if stat.S_IMODE(dst.st_mode) & 0o077:
        add(Check("problem", f"the data folder {data_dir} is open to other users (mode {_mode(dst)})",
                  f"chmod 700 {data_dir}"))
    else:
        add(Check("ok", f"data folder {data_dir} (mode {_mode(dst)}, yours)"))

    for name in DATA_FILES:
        path = data_dir / name
        if name != FILE_NAME and not any(os.path.lexists(p) for p in (path, *backup_paths(path))):
            continue  # the archive only exists once history has grown large
        checks.extend(check_data_file(path, main=name == FILE_NAME))
    names = sorted(os.listdir(data_dir))
    broken = [n for n in names if ".json.broken-" in n]
    if broken:
        add(Check("note", f"damaged file(s) kept aside earlier: {', '.join(broken)} "
                  "(delete them once you no longer need them)"))

    # -- the user's template library
    checks.extend(check_templates(locations.user_template_dir(data_dir)))
    return checks


def check_data_file(path: Path, main: bool) -> list[Check]:
    """The file, its backups, lock and temp files."""
    checks: list[Check] = []
    add = checks.append
    uid = os.geteuid()
    what = "data file" if main else "archive of older records"
    backups = backup_paths(path)
    good_backup = newest_loadable_backup(path)
    restore_fix = (f"rehab doctor --restore-backup (puts {good_backup[0].name} back and keeps "
                   "the damaged file aside)") if good_backup else None
    try:
        fst = os.lstat(path)
    except FileNotFoundError:
        fst = None
    if fst is None:
        if good_backup:
            add(Check("problem", f"the {what} {path} is missing but a backup exists", restore_fix))
        else:
            add(Check("note", f"no data file yet at {path} (made on first use)"))
    elif stat.S_ISLNK(fst.st_mode) or not stat.S_ISREG(fst.st_mode):
        kind = "a symlink" if stat.S_ISLNK(fst.st_mode) else "not a regular file"
        add(Check("problem", f"the {what} {path} is {kind}; rehab refuses it",
                  restore_fix or f"replace {path} with the real file"))
    elif fst.st_uid != uid:
        add(Check("problem", f"the {what} {path} belongs to uid {fst.st_uid}, not you; "
                  "rehab refuses it", "use a data folder of your own"))
    else:
        data, problem = read_checked(path)
        if problem:
            fix = restore_fix or (f"no backup loads; to start afresh, keep the file aside: "
                                  f"mv {path} {path}.broken")
            add(Check("problem", f"the {what} {path}: {_clean(problem)}; rehab leaves it "
                      "unchanged and refuses to use it", fix))
        else:
            version = next(iter(data["meta"].values())).get("version")
            add(Check("ok", f"{what} {path} (mode {_mode(fst)}, {_size(fst.st_size)}, "
                      f"data version {version}, saved {_when(fst)})"))
            add(Check("ok", f"it holds: {summary(data, main)}"))
        if stat.S_IMODE(fst.st_mode) & 0o077:
            add(Check("problem", f"the {what} {path} is readable by other users "
                      f"(mode {_mode(fst)})", f"chmod 600 {path}"))

    if not backups and main:
        add(Check("note", "no backups yet (one is kept at each save, up to 3)"))
    for bak in backups:
        bst = os.lstat(bak)
        if stat.S_ISLNK(bst.st_mode):
            add(Check("problem", f"backup {bak} is a symlink", f"delete it: rm {bak}"))
            continue
        data, problem = read_checked(bak)
        if problem:
            add(Check("note", f"backup {bak.name}: {_clean(problem)}"))
        else:
            add(Check("ok", f"backup {bak.name} loads (saved {_when(bst)}): {summary(data, main)}"))
        if stat.S_IMODE(bst.st_mode) & 0o077:
            add(Check("problem", f"backup {bak} is readable by other users (mode {_mode(bst)})",
                      f"chmod 600 {bak}"))

    lock = path.with_name(path.name + ".lock")
    with contextlib.suppress(FileNotFoundError):
        lst = os.lstat(lock)
        if stat.S_ISLNK(lst.st_mode) or lst.st_uid != uid:
            add(Check("problem", f"the lock file {lock} is a symlink or not yours; rehab refuses it",
                      f"delete it when no rehab is running: rm {lock}"))
    temps = sorted(n for n in os.listdir(path.parent) if n.startswith(f".{path.name}.tmp."))
    if temps:
        add(Check("note", f"{len(temps)} temp file(s) left by an interrupted save "
                  f"({', '.join(temps[:3])}); rehab removes them the next time it opens the file"))
    return checks


def check_templates(folder: Path) -> list[Check]:
    from ..core.templates import load_template_file

    try:
        files = sorted(p for p in folder.iterdir() if p.suffix == ".json")
    except OSError:
        return []
    out = []
    bad = 0
    for file in files:
        try:
            load_template_file(file)
        except RehabError as err:
            bad += 1
            out.append(Check("problem", f"template {_clean(str(err))}; it is skipped",
                             f"fix it, or delete it: rm {file}"))
    if files and not bad:
        out.append(Check("ok", f"{len(files)} template(s) in your library {folder} load"))
    return out


MARKS = {"ok": "ok", "note": "note", "problem": "PROBLEM"}


def cmd_doctor(ctx, args) -> int:
    if args.restore_backup:
        return restore_backup(ctx.data_dir)
    checks = run_checks(ctx.data_dir)
    problems = sum(c.status == "problem" for c in checks)
    if args.json:
        from .commands import dumps

        print(dumps({"data_dir": str(ctx.data_dir), "problems": problems,
                     "checks": [c.to_dict() for c in checks]}))
        return 1 if problems else 0
    for c in checks:
        print(f"{MARKS[c.status]:8}{c.message}")
        if c.fix:
            print(f"{'':8}fix: {c.fix}")
    print("no problems found" if not problems else
          f"{problems} problem{'s' if problems > 1 else ''} found")
    return 1 if problems else 0


# ----------------------------------------------------------------- restore

def restore_backup(data_dir: Path) -> int:
    """Restore each damaged data file (the main one, the archive) from its newest good backup."""
    from ..storage.jsonstore import SafeJSONStorage

    if not os.path.lexists(data_dir):
        raise RehabError(f"no data at {data_dir}; nothing to restore")
    # Refuses a symlinked or foreign folder or file, like every other command.
    main = SafeJSONStorage(data_dir / FILE_NAME)
    done: list[str] = []
    try:
        with main.locked():  # every writer holds this lock, archive writers too
            for name in DATA_FILES:
                path = data_dir / name
                if name != FILE_NAME and not os.path.lexists(path):
                    continue
                if name == FILE_NAME:
                    done += _restore_one(path, name == FILE_NAME)
                    continue
                other = SafeJSONStorage(path)
                try:
                    with other.locked():
                        done += _restore_one(path, False)
                finally:
                    other.close()
    finally:
        main.close()
    if not done:
        raise RehabError(f"{data_dir / FILE_NAME} loads fine; nothing to restore "
                         "(`rehab undo` takes back the last change)")
    for line in done:
        print(line)
    return 0


def _restore_one(path: Path, main: bool) -> list[str]:
    """Called with the locks held. Returns what was done, or [] if the file is fine."""
    exists = os.path.lexists(path)
    if exists:
        _, problem = read_checked(path)
        if problem is None:
            return []
    elif not backup_paths(path):
        return []  # no data yet
    found = newest_loadable_backup(path)
    if found is None:
        checked = len(backup_paths(path))
        raise RehabError(f"no backup of {path} loads ({checked} found); nothing was changed")
    bak, data = found
    aside = _keep_aside(path) if exists else None
    try:
        _install(bak.read_bytes(), path)
    except OSError as exc:
        if aside is not None:
            with contextlib.suppress(OSError):
                os.unlink(aside)
        raise RehabError(f"cannot restore {bak} to {path}: {exc.strerror or exc}; "
                         "nothing was changed") from None
    _remove_temps(path)
    done = [f"restored {path} from {bak.name}: {summary(data, main)}"]
    if aside is not None:
        done.append(f"the damaged file is kept as {aside}")
    return done


def _remove_temps(path: Path) -> None:
    prefix = f".{path.name}.tmp."
    for name in os.listdir(path.parent):
        if name.startswith(prefix):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)


def _keep_aside(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    try:
        os.link(path, aside, follow_symlinks=False)
    except OSError:
        import shutil

        try:
            shutil.copy2(path, aside, follow_symlinks=False)
        except OSError as exc:
            raise RehabError(f"cannot keep {path} aside as {aside}: {exc.strerror or exc}; "
                             "nothing was changed") from None
    os.chmod(aside, PRIVATE_FILE)
    return aside


def _install(payload: bytes, path: Path) -> None:
    """Write ``payload`` to ``path`` atomically (temp file, fsync, rename), 0600."""
    tmp = path.with_name(f".{path.name}.tmp.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                 PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


COMMANDS = {"doctor": cmd_doctor}
