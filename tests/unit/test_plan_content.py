"""Built-in plans and doses as CLINICAL.md gives them (issue 12, content)."""

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from tui.core.activities import CATALOG
from tui.core.day_load import minutes_a_day, sitting_minutes
from tui.core.dose import Dose
from tui.core.errors import PlanError, TemplateError
from tui.core.records import CheckIn
from tui.core.review import weekly_review
from tui.core.review_decide import next_plan_id
from tui.core.schedule import Plan
from tui.core.templates import load_template_file, validate_template

PLANS = Path(__file__).resolve().parents[2] / "plans"
NAMES = ["metatarsalgia-conservative", "on-your-feet-at-work", "return-to-run", "maintenance"]
STAGES = ("Seated", "Standing", "On one leg")


def template(name):
    return json.loads((PLANS / f"{name}.json").read_text())


@pytest.mark.parametrize("name", NAMES)
def test_every_built_in_plan_loads_and_checks_callus_and_footwear_in_every_phase(name):
    load_template_file(PLANS / f"{name}.json")
    for phase in template(name)["phases"]:
        acts = {s["activity"] for s in phase["sessions"]}
        assert {"callus-check", "footwear-check"} <= acts, phase["id"]


@pytest.mark.parametrize("name", NAMES)
def test_icing_several_times_a_day_in_every_phase(name):
    for phase in template(name)["phases"]:
        ice = [s for s in phase["sessions"] if CATALOG[s["activity"]].kind == "ice"]
        assert ice, phase["id"]
        for spec in ice:
            dose = Dose.from_dict({**CATALOG[spec["activity"]].dose.to_dict(), **(spec.get("dose") or {})})
            assert (dose.times_per_day or 1) >= 3 and dose.minutes <= 20, spec["id"]


def test_the_conservative_plan_keeps_to_about_an_hour_a_day_with_cardio_optional_in_settle():
    data = template("metatarsalgia-conservative")
    for i in range(len(data["phases"])):
        load = minutes_a_day(data, i)
        assert load.most <= 60, (i, load.required)
    settle = data["phases"][0]["sessions"]
    assert all(s.get("optional") for s in settle if CATALOG[s["activity"]].kind == "cross-training")
    assert minutes_a_day(data).text().startswith("about 50-55 min a day, plus up to")


def test_minutes_a_day_counts_sittings_and_both_sides():
    assert sitting_minutes("ice-pack", Dose(minutes=10)) == 10
    assert sitting_minutes("calf-stretch", Dose(hold_seconds=30, reps=3)) == 3  # 90 s a leg
    assert sitting_minutes("towel-curls", Dose(reps=10)) == pytest.approx(10 * 5 * 2 / 60)
    assert sitting_minutes("rest", Dose()) == 0
    tiny = {"id": "t", "name": "T", "description": "", "phases": [{"id": "a", "name": "A", "weeks": 1, "sessions": [
        {"id": "a-ice", "activity": "ice-pack", "rrule": "FREQ=DAILY", "dose": {"minutes": 10, "times_per_day": 3}},
        {"id": "a-bike", "activity": "cycling", "rrule": "FREQ=WEEKLY;BYDAY=MO", "optional": True}]}]}
    load = minutes_a_day(tiny)
    assert load.required == (30.0,) * 7 and load.optional[0] == 30 and load.optional[1] == 0
    assert load.text() == "about 30 min a day, plus up to 30 min optional"


def test_short_foot_progresses_seated_standing_single_leg():
    seen = []
    for name in NAMES:
        notes = [s.get("note", "") for p in template(name)["phases"] for s in p["sessions"]
                 if s["activity"] == "short-foot"]
        stages = [next(i for i, st in enumerate(STAGES) if st in n) for n in notes]
        assert stages == sorted(stages), name  # never a step back in difficulty
        seen += stages
    assert set(seen) == {0, 1, 2}
    assert "from sitting to standing, then to one leg" in " ".join(CATALOG["short-foot"].steps)


