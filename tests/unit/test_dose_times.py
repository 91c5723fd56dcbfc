"""Dose times: one "HH:MM" per sitting, in order, validated with the JSON path named."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tui.core.dose import Dose
from tui.core.errors import PlanError, TemplateError
from tui.core.schedule import Plan
from tui.core.templates import validate_template

PLANS = Path(__file__).resolve().parents[2] / "plans"


def base() -> dict:
    return json.loads((PLANS / "metatarsalgia-conservative.json").read_text())


def with_dose(index: int, dose: dict) -> dict:
    data = base()
    data["phases"][0]["sessions"][index]["dose"] = dose
    return data


def error_of(data: dict) -> str:
    with pytest.raises(TemplateError) as err:
        validate_template(data, "t.json")
    return str(err.value)


def test_times_round_trip_as_a_list_and_load_as_a_tuple():
    dose = Dose.from_dict({"minutes": 15, "times_per_day": 3, "times": ["08:00", "13:00", "19:00"]})
    assert dose.times == ("08:00", "13:00", "19:00")
    assert dose.to_dict() == {"minutes": 15, "times_per_day": 3, "times": ["08:00", "13:00", "19:00"]}
    assert Dose.from_dict(dose.to_dict()) == dose
    assert dose.problems() == [] and dose.sittings == 3
    assert dose.sitting_time(1) == "13:00" and dose.sitting_time(3) is None
    assert "times" not in Dose(minutes=5).to_dict()
    assert Dose(minutes=5).sittings == 1 and Dose(minutes=5).sitting_time(0) is None
    assert dose.times_text() == "at 08:00, 13:00, 19:00" and Dose(minutes=5).times_text() == ""
    assert dose.describe() == "15 min, 3x a day"  # describe() is unchanged: times are shown apart


def test_one_time_when_times_per_day_is_unset():
    assert Dose(minutes=30, times=("07:30",)).problems() == []
    assert Dose(minutes=30, times=("07:30", "18:00")).problems()[0][0] == "times"


@pytest.mark.parametrize("times,field,words", [
    (("8:00", "12:00"), "times[0]", "not a time of day"),
    (("08:00", "24:00"), "times[1]", "not a time of day"),
    (("08:60", "12:00"), "times[0]", "not a time of day"),
    (("08:00", "0800"), "times[1]", "not a time of day"),
    (("08:00", " 9:00"), "times[1]", "not a time of day"),
    (("08:00", 900), "times[1]", "not a time of day"),
    (("12:00", "08:00"), "times[1]", "not after 12:00"),
    (("08:00", "08:00"), "times[1]", "not after 08:00"),
    (("08:00",), "times", "gives 1 time(s) for 2 sittings"),
    (("08:00", "12:00", "18:00"), "times", "gives 3 time(s) for 2 sittings"),
])
def test_bad_times_are_named(times, field, words):
    problems = Dose(minutes=10, times_per_day=2, times=times).problems()
    assert problems and problems[0][0] == field and words in problems[0][1]


def test_times_that_are_not_a_list():
    assert "not a list" in Dose.from_dict({"times": "08:00"}).problems()[0][1]


def test_template_with_times_is_valid_and_the_sessions_carry_them():
    data = with_dose(3, {"minutes": 15, "times_per_day": 3, "times": ["08:00", "13:00", "19:00"]})
    tpl = validate_template(data, "t.json")
    plan = Plan.start_from_template(tpl.to_dict(), dt.date(2026, 11, 23))
    ice = next(s for s in plan.sessions_on(dt.date(2026, 11, 23)) if s.activity_id == "ice-pack")
    assert ice.dose.times == ("08:00", "13:00", "19:00") and ice.dose.sittings == 3
    assert ice.to_dict()["dose"]["times"] == ["08:00", "13:00", "19:00"]


def test_times_count_against_the_sittings_the_activity_gives():
    # calf-stretch is 2x a day by default: two times without repeating times_per_day are fine.
    validate_template(with_dose(4, {"times": ["08:00", "20:00"]}), "t.json")
    assert "$.phases[0].sessions[4].dose.times: gives 1 time(s) for 2 sittings" in error_of(
        with_dose(4, {"times": ["08:00"]}))


@pytest.mark.parametrize("dose,expect", [
    ({"minutes": 15, "times_per_day": 3, "times": ["08:00", "13:00"]},
     "t.json: $.phases[0].sessions[3].dose.times: gives 2 time(s) for 3 sittings"),
    ({"minutes": 15, "times_per_day": 3, "times": ["08:00", "7:00", "19:00"]},
     "t.json: $.phases[0].sessions[3].dose.times[1]: '7:00' is not a time of day"),
    ({"minutes": 15, "times_per_day": 3, "times": ["08:00", "25:00", "19:00"]},
     "$.phases[0].sessions[3].dose.times[1]: '25:00' is not a time of day"),
    ({"minutes": 15, "times_per_day": 3, "times": ["19:00", "13:00", "20:00"]},
     "$.phases[0].sessions[3].dose.times[1]: 13:00 is not after 19:00"),
    ({"minutes": 15, "times": "08:00"}, "$.phases[0].sessions[3].dose.times: '08:00' is not an array"),
    ({"minutes": 15, "times": []}, "$.phases[0].sessions[3].dose.times: needs at least 1 item"),
    ({"minutes": 15, "times": [8]}, "$.phases[0].sessions[3].dose.times[0]: 8 is not a string"),
])
def test_template_errors_name_the_json_path(dose, expect):
    assert expect in error_of(with_dose(3, dose))


def test_schema_file_accepts_times():
    from jsonschema import Draft202012Validator

    schema = json.loads((PLANS / "template.schema.json").read_text())
    data = with_dose(3, {"minutes": 15, "times_per_day": 3, "times": ["08:00", "13:00", "19:00"]})
    assert not list(Draft202012Validator(schema).iter_errors(data))
    bad = with_dose(3, {"minutes": 15, "times_per_day": 3, "times": ["8am"]})
    assert list(Draft202012Validator(schema).iter_errors(bad))


def test_plan_set_dose_refuses_bad_times():
    plan = Plan.start_from_template(base(), dt.date(2026, 11, 23))
    with pytest.raises(PlanError, match="times"):
        plan.set_dose("settle-ice", Dose(minutes=15, times_per_day=3, times=("08:00",)))
    ok = plan.set_dose("settle-ice", Dose(minutes=15, times_per_day=2, times=("08:00", "18:00")))
    assert ok.session_spec("settle-ice")["dose"]["times"] == ["08:00", "18:00"]
