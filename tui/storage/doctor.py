"""What `rehab doctor` checks in the data dir, and its restore of a backup generation.

The checks only read (no Store is opened, nothing is tidied), so a damaged dir
can be looked at safely; every listed file is read and checked against the
record schema, so "no problems" is never said while a file is missing or
damaged. The restore takes the dir's lock, keeps each damaged file aside as
``<name>.broken-<time>`` (0600), and makes the newest backup generation whose
files all load the one in force, in one commit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.errors import RehabError, StorageError

from .datadir import DataDir, Txn
from .guards import closed_by_other
from .layout import MAIN, MANIFEST_NAME, N_BACKUPS, Manifest
from .migrate import V1_ARCHIVE, V1_MAIN, v1_tables

PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


@dataclass
class Check:
    status: str  # ok | note | problem
    message: str
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "message": self.message, "fix": self.fix}


def _mode(st: os.stat_result) -> str:
    return f"{stat.S_IMODE(st.st_mode):04o}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def folder_checks(data_dir: Path) -> tuple[list[Check], bool]:
    """The data folder itself; (checks, whether to go on looking inside)."""
    uid = os.geteuid()
    try:
        st = os.lstat(data_dir)
    except FileNotFoundError:
        return [Check("note", f"no data yet: {data_dir} does not exist (it is made, 0700, on first use)")], False
    except OSError as exc:
        other = closed_by_other(data_dir) if isinstance(exc, PermissionError) else None
        if other is not None:
            return [Check("problem", f"the data folder {data_dir} is inside {other[0]}, which belongs "
                          f"to uid {other[1]}, not you (uid {uid}); rehab refuses it",
                          "use a data folder of your own")], False
        return [Check("problem", f"cannot look at the data folder {data_dir}: {exc.strerror or exc}",
                      "use a data folder of your own")], False
    if stat.S_ISLNK(st.st_mode):
        return [Check("problem", f"the data folder {data_dir} is a symlink; rehab refuses it",
                      f"use the real folder: rehab --data-dir {os.path.realpath(data_dir)}")], False
    if not stat.S_ISDIR(st.st_mode):
        return [Check("problem", f"the data folder {data_dir} is not a folder",
                      "move it away or point --data-dir (or REHAB_DATA_DIR) elsewhere")], False
    if st.st_uid != uid:
        return [Check("problem", f"the data folder {data_dir} belongs to uid {st.st_uid}, not you "
                      f"(uid {uid}); rehab refuses it", "use a data folder of your own")], False
    if stat.S_IMODE(st.st_mode) & 0o077:
        return [Check("problem", f"the data folder {data_dir} is open to other users (mode {_mode(st)})",
                      f"chmod 700 {data_dir}")], True
    return [Check("ok", f"data folder {data_dir} (mode {_mode(st)}, yours)")], True


def generation_problems(data_dir: Path, manifest: Manifest) -> list[str]:
    """Every listed file of a generation that does not load, each as one line."""
    fresh = DataDir(data_dir)  # nothing cached: every file is really read
    out = []
    for name in sorted(manifest.parts):
        try:
            fresh.part(manifest, name)
        except RehabError as err:
            out.append(str(err))
    return out


def _holds(data_dir: Path, manifest: Manifest) -> str:
    fresh = DataDir(data_dir)
    count = {"logs": 0, "checkins": 0}
    for year in manifest.record_parts():
        with contextlib.suppress(RehabError):
            for table in count:
                count[table] += len(fresh.part(manifest, year).get(table) or {})
    main: dict[str, Any] = {}
    with contextlib.suppress(RehabError):
        main = fresh.part(manifest, MAIN)
    plan = "a plan" if main.get("plan") else "no active plan"
    return (f"{plan}, {_n(count['logs'], 'logged session')}, {_n(count['checkins'], 'check-in')}, "
            f"{_n(len(main.get('flares') or {}), 'flare day')}, {_n(len(main.get('undo') or {}), 'undo step')}"
            f", in {_n(len(manifest.record_parts()), 'record file')}")


def newest_good_backup(data_dir: Path) -> tuple[Path, Manifest] | None:
    dd = DataDir(data_dir)
    for n in range(1, N_BACKUPS + 1):
        path = dd.backup_path(n)
        if not os.path.lexists(path):
            continue
        try:
            manifest = dd.read_manifest(path)
        except RehabError:
            continue
        if not generation_problems(data_dir, manifest):
            return path, manifest
    return None


def _restore_fix(data_dir: Path) -> str | None:
    found = newest_good_backup(data_dir)
    return (f"rehab doctor --restore-backup (goes back to {found[0].name}, generation "
            f"{found[1].generation}, and keeps the damaged files aside)") if found else None


def manifest_checks(data_dir: Path) -> list[Check]:
    path = data_dir / MANIFEST_NAME
    if not os.path.lexists(path):
        return _v1_checks(data_dir)
    try:
        manifest = DataDir(data_dir).read_manifest(path)
    except RehabError as err:
        return [Check("problem", str(err), _restore_fix(data_dir) or "no backup generation loads")]
    problems = generation_problems(data_dir, manifest)
    if problems:
        fix = _restore_fix(data_dir) or ("no backup generation has it whole; put the file back from "
                                         "a copy, or restore your own backup (rehab restore FILE)")
        return [Check("problem", line, fix) for line in problems]
    return [Check("ok", f"data manifest {path} (generation {manifest.generation}): every listed file "
                  f"loads"), Check("ok", f"it holds: {_holds(data_dir, manifest)}")]


def _v1_checks(data_dir: Path) -> list[Check]:
    if not os.path.lexists(data_dir / V1_MAIN):
        return [Check("note", f"no data file yet in {data_dir} (made on first use)")]
    try:
        found = v1_tables(data_dir)
    except RehabError as err:
        return [Check("problem", str(err), "restore a backup of it, or move it aside to start afresh")]
    logs = len(found[0]["logs"]) if found else 0
    return [Check("note", f"data version 1 ({V1_MAIN}, {logs} logged sessions); it is upgraded the "
                  "next time rehab saves or opens a writable data folder")]


def file_checks(data_dir: Path) -> list[Check]:
    """Modes, owners and leftovers of the files in the folder."""
    out: list[Check] = []
    uid = os.geteuid()
    for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(st.st_mode) or st.st_uid != uid:
            out.append(Check("problem", f"{entry.path} is a symlink or not yours; rehab refuses it",
                             f"move it away: mv {entry.path} {entry.path}.aside"))
        elif stat.S_IMODE(st.st_mode) & 0o077:
            out.append(Check("problem", f"{entry.path} is readable by other users (mode {_mode(st)})",
                             f"chmod 600 {entry.path}"))
    names = os.listdir(data_dir)
    broken = sorted(n for n in names if ".broken-" in n)
    if broken:
        out.append(Check("note", f"damaged file(s) kept aside earlier: {', '.join(broken[:4])} "
                         "(delete them once you no longer need them)"))
    kept = [n for n in (V1_MAIN, V1_ARCHIVE) if n in names]
    if kept and MANIFEST_NAME in names:
        out.append(Check("note", f"the version-1 files {', '.join(kept)} are kept as a backup of the "
                         "data before the upgrade (delete them once you no longer need them)"))
    return out


def run_checks(data_dir: Path) -> list[Check]:
    checks, go_on = folder_checks(data_dir)
    if go_on:
        checks += manifest_checks(data_dir)
        checks += file_checks(data_dir)
    return checks


# ----------------------------------------------------------------- restore

def _keep_aside(path: Path, when: str) -> Path:
    aside = path.with_name(f"{path.name}.broken-{when}")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = path.with_name(f"{path.name}.broken-{when}-{n}")
    os.link(path, aside, follow_symlinks=False)
    os.chmod(aside, PRIVATE_FILE)
    return aside


def restore_backup(data_dir: Path) -> list[str]:
    """Go back to the newest backup generation that loads; returns what was done (lines)."""
    if not os.path.lexists(data_dir / MANIFEST_NAME) and not os.path.lexists(data_dir / f"{MANIFEST_NAME}.bak1"):
        raise RehabError(f"no data generations in {data_dir}; nothing to restore")
    dd = DataDir(data_dir)
    with dd.locked():
        try:
            current = dd.read_manifest(dd.manifest_path)
            damaged = [dd.path / current.parts[p].file for p in current.parts
                       if generation_problems(data_dir, _only(current, p))]
        except RehabError:
            current, damaged = None, [dd.manifest_path]
        if current is not None and not damaged:
            raise RehabError(f"{dd.manifest_path} and every file it lists load fine; nothing to "
                             "restore (`rehab undo` takes back the last change)")
        found = newest_good_backup(data_dir)
        if found is None:
            raise RehabError(f"no backup generation of {data_dir} loads; nothing was changed")
        when = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            kept = [_keep_aside(p, when) for p in damaged if os.path.lexists(p)]
        except OSError as exc:
            raise StorageError(f"cannot keep the damaged files aside: {exc.strerror or exc}; "
                               "nothing was changed") from None
        txn = Txn(dd, found[1].copy())
        txn.install(found[1])
        txn.commit()
    lines = [f"restored generation {found[1].generation} from {found[0].name}: {_holds(data_dir, found[1])}"]
    lines += [f"the damaged file is kept as {p}" for p in kept]
    return lines


def _only(manifest: Manifest, part: str) -> Manifest:
    one = manifest.copy()
    one.parts = {part: one.parts[part]}
    return one