def test_towel_curls_and_other_doses_trace_to_a_source_or_say_default():
    assert CATALOG["towel-curls"].dose == Dose(reps=10)
    assert CATALOG["brisk-walk"].dose == Dose(minutes=30)
    for activity in CATALOG.values():
        if activity.dose.is_empty():
            continue
        assert activity.dose_source, activity.id
    for aid in ("thumb-sweep", "thumb-walk", "cycling", "swimming", "footwear-check"):
        assert "default" in CATALOG[aid].dose_source, aid
    assert "default" in CATALOG["short-foot"].dose_source and "Okamura 2020" in CATALOG["short-foot"].dose_source
    assert "each leg" in CATALOG["calf-stretch"].dose_source and "switch legs" in CATALOG["calf-stretch"].steps[-1]
    assert "a foot" in CATALOG["plantar-fascia-stretch"].dose_source
    assert "swap feet" in CATALOG["plantar-fascia-stretch"].steps[-1]


def test_return_to_run_steps_follow_the_protocol_its_text_names():
    data = template("return-to-run")
    plan = Plan.start_from_template(data, dt.date(2026, 1, 5))
    weekly = []
    for span in plan.spans():
        runs = [s for s in plan.sessions_between(span.start, span.end) if s.activity_id == "walk-run"]
        weekly.append(sum((s.dose.sets or 1) * (s.dose.run_minutes or 0) for s in runs))
    within_ten = all(b <= a * 1.1 for a, b in itertools.pairwise(weekly))
    assert within_ten or ("published clinic walk-run protocol" in data["description"]
                          and "10 %" in data["description"] and "repeated" in data["description"])
    ready = data["phases"][0]["sessions"]
    assert [s["dose"]["minutes"] for s in ready if s["activity"] == "brisk-walk"] == [30]


def test_the_editor_and_the_validator_refuse_icing_over_twenty_minutes():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), dt.date(2026, 1, 5))
    with pytest.raises(PlanError, match="45 min of icing is over the safe 20 min a sitting"):
        plan.set_dose("settle-ice", Dose(minutes=45, times_per_day=8))
    with pytest.raises(PlanError, match="over the safe 20 min"):
        plan.add_session("settle", "ice-pack", dose=Dose(minutes=25))
    edited = plan.set_dose("settle-ice", Dose(minutes=20, times_per_day=4))
    assert edited.session_spec("settle-ice")["dose"]["minutes"] == 20
    bad = template("metatarsalgia-conservative")
    bad["phases"][0]["sessions"][3]["dose"] = {"minutes": 45}
    with pytest.raises(TemplateError, match="45 min of icing is over the safe 20 min a sitting"):
        validate_template(bad, "bad.json")


def test_what_comes_after_each_plan_is_a_built_in():
    for name in NAMES:
        offer = next_plan_id(Plan.start_from_template(template(name), dt.date(2026, 1, 5)))
        assert (PLANS / f"{offer}.json").exists()


def test_a_template_rules_block_sets_thresholds():
    data = template("maintenance")
    data["rules"] = {"severe_pain": 6}
    plan = Plan.start_from_template(validate_template(data, "m.json").to_dict(), dt.date(2026, 1, 5))
    checkins = [CheckIn(date=dt.date(2026, 1, 5) + dt.timedelta(days=i), morning_pain=7 if i == 2 else 1)
                for i in range(8)]
    review = weekly_review(plan, [], checkins, (), dt.date(2026, 1, 5), dt.date(2026, 1, 12))
    assert [f.id for f in review.flags] == ["severe-pain"] and "Pain over 6/10" in review.flags[0].text
    data["rules"] = {"severe_pain": 11}
    with pytest.raises(TemplateError, match=r"rules\.severe_pain"):
        validate_template(data, "m.json")


@pytest.mark.parametrize("name", NAMES)
def test_multi_sitting_sessions_have_default_times(name):
    for phase in template(name)["phases"]:
        for spec in phase["sessions"]:
            dose = Dose.from_dict({**CATALOG[spec["activity"]].dose.to_dict(), **(spec.get("dose") or {})})
            if dose.sittings > 1:
                assert dose.times and len(dose.times) == dose.sittings, spec["id"]
                if CATALOG[spec["activity"]].kind == "ice" and dose.sittings == 3:
                    assert dose.times == ("07:30", "12:30", "19:30")
                if CATALOG[spec["activity"]].kind == "stretch" and dose.sittings == 2:
                    assert dose.times == ("07:30", "19:30")  # morning and evening


def test_a_flare_day_ices_at_set_times():
    from tui.core.flare import flare_sessions

    ice = next(s for s in flare_sessions(dt.date(2026, 1, 5)) if s.kind == "ice")
    assert ice.dose.times == ("07:30", "12:30", "19:30") and ice.dose.problems() == []
