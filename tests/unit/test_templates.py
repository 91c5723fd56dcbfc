"""Template format v1: schema + semantic validation, caps, sources and shadowing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from tui.core.errors import RehabError, TemplateError
from tui.core.schedule import Plan
from tui.core.sources import discover_templates, find_template
from tui.fileio import read_template_bytes
from tui.core.templates import MAX_FILE_BYTES, load_template_file, parse_template, validate_template

PLANS = Path(__file__).resolve().parents[2] / "plans"
BUILTINS = ["metatarsalgia-conservative", "return-to-run", "on-your-feet-at-work"]


def base() -> dict:
    return json.loads((PLANS / "metatarsalgia-conservative.json").read_text())


def error_of(data, source="t.json") -> str:
    with pytest.raises(TemplateError) as err:
        validate_template(data, source)
    text = str(err.value)
    assert "\n" not in text and text.startswith(f"{source}: ")
    return text


@pytest.mark.parametrize("name", BUILTINS)
def test_builtins_are_valid_and_expand(name):
    tpl = load_template_file(PLANS / f"{name}.json")
    assert tpl.id == name and tpl.phases and tpl.description
    plan = Plan.start_from_template(tpl.to_dict(), dt.date(2026, 11, 23))
    for span in plan.spans():
        week = plan.sessions_between(span.start, span.start + dt.timedelta(days=6))
        assert week, f"{name}: phase {span.id} has an empty first week"


def test_builtins_match_the_json_schema_file():
    from jsonschema import Draft202012Validator

    schema = json.loads((PLANS / "template.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    for name in BUILTINS:
        assert not list(Draft202012Validator(schema).iter_errors(json.loads((PLANS / f"{name}.json").read_text())))


def test_return_to_run_has_rest_between_runs():
    tpl = load_template_file(PLANS / "return-to-run.json")
    plan = Plan.start_from_template(tpl.to_dict(), dt.date(2026, 11, 23))
    runs = [s.date for s in plan.sessions_between(plan.start, plan.end_date) if s.activity_id == "walk-run"]
    assert len(runs) >= 12
    for a, b in zip(runs, runs[1:]):
        assert (b - a).days >= 2, "a rest day between runs"
    assert "24 hours" in tpl.description


def test_work_template_has_footwear_ice_and_stretch_breaks():
    tpl = load_template_file(PLANS / "on-your-feet-at-work.json")
    acts = {s["activity"] for p in tpl.phases for s in p.sessions}
    assert {"footwear-check", "frozen-bottle-roll", "calf-stretch"} <= acts
    calf = next(s for s in tpl.phases[0].sessions if s["activity"] == "calf-stretch")
    assert calf["dose"]["times_per_day"] >= 3


def mutate(path: str, value):
    data = base()
    target = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize("path,value,expect", [
    ("phases.0.sessions.0.activity", "jogging", "$.phases[0].sessions[0].activity: unknown activity 'jogging'"),
    ("phases.0.sessions.1.dose", {"minutes": 400}, "$.phases[0].sessions[1].dose.minutes: 400 is over the maximum 180"),
    ("phases.0.sessions.1.dose", {"minutes": 0}, "$.phases[0].sessions[1].dose.minutes: 0 is under the minimum 1"),
    ("phases.0.sessions.3.dose", {"minutes": 25}, "over the safe 20 min"),
    ("phases.0.sessions.0.rrule", "FREQ=MONTHLY", "$.phases[0].sessions[0].rrule: 'FREQ=MONTHLY' is not a supported rule"),
    ("phases.0.sessions.0.rrule", "FREQ=WEEKLY;BYDAY=XX", "BYDAY=XX must list"),
    ("phases.0.sessions.0.rrule", "FREQ=DAILY;COUNT=3", "COUNT is not allowed"),
    ("phases.0.sessions.0.rrule", "every day", "not a supported rule"),
    ("phases.0.sessions.1.id", "settle-rest", "$.phases[0].sessions[1].id: duplicate session id 'settle-rest'"),
    ("phases.1.id", "settle", "$.phases[1].id: duplicate phase id"),
    ("phases.0.sessions", [], "$.phases[0].sessions: needs at least 1 item"),
    ("phases", [], "$.phases: needs at least 1 item"),
    ("phases.0.colour", "red", "$.phases[0]: unknown field 'colour'"),
    ("phases.0.weeks", "two", "$.phases[0].weeks: 'two' is not an integer"),
    ("phases.0.weeks", 40, "$.phases[0].weeks: 40 is over the maximum 12"),
    ("version", 2, "$.version: must be 1, not 2"),
    ("format", "other", "$.format: must be"),
    ("id", "Bad Id!", "$.id: 'Bad Id!' is not a valid id"),
    ("name", KeyError, "$: missing required field 'name'"),
    ("name", "x\x1b[31mred", "$.name: contains a control character"),
    ("phases.0.exit.min_weeks", 5, "$.phases[0].exit.min_weeks: 5 is more than"),
])
def test_each_error_names_the_path_and_the_problem(path, value, expect):
    assert expect in error_of(mutate(path, value))


def test_non_object_and_caps(tmp_path):
    assert "$: " in error_of([1, 2])
    big = base()
    big["description"] = "x" * 5000
    assert "over the limit" in error_of(big)
    deep = "[" * 50 + "]" * 50
    with pytest.raises(TemplateError, match="nested more than"):
        parse_template(deep, "deep.json")
    with pytest.raises(TemplateError, match="KiB"):
        parse_template(b" " * (MAX_FILE_BYTES + 1), "huge.json")
    with pytest.raises(TemplateError, match="not valid JSON"):
        parse_template("{ nope", "broken.json")
    with pytest.raises(TemplateError, match="NaN is not allowed"):
        parse_template('{"a": NaN}', "nan.json")
    with pytest.raises(TemplateError, match="not UTF-8"):
        parse_template(b"\xff\xfe{}", "bin.json")
    many = base()
    phase = many["phases"][0]
    phase["sessions"] = [dict(phase["sessions"][0], id=f"s{i}") for i in range(41)]
    assert "more than 40 items" in error_of(many)
    with pytest.raises(TemplateError, match="no such file"):
        load_template_file(tmp_path / "missing.json")


def test_validation_returns_a_copy():
    data = base()
    tpl = validate_template(data, "x")
    data["name"] = "changed"
    assert tpl.name != "changed" and tpl.to_dict()["name"] != "changed"
    out = tpl.to_dict()
    out["phases"].clear()
    assert tpl.to_dict()["phases"]


def write(folder: Path, name: str, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data))
    return path


def test_sources_shadow_in_order_and_skip_bad_files(tmp_path):
    shared = tmp_path / "clinic"
    user = tmp_path / "mine"
    clinic = copy.deepcopy(base())
    clinic["name"] = "Clinic version"
    write(shared, "a.json", clinic)  # a built-in's id: refused, with a line
    mine = copy.deepcopy(base())
    mine["id"], mine["name"] = "clinic-plan", "Clinic plan"
    write(shared, "b.json", mine)
    later = copy.deepcopy(mine)
    later["name"] = "Clinic plan, my copy"
    write(user, "clinic-plan.json", later)
    (shared / "broken.json").write_text("{")
    own = copy.deepcopy(base())
    own["id"] = "my-plan"
    write(user, "my-plan.json", own)
    catalog = discover_templates(PLANS, [shared], user, read=read_template_bytes)
    assert list(catalog)[0] == "metatarsalgia-conservative"
    entry = catalog["metatarsalgia-conservative"]
    assert entry.origin == "built-in" and entry.template.name != "Clinic version"
    assert catalog["my-plan"].origin == "user"
    assert catalog["clinic-plan"].origin == "user"  # the user's library shadows the shared one
    assert catalog["clinic-plan"].template.name == "Clinic plan, my copy"
    assert catalog["return-to-run"].origin == "built-in"
    assert len(catalog.problems) == 2
    assert "a.json" in catalog.problems[0] and "built-in" in catalog.problems[0]
    assert "broken.json" in catalog.problems[1]
    with pytest.raises(RehabError, match="no template 'nope'"):
        find_template(catalog, "nope")
