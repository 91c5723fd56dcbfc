"""The service room (tui/service): one factory, an injectable clock, flows shared by both interfaces."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.errors import PlanError, RehabError
from tui.core.records import CheckIn, LogEntry
from tui.service import make_service
from tui.service.review import OFFERED_KEY

PLANS = Path(__file__).resolve().parents[2] / "plans"
TODAY = dt.date(2026, 11, 24)  # a Tuesday


def test_the_store_opens_on_first_use_only(tmp_path):
    service = make_service(tmp_path / "data", TODAY, fsync=False)
    assert service.templates_dirs.builtin == PLANS
    assert not (tmp_path / "data").exists()  # `rehab locate` makes nothing
    assert service.plan() is None
    assert (tmp_path / "data").is_dir()  # opened (made 0700) on first use; a read writes no file


def test_the_clock_is_called_each_time_so_today_can_move(tmp_path):
    days = iter([TODAY, TODAY + dt.timedelta(days=1)])
    service = make_service(tmp_path / "data", lambda: next(days), fsync=False)
    assert service.today() == TODAY
    assert service.today() == TODAY + dt.timedelta(days=1)
    assert make_service(tmp_path / "data", TODAY).today() == TODAY


def test_week_log_and_review_flow(tmp_path):
    service = make_service(tmp_path / "data", TODAY, fsync=False)
    with pytest.raises(PlanError, match="no active plan"):
        service.require_plan()
    plan = service.start_template("metatarsalgia-conservative", dt.date(2026, 11, 23))
    assert service.plan().to_dict() == plan.to_dict()
    entry = service.log_activity("ice-pack", TODAY, pain=2)
    assert entry.session_id is not None  # matched to the plan's session of that day
    week = service.week(TODAY, plan)
    [row] = [r for r in week.day(TODAY).rows if r.session.activity_id == "ice-pack"]
    assert row.log is not None and row.log.pain == 2 and row.log.id is not None  # 1 of its 3 sittings
    assert service.set_flare(TODAY, True) and not service.set_flare(TODAY, True)
    assert service.week(TODAY, plan).day(TODAY).flare
    view = service.review(TODAY)
    assert view.review.week_start == dt.date(2026, 11, 23)
    assert service.store.get_setting(OFFERED_KEY) is None
    service.accept_review(view)  # nothing to change yet: still remembered as offered
    assert service.store.get_setting(OFFERED_KEY) == "2026-11-23"


def test_figures_read_once_for_summary_and_red_flags(tmp_path):
    service = make_service(tmp_path / "data", TODAY, fsync=False)
    service.start_template("metatarsalgia-conservative", dt.date(2026, 11, 23))
    service.checkin(CheckIn(date=TODAY, morning_pain=8, swelling=True))
    figures = service.figures(days=28)
    assert figures.days == 28 and figures.summary.window_start == TODAY - dt.timedelta(days=27)
    assert figures.flags  # swelling and 8/10 are warning signs


def test_footwear_and_history(tmp_path):
    service = make_service(tmp_path / "data", TODAY, fsync=False)
    assert service.add_footwear("  Wide   trainers ") == "Wide trainers"
    with pytest.raises(RehabError, match="already on your list"):
        service.add_footwear("Wide trainers")
    with pytest.raises(RehabError, match="60 characters at most"):
        service.add_footwear("x" * 61)
    assert service.remove_footwear("Wide trainers") == "Wide trainers"
    service.add_log(LogEntry(date=TODAY, activity="cycling"))
    history = service.history(TODAY, TODAY)
    assert [log.activity for log in history.logs] == ["cycling"] and history.checkins == []
    with pytest.raises(RehabError, match="--from date is after --to date"):
        service.history(TODAY, TODAY - dt.timedelta(days=1))


def test_import_refuses_a_built_in_id_and_saves_private(tmp_path):
    service = make_service(tmp_path / "data", TODAY, fsync=False)
    with pytest.raises(RehabError, match="is a built-in template's"):
        service.import_template(PLANS / "return-to-run.json")
    mine = tmp_path / "mine.json"
    mine.write_text((PLANS / "return-to-run.json").read_text().replace('"return-to-run"', '"my-run"', 1))
    template, path = service.import_template(mine)
    assert template.id == "my-run" and path == service.templates_dirs.user / "my-run.json"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert "my-run" in service.templates()


def test_the_service_imports_no_textual_or_argparse():
    code = ("import sys, tui.service, tui.service.service, tui.service.week, tui.service.review, "
            "tui.service.progress, tui.service.library, tui.service.swap, tui.service.plan_edits; "
            "print([m for m in sys.modules if m.split('.')[0] in ('textual', 'argparse', 'rich')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_plan_started_this_morning_has_missed_nothing_before_it_was_started(tmp_path):
    from tui.core.schedule import Plan
    from tui.service.reminders import ReminderSettings, check

    service = make_service(tmp_path / "data", TODAY, fsync=False)
    plan = service.start_template("metatarsalgia-conservative", TODAY - dt.timedelta(days=1))
    settings = ReminderSettings()
    start_of_day = dt.datetime.combine(TODAY, dt.time(0, 0))
    noon = dt.datetime.combine(TODAY, dt.time(12, 0))
    missed_all = check(service, noon, settings, since=start_of_day).missed
    assert any(s.at < dt.datetime.combine(TODAY, dt.time(11, 0)) for s in missed_all)  # started yesterday
    eleven = dt.datetime.combine(TODAY, dt.time(11, 0))
    service.store.set_plan(Plan({**plan.to_dict(), "created": eleven.isoformat()}), "restart at 11:00")
    missed = check(service, noon, settings, since=start_of_day).missed
    assert all(s.at >= eleven for s in missed), [s.key for s in missed]


def test_figures_and_the_main_screen_keep_signs_a_clinician_has_seen_apart(tmp_path):
    """The banners (main screen: overview().figures, progress screen: figures()) show only active
    signs; those seen up to `flag seen`'s day are in ``seen``."""
    service = make_service(tmp_path / "data", TODAY, fsync=False)
    plan = service.start_template("return-to-run", dt.date(2026, 11, 16))
    service.checkin(CheckIn(date=TODAY - dt.timedelta(days=1), morning_pain=2, swelling=True))
    assert len(service.figures().flags) == 1 and service.figures().seen == ()
    service.record_clinician_seen(TODAY)
    for figures in (service.figures(), service.overview(TODAY, plan).figures):
        assert figures is not None
        assert figures.flags == () and figures.clinician_seen_on == TODAY
        assert len(figures.seen) == 1 and figures.seen[0].startswith("Swelling noted on Mon 23 Nov")
    later = make_service(tmp_path / "data", TODAY + dt.timedelta(days=1), fsync=False)
    later.checkin(CheckIn(date=TODAY + dt.timedelta(days=1), morning_pain=2, limping=True))
    figures = later.overview(TODAY + dt.timedelta(days=1), plan).figures
    assert figures is not None and len(figures.flags) == 1 and figures.flags[0].startswith("Limping")
    assert len(figures.seen) == 1
