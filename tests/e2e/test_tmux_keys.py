"""End to end for the config file's [keys] in a real terminal (issue 13): the installed `rehab`
under tmux, with a main-screen action (progress: p -> g) and the help key (? -> f2) moved. The
new keys work, the old ones no longer do, and the footer and ? help show the new keys.

The config lives under the test's temp dir (XDG_CONFIG_HOME and HOME point there): the real
home is never read. No fixed sleeps: "the old key did nothing" is seen by sending it and then
a key whose effect shows (] moves the week): tmux delivers keys in order, so once the next
week is drawn the old key has been handled, and it opened nothing."""

from __future__ import annotations

import re
import subprocess
import time

import pytest

from tests.e2e.test_tmux import TODAY_FIRST, rehab_exe, term  # noqa: F401  (the fixture)

pytestmark = pytest.mark.e2e

CONFIG = '[keys]\nprogress = "g"\nhelp = "f2"\n\n[reminders]\nnotify = "off"\n'
NEXT_WEEK, THIS_WEEK = "Sun 6", "Sun 29"  # the week strip's last day after ] and after [
PROGRESS_TITLE = "Progress · last 28 days"
HELP_TITLE = "Keys on the main screen"
HELP_BOX = "Help (Esc closes)"


def footer(screen: str) -> str:
    return screen.rstrip("\n").splitlines()[-1]


def wait_re(t, pattern: str, timeout: float = 20.0) -> str:
    """Wait until the screen matches ``pattern`` (a help row: the key, its column, its text)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = t.screen()
        if re.search(pattern, screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} never appeared; screen was:\n{t.screen()}")


def start(t, exe: str) -> str:
    subprocess.run([exe, "plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23"],
                   env=t.env, check=True, capture_output=True)
    t.start(f"{exe} --today 2026-11-24")
    return t.wait_for(TODAY_FIRST, timeout=30)


def old_key_does_nothing(t, key: str, unwanted: str) -> None:
    """``key`` (moved away) then ] and [: the week moves and comes back, nothing opened between."""
    t.keys(key, "]")
    screen = t.wait_for(NEXT_WEEK)
    assert unwanted not in screen, f"{key!r} still opened {unwanted!r}:\n{screen}"
    t.keys("[")
    t.wait_for(THIS_WEEK)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_moved_keys_work_and_show_and_the_old_keys_do_not(term, tmp_path, size):  # noqa: F811
    config = tmp_path / "home" / ".config" / "rehab-planner" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(CONFIG)
    t = term(*size, XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"))
    exe = rehab_exe()
    screen = start(t, exe)
    assert "Config" not in screen and "Traceback" not in screen  # no warning: the ids are known
    line = footer(screen)
    assert "f2 Help" in line and "? Help" not in line and line.rstrip().endswith("^p Palette"), line
    if size[0] >= 100:  # at 100 columns the footer keeps progress, under its new key
        assert "g Progress" in line and "p Progress" not in line, line

    old_key_does_nothing(t, "p", PROGRESS_TITLE)
    old_key_does_nothing(t, "?", HELP_TITLE)

    t.keys("F2")  # the moved help key: the main screen's keys, showing the moved ones
    t.wait_for(HELP_TITLE)
    t.keys("PageDown")  # (at 80x24 the progress row is below the first page)
    screen = wait_re(t, r"│ g {5,}Progress: adherence")
    assert not re.search(r"│ p {5,}Progress:", screen), screen
    t.keys("End")  # the end of the help: its own key, and the general keys
    screen = t.wait_for("Your own keys")
    assert re.search(r"│ f2 {5,}Show every key of this screen", screen), screen
    assert not re.search(r"│ \? {5,}", screen), screen  # ? is no longer a help key anywhere
    t.keys("Escape")
    t.wait_gone(HELP_BOX)  # closed: a key sent straight after Escape would read as Alt+key

    t.keys("g")  # the moved action opens its screen, whose footer shows the moved help key
    screen = t.wait_for(PROGRESS_TITLE)
    line = footer(screen)
    assert "f2 Help" in line and "? Help" not in line and line.rstrip().endswith("^p Palette"), line
    t.keys("?", "d")  # ? moved away on this screen too: d (the window) reaches the progress screen
    screen = t.wait_for("Progress · last 84 days")
    assert "Keys of the progress" not in screen, screen
    t.keys("F2")
    t.wait_for("Keys of the progress")
    t.keys("Escape")
    t.wait_gone(HELP_BOX)
    t.keys("Escape")  # back to the week
    t.wait_gone("Progress · last")
    t.keys("q")
    assert t.exit_status() == 0
