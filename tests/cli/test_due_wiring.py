"""`due` in the parser (help, completion) and the export help's vdir and --alarm wording."""

from __future__ import annotations

from tui.cli.parser import build_parser


def test_due_is_listed_in_the_command_help(rehab):
    result = rehab("--help")
    assert result.code == 0
    assert "due" in result.out and "what is due now and next" in result.out


def test_due_subparser_takes_json_and_now():
    args = build_parser().parse_args(["due", "--json", "--now", "2026-11-24T12:30"])
    assert args.command == "due" and args.json and args.now == "2026-11-24T12:30"


def test_due_still_runs_before_argparse(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    result = rehab("due", "--now", "2026-11-24T23:59")
    assert result.code == 0 and result.out.strip()


def test_export_help_names_vdir_and_says_alarms_skip_all_day_items(rehab):
    out = " ".join(rehab("export", "--help").out.split())
    assert "vdir" in out and "-o DIR" in out
    assert "pair it with --at" not in out
    assert "all-day items get no alarm" in out


def test_export_vdir_without_a_plan_is_one_line(rehab, tmp_path):
    result = rehab("export", "--format", "vdir", "-o", str(tmp_path / "cal"))
    assert result.code == 1
    assert result.err.startswith("rehab: no active plan") and len(result.err.strip().splitlines()) == 1


def test_due_is_in_the_bash_completion():
    from tui.cli.completion import completion_script

    script = completion_script(build_parser(), "bash")
    assert "due" in script and "--now" in script
