"""At the start of a new week, last week's review opens by itself, once.

Kept apart from screens/review.py: the main screen asks at every start whether
a review is due, and the review screen (with the review's rules behind it) is
loaded only when one is.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from ...core.errors import RehabError

if TYPE_CHECKING:
    from ...service.service import RehabService
    from ..typed import RehabScreen


def _mark(service: RehabService) -> None:
    with contextlib.suppress(RehabError, OSError):  # not fatal: the review is offered once more next time
        service.mark_review_offered()


def offer_review(screen: RehabScreen[Any]) -> None:
    """Open last week's review once (called by the main screen after its first paint). The week
    is remembered in the data's settings (service.mark_review_offered)."""
    app = screen.app
    if app.screen is not screen:
        return  # something else is open (a dialog, the too-small cover)
    try:
        monday = app.service.review_to_offer(app.plan)
    except RehabError:
        return
    if monday is None:
        return
    from .review import ReviewScreen

    service = app.service
    app.run_worker(lambda: _mark(service), thread=True, group="settings", exit_on_error=False)
    app.push_screen(ReviewScreen(monday, offered=True))
