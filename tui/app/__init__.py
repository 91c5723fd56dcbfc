"""The Textual app. Importing this package does no work: the app module loads on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..service.service import RehabService
    from .app import RehabApp


def make_app(service: RehabService, *, ascii: bool = False, **options: Any) -> RehabApp:
    """Build the app over a service (tests pass one over a temp data dir and a fixed "today").

    The config file is read here unless ``settings`` is given (tui/app/settings.py);
    ``ascii`` is the --ascii flag."""
    from .app import RehabApp
    from .settings import load_settings

    if options.get("settings") is None:
        options["settings"] = load_settings(ascii)
    return RehabApp(service, **options)


def run_app(service: RehabService, *, ascii: bool = False) -> int:
    """Run the app in the terminal; returns the process exit status."""
    from .reminders import settings_from_config

    app = make_app(service, ascii=ascii, reminders=settings_from_config())
    app.run()
    return app.return_code or 0
