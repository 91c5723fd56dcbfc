"""Words every export shares: the disclaimer, the red flags, and text cleaning.

Written for this project from the facts in CLINICAL.md (no source sentences).
"""

from __future__ import annotations

DISCLAIMER = (
    "This plan gives self-care structure; it is not medical advice and does not "
    "diagnose anything. If a red flag below shows up, stop the plan and see a clinician."
)

# The one line a text report ends with (rehab week, review, stats): once per output.
NOT_ADVICE = "Self-care structure, not medical advice: if a red flag shows up, see a clinician."

RED_FLAGS: tuple[str, ...] = (
    "Toes that go numb or tingle, again and again.",
    "Pain at night or while resting, or a foot that swells, feels warm or looks red.",
    "Pain that climbs with every session, or that changes the way you walk.",
    "Pain above 7 out of 10.",
    "No real improvement after about six weeks of this kind of care.",
)

PAIN_GUIDE = (
    "Pain during an activity: 0-2/10 is fine, 3-5/10 is acceptable if it has settled "
    "by the next morning, over 5/10 is too much: ease off next time."
)


def plain(text: object) -> str:
    """Text from templates or notes with control characters dropped (newlines and tabs kept)."""
    return "".join(ch for ch in str(text) if ch.isprintable() or ch in "\n\t")


def one_line(text: object) -> str:
    return " ".join(plain(text).split())
