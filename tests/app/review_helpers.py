"""Reading the review screen in tests (kept out of the production class)."""

from __future__ import annotations

from textual.widgets import Static


def body_text(screen) -> str:
    """The review as the screen shows it: title, decision, body and the change line."""
    from tui.app.widgets.review_body import ReviewBody

    head = [str(w.visual) for w in screen.query("#review-title, #review-decision").results(Static)]
    body = [w.plain for w in screen.query(ReviewBody)]
    change = [str(w.visual) for w in screen.query("#review-change").results(Static)]
    return "\n".join(head + body + change)
