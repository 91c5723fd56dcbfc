"""Which sittings are due now, which comes next, and which were missed (pure).

A session whose dose says ``times_per_day`` N is N sittings that day. A sitting
has a time of day: the dose's ``times`` ("HH:MM" per sitting) when the plan
gives them (``timed``), otherwise one spread over the user's waking hours
(``spread``: the first at waking, the others evenly after it) or the waking
time for all of them (``all-day``). Each log of the session that day handles
one sitting, in order (done, partial and skipped alike: a handled sitting is
not due any more). Rest days are not sittings: there is nothing to remind.

``rehab due`` runs this on every shell prompt, so the module imports only
``datetime`` (no dataclasses, typing or dateutil: they cost more than the
whole computation); the sessions and logs it takes are duck-typed
(``ScheduledSession``- and ``LogEntry``-shaped).
"""

from __future__ import annotations

import datetime as dt

from .errors import RehabError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, Protocol

    class _Dose(Protocol):
        @property
        def times_per_day(self) -> int | None: ...

        def timer_seconds(self) -> int | None: ...

    class _Session(Protocol):
        @property
        def date(self) -> dt.date: ...
        @property
        def session_id(self) -> str: ...
        @property
        def activity_id(self) -> str: ...
        @property
        def kind(self) -> str: ...
        @property
        def name(self) -> str: ...
        @property
        def dose(self) -> _Dose: ...

    class _Log(Protocol):
        @property
        def date(self) -> dt.date: ...
        @property
        def activity(self) -> str: ...
        @property
        def session_id(self) -> str | None: ...

WAKE_DEFAULT = "07:00"
SLEEP_DEFAULT = "22:00"
UNTIMED_MODES = ("spread", "all-day")
SNOOZE_CHOICES = (10, 30, 60)  # minutes offered by a notice
LINE_ITEMS = 3  # sittings named on the one-line form; the rest are counted


def parse_hhmm(text: str, what: str = "time") -> dt.time:
    """'07:30' -> time(7, 30); anything else is a RehabError naming ``what``."""
    value = str(text).strip()
    hours, sep, minutes = value.partition(":")
    if sep and len(minutes) == 2 and hours.isdigit() and minutes.isdigit() and len(hours) <= 2:
        h, m = int(hours), int(minutes)
        if h < 24 and m < 60:
            return dt.time(h, m)
    raise RehabError(f"{what} must be a time of day as HH:MM, e.g. 07:30, not {value!r}")


