"""Kinds of activity."""

KINDS = (
    "rest",
    "cross-training",
    "ice",
    "stretch",
    "strength",
    "massage",
    "footwear",
    "walk-run",
)

# Kinds that load the forefoot; the review swaps them for cross-training.
IMPACT_KINDS = frozenset({"walk-run"})
