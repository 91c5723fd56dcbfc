"""The 12 scenarios issue 12 found deciding wrongly, each now deciding as CLINICAL.md says."""

import datetime as dt
import json
from pathlib import Path

import pytest

from tui.core.errors import RehabError
from tui.core.records import CheckIn, LogEntry
from tui.core.redflags import active_flags, find_flags
from tui.core.review import apply_review, weekly_review
from tui.core.schedule import Plan
from tui.core.substitution import pause_impact, substitutions_for

PLANS = Path(__file__).resolve().parents[2] / "plans"
WEEK1 = dt.date(2026, 11, 9)  # a Monday
ONE = dt.timedelta(days=1)


def monday(n: int) -> dt.date:
    """The Monday of week n (1-based) from WEEK1."""
    return WEEK1 + dt.timedelta(weeks=n - 1)


def template(name: str) -> dict:
    return json.loads((PLANS / f"{name}.json").read_text())


def logs_for(plan, first, last, pain=lambda s: None, skip=(), status=lambda s: "done"):
    """A log for every sitting of every session (skipped: one log saying so)."""
    return [LogEntry(date=s.date, activity=s.activity_id, session_id=s.session_id, pain=pain(s), status=status(s))
            for s in plan.sessions_between(first, last) if s.kind != "rest" and s.activity_id not in skip
            for _ in range(s.dose.sittings if status(s) == "done" else 1)]


def mornings(first, values, **flags):
    return [CheckIn(date=first + dt.timedelta(days=i), morning_pain=v, **flags) for i, v in enumerate(values)]


def flat(first, last, value=1):
    return mornings(first, [value] * ((last - first).days + 1))


def fired(review):
    return [h.rule for h in review.rules_fired]


# 1. Reload moved on to walk-run with every brisk walk skipped --------------------------------
def test_reload_does_not_move_on_to_running_without_a_pain_free_brisk_walk():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    last = monday(5) - ONE
    checkins = flat(WEEK1, monday(5))
    skipped = logs_for(plan, WEEK1, last, pain=lambda s: 1 if s.kind == "cross-training" else None, skip={"brisk-walk"})
    review = weekly_review(plan, skipped, checkins, (), monday(4), monday(5) + ONE)
    assert review.phase_id == "reload" and review.decision == "hold"
    assert "brisk-walk-gate" in fired(review)
    assert any("starts only after a pain-free brisk walk: no brisk walk was logged" in r for r in review.reasons)
    assert review.change.phase_id == "reload"  # Reload runs again, no walk-run scheduled
    walked = logs_for(plan, WEEK1, last, pain=lambda s: 1 if s.kind in ("cross-training", "walk-run") else None)
    good = weekly_review(plan, walked, checkins, (), monday(4), monday(5) + ONE)
    assert good.decision == "progress" and good.change.phase_id == "return", good.reasons
    assert [h.rule for h in good.rules_met if h.rule == "brisk-walk-gate"] == ["brisk-walk-gate"]
    painful = logs_for(plan, WEEK1, last, pain=lambda s: 3 if s.activity_id == "brisk-walk" else None)
    assert "brisk-walk-gate" in fired(weekly_review(plan, painful, checkins, (), monday(4), monday(5) + ONE))


# 2. A step-back in Ready turned the test into cycling, and the next clean week ran -----------
def test_after_a_ready_step_back_running_still_waits_for_the_brisk_walk():
    plan = Plan.start_from_template(template("return-to-run"), monday(2))
    week2 = logs_for(plan, monday(2), monday(3) - ONE, pain=lambda s: 6 if s.activity_id == "brisk-walk" else None)
    checkins = flat(monday(2), monday(4))
    back = weekly_review(plan, week2, checkins, (), monday(2), monday(3))
    plan = apply_review(plan, back)
    assert plan.session_spec("ready-brisk")["activity"] == "brisk-walk"
    skipped = logs_for(plan, monday(3), monday(4) - ONE, skip={"brisk-walk"})
    review = weekly_review(plan, week2 + skipped, checkins, (), monday(3), monday(4) + ONE)
    assert review.phase_id == "ready" and review.decision == "hold" and "brisk-walk-gate" in fired(review)
    walked = logs_for(plan, monday(3), monday(4) - ONE, pain=lambda s: 0)
    assert weekly_review(plan, week2 + walked, checkins, (), monday(3), monday(4) + ONE).change.phase_id == "step-1"


