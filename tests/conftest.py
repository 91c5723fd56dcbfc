"""Shared fixtures. No test touches the real home directory."""

from __future__ import annotations

import datetime as dt
import os

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
