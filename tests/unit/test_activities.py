"""The activity catalogue: ids, kinds, default doses, wording and lookups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.activities import CATALOG, Activity, activities_by_kind, get_activity
from tui.core.dose import Dose
from tui.core.errors import RehabError, UnknownActivity
from tui.core.kinds import IMPACT_KINDS, KINDS

EXPECTED_KINDS = {
    "rest": "rest",
    "cycling": "cross-training",
    "swimming": "cross-training",
    "ice-pack": "ice",
    "frozen-bottle-roll": "ice",
    "calf-stretch": "stretch",
    "plantar-fascia-stretch": "stretch",
    "towel-curls": "strength",
    "marble-pickup": "strength",
    "toe-splay": "strength",
    "short-foot": "strength",
    "thumb-sweep": "massage",
    "thumb-walk": "massage",
    "ball-roll": "massage",
    "footwear-check": "footwear",
    "callus-check": "footwear",
    "walk-run": "walk-run",
    "brisk-walk": "walk-run",
}

SOURCE_ARTICLES = sorted(Path("/work/shared/domain").glob("source-article-*.txt"))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def runs(tokens: list[str], n: int = 9) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def all_text(activity: Activity) -> list[str]:
    fields = [activity.name, activity.summary, *activity.steps, *activity.cautions]
    return [*fields, " ".join(fields)]  # also runs that straddle two fields


def test_catalog_has_exactly_the_contract_ids_in_order_with_their_kinds():
    assert list(CATALOG) == list(EXPECTED_KINDS)
    assert {aid: a.kind for aid, a in CATALOG.items()} == EXPECTED_KINDS
    for aid, activity in CATALOG.items():
        assert activity.id == aid
        assert activity.kind in KINDS


def test_every_kind_has_at_least_one_activity():
    for kind in KINDS:
        assert activities_by_kind(kind), kind


def test_impact_flag_matches_impact_kinds():
    impact = {aid for aid, a in CATALOG.items() if a.impact}
    assert impact == {"walk-run", "brisk-walk"}
    assert all(a.kind in IMPACT_KINDS for a in CATALOG.values() if a.impact)


@pytest.mark.parametrize("activity_id", list(EXPECTED_KINDS))
def test_default_dose_is_within_range(activity_id):
    dose = CATALOG[activity_id].dose
    assert isinstance(dose, Dose)
    assert dose.problems() == []


def test_specific_default_doses():
    assert CATALOG["ice-pack"].dose == Dose(minutes=15, times_per_day=3)
    assert CATALOG["frozen-bottle-roll"].dose == Dose(minutes=8, times_per_day=2)
    assert CATALOG["calf-stretch"].dose == Dose(hold_seconds=30, reps=3, times_per_day=2)
    assert CATALOG["walk-run"].dose.describe() == "3 x (4 min walk / 1 min run)"
    assert CATALOG["walk-run"].dose.timer_seconds() == 15 * 60
    assert CATALOG["rest"].dose.is_empty()
    assert 2 <= CATALOG["ball-roll"].dose.minutes_per_foot <= 4


def test_ice_never_over_twenty_minutes_and_cautions_say_why():
    for activity in activities_by_kind("ice"):
        assert activity.dose.minutes is not None and activity.dose.minutes <= 20
        assert (activity.dose.timer_seconds() or 0) <= 20 * 60
        cautions = " ".join(activity.cautions).lower()
        assert "twenty minutes" in cautions or "20 min" in cautions
        assert "cloth" in cautions or "towel" in cautions
        assert "circulation" in cautions


def test_timed_follows_the_dose():
    assert CATALOG["ice-pack"].timed
    assert CATALOG["thumb-sweep"].timed
    assert CATALOG["calf-stretch"].timed
    assert not CATALOG["rest"].timed
    assert not CATALOG["towel-curls"].timed
    for activity in CATALOG.values():
        assert activity.timed == (activity.dose.timer_seconds() is not None)


@pytest.mark.parametrize("activity_id", list(EXPECTED_KINDS))
def test_text_fields_are_present_and_short(activity_id):
    activity = CATALOG[activity_id]
    assert activity.name and activity.summary and activity.source
    assert "\n" not in activity.summary
    assert 3 <= len(activity.steps) <= 6
    for step in activity.steps:
        assert step.strip() and len(step) < 200
        assert not re.match(r"\s*\d", step), "the UI numbers steps itself"
    assert activity.cautions
    assert isinstance(activity.steps, tuple) and isinstance(activity.cautions, tuple)


def test_massage_kinds_are_the_three_techniques_as_described():
    assert [a.id for a in activities_by_kind("massage")] == ["thumb-sweep", "thumb-walk", "ball-roll"]
    sweep = " ".join(CATALOG["thumb-sweep"].steps).lower()
    for part in ("each toe", "ball of the foot", "arch", "heel", "entire sole"):
        assert part in sweep
    walk = CATALOG["thumb-walk"].steps
    assert "heel" in walk[0].lower() and "toes" in " ".join(walk[2:]).lower()
    assert "one thumb, then the other" in " ".join(walk)
    ball = " ".join(CATALOG["ball-roll"].steps).lower()
    assert "tennis" in ball and "golf" in ball
    assert "sorest spot rather than" in ball
    assert "2-4 min per foot" in CATALOG["ball-roll"].source


def test_activities_are_frozen():
    with pytest.raises(AttributeError):
        CATALOG["rest"].name = "x"  # type: ignore[misc]


def test_get_activity_returns_the_catalog_entry():
    assert get_activity("ball-roll") is CATALOG["ball-roll"]


def test_unknown_activity_is_one_line_with_suggestions():
    with pytest.raises(UnknownActivity) as info:
        get_activity("jogging")
    message = str(info.value)
    assert isinstance(info.value, RehabError)
    assert "\n" not in message
    assert message.startswith("unknown activity 'jogging'")
    assert "rehab activities" in message


def test_unknown_activity_suggests_close_ids():
    with pytest.raises(UnknownActivity, match=r"did you mean .*ice-pack"):
        get_activity("icepack")
    with pytest.raises(UnknownActivity, match=r"did you mean .*calf-stretch"):
        get_activity("calf-strech")


@pytest.mark.parametrize("bad", ["", None, 3])
def test_odd_ids_raise_unknown_activity_not_a_traceback(bad):
    with pytest.raises(UnknownActivity):
        get_activity(bad)  # type: ignore[arg-type]


def test_activities_by_kind_unknown_kind_is_empty():
    assert activities_by_kind("yoga") == []


@pytest.mark.skipif(not SOURCE_ARTICLES, reason="source article not present")
def test_no_nine_word_run_shared_with_the_source_article():
    article_runs: set[tuple[str, ...]] = set()
    for path in SOURCE_ARTICLES:
        article_runs |= runs(words(path.read_text(encoding="utf-8")))
    shared = []
    for activity in CATALOG.values():
        for text in all_text(activity):
            shared += [" ".join(r) for r in runs(words(text)) & article_runs]
    assert shared == []