# 3. Pain lasting over 24 h in a walk-run step sent the user a whole phase back ----------------
def test_pain_past_24_hours_in_a_run_step_repeats_that_step():
    plan = Plan.start_from_template(template("return-to-run"), WEEK1)
    assert plan.phase_on(monday(3))["id"] == "step-2"
    logs = logs_for(plan, WEEK1, monday(4) - ONE, pain=lambda s: 2 if s.kind == "walk-run" else None)
    checkins = flat(WEEK1, monday(3) - ONE, 2) + mornings(monday(3), [2, 3, 2, 2, 2, 2, 2, 2])
    checkins[len(flat(WEEK1, monday(3) - ONE)) + 1] = CheckIn(date=monday(3) + ONE, morning_pain=3, sore_next_day=True)
    review = weekly_review(plan, logs, checkins, (), monday(3), monday(4) + ONE)
    assert review.decision == "hold" and review.repeats_step, review.reasons
    assert "sore-next-day" in fired(review) and "next-morning-worse" not in fired(review)
    assert review.change.action == "start-phase" and review.change.phase_id == "step-2"
    assert "repeats" in review.change.text
    assert any("lasted past 24 hours after Monday's walk-run: repeat this step (Step 2" in r for r in review.reasons)
    assert apply_review(plan, review).phase_on(monday(4))["id"] == "step-2"


# 4. Numbness on days in a row across a week boundary raised no flag --------------------------
def test_numbness_across_a_week_boundary_is_a_red_flag():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    numb = {monday(3) - 2 * ONE, monday(3) - ONE, monday(3)}  # Sat, Sun, Mon
    checkins = [CheckIn(date=c.date, morning_pain=1, numbness=c.date in numb) for c in flat(WEEK1, monday(4))]
    logs = logs_for(plan, WEEK1, monday(4) - ONE)
    for week, today in ((monday(2), monday(3) + ONE), (monday(3), monday(4) + ONE)):
        review = weekly_review(plan, logs, checkins, (), week, today)
        assert [f.id for f in review.flags] == ["numbness"], week
        assert review.decision != "progress" and "red-flag" in fired(review)
        assert "Numbness or tingling on 3 of the last 7 days" in review.red_flags[0]
    assert [f.id for f in find_flags(checkins, logs, monday(3))] == ["numbness"]  # the daily check


# 5. "No improvement after about six weeks" could not fire in a six-week plan -----------------
def test_no_improvement_fires_in_the_last_week_of_a_six_week_plan():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    assert plan.end_date == monday(7) - ONE
    checkins = flat(WEEK1, monday(7), 4)
    assert find_flags(checkins, [], monday(6) - ONE, plan) == []  # day 34
    assert [f.id for f in find_flags(checkins, [], monday(6), plan)] == ["no-improvement"]  # the sixth week
    logs = logs_for(plan, monday(5), monday(7) - ONE, pain=lambda s: 1 if s.kind == "walk-run" else None)
    review = weekly_review(plan, logs, checkins, (), monday(6), monday(7))
    assert "no-improvement" in [f.id for f in review.flags] and review.decision != "progress"
    assert "A clinician can look at what else may be going on" in review.flags[-1].text


