"""While a red flag is active, `rehab due` (the slow way and its cache) and the app's reminders
give walk-runs and brisk walks as cycling, as the week view and the review do; once a clinician
has seen the foot (`rehab flag seen`) the walk-run is due again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tui.core.schedule import Plan

RUN_START = dt.date(2026, 11, 16)  # return-to-run: Ready this week, Step 1 from Mon 23 Nov (walk-run Mon/Wed/Fri)
WEDNESDAY = "2026-11-25"


def due_activities(rehab, today: str) -> list[str]:
    res = rehab("due", "--json", today=today)
    assert res.code == 0, res.err
    return [item["activity"] for item in res.json()["due"]]


def test_rehab_due_gives_cycling_for_the_walk_run_while_a_red_flag_is_active(rehab):
    assert rehab("plan", "start", "return-to-run", "--start", RUN_START.isoformat()).code == 0
    assert "walk-run" in due_activities(rehab, WEDNESDAY)
    assert rehab("checkin", "--date", "2026-11-24", "--morning-pain", "2", "--night-pain", today=WEDNESDAY).code == 0
    due = due_activities(rehab, WEDNESDAY)
    assert "walk-run" not in due and "cycling" in due
    assert rehab("flag", "seen", today=WEDNESDAY).code == 0
    assert "walk-run" in due_activities(rehab, WEDNESDAY)


def test_the_due_cache_written_after_a_commit_holds_the_swap(rehab):
    """The store writes the cache for the real today after every commit (`rehab due` reads it
    without opening the store): a plan whose walk-runs fall in the cache's window."""
    today = dt.date.today()
    start = today - dt.timedelta(days=today.weekday() + 7)  # Step 1 is this week
    assert rehab("plan", "start", "return-to-run", "--start", start.isoformat(), today=today.isoformat()).code == 0
    cache = rehab.data_dir / "due-cache.json"

    def cached() -> set[str]:
        return {s["activity"] for s in json.loads(cache.read_text())["sittings"]}

    assert "walk-run" in cached()
    assert rehab("checkin", "--morning-pain", "2", "--night-pain", today=today.isoformat()).code == 0
    assert "walk-run" not in cached() and "cycling" in cached()
    assert rehab("flag", "seen", today=today.isoformat()).code == 0
    assert "walk-run" in cached()


def test_the_apps_reminders_give_cycling_while_a_red_flag_is_active(tmp_path):
    from tui.core.records import CheckIn
    from tui.fileio import load_template
    from tui.service import make_service
    from tui.service.reminders import ReminderSettings, check

    service = make_service(tmp_path / "data", dt.date(2026, 11, 25))
    plans = Path(__file__).resolve().parents[2] / "plans"
    plan = Plan.start_from_template(load_template(plans / "return-to-run.json").to_dict(), RUN_START)
    service.store.set_plan(plan)
    now = dt.datetime(2026, 11, 25, 6, 30)  # before waking: the whole day is still to come

    def activities() -> set[str]:
        report = check(service, now, ReminderSettings()).report
        return {s.activity_id for s in [*report.due, *report.later_today]}

    assert "walk-run" in activities()
    service.checkin(CheckIn(date=dt.date(2026, 11, 24), morning_pain=2, night_pain=True))
    assert "walk-run" not in activities() and "cycling" in activities()
