"""The Textual app. Importing this package does no work: the app module loads on first use."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..storage.store import Store
    from .app import RehabApp


def make_app(store: "Store", today: dt.date, **options: Any) -> "RehabApp":
    """Build the app over a store and a fixed "today" (tests pass a temp store and a date)."""
    from .app import RehabApp

    return RehabApp(store, today, **options)


def run_app(store: "Store", today: dt.date | None = None) -> int:
    """Run the app in the terminal; returns the process exit status."""
    app = make_app(store, today or dt.date.today())
    app.run()
    return app.return_code or 0
