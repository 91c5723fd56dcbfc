"""Text in, plan edits out: weekdays ("Mon Wed Fri", "daily"), rules shown as days, doses as fields."""

from __future__ import annotations

from ..core.dates import WEEKDAY_NAMES, WEEKDAYS
from ..core.dose import RANGES, Dose
from ..core.errors import PlanError

DOSE_FIELDS = tuple(RANGES)
DOSE_LABELS = {
    "minutes": "Minutes", "minutes_per_foot": "Min per foot", "sets": "Sets", "reps": "Reps",
    "hold_seconds": "Hold (s)", "times_per_day": "Times a day", "walk_minutes": "Walk min",
    "run_minutes": "Run min",
}


def days_text(rrule: str) -> str:
    """'daily', or the weekday names of a weekly rule; other rules as written."""
    parts = dict(p.split("=", 1) for p in rrule.upper().split(";") if "=" in p)
    if parts.get("FREQ") == "DAILY" and "BYDAY" not in parts and parts.get("INTERVAL", "1") == "1":
        return "daily"
    if parts.get("FREQ") == "WEEKLY" and "BYDAY" in parts and parts.get("INTERVAL", "1") == "1":
        days = parts["BYDAY"].split(",")
        if all(d in WEEKDAYS for d in days):
            return " ".join(WEEKDAY_NAMES[WEEKDAYS.index(d)] for d in days)
    return rrule


def parse_weekdays(text: str) -> list[str]:
    """'Mon Wed Fri', 'mo,we,fr', 'daily' -> ['MO', 'WE', 'FR'] (RFC 5545 day codes)."""
    words = text.replace(",", " ").split()
    if len(words) == 1 and words[0].lower() in ("daily", "every", "all"):
        return list(WEEKDAYS)
    days: list[str] = []
    for word in words:
        code = word[:2].upper()
        if code not in WEEKDAYS:
            raise PlanError(f"{word!r} is not a weekday; write e.g. Mon Wed Fri, or daily")
        if code not in days:
            days.append(code)
    if not days:
        raise PlanError("name at least one weekday, e.g. Mon Wed Fri, or daily")
    return days


def parse_dose(values: dict[str, str]) -> Dose:
    """Field texts (blank = not set) -> a Dose within its ranges, else PlanError naming the field."""
    data: dict[str, float | int] = {}
    for name, text in values.items():
        text = text.strip()
        if not text:
            continue
        label = DOSE_LABELS.get(name, name).lower()
        try:
            number = float(text)
        except ValueError:
            raise PlanError(f"{label}: {text!r} is not a number") from None
        data[name] = int(number) if number == int(number) else number
    dose = Dose.from_dict(data)
    if dose.is_empty():
        raise PlanError("give at least one dose figure")
    problems = dose.problems()
    if problems:
        name, message = problems[0]
        raise PlanError(f"{DOSE_LABELS.get(name, name).lower()}: {message}")
    return dose
