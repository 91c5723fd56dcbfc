"""Shell completion scripts: generated for bash, zsh and fish, and they complete the right words."""

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import rehab_command
from tui.cli import completion
from tui.cli.completion import SHELLS, builtin_template_ids, completion_script
from tui.cli.parser import build_parser
from tui.core.activities import CATALOG
from tui.core.errors import RehabError

BUILTINS = ["maintenance", "metatarsalgia-conservative", "on-your-feet-at-work", "return-to-run"]


@pytest.fixture
def fake_path(tmp_path, data_dir):
    """A PATH whose `rehab` is the real entry point over a temp data dir (the script calls it)."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "rehab"
    exe.write_text("#!/bin/sh\nexec " + " ".join(rehab_command()) + ' "$@"\n')
    exe.chmod(0o755)
    return {"PATH": f"{bindir}:/usr/bin:/bin", "REHAB_DATA_DIR": str(data_dir), "HOME": str(tmp_path)}


def _script(tmp_path, shell: str) -> str:
    path = tmp_path / f"rehab.{shell}"
    path.write_text(completion_script(build_parser(), shell))
    return str(path)


def test_builtin_template_ids_are_the_shipped_plans():
    assert builtin_template_ids() == BUILTINS


@pytest.mark.parametrize("shell", SHELLS)
def test_every_script_names_commands_options_activities_and_templates(shell):
    text = completion_script(build_parser(), shell)
    for word in ("log", "templates", "checkin", "--morning-pain", "--data-dir", "thumb-sweep", "ball-roll",
                 "templates list", "metatarsalgia-conservative", "massage"):
        assert word in text, (shell, word)
    assert text.isascii()


def test_zsh_keeps_the_compdef_tag_on_the_first_line():
    assert completion_script(build_parser(), "zsh").startswith("#compdef rehab\n")


def test_an_unknown_shell_is_one_line_error():
    with pytest.raises(RehabError, match="choose one of bash, zsh, fish"):
        completion_script(build_parser(), "tcsh")


def test_only_id_shaped_words_reach_the_script():
    text = completion_script(build_parser(), "bash", template_ids=["good-id", "bad;rm -rf", "$(x)"])
    assert "good-id" in text and "rm -rf" not in text and "$(x)" not in text


def test_bash_registers_the_completion(tmp_path, fake_path):
    path = _script(tmp_path, "bash")
    out = subprocess.run(["bash", "-c", f"source {path} && complete -p rehab"], capture_output=True, text=True,
                         env=fake_path, check=True).stdout
    assert out.startswith("complete ") and "-F _shtab_rehab" in out and out.strip().endswith(" rehab")


BASH_TRY = """
source {path}
t() {{ COMP_WORDS=("$@"); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMP_LINE="$*"; COMP_POINT=${{#COMP_LINE}};
      COMPREPLY=(); _shtab_rehab rehab "${{COMP_WORDS[-1]}}" "${{COMP_WORDS[-2]}}";
      printf '%s\\n' "${{COMPREPLY[*]}}"; }}
t rehab lo
t rehab log thumb
t rehab log ""
t rehab plan start ""
t rehab templates show m
t rehab log --foot ""
t rehab log ice-pack --n
t rehab activities ma
"""


def test_bash_completes_commands_options_activity_and_template_ids(tmp_path, fake_path, data_dir):
    # a template in the user's library is offered too (asked from `rehab templates list` at Tab time)
    mine = json.loads(_builtin_file().read_text())
    mine["id"] = "my-own-plan"
    lib = data_dir / "templates"
    lib.mkdir(parents=True)
    (lib / "mine.json").write_text(json.dumps(mine))
    path = _script(tmp_path, "bash")
    lines = subprocess.run(["bash", "-c", BASH_TRY.format(path=path)], capture_output=True, text=True,
                           env=fake_path, check=True, timeout=60).stdout.splitlines()
    assert lines[0].split() == ["locate", "log"]
    assert lines[1].split() == ["thumb-sweep", "thumb-walk"]
    assert lines[2].split() == list(CATALOG)
    assert lines[3].split() == sorted([*BUILTINS, "my-own-plan"])
    assert lines[4].split() == ["maintenance", "metatarsalgia-conservative", "my-own-plan"]
    assert lines[5].split() == ["left", "right", "both"]
    assert lines[6].split() == ["--note"]
    assert lines[7].split() == ["massage"]


def test_bash_template_ids_fall_back_to_the_builtins_without_rehab(tmp_path):
    path = _script(tmp_path, "bash")
    out = subprocess.run(["bash", "-c", BASH_TRY.format(path=path)], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, check=True).stdout.splitlines()
    assert out[3].split() == BUILTINS


def _builtin_file():
    from tui import locations

    return locations.builtin_template_dir() / "return-to-run.json"


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed")
def test_zsh_script_parses(tmp_path):
    subprocess.run(["zsh", "-n", _script(tmp_path, "zsh")], check=True)


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed")
def test_fish_completes_activity_and_template_ids(tmp_path, fake_path):
    path = _script(tmp_path, "fish")
    subprocess.run(["fish", "-n", path], check=True)
    code = (f"source {path}; complete -C 'rehab log thumb'; echo ==; complete -C 'rehab plan start '; "
            "echo ==; complete -C 'rehab lo'")
    out = subprocess.run(["fish", "-c", code], capture_output=True, text=True, env=fake_path, check=True,
                         timeout=60).stdout
    activities, templates, commands = (block.strip().splitlines() for block in out.split("==\n"))
    assert [line.split("\t")[0] for line in activities] == ["thumb-sweep", "thumb-walk"]
    assert [line.split("\t")[0] for line in templates] == BUILTINS
    assert [line.split("\t")[0] for line in commands] == ["locate", "log"]


def test_the_completion_subcommand_prints_the_script(capsys):
    parser = build_parser()  # "completion" is wired in through EXTRA_MODULES
    args = parser.parse_args(["completion", "fish"])
    assert completion.COMMANDS["completion"](None, args) == 0
    assert "complete -c rehab" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        parser.parse_args(["completion", "powershell"])


def test_building_the_parser_with_completion_loads_no_shtab():
    code = ("import argparse, sys\nfrom tui.cli import completion\n"
            "p = argparse.ArgumentParser(); completion.add_parsers(p.add_subparsers())\n"
            "print('shtab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
