"""A plan: a template started on a date, expanded to dated sessions, and edited.

The plan keeps its own copy of the template (so edits never touch the library)
and a list of phase segments: the first phase starts on the plan's start date;
a review may start another phase on a later Monday (a new segment).
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import lru_cache
from typing import Any, NamedTuple

from dateutil.rrule import rrulestr

from .activities import get_activity
from .dates import WEEKDAYS
from .dose import Dose
from .errors import PlanError

ONE_DAY = dt.timedelta(days=1)


class ScheduledSession(NamedTuple):  # a NamedTuple: built at import for a tenth of a dataclass's cost
    date: dt.date
    session_id: str
    activity_id: str
    kind: str
    name: str
    dose: Dose
    phase_id: str
    why: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "session_id": self.session_id,
            "activity": self.activity_id,
            "name": self.name,
            "kind": self.kind,
            "phase": self.phase_id,
            "dose": self.dose.to_dict(),
            "dose_text": self.dose.describe(),
            "why": self.why,
        }


class PhaseSpan(NamedTuple):
    phase: dict[str, Any]
    start: dt.date
    end: dt.date  # inclusive

    @property
    def id(self) -> str:
        return str(self.phase["id"])


def session_dose(spec: dict[str, Any]) -> Dose:
    """A template session's effective dose: its activity's default with the session's own on top."""
    return get_activity(spec["activity"]).dose.overridden_by(spec.get("dose"))


