"""What the user records: logged sessions and daily check-ins, with strict checks.

``LogEntry`` and ``CheckIn`` check every field's type and range when made, so storage
can rely on them (pain ``"7"`` as text, ``logged_at: 5`` or a missing morning pain are
refused with one line). ``check_pain`` / ``check_minutes`` read what a user typed,
strictly; the ``*_field`` variants read an optional dialog field (blank = not given).
The status of a scheduled session comes from ``sittings.session_day``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from .dates import check_in_range, parse_date
from .errors import RehabError

STATUSES = ("done", "partial", "skipped")
FEET = ("left", "right", "both")
_Record = TypeVar("_Record")


def _now_iso() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


_PAIN_TEXT = re.compile(r"[0-9]{1,2}")
_MINUTES_TEXT = re.compile(r"[0-9]{1,3}(\.[0-9]{1,2})?")
MIN_MINUTES = 0.1
MAX_MINUTES = 600
MAX_NOTE = 2000


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_pain(value: Any, what: str = "pain") -> int | None:
    """A pain score: an int 0-10, or plain ASCII digits for one (``"7"``); None stays None.

    Refused with one line: '' or blanks, '1_0', '7.0', '+5', '-1', non-ASCII digits,
    floats and booleans. (For a dialog's optional field use ``check_pain_field``.)
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise RehabError(f"{what} is empty; give a whole number from 0 to 10")
        if not _PAIN_TEXT.fullmatch(text):
            raise RehabError(f"{what} must be a whole number from 0 to 10, not {_show(value)}")
        number = int(text)
    elif _is_int(value):
        number = value
    else:
        raise RehabError(f"{what} must be a whole number from 0 to 10, not {_show(value)}")
    if not 0 <= number <= 10:
        raise RehabError(f"{what} must be from 0 to 10, not {number}")
    return number


def check_pain_field(text: str, what: str = "pain") -> int | None:
    """An optional pain field as typed: blank is "not given" (None), else ``check_pain``."""
    return None if not text.strip() else check_pain(text, what)


def check_minutes(value: Any) -> float | None:
    """Minutes: a number, or a plain decimal (``"12"``, ``"7.5"``), from 0.1 to 600; None stays None.

    Refused with one line: '' or blanks, '1e-300', 'nan', 'inf', '1_0', '+5', '0', booleans.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise RehabError("minutes is empty; give a number such as 15 or 7.5")
        if not _MINUTES_TEXT.fullmatch(text):
            raise RehabError(f"minutes must be a plain number such as 15 or 7.5, not {_show(value)}")
        number = float(text)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        number = float(value)
    else:
        raise RehabError(f"minutes must be a number, not {_show(value)}")
    if not MIN_MINUTES <= number <= MAX_MINUTES:
        raise RehabError(f"minutes must be from {MIN_MINUTES:g} to {MAX_MINUTES}, not {number:g}")
    return number


def check_minutes_field(text: str) -> float | None:
    """An optional minutes field as typed: blank is "not given" (None), else ``check_minutes``."""
    return None if not text.strip() else check_minutes(text)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_logged_at(value: Any) -> None:
    if not isinstance(value, str) or len(value) > 40:
        raise RehabError(f"logged_at must be an ISO date and time, not {_show(value)}")
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise RehabError(f"logged_at must be an ISO date and time, not {_show(value)}") from None


def _check_text(value: Any, what: str, optional: bool = False, limit: int = MAX_NOTE) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str):
        raise RehabError(f"{what} must be text, not {_show(value)}")
    if len(value) > limit:
        raise RehabError(f"{what} is too long ({limit} characters at most)")


def _check_date(value: Any) -> None:
    check_in_range(value)


def _date_from(data: dict[str, Any]) -> dt.date:
    value = data.get("date")
    if not isinstance(value, str):
        raise RehabError(f"date {_show(value)} is not a date; use YYYY-MM-DD")
    return parse_date(value)


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
        """Strict types, so that storage can rely on every field (pain "7" is refused)."""
        _check_date(self.date)
        if not isinstance(self.activity, str) or not self.activity:
            raise RehabError(f"activity must be an activity id, not {_show(self.activity)}")
        _check_text(self.activity, "activity", limit=64)
        if self.status not in STATUSES:
            raise RehabError(f"status must be one of {', '.join(STATUSES)}, not {_show(self.status)}")
        _check_text(self.session_id, "session id", optional=True, limit=64)
        if self.minutes is not None and (isinstance(self.minutes, str) or check_minutes(self.minutes) is None):
            raise RehabError(f"minutes must be a number, not {_show(self.minutes)}")
        if self.pain is not None and not _is_int(self.pain):
            raise RehabError(f"pain must be a whole number from 0 to 10, not {_show(self.pain)}")
        check_pain(self.pain)
        if self.foot is not None and self.foot not in FEET:
            raise RehabError(f"foot must be one of {', '.join(FEET)}, not {_show(self.foot)}")
        _check_text(self.note, "note")
        _check_logged_at(self.logged_at)
        if self.id is not None and not _is_int(self.id):
            raise RehabError(f"log id must be a whole number, not {_show(self.id)}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data.pop("id")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogEntry:
        known = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known["date"] = _date_from(data)
        known["note"] = known.get("note") or ""
        return _build(cls, known)


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
        """Strict types, so that storage can rely on every field (morning pain is required)."""
        _check_date(self.date)
        if self.morning_pain is None:
            raise RehabError("morning pain is required (0 = none, 10 = worst)")
        for what, value in (("morning pain", self.morning_pain), ("walking pain", self.walking_pain)):
            if value is not None and not _is_int(value):
                raise RehabError(f"{what} must be a whole number from 0 to 10, not {_show(value)}")
            check_pain(value, what)
        for name in ("numbness", "swelling", "night_pain", "callus", "sore_next_day", "warmth_redness", "limping"):
            if not isinstance(getattr(self, name), bool):
                raise RehabError(f"{name.replace('_', ' ')} must be true or false, not {_show(getattr(self, name))}")
        _check_text(self.footwear, "footwear", optional=True, limit=200)
        _check_text(self.note, "note")
        _check_logged_at(self.logged_at)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckIn:
        known = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known["date"] = _date_from(data)
        known["note"] = known.get("note") or ""
        return _build(cls, known)


def _build(cls: type[_Record], known: dict[str, Any]) -> _Record:
    try:
        return cls(**known)
    except TypeError:
        names = getattr(cls, "__dataclass_fields__", {})
        missing = [f for f in ("activity", "morning_pain") if f in names and f not in known]
        raise RehabError(f"a {cls.__name__} record is missing {', '.join(missing) or 'a field'}") from None


def match_log(session: Any, logs: list[LogEntry]) -> LogEntry | None:
    """The newest log that is a sitting of ``session`` (``sittings.matching_logs``), or None.

    Kept for callers that show one log's details; statuses come from ``sittings.session_day``.
    """
    from .sittings import matching_logs

    found = matching_logs(session, logs)
    return found[-1] if found else None


def session_status(session: Any, logs: list[LogEntry], today: dt.date) -> str:
    """The session's status by the sittings rule (``sittings.session_day(...).status``)."""
    from .sittings import session_day

    return session_day(session, logs, today).status
