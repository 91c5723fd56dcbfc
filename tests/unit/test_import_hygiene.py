"""The core imports neither textual nor tinydb; the CLI's scripted commands import no textual."""

import subprocess
import sys

CORE = [
    "tui.core.activities", "tui.core.dates", "tui.core.dose", "tui.core.records",
    "tui.core.schedule", "tui.core.sources", "tui.core.templates", "tui.core.stats",
    "tui.core.review", "tui.core.flare", "tui.core.substitution", "tui.core.redflags",
]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split())


def test_core_imports_no_textual_or_tinydb():
    mods = _loaded_after("\n".join(f"import {m}" for m in CORE))
    assert not {m for m in mods if m.split(".")[0] in {"textual", "tinydb", "rich"}}


def test_cli_commands_import_no_textual():
    mods = _loaded_after("import tui.cli.main, tui.cli.commands, tui.storage.store")
    assert "textual" not in {m.split(".")[0] for m in mods}


def test_importing_the_package_does_no_work(tmp_path):
    # importing every module must not create the data dir
    env_home = tmp_path / "h"
    code = "import tui.locations, tui.cli.commands, tui.storage.store, tui.app"
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={"HOME": str(env_home), "PATH": "/usr/bin:/bin"})
    assert not env_home.exists()
