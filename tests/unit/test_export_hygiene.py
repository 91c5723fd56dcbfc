"""The export modules are core: no textual, tinydb or rich."""

import subprocess
import sys


def test_exports_import_no_ui_or_storage():
    code = ("import tui.core.exports, tui.core.exports.ics, tui.core.exports.csv, "
            "tui.core.exports.markdown, tui.core.exports.backup, sys\n"
            "print(' '.join(sorted(sys.modules)))")
    mods = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not {m for m in mods if m.split(".")[0] in {"textual", "tinydb", "rich"}}


def test_cli_parser_does_not_load_the_export_libraries():
    code = "import tui.cli.parser as p, sys\np.build_parser()\nprint(' '.join(sorted(sys.modules)))"
    mods = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True).stdout.split())
    assert "icalendar" not in mods and "textual" not in mods
