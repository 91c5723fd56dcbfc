"""The due flow, the slow way: what `rehab due` (and the app's notices) compute without a cache.

Opens the store, expands the plan over the cache window, counts the logs,
and writes the due cache for next time (unless the data dir is read-only).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..core.records import LogEntry
from ..core.schedule import Plan
from ..due_fast import config_file, data_fingerprint, watched
from ..storage.due_cache import cache_window, due_cache_document, flags_now, reminder_settings, write_due_cache
from ..storage.store import Store


def due_document(data_dir: str, now: dt.datetime) -> dict[str, Any]:
    """The due-cache document for ``now``'s day, computed from the store (and saved when we may).

    The data dir's fingerprint is taken before the data is read, so a commit
    by another process meanwhile leaves a cache that is already stale.
    """
    first, last = cache_window(now.date())
    with Store.open(Path(data_dir)) as store:
        fingerprint = data_fingerprint(data_dir)
        stored: Any = store.get_plan()  # a dict today, a Plan with the typed Store
        logs = store.logs(first, last)
        plan = Plan.from_dict(stored) if isinstance(stored, dict) else stored
        flags = flags_now(store, plan, first)  # walk-runs due as cycling while one is active
    entries = [LogEntry.from_dict(item) if isinstance(item, dict) else item for item in logs]
    sessions = plan.sessions_between(first, last) if plan is not None else None
    hours, untimed, problem = reminder_settings()
    if problem:
        print(f"rehab: {problem}", file=sys.stderr)
    write_due_cache(Path(data_dir), sessions, entries, start=first, fingerprint=fingerprint, flags=flags)
    return due_cache_document(sessions, entries, start=first, hours=hours, untimed=untimed,
                              fingerprint=fingerprint, watch=watched([config_file()]), flags=flags)
