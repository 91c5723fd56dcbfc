"""The rules module (tui/core/rules.py): thresholds from one place, exact figures, sources, dose limits."""

from fractions import Fraction

from tui.core.rules import (
    DEFAULTS,
    RULES,
    Hit,
    dose_limit_problems,
    percent,
    rules_table,
    shown,
    thresholds,
    to_fraction,
    visible,
)


def test_defaults_come_from_one_place_and_phases_and_templates_override_them():
    limits = thresholds()
    assert limits["too_much_pain"] == 5 and limits["severe_pain"] == 7
    assert limits["meaningful_change"] == Fraction(3, 2) and limits["min_adherence"] == Fraction(7, 10)
    template = {"rules": {"severe_pain": 6, "meaningful_change": 2, "unknown": 9}}
    phase = {"weeks": 2, "exit": {"min_adherence": 0.8, "max_activity_pain": 2}}
    both = thresholds(template, phase)
    assert both["severe_pain"] == 6 and both["meaningful_change"] == 2
    assert both["min_adherence"] == Fraction(4, 5) and both["max_activity_pain"] == 2 and both["min_weeks"] == 2
    assert "unknown" not in both.values
    assert thresholds(None, {"weeks": 3})["min_weeks"] == 3
    assert DEFAULTS["min_adherence"] == Fraction(7, 10)  # the table is not changed by a lookup


def test_floats_become_exact_fractions():
    assert to_fraction(0.7) == Fraction(7, 10)
    assert to_fraction(1.5) == Fraction(3, 2)
    # averages 5/3 (e.g. 1, 2, 2) and 19/6 (e.g. 3, 3, 3, 3, 3, 4): in floats the rise is 1.4999...
    assert 19 / 6 - 5 / 3 < 1.5
    assert Fraction(19, 6) - Fraction(5, 3) == to_fraction(1.5)


def test_figures_are_shown_precisely_enough_to_see_the_decision():
    assert percent(Fraction(696, 1000), Fraction(7, 10)) == "69.6%"
    assert percent(Fraction(7, 10), Fraction(7, 10)) == "70%"
    assert percent(Fraction(1)) == "100%"
    assert percent(Fraction(2, 3), Fraction(7, 10)) == "67%"
    assert visible(Fraction(3, 2), Fraction(3, 2)) == "1.5"
    assert visible(Fraction(147, 100), Fraction(3, 2)) == "1.47"
    assert shown(Fraction(7)) == "7" and shown(Fraction(3, 2)) == "1.5"


def test_every_rule_has_a_statement_a_source_and_known_thresholds():
    for rule in RULES.values():
        assert rule.statement and rule.source
        assert all(key in DEFAULTS for key in rule.thresholds), rule.id
        assert rule.effect in {"step-back", "hold", "repeat", "needs", "red-flag", "data", "end", "content"}
    sources = {r["id"]: r["source"] for r in rules_table()}
    assert "PMID 17307888" in sources["activity-too-much"] and "PMID 17307888" in sources["next-morning-worse"]
    assert "Beresford 2022" in sources["morning-rise-unloaded"]
    assert "AOPT" in sources["brisk-walk-gate"]
    assert "common practice" in sources["weekly-creep"]
    table = {r["id"]: r["rule"] for r in rules_table()}
    assert "over 5/10" in table["activity-too-much"] and "over 7/10" in table["severe-pain"]
    assert "at least 70%" in table["adherence"] and "about 10%" in table["weekly-run-increase"]


def test_a_hit_carries_its_figures_for_json():
    hit = Hit("adherence", {"ratio": Fraction(696, 1000), "needed": Fraction(7, 10)}, "needs")
    data = hit.to_dict()
    assert data["id"] == "adherence" and data["effect"] == "needs"
    assert data["ratio"] == 0.696 and data["needed"] == 0.7 and "source" in data
    assert Hit("activity-too-much").kind == "step-back"


def test_dose_limit_is_one_function_for_the_validator_and_the_editor():
    assert dose_limit_problems("ice", 20) == []
    [(field, message)] = dose_limit_problems("ice", 45)
    assert field == "minutes" and message == "45 min of icing is over the safe 20 min a sitting"
    assert dose_limit_problems("cross-training", 45) == []
    assert dose_limit_problems("ice", None) == []


def test_the_readme_table_lists_every_rule_with_its_source():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for row in rules_table():
        assert f"| `{row['id']}` | {row['rule']} | {row['source']} |" in readme, row["id"]
