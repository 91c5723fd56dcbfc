"""How much of an activity: minutes, per-foot minutes, sets x reps, holds, times a day.

A dose with ``times_per_day`` N is N sittings a day (1 when unset). It may give each
sitting a time of day: ``times``, one "HH:MM" string per sitting, in order
(e.g. ``("08:00", "13:00", "19:00")`` for ice 3x a day).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, fields, replace
from typing import Any

# Inclusive ranges a dose field must stay within.
RANGES: dict[str, tuple[float, float]] = {
    "minutes": (1, 180),
    "minutes_per_foot": (1, 30),
    "sets": (1, 10),
    "reps": (1, 50),
    "hold_seconds": (1, 120),
    "times_per_day": (1, 8),
    "walk_minutes": (0.5, 30),
    "run_minutes": (0.5, 60),
}
INTEGER_FIELDS = frozenset({"sets", "reps", "hold_seconds", "times_per_day"})
TIME_OF_DAY = re.compile(r"[01][0-9]:[0-5][0-9]|2[0-3]:[0-5][0-9]")


def _num(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Dose:
    minutes: float | None = None
    minutes_per_foot: float | None = None
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    times_per_day: int | None = None
    walk_minutes: float | None = None
    run_minutes: float | None = None
    times: tuple[str, ...] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Dose:
        """A Dose from its JSON form; values are kept as given (``problems()`` judges them)."""
        if not data:
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and v is not None}
        if isinstance(values.get("times"), list):
            values["times"] = tuple(values["times"])
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: fields that are set, ``times`` as a list."""
        out: dict[str, Any] = {}
        for name in _FIELD_NAMES:  # what dataclasses.asdict gives, at a fraction of its cost
            value = getattr(self, name)
            if value is not None:
                out[name] = value if isinstance(value, (int, float, str)) else copy.deepcopy(value)
        if isinstance(self.times, tuple):
            out["times"] = list(self.times)
        return out

    def overridden_by(self, data: dict[str, Any] | None) -> Dose:
        """This dose (an activity's default) with a session's own figures on top: the
        effective dose of a template session. The one place that merge is written."""
        return Dose.from_dict({**self.to_dict(), **(data or {})})

    @property
    def sittings(self) -> int:
        """How many sittings a day this dose asks for: ``times_per_day``, or 1 when unset."""
        count = self.times_per_day
        if isinstance(count, int) and not isinstance(count, bool) and count >= 1:
            return count
        return 1

    def sitting_time(self, index: int) -> str | None:
        """The "HH:MM" of sitting ``index`` (0-based), or None when the dose gives no times."""
        if isinstance(self.times, tuple) and 0 <= index < len(self.times):
            return self.times[index]
        return None

    def merged(self, **changes: Any) -> Dose:
        return replace(self, **changes)

    def is_empty(self) -> bool:
        return not self.to_dict()

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for every value out of range or of the wrong type.

        ``field`` is a dose key, or ``times[i]`` for one time of day.
        """
        return self.range_problems() + self.times_problems()

    def times_text(self) -> str:
        """"at 08:00, 13:00, 19:00", or "" when the dose gives no times of day."""
        if not isinstance(self.times, tuple) or not self.times:
            return ""
        return "at " + ", ".join(self.times)

    def range_problems(self) -> list[tuple[str, str]]:
        """Problems of the numeric fields (everything but ``times``)."""
        out: list[tuple[str, str]] = []
        for name, value in self.to_dict().items():
            if name == "times":
                continue
            low, high = RANGES[name]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                out.append((name, f"{value!r} is not a number"))
                continue
            if name in INTEGER_FIELDS and value != int(value):
                out.append((name, f"{_num(value)} is not a whole number"))
            elif value < low:
                out.append((name, f"{_num(value)} is under the minimum {_num(low)}"))
            elif value > high:
                out.append((name, f"{_num(value)} is over the maximum {_num(high)}"))
        return out

    def times_problems(self) -> list[tuple[str, str]]:
        """Problems of ``times``: a list of valid "HH:MM" strings, in order, one per sitting."""
        times: Any = self.times
        if times is None:
            return []
        if not isinstance(times, (list, tuple)):
            return [("times", f"{times!r} is not a list of times of day")]
        for i, value in enumerate(times):
            if not isinstance(value, str) or not TIME_OF_DAY.fullmatch(value):
                return [(f"times[{i}]", f"{value!r} is not a time of day (HH:MM, 00:00 to 23:59)")]
            if i and value <= times[i - 1]:
                return [(f"times[{i}]", f"{value} is not after {times[i - 1]}; list the times in order, each once")]
        if len(times) != self.sittings:
            plural = "sitting" if self.sittings == 1 else "sittings"
            return [("times", f"gives {len(times)} time(s) for {self.sittings} {plural} a day; "
                              "give one time per sitting (times_per_day)")]
        return []

    @property
    def per_foot(self) -> bool:
        return self.minutes_per_foot is not None

    def describe(self) -> str:
        """Short human text: '15 min, 3x a day', '30 s hold x 3', '3 x (4 min walk / 1 min run)'."""
        parts: list[str] = []
        if self.walk_minutes is not None or self.run_minutes is not None:
            reps = self.sets or 1
            walk = _num(self.walk_minutes or 0)
            run = _num(self.run_minutes or 0)
            parts.append(f"{reps} x ({walk} min walk / {run} min run)")
        elif self.minutes_per_foot is not None:
            parts.append(f"{_num(self.minutes_per_foot)} min per foot")
        elif self.hold_seconds is not None:
            text = f"{self.hold_seconds} s hold"
            if self.reps:
                text += f" x {self.reps}"
            if self.sets and self.sets > 1:
                text = f"{self.sets} sets of {text}"
            parts.append(text)
        elif self.sets is not None or self.reps is not None:
            if self.sets and self.reps:
                parts.append(f"{self.sets} x {self.reps}")
            elif self.reps:
                parts.append(f"{self.reps} reps")
            else:
                parts.append(f"{self.sets} sets")
        if self.minutes is not None and not (self.walk_minutes or self.run_minutes):
            parts.insert(0, f"{_num(self.minutes)} min")
        if self.times_per_day and self.times_per_day > 1:
            parts.append(f"{self.times_per_day}x a day")
        return ", ".join(parts) if parts else "as needed"

    def timer_seconds(self) -> int | None:
        """Seconds one sitting takes, or None when the dose is not timed."""
        if self.walk_minutes is not None or self.run_minutes is not None:
            total = (self.sets or 1) * ((self.walk_minutes or 0) + (self.run_minutes or 0))
            return round(total * 60) or None
        if self.minutes_per_foot is not None:
            return round(self.minutes_per_foot * 2 * 60)
        if self.minutes is not None:
            return round(self.minutes * 60)
        if self.hold_seconds is not None:
            return self.hold_seconds * (self.reps or 1) * (self.sets or 1)
        return None

    def planned_minutes(self) -> float:
        """Minutes one sitting takes (for weekly load); untimed doses count as 0."""
        seconds = self.timer_seconds()
        return round(seconds / 60, 1) if seconds else 0.0


_FIELD_NAMES = tuple(f.name for f in fields(Dose))