# 6. A night-pain flag said "ease off" while walk-run stayed scheduled and swap offered nothing --
def test_a_red_flag_pauses_impact_and_clears_when_a_clinician_has_seen_the_foot():
    plan = Plan.start_from_template(template("return-to-run"), WEEK1)
    day = monday(2)  # step-1: walk-run Mon, Wed, Fri
    checkins = [CheckIn(date=day, morning_pain=2, night_pain=True)]
    flags = active_flags(find_flags(checkins, [], day, plan))
    assert [f.id for f in flags] == ["night-pain"]
    assert "Pain at night or at rest on Mon 16 Nov" in flags[0].text and "ring your GP" in flags[0].text
    week = plan.sessions_between(day, day + 6 * ONE)
    paused = pause_impact(week, flags)
    assert not [s for s in paused if s.activity_id in ("walk-run", "brisk-walk")]
    swapped = [s for s in paused if s.session_id == "step-1-walkrun"]
    assert len(swapped) == 3 and all(s.activity_id == "cycling" and s.dose.minutes == 15 for s in swapped)
    assert "pain at night or at rest" in swapped[0].why
    [offer] = substitutions_for(day, plan, [], checkins)
    assert "warning sign is active (pain at night or at rest)" in offer.reason
    assert active_flags(flags, clinician_seen_on=day) == []
    assert substitutions_for(day, plan, [], checkins, clinician_seen_on=day) == []
    assert pause_impact(week, active_flags(flags, day)) == week


# 7. A morning pain climbing a point a day was never "worse" -----------------------------------
def test_a_point_a_day_climb_steps_back_and_offers_a_swap():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    logs = logs_for(plan, WEEK1, monday(3) - ONE)
    checkins = flat(WEEK1, monday(2) - ONE) + mornings(monday(2), [1, 2, 3, 4, 4, 4, 4])
    review = weekly_review(plan, logs, checkins, (), monday(2), monday(3) + ONE)
    assert review.decision == "step-back" and "morning-climb" in fired(review), review.reasons
    assert any("climbed every day from Mon 16 Nov to Thu 19 Nov (1 → 2 → 3 → 4)" in r for r in review.reasons)
    rtr = Plan.start_from_template(template("return-to-run"), WEEK1)
    climb = mornings(monday(2) - 3 * ONE, [1, 2, 3, 4])  # Fri-Mon, no loaded day before Monday
    [offer] = substitutions_for(monday(2), rtr, [], climb)
    assert "climbed every day" in offer.reason


def test_acceptable_pain_with_a_next_morning_one_point_worse_reduces_the_load():
    plan = Plan.start_from_template(template("return-to-run"), WEEK1)
    logs = logs_for(plan, WEEK1, monday(3) - ONE, pain=lambda s: 4 if s.session_id == "step-1-walkrun" else None)
    checkins = flat(WEEK1, monday(2) - ONE, 2) + mornings(monday(2), [2, 3, 3, 3, 3, 3, 3, 3])
    review = weekly_review(plan, logs, checkins, (), monday(2), monday(3) + ONE)
    assert review.decision == "hold" and review.repeats_step and "next-morning-worse" in fired(review)
    assert "Morning pain rose from 2 to 3 after Monday's walk-run intervals." in review.reasons
    assert review.change.phase_id == "step-1"  # the run step is repeated, not dropped back to Ready
    conservative = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    logs = logs_for(conservative, WEEK1, monday(5) - ONE, pain=lambda s: 3 if s.activity_id == "brisk-walk" else None)
    checkins = flat(WEEK1, monday(4) + 2 * ONE, 1) + mornings(monday(4) + 3 * ONE, [2, 2, 2, 2, 2])
    review = weekly_review(conservative, logs, checkins, (), monday(4), monday(5) + ONE)
    assert review.decision == "step-back" and "next-morning-worse" in fired(review)  # Wed's walk: 1 -> 2
    assert review.change.phase_id == "settle"


# 8. Three flare days in a week still moved on ----------------------------------------------------
def test_three_flare_days_hold():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    flares = {monday(2) + i * ONE for i in (1, 3, 5)}
    logs = [log for log in logs_for(plan, WEEK1, monday(3) - ONE) if log.date not in flares]
    review = weekly_review(plan, logs, flat(WEEK1, monday(3)), flares, monday(2), monday(3) + ONE)
    assert review.adherence_ratio == 1 and review.decision == "hold" and fired(review) == ["flare-days"]


