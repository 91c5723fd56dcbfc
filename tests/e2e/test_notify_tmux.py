"""Terminal notifications inside tmux: what really reaches the terminal tmux runs in.

The tmux client runs under `script`, which records every byte tmux sends to its
terminal (the "outer" terminal, as a user's terminal emulator would get them).
A process inside tmux writes tui.core.notify_seq's bytes, with $TMUX as tmux
set it; then the record shows whether the notification got out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
SCRIPT = shutil.which("script")
if TMUX is None or SCRIPT is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("tmux and script are required under CI=true (the end-to-end tests must run)")
    pytest.skip("tmux or script (util-linux) is not installed", allow_module_level=True)

MARK = b"MARK-DONE"
WRITER = """
import os, sys
from tui.core.notify_seq import notification, notification_for
method, wrap = sys.argv[1], sys.argv[2]
if wrap == "env":
    data = notification_for("Ice pack 2/3", "due at 12:30", os.environ, method)
else:
    data = notification("Ice pack 2/3", "due at 12:30", method, tmux=False)
sys.stdout.buffer.write(data)
sys.stdout.write("MARK-DONE\\n")
if len(sys.argv) > 3:  # a bell after it: once tmux rang it, it had handled all before
    sys.stdout.write("\\a")
sys.stdout.flush()
"""


class Outer:
    """tmux inside `script`: ``record`` holds what tmux wrote to its terminal."""

    def __init__(self, tmp: Path, passthrough: bool) -> None:
        self.socket = f"rehab-notify-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp
        tmp.mkdir()
        self.conf = tmp / "tmux.conf"
        self.conf.write_text(f"set -g allow-passthrough {'on' if passthrough else 'off'}\n")
        self.record = tmp / "typescript"
        self.writer = tmp / "writer.py"
        self.writer.write_text(WRITER)
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = {**os.environ, "TERM": "xterm-256color", "HOME": str(tmp)}
        self.env.pop("TMUX", None)

    def run(self, method: str, wrap: str = "env", then_bell: bool = False) -> None:
        inner = f"{sys.executable} {self.writer} {method} {wrap}{' bell' if then_bell else ''}; sleep 60"
        client = f"{TMUX} -L {self.socket} -f {self.conf} new-session -s t -x 80 -y 24 '{inner}'"
        self.proc = subprocess.Popen([SCRIPT, "-q", "-f", "-c", client, str(self.record)],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=self.env)

    def wait_for(self, needle: bytes, timeout: float = 20.0) -> bytes:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data = self.record.read_bytes() if self.record.exists() else b""
            if needle in data:
                return data
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never reached the outer terminal")

    def tmux(self, *args: str) -> str:
        proc = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True,
                              env=self.env)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True, env=self.env)
        if self.proc is not None:
            self.proc.stdin.close() if self.proc.stdin else None
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def outer(tmp_path):
    made: list[Outer] = []

    def make(passthrough: bool = True) -> Outer:
        o = Outer(tmp_path / f"o{len(made)}", passthrough)
        made.append(o)
        return o

    yield make
    for o in made:
        o.close()


@pytest.mark.parametrize("method, expected", [
    ("osc777", b"\x1b]777;notify;Ice pack 2/3;due at 12:30\x07"),
    ("osc9", b"\x1b]9;Ice pack 2/3: due at 12:30\x07"),
])
def test_wrapped_notification_passes_through_tmux(outer, method, expected):
    o = outer()
    o.run(method)  # $TMUX is set inside: notification_for wraps it
    data = o.wait_for(expected)
    assert b"Ptmux;" not in data  # tmux unwrapped it: the outer terminal gets the plain OSC


def test_without_the_wrap_tmux_drops_it(outer):
    o = outer()
    o.run("osc777", wrap="none", then_bell=True)
    data = o.wait_for(b"\x07")
    assert MARK in data and b"777;notify" not in data


def test_with_passthrough_off_nothing_gets_out(outer):
    o = outer(passthrough=False)
    o.run("osc777", then_bell=True)
    data = o.wait_for(b"\x07")
    assert MARK in data and b"777;notify" not in data


def test_the_bell_fallback_reaches_the_terminal_and_flags_a_background_window(outer):
    o = outer()
    o.run("bell")
    o.wait_for(b"\x07")  # tmux rang the outer terminal's bell
    o.wait_for(MARK)
    script = o.tmp / "bg.py"
    script.write_text("import sys\nfrom tui.core.notify_seq import notification\n"
                      "sys.stdout.buffer.write(notification('x', 'y', 'bell'))\nsys.stdout.flush()\n")
    o.tmux("new-window", "-d", "-t", "t:", f"{sys.executable} {script}; sleep 60")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        flags = o.tmux("list-windows", "-t", "t", "-F", "#{window_index}:#{window_bell_flag}").split()
        if "1:1" in flags:
            break
        time.sleep(0.05)
    assert flags == ["0:0", "1:1"]
