"""SVG snapshots of the review screen: a complete plan (what next) and a red flag, at 100x30 and 80x24.
Update after a deliberate change: python -m pytest tests/app/test_review_wiring_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from app_helpers import on_top, settle, until
from test_review_wiring import AFTER, FLAG_TODAY, complete_store, flagged_store  # noqa: F401 (fixtures)

SIZES = [(100, 30), (80, 24)]


async def offered(pilot) -> None:
    """The review offered at start, shown (it comes after the main screen's first paint)."""
    review = await on_top(pilot, "ReviewScreen")
    await until(pilot, lambda: review.view is not None, "the review shown")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_plan_complete(snap_compare, make, complete_store, size):  # noqa: F811
    assert snap_compare(make(complete_store, today=AFTER), terminal_size=size, run_before=offered)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_red_flag(snap_compare, make, flagged_store, size):  # noqa: F811
    assert snap_compare(make(flagged_store, today=FLAG_TODAY), terminal_size=size, run_before=offered)
