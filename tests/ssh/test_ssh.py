"""End to end over a real sshd: the installed `rehab`, run by two real users.

Each interactive test runs ``ssh -tt user@127.0.0.1 rehab`` inside tmux at
80x24 (tmux is the user's terminal; TERM is what ssh hands to the remote
side), drives the app with keys and reads the screen back; the data is then
checked with non-interactive ``rehab ... --json`` calls over ssh.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sshlab import REPO, TODAY, kill

from tui.storage.layout import LOCK_NAME, MANIFEST_NAME

pytestmark = pytest.mark.e2e

needs_app = pytest.mark.skipif(not (REPO / "tui" / "app" / "__init__.py").exists(),
                               reason="the TUI (tui/app) is not built yet")

PLAN = ("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23")
TODAY_FIRST = "Swimming"  # the first session on Tue 24 Nov in that plan: the week has loaded
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


# ------------------------------------------------------------------ helpers

def colours(screen: str) -> set[tuple]:
    """Every colour the screen uses: ("16", code), ("256", n) or ("rgb", r, g, b)."""
    found: set[tuple] = set()
    for match in SGR.finditer(screen):
        params = [int(p) if p.isdigit() else 0 for p in re.split("[;:]", match.group(1) or "0")]
        i = 0
        while i < len(params):
            p = params[i]
            if p in (38, 48) and i + 1 < len(params):
                if params[i + 1] == 5 and i + 2 < len(params):
                    found.add(("256", params[i + 2]))
                    i += 3
                    continue
                if params[i + 1] == 2 and i + 4 < len(params):
                    found.add(("rgb", *params[i + 2:i + 5]))
                    i += 5
                    continue
            if 30 <= p <= 37 or 40 <= p <= 47 or 90 <= p <= 97 or 100 <= p <= 107:
                found.add(("16", p))
            i += 1
    return found


def is_grey(colour: tuple) -> bool:
    kind = colour[0]
    if kind == "16":
        return colour[1] % 10 in (0, 7)  # black, white, bright black (grey), bright white
    if kind == "256":
        n = colour[1]
        if n < 16:
            return n in (0, 7, 8, 15)
        if n >= 232:
            return True
        r, g, b = (n - 16) // 36, (n - 16) % 36 // 6, (n - 16) % 6
        return r == g == b
    return colour[1] == colour[2] == colour[3]


def history(lab, user) -> dict:
    res = lab.run(user, lab.rehab_cmd("history", "--json"))
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def wait_sessions(lab, user, count: int, timeout: float = 15) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        sessions = history(lab, user)["sessions"]
        if len(sessions) >= count or time.monotonic() > deadline:
            return sessions
        time.sleep(0.3)


def wait_no_rehab(lab, user, timeout: float = 20) -> None:
    """The remote app or CLI ended: nothing of the user's runs our rehab any more."""
    deadline = time.monotonic() + timeout
    while lab.pgrep(user, lab.rehab):
        assert time.monotonic() < deadline, "rehab kept running after the connection dropped"
        time.sleep(0.2)


def fresh_plan(lab, user) -> None:
    lab.reset_data(user)
    res = lab.run(user, lab.rehab_cmd(*PLAN))
    assert res.returncode == 0, res.stderr


QUIET_CONFIG = ("mkdir -p ~/.config/rehab-planner && "
                "printf '[reminders]\\nnotify = \"off\"\\n' > ~/.config/rehab-planner/config.toml")


def open_app(lab, term, user, term_name: str, env: str = ""):
    """The app over ssh with a tty; reminders off (a catch-up list of sittings 'missed' before the
    wall-clock time would open over the main screen these tests drive)."""
    res = lab.run(user, QUIET_CONFIG)
    assert res.returncode == 0, res.stderr
    t = term(80, 24)
    command = f"env {env} {lab.rehab_cmd()}" if env else lab.rehab_cmd()
    t.start(lab.ssh_argv(user, command, tty=True), term_name)
    screen = t.wait_for(TODAY_FIRST, timeout=40)  # the day's sessions, not the panel's title
    assert "Traceback" not in screen
    return t


def data_files(lab, user) -> dict[str, bytes]:
    """Every data file (the manifest, main and year files) by name, with its bytes; not the lock."""
    names = [n for n, (_, _, kind) in lab.modes(user.data_dir).items() if kind == "f" and n != LOCK_NAME]
    return {name: lab.read_bytes(user.data_dir / name) for name in sorted(names)}


