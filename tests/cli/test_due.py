"""`rehab due`: one line or JSON, from a fresh cache (stdlib only) or the full computation."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys

import pytest

from tui.core.records import LogEntry
from tui.due_fast import CACHE_NAME, config_file, data_dir, read_due_cache

NOON = "2026-11-24T12:40"
HEAVY = ("textual", "tinydb", "dateutil", "jsonschema", "icalendar", "pathlib", "argparse")


@pytest.fixture
def planned(rehab):
    """The conservative plan with its built-in default times dropped: these tests spread sittings
    over the waking hours themselves."""
    from tui.storage.store import Store

    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    from tui.core.schedule import Plan

    with Store.open(rehab.data_dir, fsync=False) as store:
        plan = store.get_plan()
        assert plan is not None
        data = plan.to_dict()
        for phase in data["template"]["phases"]:
            for spec in phase["sessions"]:
                (spec.get("dose") or {}).pop("times", None)
        store.set_plan(Plan(data), "drop default times")
    return rehab


def cache_path(rehab):
    return rehab.data_dir / CACHE_NAME


def modules_after(rehab, *args: str) -> tuple[str, set[str]]:
    """Run `rehab ARGS` in a fresh interpreter; its output and the top-level modules it imported."""
    code = ("import sys, io, contextlib\n"
            "from tui.cli.main import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    code = main({list(args)!r})\n"
            "print(code, out.getvalue().strip())\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n")
    env = {**os.environ, "REHAB_DATA_DIR": str(rehab.data_dir)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=True)
    *output, mods = proc.stdout.strip().split("\n")
    return "\n".join(output), set(mods.split())


def test_no_plan_is_one_line_and_exit_1(rehab):
    result = rehab("due")
    assert result.code == 1 and result.out == ""
    assert result.err.strip() == "rehab: no active plan; start one with `rehab plan start metatarsalgia-conservative`"


def test_one_line_names_what_is_due_and_what_is_next(planned):
    early = planned("due", "--now", "2026-11-24T06:30")
    assert early.code == 0 and early.out == "next: Swimming at 07:00\n"
    result = planned("due", "--now", NOON)
    assert result.code == 0 and result.err == ""
    line = result.out.strip()
    assert "\n" not in line
    assert line.startswith("due now: Swimming (07:00), Ice pack 1/3 (07:00), Calf stretch 1/2 (07:00) and ")
    assert line.endswith(" · next: Calf stretch 2/2 at 14:45")  # 07:00 to 22:30, the config's defaults


def test_json_lists_due_later_today_and_next(planned):
    data = planned("due", "--json", "--now", NOON).json()
    assert data["now"] == "2026-11-24T12:40:00"
    assert set(data) == {"now", "due", "snoozed", "later_today", "next"}
    ice = [s for s in data["due"] if s["activity"] == "ice-pack"]
    assert [(s["date"], s["time"], s["sitting"], s["sittings"]) for s in ice] == [
        ("2026-11-24", "07:00", 1, 3), ("2026-11-24", "12:10", 2, 3)]
    assert set(ice[0]) == {"date", "time", "timed", "session_id", "activity", "name", "kind",
                           "sitting", "sittings", "minutes", "key"}
    assert data["next"]["name"] == "Calf stretch" and data["next"]["time"] == "14:45"
    assert all(s["date"] == "2026-11-24" and s["time"] > "12:40" for s in data["later_today"])


def test_a_log_handles_a_sitting(planned):
    assert planned("log", "ice-pack").code == 0
    data = planned("due", "--json", "--now", NOON).json()
    assert [s["sitting"] for s in data["due"] if s["activity"] == "ice-pack"] == [2]


def test_the_first_run_writes_a_private_cache_and_the_next_reads_only_it(planned):
    planned("due", "--now", NOON)
    path = cache_path(planned)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc = json.loads(path.read_text())
    assert doc["format"] == "rehab-planner/due-cache" and doc["from"] == "2026-11-24"
    assert doc["to"] == "2026-12-07" and doc["plan"] is True
    line, mods = modules_after(planned, "--today", "2026-11-24", "due", "--now", NOON)
    assert line.startswith("0 due now: Swimming (07:00)")
    assert not mods & set(HEAVY), mods & set(HEAVY)
    # the slow path did import them (so the test above means something)
    path.unlink()
    _, slow = modules_after(planned, "due", "--now", NOON)
    assert {"tinydb", "dateutil"} <= slow


def test_a_write_the_cache_did_not_see_makes_it_stale(planned):
    planned("due", "--now", NOON)
    before = cache_path(planned).read_text()
    assert planned("log", "ice-pack").code == 0  # a store commit that did not refresh the cache
    assert read_due_cache(str(planned.data_dir), dt.date(2026, 11, 24)) is None
    data = planned("due", "--json", "--now", NOON).json()
    assert [s["sitting"] for s in data["due"] if s["activity"] == "ice-pack"] == [2]
    assert cache_path(planned).read_text() != before
    assert read_due_cache(str(planned.data_dir), dt.date(2026, 11, 24)) is not None


def test_the_store_call_keeps_the_cache_current(planned):
    from tui.storage.due_cache import update_due_cache
    from tui.storage.store import Store

    with Store.open(planned.data_dir) as store:
        entry = LogEntry(dt.date(2026, 11, 24), "ice-pack", "done", "settle-ice")
        try:  # the typed Store takes a LogEntry, the older one its dict
            store.add_log(entry)
        except (AttributeError, TypeError):
            store.add_log(entry.to_dict())
        assert update_due_cache(planned.data_dir, store.get_plan(), store.logs(),
                                today=dt.date(2026, 11, 24)) is not None
    line, mods = modules_after(planned, "due", "--json", "--now", NOON)
    assert "tinydb" not in mods
    data = json.loads(line[2:])
    assert [s["sitting"] for s in data["due"] if s["activity"] == "ice-pack"] == [2]


@pytest.mark.parametrize("damage", ["garbage", "version", "app", "window", "format", "entries"])
def test_a_bad_or_foreign_cache_is_recomputed(planned, damage):
    good = planned("due", "--json", "--now", NOON).json()
    path = cache_path(planned)
    doc = json.loads(path.read_text())
    if damage == "garbage":
        path.write_text("{not json")
    elif damage == "entries":  # fresh by every check, but its entries are not readable
        doc["sittings"][0]["time"] = "25:99"
        doc["handled"] = {"not a date|x": "many"}
        path.write_text(json.dumps(doc))
    else:
        changes = {"version": {"version": 99}, "app": {"app": "0.0.0"}, "format": {"format": "x"},
                   "window": {"from": "2026-11-01", "to": "2026-11-14"}}[damage]
        path.write_text(json.dumps({**doc, **changes, "sittings": []}))
    if damage != "entries":
        assert read_due_cache(str(planned.data_dir), dt.date(2026, 11, 24)) is None
    again = planned("due", "--json", "--now", NOON)
    assert again.code == 0 and again.err == "" and again.json() == good


def test_a_day_outside_the_window_is_recomputed(planned):
    planned("due", "--now", NOON)
    later = planned("due", "--json", "--now", "2026-12-20T08:00").json()
    assert later["due"] and all(s["date"] == "2026-12-20" for s in later["due"])
    assert json.loads(cache_path(planned).read_text())["from"] == "2026-12-20"


def test_today_option_sets_the_day(planned):
    data = planned("due", "--json", today="2026-11-25").json()
    assert data["now"].startswith("2026-11-25T")


def test_waking_hours_from_the_config_file_and_a_change_there_is_seen(planned, tmp_path):
    conf_dir = tmp_path / "conf"
    conf_dir.mkdir()
    env = {"REHAB_CONFIG_DIR": str(conf_dir)}
    first = planned("due", "--json", "--now", NOON, env=env).json()
    assert first["due"][0]["time"] == "07:00"
    (conf_dir / "config.toml").write_text('wake = "08:30"\nsleep = "21:30"\n')
    data = planned("due", "--json", "--now", NOON, env=env).json()
    assert data["due"][0]["time"] == "08:30"
    ice = [s["time"] for s in data["due"] + data["later_today"] if s["activity"] == "ice-pack"]
    assert ice == ["08:30", "12:50", "17:10"]  # 3x a day spread over 08:30-21:30


def test_a_bad_config_says_one_line_and_uses_the_defaults(planned, tmp_path):
    conf_dir = tmp_path / "conf"
    conf_dir.mkdir()
    (conf_dir / "config.toml").write_text('wake = "late"\n')
    result = planned("due", "--json", "--now", NOON, env={"REHAB_CONFIG_DIR": str(conf_dir)})
    assert result.code == 0 and result.json()["due"][0]["time"] == "07:00"
    assert result.err.count("\n") == 1 and "wake" in result.err and "using the defaults" in result.err
    (conf_dir / "config.toml").write_text('wake = "20:00"\nsleep = "06:00"\n')  # a night shift
    result = planned("due", "--json", "--now", NOON, env={"REHAB_CONFIG_DIR": str(conf_dir)})
    assert result.code == 0 and result.json()["due"][0]["time"] == "07:00"
    assert result.err.count("\n") == 1 and "for reminders; using 07:00 to 22:00" in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_data_dir_is_never_written(planned):
    os.chmod(planned.data_dir, 0o500)
    try:
        before = sorted(os.listdir(planned.data_dir))
        result = planned("due", "--now", NOON)
        assert result.code == 0 and result.out.startswith("due now:")
        assert sorted(os.listdir(planned.data_dir)) == before
    finally:
        os.chmod(planned.data_dir, 0o700)


def test_the_writer_skips_a_read_only_data_dir(planned, monkeypatch):
    from tui.storage import due_cache

    monkeypatch.setattr(due_cache.os, "access", lambda path, mode: False)
    assert due_cache.write_due_cache(planned.data_dir, [], [], start=dt.date(2026, 11, 24)) is None
    assert not cache_path(planned).exists()


@pytest.mark.parametrize("args, code, text", [
    (("due", "--bogus"), 2, "unrecognized argument: --bogus"),
    (("due", "--now"), 2, "--now needs a value"),
    (("due", "--now", "noon"), 1, "--now must be a date and time"),
])
def test_bad_options_are_one_clear_line(planned, args, code, text):
    result = planned(*args)
    assert result.code == code and text in result.err and "Traceback" not in result.err


def test_help(rehab):
    result = rehab("due", "--help")
    assert result.code == 0 and result.out.startswith("usage: rehab") and "--json" in result.out


def test_paths_follow_the_locations_rules(monkeypatch, tmp_path):
    from tui import locations

    for env in ({}, {"REHAB_DATA_DIR": str(tmp_path / "d"), "REHAB_CONFIG_DIR": str(tmp_path / "c")},
                {"XDG_DATA_HOME": "relative", "XDG_CONFIG_HOME": "relative"},
                {"XDG_DATA_HOME": str(tmp_path / "x"), "XDG_CONFIG_HOME": str(tmp_path / "y")}):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        assert data_dir() == str(locations.data_dir())
        assert data_dir("~/elsewhere") == str(locations.data_dir("~/elsewhere"))
        assert config_file() == str(locations.config_dir() / "config.toml")


README = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")


def readme_snippets() -> dict[str, str]:
    import re

    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    section = text[text.index("## What is due"):text.index("## Exports, backup")]
    return {lang: body for lang, body in re.findall(r"```(\w+)\n(.*?)```", section, re.S)
            if lang in ("bash", "zsh", "fish", "sh")}


@pytest.mark.parametrize("shell, run", [
    ("bash", 'source {file}; eval "$PROMPT_COMMAND"'),
    ("zsh", "source {file}; __rehab_due"),
    ("fish", "source {file}; __rehab_due"),
    ("sh", ". {file}"),
])
def test_readme_prompt_and_login_snippets_work(rehab, tmp_path, shell, run):
    import shutil

    exe = shutil.which(shell)
    if exe is None:
        pytest.skip(f"{shell} is not installed")
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "config.toml").write_text('wake = "00:00"\nsleep = "23:59"\n')
    env = {"REHAB_CONFIG_DIR": str(conf)}
    today = dt.date.today().isoformat()
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", today, today=today, env=env).code == 0
    snippet = tmp_path / f"snippet.{shell}"
    snippet.write_text(readme_snippets()[shell])
    bindir = os.path.dirname(rehab.command[0])
    full_env = {**os.environ, "REHAB_DATA_DIR": str(rehab.data_dir), "PATH": f"{bindir}:{os.environ['PATH']}",
                "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg"), **env}
    out = subprocess.run([exe, "-c", run.format(file=snippet)], capture_output=True, text=True,
                         env=full_env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "due now: " in out.stdout and out.stdout.count("\n") == 1, out.stdout


def test_a_change_in_a_data_subfolder_makes_the_cache_stale(planned):
    planned("due", "--now", NOON)
    sub = planned.data_dir / "archive"
    sub.mkdir(exist_ok=True)
    planned("due", "--now", NOON)  # the new folder is part of the data: recomputed once
    assert read_due_cache(str(planned.data_dir), dt.date(2026, 11, 24)) is not None
    (sub / "2020.json").write_text("{}")
    assert read_due_cache(str(planned.data_dir), dt.date(2026, 11, 24)) is None


def test_no_cache_is_written_where_the_data_dir_is_not_writable(planned, monkeypatch, capsys):
    from tui.cli.main import main

    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if mode & os.W_OK else real(path, mode))
    monkeypatch.setenv("REHAB_DATA_DIR", str(planned.data_dir))
    before = sorted(os.listdir(planned.data_dir))
    assert main(["due", "--now", NOON]) == 0
    assert capsys.readouterr().out.startswith("due now: Swimming (07:00)")
    assert sorted(os.listdir(planned.data_dir)) == before


def test_now_with_an_offset_is_read_as_local_time(planned):
    data = planned("due", "--json", "--now", "2026-11-24T12:40:00+00:00", env={"TZ": "Europe/Paris"}).json()
    assert data["now"] == "2026-11-24T13:40:00"


def test_a_cache_written_for_another_config_file_is_not_used(planned, tmp_path):
    planned("due", "--now", NOON)
    assert read_due_cache(str(planned.data_dir), dt.date(2026, 11, 24)) is not None
    other = tmp_path / "other-conf"
    other.mkdir()
    (other / "config.toml").write_text('wake = "09:00"\n')
    data = planned("due", "--json", "--now", NOON, env={"REHAB_CONFIG_DIR": str(other)}).json()
    assert data["due"][0]["time"] == "09:00"


def test_data_dir_option_before_or_after_due(planned, tmp_path):
    other = tmp_path / "empty-data"
    for args in (("--data-dir", str(other), "due"), ("due", f"--data-dir={other}")):
        result = planned(*args, env={"REHAB_DATA_DIR": ""})
        assert result.code == 1 and "no active plan" in result.err
    assert planned("due", "--now", NOON).code == 0  # REHAB_DATA_DIR: the planned one


def test_the_store_call_never_raises_on_a_bad_plan(planned):
    from tui.storage.due_cache import update_due_cache

    planned("due", "--now", NOON)
    bad = {"template": {"id": "x", "name": "x", "phases": []}, "start": "not a date"}
    assert update_due_cache(planned.data_dir, bad, [], today=dt.date(2026, 11, 24)) is None
    assert not cache_path(planned).exists()
