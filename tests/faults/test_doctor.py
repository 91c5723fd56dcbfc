"""Damaged, missing and open data files through the real CLI: every command that
needs a file names it, nothing overwrites it, `rehab doctor` reports exactly
what fails (never "no problems found" then), and `rehab doctor
--restore-backup` goes back to the newest generation that loads, keeping the
damaged files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "v1"
CASES = ["truncated", "not-json", "empty", "damaged-record", "unknown-field", "two-checkins"]


def part_file(data_dir: Path, part: str) -> Path:
    manifest = json.loads((data_dir / "rehab-manifest.json").read_text())
    return data_dir / manifest["parts"][part]["file"]


def damage(path: Path, case: str) -> None:
    good = path.read_bytes()
    data = json.loads(good)
    if case == "truncated":
        bad = good[: len(good) * 2 // 3]
    elif case == "not-json":
        bad = b"<html>oops, an editor saved the wrong buffer</html>\n"
    elif case == "empty":
        bad = b""
    elif case == "damaged-record":
        data["logs"][next(iter(data["logs"]))]["pain"] = "7"
        bad = json.dumps(data).encode()
    elif case == "unknown-field":
        data["logs"][next(iter(data["logs"]))]["blob"] = "x" * 100_000
        bad = json.dumps(data).encode()
    else:
        data["checkins"]["99"] = dict(next(iter(data["checkins"].values())))
        bad = json.dumps(data).encode()
    path.write_bytes(bad)


def one_line(res, code: int = 1) -> str:
    assert res.code == code, res
    assert "Traceback" not in res.err
    lines = res.err.splitlines()
    assert len(lines) == 1, res.err
    return lines[0]


@pytest.fixture
def used(rehab):
    """A plan, logs in two years and a check-in: several generations and backups."""
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    assert rehab("log", "ice-pack", "--date", "2025-06-01", "--note", "old").code == 0
    for note in ("a", "b"):
        assert rehab("log", "ice-pack", "--note", note).code == 0
    assert rehab("checkin", "--morning-pain", "3").code == 0
    return rehab


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_year_file_is_named_reported_and_restored(used, case):
    rehab = used
    path = part_file(rehab.data_dir, "2026-11")
    damage(path, case)
    bad = path.read_bytes()
    for command in (["history"], ["week"], ["log", "ice-pack"], ["export", "--format", "json"]):
        line = one_line(rehab(*command))
        assert str(path) in line, (command, line)
    assert path.read_bytes() == bad  # never overwritten
    report = rehab("doctor")
    assert report.code == 1 and "no problems found" not in report.out
    assert f"PROBLEM {path}" in report.out and "fix: rehab doctor --restore-backup" in report.out
    res = rehab("doctor", "--restore-backup")
    assert res.code == 0, res.err
    assert "restored generation" in res.out and "the damaged file is kept as" in res.out
    assert list(rehab.data_dir.glob(path.name + ".broken-*"))
    history = rehab("history", "--json")
    assert history.code == 0 and "old" in history.out
    assert rehab("doctor").code == 0


def test_a_missing_year_file_is_named_and_doctor_never_says_no_problems(used):
    rehab = used
    for note in ("c", "d", "e"):  # three more generations: every backup now names the same 2025 file
        assert rehab("log", "ice-pack", "--note", note).code == 0
    path = part_file(rehab.data_dir, "2025")
    os.unlink(path)
    line = one_line(rehab("history"))
    assert path.name in line and "missing" in line
    assert rehab("week").code == 0  # this week's reads do not need 2025
    report = rehab("doctor")
    assert report.code == 1 and "no problems found" not in report.out and path.name in report.out
    assert "put the file back" in report.out
    # every backup generation names the same (never rewritten) 2025 file: none has it
    assert "no backup generation" in one_line(rehab("doctor", "--restore-backup"))
    assert one_line(rehab("history")) == line  # still named, nothing silently dropped


def test_a_damaged_manifest_is_reported_and_restored(used):
    rehab = used
    manifest = rehab.data_dir / "rehab-manifest.json"
    manifest.write_bytes(b'{"format": "rehab-planner/da')
    one_line(rehab("history"))
    assert "PROBLEM" in rehab("doctor").out
    assert rehab("doctor", "--restore-backup").code == 0
    assert rehab("history").code == 0 and list(rehab.data_dir.glob("rehab-manifest.json.broken-*"))


def test_restore_refuses_when_everything_loads(used):
    line = one_line(used("doctor", "--restore-backup"))
    assert "load fine; nothing to restore" in line


def test_restore_with_no_loadable_backup_changes_nothing(used):
    rehab = used
    (rehab.data_dir / "rehab-manifest.json").write_bytes(b"")
    for n in (1, 2, 3):
        (rehab.data_dir / f"rehab-manifest.json.bak{n}").write_bytes(b"")
    before = {p.name: p.read_bytes() for p in rehab.data_dir.iterdir() if p.is_file()}
    line = one_line(rehab("doctor", "--restore-backup"))
    assert "no backup generation" in line and "nothing was changed" in line
    after = {p.name: p.read_bytes() for p in rehab.data_dir.iterdir() if p.is_file()}
    assert after == before


def test_doctor_on_a_healthy_a_fresh_and_a_missing_dir(rehab, used):
    res = used("doctor")
    assert res.code == 0 and res.out.strip().endswith("no problems found"), res.out
    assert "every listed file loads" in res.out and "2 record files" in res.out
    assert json.loads(used("doctor", "--json").out)["problems"] == 0
    other = rehab.data_dir.parent / "nothing-here"
    res = rehab("doctor", env={"REHAB_DATA_DIR": str(other)})
    assert res.code == 0 and "no data yet" in res.out and not other.exists()


def test_doctor_flags_open_permissions(used):
    rehab = used
    path = part_file(rehab.data_dir, "2026-11")
    os.chmod(path, 0o644)
    os.chmod(rehab.data_dir, 0o755)
    out = rehab("doctor").out
    assert "readable by other users (mode 0644)" in out and f"chmod 600 {path}" in out
    assert "open to other users (mode 0755)" in out


def test_doctor_reports_a_bad_template_and_an_open_shared_folder(used, tmp_path):
    rehab = used
    library = rehab.data_dir / "templates"
    library.mkdir(mode=0o700, exist_ok=True)
    (library / "bad.json").write_text("{")
    shared = tmp_path / "clinic"
    shared.mkdir()
    os.chmod(shared, 0o777)
    res = rehab("doctor", env={"REHAB_TEMPLATE_PATH": str(shared)})
    assert res.code == 1 and "bad.json" in res.out and "writable by everyone" in res.out


def test_a_version_1_dir_is_upgraded_and_its_files_kept(rehab):
    shutil.copytree(FIXTURES / "five-years", rehab.data_dir)
    os.chmod(rehab.data_dir, 0o700)
    for path in rehab.data_dir.iterdir():
        os.chmod(path, 0o600)
    assert "data version 1" in rehab("doctor").out
    counts = json.loads((FIXTURES / "counts.json").read_text())["five-years"]
    history = rehab("history", "--json").json()
    assert len(history["sessions"]) == counts["logs"] and len(history["checkins"]) == counts["checkins"]
    out = rehab("doctor").out
    assert "kept as a backup of the data before the upgrade" in out and "every listed file loads" in out
