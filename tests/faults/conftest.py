"""Fixtures for the fault tests: the real `rehab` entry point over a temp data dir."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def rehab_command() -> list[str]:
    exe = Path(sys.executable).parent / "rehab"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("rehab")
    return [found] if found else [sys.executable, "-m", "tui"]


@pytest.fixture
def rehab(tmp_path, data_dir):
    """run(*args, env=...) -> Result; REHAB_DATA_DIR is the test's data dir."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()

    def run(*args: str, env: dict | None = None, today: str = "2026-11-24") -> Result:
        full_env = {**os.environ, "REHAB_DATA_DIR": str(data_dir), **(env or {})}
        proc = subprocess.run([*rehab_command(), "--today", today, *args], capture_output=True,
                              text=True, cwd=cwd, env=full_env, timeout=60)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    run.data_dir = data_dir
    run.command = rehab_command()
    return run