@lru_cache(maxsize=512)
def _rule_days(rule: str, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    first = dt.datetime.combine(start, dt.time())
    last = dt.datetime.combine(end, dt.time())
    return tuple(d.date() for d in rrulestr(rule, dtstart=first).between(first, last, inc=True))


class Plan:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.template: dict[str, Any] = data["template"]
        self.start = dt.date.fromisoformat(data["start"])
        self._spans: list[PhaseSpan] | None = None

    # --- making and saving -------------------------------------------------
    @classmethod
    def start_from_template(cls, template: dict[str, Any], start: dt.date) -> Plan:
        tpl = copy.deepcopy(template)
        return cls(
            {
                "template": tpl,
                "start": start.isoformat(),
                "segments": [{"phase": tpl["phases"][0]["id"], "start": start.isoformat()}],
                "created": dt.datetime.now().replace(microsecond=0).isoformat(),
            }
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        return cls(copy.deepcopy(data))

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    def export_template(self) -> dict[str, Any]:
        """The plan as a shareable template: no dates, logs or check-ins."""
        return copy.deepcopy(self.template)

    @property
    def name(self) -> str:
        return str(self.template["name"])

    @property
    def template_id(self) -> str:
        return str(self.template["id"])

    # --- timeline ----------------------------------------------------------
    def _phase_index(self, phase_id: str) -> int:
        for i, phase in enumerate(self.template["phases"]):
            if phase["id"] == phase_id:
                return i
        raise PlanError(f"the plan has no phase {phase_id!r}")

    def spans(self) -> list[PhaseSpan]:
        if self._spans is not None:
            return self._spans
        phases = self.template["phases"]
        segments = sorted(
            self.data.get("segments") or [{"phase": phases[0]["id"], "start": self.data["start"]}],
            key=lambda s: s["start"],
        )
        spans: list[PhaseSpan] = []
        for i, seg in enumerate(segments):
            index = self._phase_index(seg["phase"])
            start = dt.date.fromisoformat(seg["start"])
            if i + 1 < len(segments):
                end = dt.date.fromisoformat(segments[i + 1]["start"]) - ONE_DAY
                spans.append(PhaseSpan(phases[index], start, end))
                continue
            # The last segment runs its nominal weeks; the later phases follow.
            for phase in phases[index:]:
                end = start + dt.timedelta(weeks=int(phase["weeks"])) - ONE_DAY
                spans.append(PhaseSpan(phase, start, end))
                start = end + ONE_DAY
        self._spans = [s for s in spans if s.end >= s.start]
        return self._spans

    @property
    def end_date(self) -> dt.date:
        return self.spans()[-1].end

    def span_on(self, day: dt.date) -> PhaseSpan | None:
        for span in self.spans():
            if span.start <= day <= span.end:
                return span
        return None

    def phase_on(self, day: dt.date) -> dict[str, Any] | None:
        span = self.span_on(day)
        return span.phase if span else None

    # --- expansion ---------------------------------------------------------
    def sessions_between(self, first: dt.date, last: dt.date) -> list[ScheduledSession]:
        out: list[ScheduledSession] = []
        for span in self.spans():
            lo, hi = max(first, span.start), min(last, span.end)
            if lo > hi:
                continue
            for spec in span.phase["sessions"]:
                activity = get_activity(spec["activity"])
                dose = activity.dose.overridden_by(spec.get("dose"))
                for day in _rule_days(spec["rrule"], span.start, span.end):
                    if lo <= day <= hi:
                        out.append(
                            ScheduledSession(
                                date=day,
                                session_id=spec["id"],
                                activity_id=activity.id,
                                kind=activity.kind,
                                name=activity.name,
                                dose=dose,
                                phase_id=span.id,
                                why=spec.get("why", ""),
                                note=spec.get("note", ""),
                            )
                        )
        kind_order = {"rest": 0}
        out.sort(key=lambda s: (s.date, kind_order.get(s.kind, 1)))
        return out

    def sessions_on(self, day: dt.date) -> list[ScheduledSession]:
        return self.sessions_between(day, day)

    # --- edits (each returns a new Plan) -------------------------------------
    def _copy(self) -> Plan:
        return Plan.from_dict(self.data)

    def _find(self, session_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for phase in self.template["phases"]:
            for spec in phase["sessions"]:
                if spec["id"] == session_id:
                    return phase, spec
        raise PlanError(f"the plan has no session {session_id!r}")

    def session_spec(self, session_id: str) -> dict[str, Any]:
        return self._find(session_id)[1]

    def add_session(
        self,
        phase_id: str,
        activity_id: str,
        rrule: str = "FREQ=DAILY",
        dose: Dose | None = None,
        why: str = "Added to the plan by hand.",
    ) -> Plan:
        get_activity(activity_id)
        new = self._copy()
        phase = new.template["phases"][new._phase_index(phase_id)]
        taken = {s["id"] for p in new.template["phases"] for s in p["sessions"]}
        base = f"{phase_id}-{activity_id}"
        sid, n = base, 2
        while sid in taken:
            sid, n = f"{base}-{n}", n + 1
        spec: dict[str, Any] = {"id": sid, "activity": activity_id, "rrule": rrule, "why": why}
        if dose is not None and not dose.is_empty():
            _check_dose(dose)
            _check_limits(activity_id, dose)
            spec["dose"] = dose.to_dict()
        _rule_days(rrule, dt.date(2026, 1, 5), dt.date(2026, 1, 11))
        phase["sessions"].append(spec)
        return new

    def remove_session(self, session_id: str) -> Plan:
        new = self._copy()
        phase, spec = new._find(session_id)
        if len(phase["sessions"]) == 1:
            raise PlanError(f"{session_id!r} is the last session of phase {phase['id']!r}; a phase cannot be empty")
        phase["sessions"].remove(spec)
        return new

    def move_session(self, session_id: str, weekdays: list[str]) -> Plan:
        days = [d.upper()[:2] for d in weekdays]
        bad = [d for d in days if d not in WEEKDAYS]
        if bad or not days:
            raise PlanError("weekdays must be some of MO TU WE TH FR SA SU")
        new = self._copy()
        _, spec = new._find(session_id)
        ordered = [d for d in WEEKDAYS if d in days]
        spec["rrule"] = "FREQ=DAILY" if len(ordered) == 7 else f"FREQ=WEEKLY;BYDAY={','.join(ordered)}"
        return new

    def set_dose(self, session_id: str, dose: Dose) -> Plan:
        _check_dose(dose)
        new = self._copy()
        _, spec = new._find(session_id)
        _check_limits(spec["activity"], dose)
        spec["dose"] = dose.to_dict()
        return new

    def rename(self, name: str) -> Plan:
        name = " ".join(name.split())
        if not 1 <= len(name) <= 80:
            raise PlanError("a plan name needs 1 to 80 characters")
        new = self._copy()
        new.template["name"] = name
        return new

    def with_segment(self, phase_id: str, start: dt.date) -> Plan:
        """Start phase_id on start (a review's progress / hold / step-back)."""
        self._phase_index(phase_id)
        new = self._copy()
        # Pin the timeline lived so far (phases that ran their nominal weeks
        # included), so starting a phase never relabels past weeks.
        kept = [{"phase": s.id, "start": s.start.isoformat()} for s in self.spans() if s.start < start]
        kept.append({"phase": phase_id, "start": start.isoformat()})
        new.data["segments"] = kept
        return new


def _check_dose(dose: Dose) -> None:
    problems = dose.problems()
    if problems:
        field, message = problems[0]
        raise PlanError(f"dose {field.replace('_', ' ')}: {message}")


def _check_limits(activity_id: str, dose: Dose) -> None:
    """The safety limits the template validator also applies (rules.dose_limit_problems)."""
    from .rules import dose_limit_problems

    activity = get_activity(activity_id)
    merged = Dose.from_dict({**activity.dose.to_dict(), **dose.to_dict()})
    for field, message in dose_limit_problems(activity.kind, merged.minutes):
        raise PlanError(f"dose {field.replace('_', ' ')}: {message}")
