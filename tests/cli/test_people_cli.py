"""Issue 13 through the real entry point: sharing a plan, --ids, html, locate, the config's
export defaults, --ascii and the no-terminal case."""

import json
import os
import subprocess

from tests.cli.test_cli import one_line_error


def _start(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0


def test_plan_export_gets_its_own_id_and_imports_back(rehab, tmp_path):
    _start(rehab)
    out = tmp_path / "mine.json"
    assert rehab("plan", "export", "-o", str(out)).code == 0
    data = json.loads(out.read_text())
    assert data["id"] != "metatarsalgia-conservative"
    assert data["id"] == rehab("plan", "show", "--json").json()["name"].lower().replace(" ", "-").replace(
        "(", "").replace(")", "").replace(",", "") or data["id"]
    res = rehab("templates", "import", str(out))
    assert res.code == 0, res.err
    assert data["id"] in rehab("templates", "list", "--ids").out.split()


def test_plan_export_with_id(rehab, tmp_path):
    _start(rehab)
    out = tmp_path / "mine.json"
    assert rehab("plan", "export", "--id", "for-anna", "-o", str(out)).code == 0
    assert json.loads(out.read_text())["id"] == "for-anna"
    assert "not a template id" in one_line_error(rehab("plan", "export", "--id", "Bad Id"))
    assert "built-in" in one_line_error(rehab("plan", "export", "--id", "return-to-run"))


def test_import_over_own_id_offers_replace_or_rename(rehab, tmp_path):
    _start(rehab)
    out = tmp_path / "mine.json"
    rehab("plan", "export", "--id", "mine", "-o", str(out))
    assert rehab("templates", "import", str(out)).code == 0
    line = one_line_error(rehab("templates", "import", str(out)))
    assert "already in your library" in line and "--replace" in line and "--as" in line
    assert rehab("templates", "import", str(out), "--replace").code == 0
    res = rehab("templates", "import", str(out), "--as", "mine-two")
    assert res.code == 0 and "mine-two" in res.out
    ids = rehab("templates", "list", "--ids").out.split()
    assert {"mine", "mine-two"} <= set(ids)
    assert "not a template id" in one_line_error(rehab("templates", "import", str(out), "--as", "NO"))


def test_builtin_id_import_suggests_as(rehab, tmp_path):
    path = tmp_path / "rtr.json"
    path.write_text(rehab("templates", "export", "return-to-run").out)
    assert "--as NEW_ID" in one_line_error(rehab("templates", "import", str(path)))
    assert rehab("templates", "import", str(path), "--as", "my-run").code == 0


def test_ids_list_is_ids_only(rehab):
    ids = rehab("templates", "list", "--ids").out.splitlines()
    assert "metatarsalgia-conservative" in ids and all(" " not in i for i in ids)


def test_completion_is_a_command(rehab):
    res = rehab("completion", "bash")
    assert res.code == 0 and "templates list --ids" in res.out


def test_html_export(rehab):
    _start(rehab)
    res = rehab("export", "--format", "html")
    assert res.code == 0 and res.out.lstrip().lower().startswith("<!doctype html")


def test_locate_names_the_config_file(rehab, tmp_path):
    res = rehab("locate")
    config = os.path.join(os.environ["XDG_CONFIG_HOME"], "rehab-planner", "config.toml")
    assert f"config:    {config} (not there yet" in res.out
    os.makedirs(os.path.dirname(config))
    with open(config, "w") as fh:
        fh.write('theme = "nord"\n')
    assert f"config:    {config} (exists)" in rehab("locate").out


def test_export_defaults_from_config(rehab):
    _start(rehab)
    config = os.path.join(os.environ["XDG_CONFIG_HOME"], "rehab-planner", "config.toml")
    os.makedirs(os.path.dirname(config))
    with open(config, "w") as fh:
        fh.write('[export]\nalarm = 15\nat = "07:30"\n')
    ics = rehab("export", "--format", "ics").out
    assert "TRIGGER:-PT15M" in ics and "T073000" in ics
    plain = rehab("export", "--format", "ics", "--alarm", "0").out
    assert "TRIGGER:-PT15M" not in plain


def test_no_terminal_one_line_and_non_zero(rehab):
    for flags in ((), ("--ascii",)):
        proc = subprocess.run([*rehab.command, *flags], stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=20, env={**os.environ, "REHAB_DATA_DIR": str(rehab.data_dir)})
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr.count("\n") == 1 and "needs a terminal" in proc.stderr
        assert "\x1b" not in proc.stderr


def test_friendly_dates(rehab):
    _start(rehab)
    assert rehab("log", "ice-pack", "--date", "yesterday").code == 0
    assert rehab("log", "ice-pack", "--date", "-3").code == 0
    assert rehab("checkin", "--date", "monday", "--morning-pain", "2").code == 0
    days = {e["date"] for e in rehab("history", "--from", "-7", "--json").json()["sessions"]}
    assert days == {"2026-11-23", "2026-11-21"}
    assert rehab("week", "--date", "today", "--json").out == rehab("week", "--date", "2026-11-24", "--json").out
    line = one_line_error(rehab("log", "ice-pack", "--date", "someday"))
    assert "yesterday" in line


def test_cli_shows_data_text_through_the_apps_sanitizer(rehab):
    """The CLI escapes a note exactly as the app does (tui/core/safe_text.py): OSC 52, OSC 0,
    CSI 2J and a bidi override arrive as visible escapes, never as themselves."""
    from tui.core.safe_text import safe_line

    _start(rehab)
    note = "a\u202eb \x1b]52;c;aGk=\x07 \x1b]0;title\x07 \x1b[2J end"
    assert rehab("log", "ice-pack", "--note", note).code == 0
    out = rehab("history").out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert safe_line(note) in out
    assert "a\\u202eb \\x1b]52;c;aGk=\\x07" in out


def test_the_handout_says_once_that_it_is_not_medical_advice(rehab):
    """The templates' descriptions end with the disclaimer (the chooser shows no other); the
    handout has its own, so md and html say it once for every built-in plan."""
    for template in ("metatarsalgia-conservative", "return-to-run", "maintenance", "on-your-feet-at-work"):
        assert rehab("plan", "start", template, "--start", "2026-11-23").code == 0
        for fmt in ("md", "html"):
            out = rehab("export", "--format", fmt).out
            assert out.lower().count("not medical advice") == 1, (template, fmt)
