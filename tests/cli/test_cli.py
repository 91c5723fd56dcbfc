"""The command-line contract, through the real entry point."""

import json

import pytest


def one_line_error(result, code=1):
    assert result.code == code, (result.out, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


def test_version_help_and_locate(rehab):
    assert rehab("--version").code == 0
    assert "rehab-planner" in rehab("--version").out
    help_ = rehab("--help")
    assert help_.code == 0 and "templates" in help_.out
    loc = rehab("locate")
    assert loc.code == 0 and str(rehab.data_dir) in loc.out


def test_usage_error_exits_2(rehab):
    assert rehab("frobnicate").code == 2
    assert rehab("log").code == 2


def test_templates_list_show_export(rehab):
    res = rehab("templates", "list", "--json")
    assert res.code == 0
    items = res.json()
    ids = {t["id"]: t for t in items}
    assert {"metatarsalgia-conservative", "return-to-run", "on-your-feet-at-work"} <= set(ids)
    assert all(t["origin"] == "built-in" and t["name"] for t in items)
    show = rehab("templates", "show", "metatarsalgia-conservative")
    assert show.code == 0 and "first week" in show.out
    exported = rehab("templates", "export", "return-to-run")
    assert exported.json()["id"] == "return-to-run"
    one_line_error(rehab("templates", "show", "nope"))


def test_validate_and_import(rehab, tmp_path):
    good = json.loads(rehab("templates", "export", "metatarsalgia-conservative").out)
    good["id"] = "my-plan"
    good["name"] = "My plan"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(good))
    assert rehab("templates", "validate", str(path)).code == 0
    jogging = dict(good["phases"][0]["sessions"][0], activity="jogging")
    bad = dict(good, phases=[dict(good["phases"][0], sessions=[jogging])])
    bad_path = tmp_path / "bad.json"
    bad_path.write_text(json.dumps(bad))
    line = one_line_error(rehab("templates", "validate", str(bad_path)))
    assert "bad.json" in line and "$.phases[0].sessions[0].activity" in line
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    one_line_error(rehab("templates", "import", str(broken)))
    user_dir = rehab.data_dir / "templates"
    assert not user_dir.exists() or not any(user_dir.iterdir())
    imp = rehab("templates", "import", str(path))
    assert imp.code == 0, imp.err
    listed = {t["id"]: t for t in rehab("templates", "list", "--json").json()}
    assert listed["my-plan"]["origin"] == "user"
    assert oct((user_dir / "my-plan.json").stat().st_mode & 0o777) == "0o600"


def test_shared_template_path_adds_but_never_takes_a_built_in_id(rehab, tmp_path):
    good = json.loads(rehab("templates", "export", "return-to-run").out)
    good["name"] = "Clinic version"
    shared = tmp_path / "clinic"
    shared.mkdir()
    (shared / "rtr.json").write_text(json.dumps(good))
    own = dict(good, id="clinic-run")
    (shared / "own.json").write_text(json.dumps(own))
    res = rehab("templates", "list", "--json", env={"REHAB_TEMPLATE_PATH": str(shared)})
    listed = {t["id"]: t for t in res.json()}
    assert listed["return-to-run"]["origin"] == "built-in"
    assert listed["clinic-run"]["origin"] == "shared"
    assert "rtr.json" in res.err and "built-in" in res.err


def test_plan_week_log_history(rehab):
    assert one_line_error(rehab("week")).startswith("rehab: no active plan")
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    week = rehab("week", "--json").json()
    assert week["week_start"] == "2026-11-23"
    s = week["sessions"][0]
    assert {"date", "activity", "kind", "status", "dose"} <= set(s)
    today = [x for x in week["sessions"] if x["date"] == "2026-11-24"]
    assert today and all(x["status"] == "due" for x in today)
    assert all(x["status"] == "missed" for x in week["sessions"] if x["date"] == "2026-11-23")
    act = today[0]["activity"]
    res = rehab("log", act, "--pain", "2", "--minutes", "10", "--foot", "left", "--note", "ok")
    assert res.code == 0, res.err
    week = rehab("week", "--json").json()
    assert next(x["status"] for x in week["sessions"] if x["date"] == "2026-11-24" and x["activity"] == act) == "done"
    assert rehab("checkin", "--morning-pain", "3", "--numbness").code == 0
    hist = rehab("history", "--json").json()
    assert len(hist["sessions"]) == 1 and hist["sessions"][0]["pain"] == 2
    assert hist["checkins"][0]["morning_pain"] == 3 and hist["checkins"][0]["numbness"] is True
    assert rehab("week").code == 0


