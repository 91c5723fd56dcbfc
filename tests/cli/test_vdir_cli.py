"""`rehab export --format vdir -o DIR` (runs once the format is wired into the CLI)."""

from __future__ import annotations

import os
import stat

import pytest


@pytest.fixture(autouse=True)
def _wired(rehab):
    if "vdir" not in rehab("export", "--help").out:
        pytest.skip("--format vdir is not wired into the CLI yet")


def test_export_vdir_writes_a_folder_and_updates_it_in_place(rehab, tmp_path):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    assert rehab("log", "ice-pack").code == 0
    folder = tmp_path / "cal"
    first = rehab("export", "--format", "vdir", "-o", str(folder))
    assert first.code == 0, first.err
    names = sorted(os.listdir(folder))
    assert names and all(n.startswith("rehab-") and n.endswith(".ics") for n in names)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert " written, 0 unchanged, 0 removed" in first.err
    ice = (folder / "rehab-metatarsalgia-conservative.settle-ice.2026-11-24.1.ics").read_text()
    assert "STATUS:COMPLETED" in ice
    again = rehab("export", "--format", "vdir", "-o", str(folder))
    assert again.code == 0 and ": 0 written" in again.err
    assert sorted(os.listdir(folder)) == names


@pytest.mark.parametrize("args, text", [
    ((), "-o DIR"),
    (("-o", "-"), "-o DIR"),
    (("-o", "{tmp}/x", "--alarm", "5"), "only apply to --format ics"),
])
def test_export_vdir_needs_a_folder_and_takes_no_ics_options(rehab, tmp_path, args, text):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    result = rehab("export", "--format", "vdir", *[a.format(tmp=tmp_path) for a in args])
    assert result.code == 1 and text in result.err and "Traceback" not in result.err