# 9. The plan had no end ---------------------------------------------------------------------------
@pytest.mark.parametrize("name,weeks,offer", [("metatarsalgia-conservative", 6, "return-to-run"),
                                              ("return-to-run", 5, "maintenance"),
                                              ("on-your-feet-at-work", 4, "maintenance")])
def test_the_last_week_says_the_plan_is_complete_and_adds_nothing(name, weeks, offer):
    plan = Plan.start_from_template(template(name), WEEK1)
    end = monday(weeks + 1) - ONE
    assert plan.end_date == end
    logs = logs_for(plan, WEEK1, end, pain=lambda s: 0 if s.kind == "walk-run" else None)
    review = weekly_review(plan, logs, flat(WEEK1, end + ONE), (), monday(weeks), end + ONE)
    assert review.decision == "progress" and review.plan_complete, review.reasons
    assert review.next_plan == offer and review.change.action == "none"
    assert review.reasons[-1].startswith("The plan is complete")
    assert review.title.startswith("Plan complete")
    assert apply_review(plan, review).to_dict()["segments"] == plan.to_dict()["segments"]
    assert review.to_dict()["plan_complete"] is True


def test_a_last_week_that_holds_says_it_would_go_past_the_end():
    plan = Plan.start_from_template(template("return-to-run"), WEEK1)
    end = plan.end_date
    logs = logs_for(plan, WEEK1, end, status=lambda s: "skipped" if s.date > end - 4 * ONE else "done")
    review = weekly_review(plan, logs, flat(WEEK1, end + ONE), (), monday(5), end + ONE)
    assert review.decision == "hold" and not review.plan_complete
    assert "after the plan's end on Sun 13 Dec: accept only if you choose to" in review.change.text


# 10. Accepting a "week not over" hold added two weeks ----------------------------------------------
def test_a_week_not_over_cannot_be_accepted():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    logs = logs_for(plan, WEEK1, monday(2) + 3 * ONE)
    review = weekly_review(plan, logs, flat(WEEK1, monday(2) + 3 * ONE), (), monday(2), monday(2) + 3 * ONE)
    assert review.decision == "hold" and "week-not-over" in fired(review)
    assert review.change.action == "none" and "cannot be accepted before Mon 23 Nov" in review.change.text
    with pytest.raises(RehabError, match="not over yet"):
        apply_review(plan, review)


# 11. A rise of exactly 1.5 read as "held steady" -------------------------------------------------------
def test_a_rise_of_exactly_one_and_a_half_counts():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    logs = logs_for(plan, WEEK1, monday(3) - ONE)
    before = [CheckIn(date=monday(2) - i * ONE, morning_pain=p) for i, p in ((3, 1), (2, 2), (1, 2))]  # 5/3
    week = mornings(monday(2), [3, 3, 3, 3, 3, 4])  # 19/6: in floats the rise is 1.4999...
    review = weekly_review(plan, logs, before + week, (), monday(2), monday(3) + ONE)
    assert review.decision == "hold" and "weekly-creep" in fired(review)
    assert any("creeping up, from 1.7 the week before to 3.2 this week, on average: up by 1.5" in r
               for r in review.reasons), review.reasons