@pytest.mark.parametrize("args", [
    ("log", "ice-pack", "--pain", "11"),
    ("log", "ice-pack", "--pain", "-1"),
    ("log", "ice-pack", "--date", "2026-02-30"),
    ("log", "jogging"),
    ("log", "ice-pack", "--minutes", "abc"),
    ("checkin", "--morning-pain", "12"),
    ("history", "--from", "2026-13-01"),
    ("plan", "start", "metatarsalgia-conservative", "--start", "2026-02-29"),
])
def test_bad_input_changes_nothing(rehab, args):
    assert rehab("plan", "start", "metatarsalgia-conservative").code == 0
    before = rehab("history", "--json").out
    one_line_error(rehab(*args))
    assert rehab("history", "--json").out == before


def test_plan_export_strips_personal_data(rehab, tmp_path):
    rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23")
    rehab("log", "ice-pack", "--note", "private note")
    out = tmp_path / "plan.json"
    assert rehab("plan", "export", "-o", str(out)).code == 0
    text = out.read_text()
    assert "private note" not in text and "2026-11" not in text
    assert rehab("templates", "validate", str(out)).code == 0


def test_undo(rehab):
    rehab("plan", "start", "metatarsalgia-conservative")
    rehab("log", "ice-pack")
    assert rehab("undo").code == 0
    assert rehab("history", "--json").json()["sessions"] == []


def test_activities_catalogue(rehab):
    res = rehab("activities", "--json")
    assert res.code == 0
    items = {a["id"]: a for a in res.json()}
    assert {"thumb-sweep", "thumb-walk", "ball-roll", "cycling", "swimming", "ice-pack"} <= set(items)
    assert items["ball-roll"]["kind"] == "massage" and items["ball-roll"]["steps"]
    massage = rehab("activities", "massage")
    assert massage.code == 0 and len(massage.out.splitlines()) == 3
    assert "unknown kind" in one_line_error(rehab("activities", "dancing"))
    assert "rehab activities" in one_line_error(rehab("log", "icepack"))


def test_closed_pipe_is_quiet(rehab, tmp_path):
    import subprocess

    rehab("plan", "start", "metatarsalgia-conservative")
    cmd = " ".join(rehab.command) + " --today 2026-11-24 week | head -1"
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True,
                          env={**__import__("os").environ, "REHAB_DATA_DIR": str(rehab.data_dir)})
    assert proc.stdout.strip() and "Broken pipe" not in proc.stderr and "Traceback" not in proc.stderr


def test_opening_the_app_skips_the_full_parser():
    from tui.cli.main import app_only_options

    assert app_only_options([]) == {"data_dir": None, "today": None, "ascii": False}
    assert app_only_options(["--data-dir", "d", "--today=2026-11-24"]) == {"data_dir": "d", "today": "2026-11-24",
                                                                         "ascii": False}
    assert app_only_options(["--ascii"]) == {"data_dir": None, "today": None, "ascii": True}
    for argv in (["week"], ["--data-dir"], ["--help"], ["--version"], ["--data-dir", "d", "log"], ["-x"]):
        assert app_only_options(argv) is None


def test_bad_today_when_opening_the_app_is_one_line(rehab):
    res = rehab("--today", "2026-02-30")
    assert res.code == 1 and "does not exist" in res.err and "Traceback" not in res.err


def test_footwear_list_and_checkin(rehab):
    assert rehab("footwear", "--json").json() == []
    assert rehab("footwear", "add", "Wide  trainers").code == 0
    assert "already" in one_line_error(rehab("footwear", "add", "Wide trainers"))
    assert rehab("checkin", "--morning-pain", "2", "--footwear", "Work boots + pad", "--callus").code == 0
    assert rehab("footwear", "--json").json() == ["Wide trainers", "Work boots + pad"]
    hist = rehab("history", "--json").json()["checkins"][0]
    assert hist["footwear"] == "Work boots + pad" and hist["callus"] is True
    assert rehab("footwear", "remove", "Wide trainers").code == 0
    assert "not on your list" in one_line_error(rehab("footwear", "remove", "Sandals"))
    one_line_error(rehab("checkin", "--morning-pain", "2", "--footwear", "x" * 61))
    assert rehab("footwear").out.strip() == "Work boots + pad"


def test_a_damaged_record_is_one_line_naming_file_and_record(rehab):
    """Issue 9: one policy for a damaged record: every reader says which file and record."""
    assert rehab("plan", "start", "metatarsalgia-conservative").code == 0
    assert rehab("log", "ice-pack", "--pain", "2").code == 0
    manifest = json.loads((rehab.data_dir / "rehab-manifest.json").read_text())
    path = rehab.data_dir / manifest["parts"]["2026-11"]["file"]  # the month's part file (the newest year)
    data = json.loads(path.read_text())
    data["logs"]["1"]["pain"] = "7"
    path.write_text(json.dumps(data))
    for command in (["week"], ["history", "--json"], ["stats"], ["review", "--week", "2026-11-24"],
                    ["export", "--format", "csv"]):
        line = one_line_error(rehab(*command))
        assert line == (f'rehab: {path}: logs record 1 is damaged: pain "7" is not a whole number '
                        "from 0 to 10"), command
