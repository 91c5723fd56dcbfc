"""Fixing the record from the CLI (history edit/delete, check-ins by date, undo), sittings in
`week --json`, one rule for future days, friendly dates."""

from __future__ import annotations


def start(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0


def session(week, activity, date="2026-11-24"):
    return next(s for s in week["sessions"] if s["activity"] == activity and s["date"] == date)


def test_week_json_counts_sittings_and_a_skip_keeps_the_done_one(rehab):
    start(rehab)
    ice = session(rehab("week", "--json").json(), "ice-pack")
    assert (ice["sittings"], ice["sittings_done"], ice["status"], ice["times"]) == (
        3, 0, "due", ["07:30", "12:30", "19:30"])
    assert rehab("log", "ice-pack").code == 0
    assert rehab("log", "ice-pack", "--status", "skipped").code == 0
    ice = session(rehab("week", "--json").json(), "ice-pack")
    assert (ice["sittings_done"], ice["status"]) == (1, "due")
    for _ in range(2):
        rehab("log", "ice-pack")
    ice = session(rehab("week", "--json").json(), "ice-pack")
    assert (ice["sittings_done"], ice["status"]) == (3, "done")
    # a past day with some done is partial
    rehab("log", "ice-pack", "--date", "yesterday")
    monday = session(rehab("week", "--json").json(), "ice-pack", "2026-11-23")
    assert (monday["sittings_done"], monday["status"]) == (1, "partial")
    assert session(rehab("week", "--json").json(), "swimming")["sittings"] == 1


def test_an_unplanned_log_shows_on_its_day(rehab):
    start(rehab)
    assert rehab("log", "walk-run", "--date", "2026-11-20").code == 0  # before the plan starts
    week = rehab("week", "--json", "--date", "2026-11-20").json()
    assert [(u["activity"], u["date"]) for u in week["unplanned"]] == [("walk-run", "2026-11-20")]
    assert "(not planned that day)" in rehab("week", "--date", "2026-11-20").out


def test_a_future_day_is_refused_everywhere_with_one_message(rehab):
    start(rehab)
    message = "2026-11-25 is in the future; only today or earlier can be logged"
    for args in (["log", "ice-pack", "--date", "tomorrow"], ["swap", "--date", "2026-11-25"],
                 ["checkin", "--morning-pain", "2", "--date", "tomorrow"]):
        result = rehab(*args)
        assert result.code == 1 and message in result.err, (args, result.err)
    assert rehab("history", "--json").json() == {"sessions": [], "checkins": []}


def test_friendly_dates(rehab):
    start(rehab)
    assert rehab("log", "ice-pack", "--date", "mon").code == 0
    assert rehab("log", "ice-pack", "--date", "-1").code == 0
    assert rehab("checkin", "--morning-pain", "2", "--date", "yesterday").code == 0
    dates = [s["date"] for s in rehab("history", "--json", "--from", "mon", "--to", "today").json()["sessions"]]
    assert dates == ["2026-11-23", "2026-11-23"]
    assert rehab("week", "--date", "tomorrow").code == 0


def test_history_edit_delete_and_undo(rehab):
    start(rehab)
    rehab("log", "ice-pack", "--pain", "2")
    [log] = rehab("history", "--json").json()["sessions"]
    result = rehab("history", "edit", str(log["id"]), "--pain", "4", "--status", "partial", "--note", "sore")
    assert result.code == 0, result.err
    [edited] = rehab("history", "--json").json()["sessions"]
    assert (edited["id"], edited["pain"], edited["status"], edited["note"]) == (log["id"], 4, "partial", "sore")
    assert rehab("undo").code == 0
    assert rehab("history", "--json").json()["sessions"][0]["pain"] == 2
    assert rehab("history", "delete", str(log["id"])).code == 0
    assert rehab("history", "--json").json()["sessions"] == []
    assert rehab("undo").code == 0
    assert len(rehab("history", "--json").json()["sessions"]) == 1
    bad = rehab("history", "edit", "999", "--pain", "1")
    assert bad.code == 1 and "no logged session with id 999" in bad.err
    assert "nothing to change" in rehab("history", "edit", str(log["id"])).err
    assert "pain must be from 0 to 10" in rehab("history", "edit", str(log["id"]), "--pain", "11").err


def test_checkin_edit_delete_and_the_new_signs(rehab):
    start(rehab)
    assert rehab("checkin", "--morning-pain", "3", "--limping", "--sore-next-day").code == 0
    [checkin] = rehab("history", "--json").json()["checkins"]
    assert (checkin["limping"], checkin["sore_next_day"], checkin["warmth_redness"]) == (True, True, False)
    assert rehab("history", "edit-checkin", "today", "--warmth-redness", "yes", "--limping", "no").code == 0
    [checkin] = rehab("history", "--json").json()["checkins"]
    assert (checkin["limping"], checkin["warmth_redness"], checkin["morning_pain"]) == (False, True, 3)
    assert rehab("history", "delete-checkin", "2026-11-24").code == 0
    assert rehab("history", "--json").json()["checkins"] == []
    assert rehab("undo").code == 0
    assert len(rehab("history", "--json").json()["checkins"]) == 1
    assert "no check-in on 2026-11-20" in rehab("history", "delete-checkin", "2026-11-20").err


def test_stats_say_when_the_day_and_week_are_under_way(rehab):
    start(rehab)
    rehab("log", "swimming")
    out = rehab("stats").out
    assert "still to come" in out
    assert "today: 1 of 12 due so far, 11 still to do today" in out


def test_week_shows_impact_sessions_as_cycling_while_a_red_flag_is_active(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-09", today="2026-12-09").code == 0
    before = rehab("week", "--json", today="2026-12-09").json()
    assert any(s["activity"] == "walk-run" and s["date"] == "2026-12-09" for s in before["sessions"])
    for day in ("2026-12-08", "2026-12-09"):
        rehab("checkin", "--morning-pain", "3", "--night-pain", "--date", day, today="2026-12-09")
    after = rehab("week", "--json", today="2026-12-09").json()
    today_and_later = [s for s in after["sessions"] if s["date"] >= "2026-12-09"]
    assert not any(s["activity"] == "walk-run" for s in today_and_later)
    assert any(s["activity"] == "cycling" and s["session_id"] == "return-walkrun" and s["date"] == "2026-12-09"
               for s in after["sessions"])
