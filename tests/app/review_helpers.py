"""Reading the review screen in tests (kept out of the production class)."""

from __future__ import annotations

from textual.widgets import Static


def body_text(screen) -> str:
    """The review as the screen shows it: title, decision, body and the change line."""
    parts = [str(w.visual) for w in screen.query("#review-title, #review-decision, #review-body Static, "
                                                 "#review-change").results(Static)]
    return "\n".join(parts)