def assert_private(lab, user) -> None:
    """The data folder is 0700, everything in it 0600, all the user's own."""
    modes = lab.modes(user.data_dir)
    assert MANIFEST_NAME in modes and LOCK_NAME in modes, modes
    for name, (uid, mode, kind) in modes.items():
        assert uid == user.uid, (name, uid)
        assert kind in "df", (name, kind)  # no symlinks
        if name != "templates":
            assert mode == (0o700 if kind == "d" else 0o600), f"{name} is {mode:o}"


# -------------------------------------------------------------------- tests

@needs_app
@pytest.mark.parametrize("mode", ["xterm-256color", "linux", "no-color"])
def test_app_over_ssh_renders_and_logs(lab, term, mode):
    user = lab.users["a"]
    fresh_plan(lab, user)
    term_name = "xterm-256color" if mode == "no-color" else mode
    t = open_app(lab, term, user, term_name, env="NO_COLOR=1" if mode == "no-color" else "")
    screen = t.wait_for("Quit")
    assert "Tue 24" in screen, screen
    if mode == "linux":  # the Linux console's font has few glyphs: ASCII frames and marks
        assert "+-" in screen and not re.findall(r"[^\x00-\x7f]", screen), screen
    else:
        assert "╭" in screen, screen  # UTF-8 box drawing came through
    used = colours(t.screen(colours=True))
    assert used, "no colour or shade at all"
    if mode == "linux":
        assert {c[0] for c in used} == {"16"}, f"TERM=linux got {sorted(used)[:8]}"
    if mode == "no-color":
        hues = sorted(c for c in used if not is_grey(c))
        assert not hues, f"NO_COLOR still shows colours {hues[:8]}"

    t.keys("Enter")                 # log the highlighted session
    t.wait_for("Save")
    t.keys("Enter")                 # save with the defaults (done)
    sessions = wait_sessions(lab, user, 1)
    assert len(sessions) == 1 and sessions[0]["status"] == "done"
    assert sessions[0]["date"] == "2026-11-24"
    t.keys("q")
    assert t.exit_status() == 0
    wait_no_rehab(lab, user)
    assert_private(lab, user)


@needs_app
def test_dropped_connection_keeps_data_and_next_login_works(lab, term):
    user = lab.users["a"]
    fresh_plan(lab, user)
    for note in ("before-1", "before-2"):
        assert lab.run(user, lab.rehab_cmd("log", "ice-pack", "--note", note)).returncode == 0
    t = open_app(lab, term, user, "xterm-256color")
    t.keys("Enter")
    t.wait_for("Save")
    t.keys("Enter")
    assert len(wait_sessions(lab, user, 3)) == 3
    before = data_files(lab, user)

    t.keys("Enter")                 # a second log dialog, left open ...
    t.wait_for("Save")
    kill(t.ssh_pid())               # ... when the connection dies
    assert t.exit_status() != 0
    wait_no_rehab(lab, user)        # sshd hung up on the app, which ended

    assert data_files(lab, user) == before
    doctor = lab.run(user, lab.rehab_cmd("doctor"))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    notes = [s["note"] for s in history(lab, user)["sessions"]]
    assert notes[:2] == ["before-1", "before-2"] and len(notes) == 3

    again = open_app(lab, term, user, "xterm-256color")  # the next login works
    again.wait_for("Quit")
    again.keys("q")
    assert again.exit_status() == 0
    wait_no_rehab(lab, user)


def read_acks(proc: subprocess.Popen, acks: list[str]) -> None:
    acks.extend(line.split()[1] for line in proc.stdout if line.startswith("ack "))


