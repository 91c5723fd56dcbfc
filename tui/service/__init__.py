"""The service room: every flow the CLI and the TUI share (tui/service/service.py).

``make_service(data_dir, today)`` builds it; importing this package does no work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..storage.store import Store
    from .service import RehabService
    from .template_dirs import TemplateDirs


def default_template_dirs(data_dir: Path) -> TemplateDirs:
    """The template folders from tui.locations: built-in, REHAB_TEMPLATE_PATH, the user's library."""
    from .. import locations
    from .template_dirs import TemplateDirs

    return TemplateDirs(locations.builtin_template_dir(), tuple(locations.shared_template_dirs()),
                        locations.user_template_dir(data_dir))


def make_service(data_dir: Path, today: Callable[[], dt.date] | dt.date | None = None,
                 templates: TemplateDirs | None = None, *, fsync: bool = True,
                 store: Store | None = None) -> RehabService:
    """The service over ``data_dir``. ``today``: a clock (called each time, so "today" moves
    at midnight), a fixed date (tests, ``--today``) or None for the real date."""
    from .service import RehabService

    if today is None:
        clock: Callable[[], dt.date] = dt.date.today
    elif isinstance(today, dt.date):
        fixed = today
        clock = lambda: fixed  # noqa: E731
    else:
        clock = today
    dirs = templates if templates is not None else default_template_dirs(Path(data_dir))
    return RehabService(Path(data_dir), clock, dirs, fsync=fsync, store=store)
