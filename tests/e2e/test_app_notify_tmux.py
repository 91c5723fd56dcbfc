"""The open app's terminal notification inside tmux: a sitting comes due under a fake clock,
the app writes the notification, tmux passes it through to the outer terminal, and the app
draws again (with its notice) afterwards. Uses test_notify_tmux's recorded outer terminal."""

from __future__ import annotations

import time

import pytest
from test_notify_tmux import Outer

pytestmark = pytest.mark.e2e

APP = """
import datetime as dt, os, sys, time
from pathlib import Path
import tui.app.reminders as reminders
from tui.app import make_app
from tui.service import make_service
from tui.service.reminders import ReminderSettings

reminders.TICK_SECONDS = 0.5  # the test waits on a real clock
day = dt.date(2026, 11, 24)
service = make_service(Path(os.environ["REHAB_E2E_DATA"]), day)
service.start_template("metatarsalgia-conservative", day - dt.timedelta(days=1))
start, t0 = dt.datetime(2026, 11, 24, 6, 59, 57), time.monotonic()  # the first sittings at 07:00
app = make_app(service, reminders=ReminderSettings("terminal", dt.time(7, 0), dt.time(22, 30)))
app.now = lambda: start + dt.timedelta(seconds=time.monotonic() - t0)
app.run()
"""


@pytest.fixture
def outer(tmp_path):
    made = Outer(tmp_path / "outer", passthrough=True)
    yield made
    made.close()


def test_the_app_notifies_through_tmux_when_a_sitting_comes_due(outer, tmp_path):
    outer.writer.write_text(APP)
    outer.env.update({"REHAB_E2E_DATA": str(tmp_path / "data"), "REHAB_NOTIFY": "osc777",
                      "XDG_CONFIG_HOME": str(tmp_path / "config")})
    outer.run("app")
    try:
        data = outer.wait_for(b"\x1b]777;notify;rehab: ", timeout=40)
    except AssertionError:
        print(outer.tmux("capture-pane", "-p", "-t", "t"))
        raise
    assert b"is due (07:00)" in data
    assert b"Ptmux;" not in data  # tmux unwrapped it for the outer terminal
    deadline = time.monotonic() + 20
    screen = ""
    while time.monotonic() < deadline and "d done" not in screen:
        screen = outer.tmux("capture-pane", "-p", "-t", "t")
        time.sleep(0.05)  # polling tmux for the pane, as test_notify_tmux does
    assert "is due (07:00)" in screen and "d done" in screen  # the app drew itself again
