"""What some of RehabService's flows return: plain dataclasses, in a module of their own
so that a command that needs none of them (`rehab log`) does not build them at start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.records import CheckIn, LogEntry

if TYPE_CHECKING:
    from . import progress
    from . import week as weeks


@dataclass(frozen=True)
class History:
    logs: list[LogEntry]
    checkins: list[CheckIn]


@dataclass(frozen=True)
class HistoryRows:
    logs: list[dict[str, Any]]
    checkins: list[dict[str, Any]]


@dataclass(frozen=True)
class Overview:
    week: weeks.Week
    figures: progress.Figures | None


@dataclass(frozen=True)
class Restored:
    restored: str  # what the backup held, in words
    replaced: str | None  # what was there before (None: the store was empty)