def test_connection_dropped_during_a_cli_logging_loop(lab):
    """Kill the ssh client while a script logs over it: every acknowledged log is kept."""
    user = lab.users["a"]
    rng = random.Random(5)
    lab.reset_data(user)
    expected: set[str] = set()
    for round_no in range(3):
        loop = (f"for i in $(seq 1 500); do {lab.rehab} --today {TODAY} log ice-pack "
                f"--note r{round_no}-$i && echo ack r{round_no}-$i || break; done")
        proc = subprocess.Popen(lab.ssh_argv(user, loop, tty=True), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        acks: list[str] = []
        reader = threading.Thread(target=read_acks, args=(proc, acks), daemon=True)
        reader.start()
        # Drop the connection after a random number of acknowledged logs (a count, not a time:
        # on a loaded machine a fixed time may pass before the first log is written).
        wanted, deadline = rng.randint(3, 25), time.monotonic() + 60
        while len(acks) < wanted and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        kill(proc.pid)
        proc.wait(10)
        reader.join(10)
        wait_no_rehab(lab, user)
        assert acks, "nothing was logged before the drop"
        expected |= set(acks)
        notes = {s["note"] for s in history(lab, user)["sessions"]}
        assert expected <= notes, f"round {round_no}: lost {sorted(expected - notes)[:5]}"
        assert len(notes - expected) <= round_no + 1  # at most the one in flight per drop
        print(f"round {round_no}: {len(acks)} acknowledged logs before the drop")
    assert lab.run(user, lab.rehab_cmd("doctor")).returncode == 0


def test_other_user_cannot_read_or_use_the_data(lab):
    a, b = lab.users["a"], lab.users["b"]
    lab.reset_data(a)
    # A's umask lets everyone read new files: the data stays private regardless.
    setup = f"umask 000; {lab.rehab_cmd(*PLAN)} && {lab.rehab_cmd('log', 'ice-pack', '--pain', '3')}"
    res = lab.run(a, setup)
    assert res.returncode == 0, res.stderr
    assert lab.run(a, f"umask 000; {lab.rehab_cmd('checkin', '--morning-pain', '4')}").returncode == 0
    assert_private(lab, a)
    file = a.data_dir / MANIFEST_NAME

    for command in (f"cat {file}", f"ls {a.data_dir}", f"cat {file}.bak1",
                    f"cp {file} /tmp/stolen-{b.name}"):
        res = lab.run(b, command)
        assert res.returncode != 0 and "Permission denied" in res.stderr, (command, res)
    assert not os.path.exists(f"/tmp/stolen-{b.name}")

    # The data dir sits in A's 0700 ~/.local: B cannot even look at it, and is told whose it is.
    refusal = (f"rehab: refusing the data directory {a.data_dir}: it is inside "
               f"{a.home / '.local'}, owned by uid {a.uid}, not you (uid {b.uid})")
    for args in (("history",), ("log", "ice-pack"), ("week", "--json"), ("undo",)):
        res = lab.run(b, lab.rehab_cmd("--data-dir", str(a.data_dir), *args))
        assert res.returncode == 1, (args, res)
        assert res.stdout == "" and res.stderr == refusal + "\n", (args, res.stderr)
    res = lab.run(b, f"REHAB_DATA_DIR={a.data_dir} {lab.rehab_cmd('history')}")
    assert res.returncode == 1 and res.stderr == refusal + "\n"
    res = lab.run(b, lab.rehab_cmd("--data-dir", str(a.data_dir), "doctor"))
    assert res.returncode == 1 and f"belongs to uid {a.uid}, not you" in res.stdout

    # With A's home closed (0700), B cannot even look: still one line, no traceback.
    lab.chmod(a.home, 0o700)
    try:
        res = lab.run(b, lab.rehab_cmd("--data-dir", str(a.data_dir), "history"))
        assert res.returncode == 1 and res.stderr.count("\n") == 1, res.stderr
        assert f"inside {a.home}, owned by uid {a.uid}, not you" in res.stderr
        assert "Traceback" not in res.stderr
        res = lab.run(b, lab.rehab_cmd("--data-dir", str(a.data_dir), "doctor"))
        assert res.returncode == 1 and f"belongs to uid {a.uid}, not you" in res.stdout, res
    finally:
        lab.chmod(a.home, 0o755)

    # B's own data is B's; A's is unchanged by all of the above.
    assert history(lab, b) == {"sessions": [], "checkins": []}
    assert [s["pain"] for s in history(lab, a)["sessions"]] == [3]
    assert lab.run(b, f"umask 000; {lab.rehab_cmd(*PLAN)}").returncode == 0  # B's first write
    assert_private(lab, b)


@needs_app
def test_other_user_app_is_refused_in_one_line(lab, term):
    a, b = lab.users["a"], lab.users["b"]
    if not a.data_dir.exists():
        fresh_plan(lab, a)
    t = term(200, 24)  # wide enough for the whole line
    t.start(lab.ssh_argv(b, lab.rehab_cmd("--data-dir", str(a.data_dir)), tty=True), "linux")
    assert t.exit_status() == 1
    screen = t.screen()
    assert f"rehab: refusing the data directory {a.data_dir}" in screen
    assert "Traceback" not in screen


def test_lab_timing(lab):
    print(f"ssh lab set-up (venv, 2 users, sshd): {lab.setup_seconds:.1f} s")
    assert lab.setup_seconds < 300


@needs_app
def test_markup_in_a_plan_name_is_shown_as_text(lab, term):
    """A shared template's name is plain text in the app, never rich markup."""
    user = lab.users["a"]
    lab.reset_data(user)
    template = json.loads((REPO / "plans" / "metatarsalgia-conservative.json").read_text())
    template.update(id="markup-test", name="[b]x[/b] [red]y[/]")
    shared = lab.root / "markup-test.json"
    shared.write_text(json.dumps(template))
    os.chmod(shared, 0o644)
    for args in (("templates", "import", str(shared)),
                 ("plan", "start", "markup-test", "--start", "2026-11-23")):
        res = lab.run(user, lab.rehab_cmd(*args))
        assert res.returncode == 0, res.stderr
    name = template["name"]
    t = open_app(lab, term, user, "xterm-256color")
    wrong = []

    def shown(where: str) -> None:
        # Wait for the content under test (the literal name), never for a title: under load
        # the title paints before the list has loaded.
        try:
            t.wait_for(name, timeout=20)
        except AssertionError:
            wrong.append(where)

    t.wait_for("Quit")
    shown("the week panel's title")
    t.keys("L")                        # the template library
    t.wait_for("Templates")
    shown("the template library")
    t.keys("Escape")
    t.wait_for(TODAY_FIRST)
    t.keys("q")
    assert t.exit_status() == 0
    assert not wrong, f"markup in the name was interpreted in {', '.join(wrong)}"


def test_an_export_into_a_shared_folder_stays_private_and_cannot_be_hijacked(lab):
    """A writes -o exports into a sticky world-writable folder that B can also write (say /tmp).

    B pre-creates every temp name the old scheme would have used (.<name>.tmp<pid> for the next
    pids), a symlink and a file of B's own at target names: A's export lands 0600 under A's
    own name whatever A's umask, B's traps are never written, and a name B holds is refused in
    one line, with no temp file left behind."""
    from sshlab import priv

    a, b = lab.users["a"], lab.users["b"]
    fresh_plan(lab, a)
    assert lab.run(a, lab.rehab_cmd("log", "ice-pack", "--pain", "3", "--note", "private")).returncode == 0
    shared = lab.root / f"shared-{random.randrange(10**6)}"
    priv("install", "-d", "-m", "1777", str(shared))
    last_pid = int(Path("/proc/sys/kernel/ns_last_pid").read_text())
    traps = " ".join(f"{shared}/.history.csv.tmp{pid}" for pid in range(last_pid, last_pid + 400))
    setup = (f"umask 000; touch {traps} && ln -s {b.home}/loot {shared}/linked.csv "
             f"&& echo mine > {shared}/taken.csv")
    assert lab.run(b, setup).returncode == 0

    res = lab.run(a, f"umask 000; {lab.rehab_cmd('export', '--format', 'csv', '-o', f'{shared}/history.csv')}")
    assert res.returncode == 0, res.stderr
    modes = lab.modes(shared)
    assert modes["history.csv"] == (a.uid, 0o600, "f")
    assert b"private" in lab.read_bytes(shared / "history.csv")
    res = lab.run(b, f"cat {shared}/history.csv")
    assert res.returncode != 0 and "Permission denied" in res.stderr
    trapped = [n for n, (_, _, kind) in modes.items() if n.startswith(".history.csv.tmp")]
    assert len(trapped) == 400 and all(lab.read_bytes(shared / n) == b"" for n in trapped)

    for name, why in (("linked.csv", "it is a symlink"), ("taken.csv", "not permitted")):
        res = lab.run(a, lab.rehab_cmd("export", "--format", "csv", "-o", f"{shared}/{name}"))
        assert res.returncode == 1 and res.stderr.count("\n") == 1, (name, res)
        assert res.stderr.startswith(f"rehab: cannot write {shared}/{name}") and why in res.stderr, res.stderr
    assert lab.read_bytes(shared / "taken.csv") == b"mine\n"
    assert not os.path.lexists(f"{b.home}/loot")
    left = set(lab.modes(shared)) - {".", "history.csv", "linked.csv", "taken.csv", *trapped}
    assert not left, left