class WakingHours:
    """When the user is up: untimed sittings fall between ``wake`` and ``sleep``."""

    __slots__ = ("sleep", "wake")

    def __init__(self, wake: str = WAKE_DEFAULT, sleep: str = SLEEP_DEFAULT) -> None:
        self.wake = parse_hhmm(wake, "wake")
        self.sleep = parse_hhmm(sleep, "sleep")
        if self.sleep <= self.wake:
            raise RehabError(f"sleep ({sleep}) must be later than wake ({wake})")

    def spread(self, count: int) -> list[dt.time]:
        """count times from waking on, evenly spaced, the last well before sleep."""
        start = self.wake.hour * 60 + self.wake.minute
        span = self.sleep.hour * 60 + self.sleep.minute - start
        return [_minutes_time(start + span * i // count) for i in range(count)]

    def to_dict(self) -> dict[str, str]:
        return {"wake": self.wake.strftime("%H:%M"), "sleep": self.sleep.strftime("%H:%M")}


def _minutes_time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


class Sitting:
    """One sitting of a scheduled session: the ``index``-th (from 1) of ``count`` that day."""

    __slots__ = (
        "activity_id",
        "count",
        "date",
        "index",
        "kind",
        "minutes",
        "name",
        "session_id",
        "time",
        "timed",
    )

    def __init__(self, date: dt.date, session_id: str, activity_id: str, name: str, kind: str,
                 index: int, count: int, time: dt.time, timed: bool,
                 minutes: int | None = None) -> None:
        self.date = date
        self.session_id = session_id
        self.activity_id = activity_id
        self.name = name
        self.kind = kind
        self.index = index
        self.count = count
        self.time = time
        self.timed = timed
        self.minutes = minutes

    @property
    def at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.time)

    @property
    def key(self) -> str:
        """Stable id of the sitting (snoozes, notices): 'YYYY-MM-DD/session-id/N'."""
        return f"{self.date.isoformat()}/{self.session_id}/{self.index}"

    @property
    def label(self) -> str:
        return f"{self.name} {self.index}/{self.count}" if self.count > 1 else self.name

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(), "time": self.time.strftime("%H:%M"),
            "timed": self.timed, "session_id": self.session_id, "activity": self.activity_id,
            "name": self.name, "kind": self.kind, "sitting": self.index, "sittings": self.count,
            "minutes": self.minutes, "key": self.key,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sitting:
        return cls(dt.date.fromisoformat(data["date"]), str(data["session_id"]),
                   str(data["activity"]), str(data["name"]), str(data["kind"]),
                   int(data["sitting"]), int(data["sittings"]), parse_hhmm(data["time"]),
                   bool(data["timed"]), data.get("minutes"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sitting) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash((self.key, self.time))

    def __repr__(self) -> str:
        return f"Sitting({self.key} at {self.time:%H:%M}{'' if self.timed else ', untimed'})"


def sitting_count(dose: Any) -> int:
    times = getattr(dose, "times", None) or ()
    return int(getattr(dose, "times_per_day", None) or len(times) or 1)


def sittings_of(sessions: Iterable[_Session], hours: WakingHours | None = None,
                untimed: str = "spread") -> list[Sitting]:
    """Every sitting of the sessions (rest days left out), in time order."""
    if untimed not in UNTIMED_MODES:
        raise RehabError(f"untimed sittings must be one of {', '.join(UNTIMED_MODES)}, not {untimed!r}")
    hours = hours or WakingHours()
    out: list[Sitting] = []
    for session in sessions:
        if session.kind == "rest":
            continue
        dose = session.dose
        count = sitting_count(dose)
        given = sorted(parse_hhmm(t, "sitting time") for t in (getattr(dose, "times", None) or ()))
        fallback = hours.spread(count) if untimed == "spread" else [hours.wake] * count
        seconds = dose.timer_seconds()
        minutes = -(-seconds // 60) if seconds else None
        for i in range(count):
            timed = i < len(given)
            out.append(Sitting(session.date, session.session_id, session.activity_id,
                               session.name, session.kind, i + 1, count,
                               given[i] if timed else fallback[i], timed, minutes))
    out.sort(key=lambda s: (s.date, s.time, s.index))
    return out


def handled_counts(sessions: Iterable[_Session], logs: Iterable[_Log]) -> dict[tuple[dt.date, str], int]:
    """(date, session id) -> how many logs of that session that day (each handles a sitting).

    A log names its session, or (older logs) only its activity: then it goes to
    that day's session of the activity.
    """
    by_activity: dict[tuple[dt.date, str], str] = {}
    for session in sessions:
        by_activity.setdefault((session.date, session.activity_id), session.session_id)
    counts: dict[tuple[dt.date, str], int] = {}
    for log in logs:
        sid = log.session_id or by_activity.get((log.date, log.activity))
        if sid is not None:
            counts[(log.date, sid)] = counts.get((log.date, sid), 0) + 1
    return counts


def pending(sittings: Iterable[Sitting], handled: dict[tuple[dt.date, str], int]) -> list[Sitting]:
    """The sittings no log has handled yet (the first ones of a session are handled first)."""
    return [s for s in sittings if s.index > handled.get((s.date, s.session_id), 0)]


class DueReport:
    """What ``rehab due`` and the app's notices show, computed at ``now``."""

    __slots__ = ("due", "later_today", "next", "now", "snoozed")

    def __init__(self, now: dt.datetime, due: list[Sitting],
                 snoozed: list[tuple[Sitting, dt.datetime]], later_today: list[Sitting],
                 next: Sitting | None) -> None:
        self.now = now
        self.due = due
        self.snoozed = snoozed
        self.later_today = later_today
        self.next = next

    def to_dict(self) -> dict[str, Any]:
        return {
            "now": self.now.replace(microsecond=0).isoformat(),
            "due": [s.to_dict() for s in self.due],
            "snoozed": [{**s.to_dict(), "until": until.replace(microsecond=0).isoformat()}
                        for s, until in self.snoozed],
            "later_today": [s.to_dict() for s in self.later_today],
            "next": self.next.to_dict() if self.next else None,
        }

    def line(self) -> str:
        """One line for a shell prompt or a login message."""
        parts = []
        if self.due:
            shown = ", ".join(f"{s.label} ({s.time:%H:%M})" for s in self.due[:LINE_ITEMS])
            more = len(self.due) - LINE_ITEMS
            parts.append(f"due now: {shown}" + (f" and {more} more" if more > 0 else ""))
        if self.snoozed:
            parts.append(f"snoozed: {len(self.snoozed)}")
        if self.next is not None:
            parts.append(f"next: {self.next.label} at {_when(self.next.at, self.now)}")
        return " · ".join(parts) if parts else "nothing due"


def _when(at: dt.datetime, now: dt.datetime) -> str:
    days = (at.date() - now.date()).days
    if days == 0:
        return f"{at:%H:%M}"
    if days == 1:
        return f"{at:%H:%M} tomorrow"
    return f"{at:%H:%M} on {at:%a} {at.day} {at:%b}"


def due_report(sittings: Iterable[Sitting], handled: dict[tuple[dt.date, str], int],
               now: dt.datetime, snoozes: Sequence[tuple[str, dt.datetime]] = ()) -> DueReport:
    """Today's sittings whose time has come and no log handled, the rest of today, the next one.

    ``snoozes``: (sitting key, until) pairs; a snoozed sitting is not due until then.
    """
    until_by_key: dict[str, dt.datetime] = {}
    for key, until in snoozes:
        earlier = until_by_key.get(key)
        until_by_key[key] = until if earlier is None else max(until, earlier)
    due: list[Sitting] = []
    snoozed: list[tuple[Sitting, dt.datetime]] = []
    later: list[Sitting] = []
    upcoming: list[Sitting] = []
    today = now.date()
    for s in pending(sittings, handled):
        if s.at > now:
            upcoming.append(s)
            if s.date == today:
                later.append(s)
        elif s.date == today:
            snoozed_until = until_by_key.get(s.key)
            if snoozed_until is not None and snoozed_until > now:
                snoozed.append((s, snoozed_until))
            else:
                due.append(s)
    first = min(upcoming, key=lambda s: (s.date, s.time, s.index), default=None)
    return DueReport(now, due, snoozed, later, first)


def snooze(sitting: Sitting, minutes: int, now: dt.datetime) -> tuple[str, dt.datetime]:
    """The (key, until) pair that snoozes ``sitting`` for one of SNOOZE_CHOICES minutes from now."""
    if minutes not in SNOOZE_CHOICES:
        choices = ", ".join(str(m) for m in SNOOZE_CHOICES)
        raise RehabError(f"snooze for {choices} minutes, not {minutes}")
    return sitting.key, now + dt.timedelta(minutes=minutes)


def missed_since(sittings: Iterable[Sitting], handled: dict[tuple[dt.date, str], int],
                 since: dt.datetime, now: dt.datetime) -> list[Sitting]:
    """The catch-up list: sittings whose time fell in [since, now) and no log handled."""
    return [s for s in pending(sittings, handled) if since <= s.at < now]
