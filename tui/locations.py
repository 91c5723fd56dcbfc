"""Where rehab-planner keeps things: data, config and template directories.

Nothing here touches the file system at import time; every function reads the
environment when called, so tests (and ``--data-dir``) can redirect it.

Precedence for the data dir: ``--data-dir`` flag > ``REHAB_DATA_DIR`` >
``$XDG_DATA_HOME/rehab-planner`` > ``~/.local/share/rehab-planner``.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "rehab-planner"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "")
    return Path(value).expanduser() if value else None


def _xdg(name: str, fallback: str) -> Path:
    base = _env_path(name)
    # The XDG spec says relative paths in these variables are invalid: ignore them.
    if base is None or not base.is_absolute():
        base = Path.home() / fallback
    return base / APP_NAME


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory holding rehab.json and the user's template library."""
    if override:
        return Path(override).expanduser()
    return _env_path("REHAB_DATA_DIR") or _xdg("XDG_DATA_HOME", ".local/share")


def config_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    return _env_path("REHAB_CONFIG_DIR") or _xdg("XDG_CONFIG_HOME", ".config")


def shared_template_dirs() -> list[Path]:
    """Directories from REHAB_TEMPLATE_PATH (colon separated, empty entries skipped)."""
    raw = os.environ.get("REHAB_TEMPLATE_PATH", "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part]


def user_template_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "templates"


def builtin_template_dir() -> Path:
    """Built-in plans: inside the package when installed from a wheel, else the repo's plans/."""
    package = Path(__file__).resolve().parent
    inside = package / "plans"
    if inside.is_dir():
        return inside
    return package.parent / "plans"
