"""Shared fixtures. No test touches the real home directory."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

TODAY = dt.date(2026, 11, 24)  # a Tuesday


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("REHAB_DATA_DIR", "REHAB_TEMPLATE_PATH", "REHAB_CONFIG_DIR"):
        monkeypatch.delenv(name, raising=False)
    yield home


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    return path


# --- the real `rehab` entry point (CLI and fault tests) ---------------------------
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
    """Run the real `rehab` entry point from another directory, over a temp data dir."""
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()

    def run(*args: str, today: str = "2026-11-24", env: dict | None = None, input: str | None = None) -> Result:
        full_env = {**os.environ, "REHAB_DATA_DIR": str(data_dir), **(env or {})}
        proc = subprocess.run(
            [*rehab_command(), "--today", today, *args],
            capture_output=True, text=True, cwd=cwd, env=full_env, input=input, timeout=60,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    run.data_dir = data_dir
    run.cwd = cwd
    run.command = rehab_command()
    return run
