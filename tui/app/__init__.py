"""The Textual app. Importing this package does no work: the app module loads on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..service.service import RehabService
    from .app import RehabApp


def make_app(service: RehabService, **options: Any) -> RehabApp:
    """Build the app over a service (tests pass one over a temp data dir and a fixed "today")."""
    from .app import RehabApp

    return RehabApp(service, **options)


def run_app(service: RehabService) -> int:
    """Run the app in the terminal; returns the process exit status."""
    from .reminders import settings_from_config

    app = make_app(service, reminders=settings_from_config())
    app.run()
    return app.return_code or 0
