"""What the user records: logged sessions and daily check-ins, and the status rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import RehabError

STATUSES = ("done", "partial", "skipped")
FEET = ("left", "right", "both")


def _now_iso() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def check_pain(value: Any, what: str = "pain") -> int | None:
    """A 0-10 whole number, or None; anything else is a RehabError."""
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RehabError(f"{what} must be a whole number from 0 to 10, not {value!r}") from None
    if not 0 <= number <= 10:
        raise RehabError(f"{what} must be from 0 to 10, not {number}")
    return number


def check_minutes(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise RehabError(f"minutes must be a number, not {value!r}") from None
    if not 0 < number <= 600:
        raise RehabError(f"minutes must be more than 0 and at most 600, not {number:g}")
    return number


@dataclass(frozen=True)
class LogEntry:
    date: dt.date
    activity: str
    status: str = "done"
    session_id: str | None = None
    minutes: float | None = None
    pain: int | None = None
    foot: str | None = None
    note: str = ""
    logged_at: str = field(default_factory=_now_iso)
    id: int | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise RehabError(f"status must be one of {', '.join(STATUSES)}, not {self.status!r}")
        if self.foot is not None and self.foot not in FEET:
            raise RehabError(f"foot must be one of {', '.join(FEET)}, not {self.foot!r}")
        check_pain(self.pain)
        if len(self.note) > 2000:
            raise RehabError("note is too long (2000 characters at most)")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data.pop("id")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LogEntry":
        known = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known["date"] = dt.date.fromisoformat(str(data["date"]))
        known["note"] = known.get("note") or ""
        return cls(**known)


@dataclass(frozen=True)
class CheckIn:
    date: dt.date
    morning_pain: int
    walking_pain: int | None = None
    numbness: bool = False
    swelling: bool = False
    night_pain: bool = False
    callus: bool = False
    footwear: str | None = None
    note: str = ""
    logged_at: str = field(default_factory=_now_iso)
    sore_next_day: bool = False  # still sore or swollen from yesterday's session (pain lasting over 24 h)
    warmth_redness: bool = False
    limping: bool = False  # limping or a changed way of walking

    def __post_init__(self) -> None:
        check_pain(self.morning_pain, "morning pain")
        check_pain(self.walking_pain, "walking pain")
        if len(self.note) > 2000:
            raise RehabError("note is too long (2000 characters at most)")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CheckIn":
        known = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known["date"] = dt.date.fromisoformat(str(data["date"]))
        known["note"] = known.get("note") or ""
        return cls(**known)


def match_log(session: Any, logs: list[LogEntry]) -> LogEntry | None:
    """The newest log for a scheduled session: same date and session id (or activity)."""
    found = None
    for log in logs:
        if log.date != session.date:
            continue
        if log.session_id == session.session_id or (
            log.session_id is None and log.activity == session.activity_id
        ):
            found = log
    return found


def session_status(session: Any, logs: list[LogEntry], today: dt.date) -> str:
    """done | partial | skipped from the log; else due (today), missed (past) or planned."""
    log = match_log(session, logs)
    if log is not None:
        return log.status
    if session.date == today:
        return "due"
    return "missed" if session.date < today else "planned"