# 12. 69.6 % was shown as "70 % ... moving on needs 70 %" ---------------------------------------------
def test_adherence_just_under_the_threshold_is_shown_as_under_it():
    daily = ["ice-pack", "calf-stretch", "plantar-fascia-stretch", "towel-curls", "toe-splay", "ball-roll",
             "thumb-sweep", "marble-pickup"]
    eight = {"id": "eight", "name": "Eight a day", "description": "", "phases": [{"id": "a", "name": "A", "weeks": 2,
             "sessions": [{"id": f"a-{x}", "activity": x, "rrule": "FREQ=DAILY"} for x in daily]}]}
    plan = Plan.start_from_template(eight, WEEK1)
    week = plan.sessions_between(monday(2), monday(3) - ONE)
    assert len(week) == 56  # 39 of 56 is 69.6 %
    done_ids = {(s.date, s.session_id) for s in week[:39]}
    logs = logs_for(plan, WEEK1, monday(2) - ONE) + logs_for(
        plan, monday(2), monday(3) - ONE, status=lambda s: "done" if (s.date, s.session_id) in done_ids else "skipped")
    review = weekly_review(plan, logs, flat(WEEK1, monday(3)), (), monday(2), monday(3) + ONE)
    assert review.decision == "hold"
    assert any("You did 69.6% of the week's sessions (39 of 56 sessions), under the 70% needed" in r
               for r in review.reasons), review.reasons
    [hit] = [h for h in review.rules_fired if h.rule == "adherence"]
    assert hit.to_dict()["ratio"] == 0.696
    assert review.adherence_text == "69.6% (39 of 56 sessions; 70% needed)"
    assert review.adherence.text() == "70%"  # what the CLI and the app print today: they should adopt adherence_text


def test_optional_sessions_do_not_count_against_adherence():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    logs = logs_for(plan, WEEK1, monday(3) - ONE, skip={"cycling", "swimming", "thumb-sweep"})
    review = weekly_review(plan, logs, flat(WEEK1, monday(3)), (), monday(2), monday(3) + ONE)
    assert review.adherence_ratio == 1 and review.decision == "progress", review.reasons


def test_a_last_phase_longer_than_its_minimum_carries_on_to_the_end():
    data = template("maintenance")
    data["phases"][0]["exit"] = {"min_weeks": 1}
    plan = Plan.start_from_template(data, WEEK1)
    logs = logs_for(plan, WEEK1, monday(2) - ONE)
    review = weekly_review(plan, logs, flat(WEEK1, monday(2)), (), WEEK1, monday(2) + ONE)
    assert review.decision == "hold" and fired(review) == ["last-phase"]
    assert review.reasons == ("Keep it up is the plan's last phase: it carries on until the plan ends on Sun 6 Dec.",)
    assert review.change.action == "none"


def test_a_flag_a_clinician_has_seen_no_longer_holds_the_review():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    logs = logs_for(plan, WEEK1, monday(3) - ONE)
    night = monday(2) + ONE
    checkins = [CheckIn(date=c.date, morning_pain=1, night_pain=c.date == night) for c in flat(WEEK1, monday(3))]
    held = weekly_review(plan, logs, checkins, (), monday(2), monday(3) + ONE)
    assert held.decision == "hold" and "red-flag" in fired(held)
    assert "shown as cycling or swimming" in held.change.text
    seen = weekly_review(plan, logs, checkins, (), monday(2), monday(3) + ONE, clinician_seen_on=monday(2) + 2 * ONE)
    assert seen.decision == "progress" and seen.flags == (), seen.reasons


def test_two_small_rises_are_not_yet_a_climb():
    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    logs = logs_for(plan, WEEK1, monday(3) - ONE)
    checkins = flat(WEEK1, monday(2) - ONE) + mornings(monday(2), [1, 2, 3, 3, 3, 3, 3])
    review = weekly_review(plan, logs, checkins, (), monday(2), monday(3) + ONE)
    assert "morning-climb" not in fired(review)


def test_review_ranges_cover_the_rolling_windows():
    from tui.core.review import review_ranges

    plan = Plan.start_from_template(template("metatarsalgia-conservative"), WEEK1)
    (log_from, log_to), (check_from, check_to) = review_ranges(plan, monday(4) + 2 * ONE)
    # 14 days back for "pain rising each session", to a week after the Sunday (flags active on the review's day)
    assert (log_from, log_to) == (monday(2), monday(6) - ONE)
    assert (check_from, check_to) == (WEEK1, monday(6) - ONE)  # from the plan's start (six-week flag)
