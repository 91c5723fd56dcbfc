"""A throw-away SSH lab for the end-to-end tests: two local users, a loopback sshd.

``open_lab()`` (used by the session fixture ``lab`` in conftest.py):
- builds a venv for the test users outside any home directory (the interpreter
  running pytest may live in /root, which they cannot enter) from Debian's
  /usr/bin/python3 and installs this repository into it;
- creates two users with ``useradd`` and gives them a non-locked password field
  (``usermod -p '*'``) so sshd lets them in by key;
- makes temporary host and user keys and starts ``/usr/sbin/sshd -D`` on
  127.0.0.1 at a free high port with a config of its own (keys only, no root);
- removes users, sshd, venv and keys at the end, whatever happened.

Where the machine cannot do this (not root, no sshd, no tmux) the tests are
skipped with the reason; under CI=true they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

__test__ = False

REPO = Path(__file__).resolve().parents[2]
SSHD = "/usr/sbin/sshd"
SYSTEM_PYTHON = "/usr/bin/python3"
TODAY = "2026-11-24"


# Root runs the privileged steps itself; anyone else needs passwordless sudo.
SUDO: list[str] = [] if os.geteuid() == 0 else ["sudo", "-n"]


def _cannot_run() -> str | None:
    if SUDO and (shutil.which("sudo") is None or subprocess.run(
            ["sudo", "-n", "true"], capture_output=True).returncode != 0):
        return "needs root or passwordless sudo to create test users and start sshd"
    for tool in (SSHD, SYSTEM_PYTHON):
        if not os.access(tool, os.X_OK):
            return f"{tool} is not installed (apt-get install openssh-server python3-venv)"
    for tool in ("ssh", "ssh-keygen", "useradd", "userdel", "usermod", "tmux"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"SSH end-to-end tests cannot run under CI=true: {reason}", pytrace=False)
    warnings.warn(f"SSH end-to-end tests skipped: {reason}", stacklevel=1)
    pytest.skip(f"SSH end-to-end tests skipped: {reason}")


def _run(*argv: str, **kw) -> subprocess.CompletedProcess:
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 300)
    proc = subprocess.run(list(argv), **kw)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def priv(*argv: str, **kw) -> subprocess.CompletedProcess:
    """Run a command as root (directly, or through sudo)."""
    return _run(*SUDO, *argv, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class User:
    name: str
    uid: int
    home: Path
    key: Path

    @property
    def data_dir(self) -> Path:
        return self.home / ".local" / "share" / "rehab-planner"


class Lab:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.users: dict[str, User] = {}
        self.created: list[str] = []  # user names, for the clean-up
        self.sshd: subprocess.Popen | None = None
        self.port = 0
        self.venv = root / "venv"
        self.rehab = str(self.venv / "bin" / "rehab")
        self.known_hosts = root / "known_hosts"

    # ------------------------------------------------------------ set-up

    def build_venv(self) -> None:
        _run(SYSTEM_PYTHON, "-m", "venv", str(self.venv))
        _run(str(self.venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
             str(REPO), cwd=str(self.root), timeout=600)
        _run(self.rehab, "--version")

    def add_user(self, role: str) -> User:
        name = f"rehabt{role}{secrets.token_hex(3)}"
        self.created.append(name)
        priv("useradd", "--create-home", "--shell", "/bin/bash", name)
        priv("usermod", "-p", "*", name)  # key login needs a non-locked account
        info = pwd.getpwnam(name)
        home = Path(info.pw_dir)
        key = self.root / f"id_{role}"
        _run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key))
        owner = ["-o", str(info.pw_uid), "-g", str(info.pw_gid)]
        priv("install", "-d", "-m", "700", *owner, str(home / ".ssh"))
        priv("install", "-m", "600", *owner, f"{key}.pub", str(home / ".ssh" / "authorized_keys"))
        user = User(name, info.pw_uid, home, key)
        self.users[role] = user
        return user

    def start_sshd(self) -> None:
        host_key = self.root / "host_ed25519"
        _run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key))
        priv("mkdir", "-p", "-m", "755", "/run/sshd")  # privilege separation dir
        self.port = free_port()
        config = self.root / "sshd_config"
        allowed = " ".join(u.name for u in self.users.values())
        config.write_text(
            f"ListenAddress 127.0.0.1\n"
            f"HostKey {host_key}\n"
            f"PidFile {self.root / 'sshd.pid'}\n"
            "AuthorizedKeysFile .ssh/authorized_keys\n"
            "PubkeyAuthentication yes\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin no\n"
            f"AllowUsers {allowed}\n"
            "StrictModes yes\nPrintMotd no\nPrintLastLog no\nX11Forwarding no\n"
            "AllowTcpForwarding no\nAcceptEnv LANG NO_COLOR\n"
            # a dropped client is noticed within seconds
            "ClientAliveInterval 2\nClientAliveCountMax 2\n"
        )
        priv(SSHD, "-t", "-f", str(config))
        self.sshd_log = open(self.root / "sshd.log", "w")  # noqa: SIM115 (open while sshd runs; close() closes it)
        self.sshd = subprocess.Popen([*SUDO, SSHD, "-D", "-e", "-f", str(config), "-p", str(self.port)],
                                     stdout=self.sshd_log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.sshd.poll() is not None:
                raise RuntimeError(f"sshd exited: {(self.root / 'sshd.log').read_text()}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("sshd did not start listening")
        pub = Path(f"{host_key}.pub").read_text().split()
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} {pub[0]} {pub[1]}\n")

    # ------------------------------------------------------------- using

    def ssh_argv(self, user: User, command: str, tty: bool = False) -> list[str]:
        return [
            "ssh", "-F", "/dev/null", *(["-tt"] if tty else ["-T"]),
            "-p", str(self.port), "-i", str(user.key), "-l", user.name,
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
            "-o", f"UserKnownHostsFile={self.known_hosts}", "-o", "StrictHostKeyChecking=yes",
            "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=2", "-o", "SetEnv=LANG=C.UTF-8",
            "127.0.0.1", command,
        ]

    def run(self, user: User, command: str, timeout: float = 60) -> subprocess.CompletedProcess:
        """A non-interactive command over ssh (no tty), e.g. a `rehab ... --json` call."""
        return subprocess.run(self.ssh_argv(user, command), capture_output=True, text=True,
                              timeout=timeout)

    def rehab_cmd(self, *args: str) -> str:
        quoted = " ".join(_quote(a) for a in args)
        return f"{self.rehab} --today {TODAY} {quoted}".rstrip()

    def pgrep(self, user: User, pattern: str) -> list[int]:
        proc = subprocess.run(["pgrep", "-u", str(user.uid), "-f", pattern],
                              capture_output=True, text=True)
        return [int(p) for p in proc.stdout.split()]

    def reset_data(self, user: User) -> None:
        priv("rm", "-rf", str(user.data_dir))

    def read_bytes(self, path: Path) -> bytes:
        """A file only its owner can read (we may not be root)."""
        return priv("cat", str(path), text=False).stdout

    def modes(self, folder: Path) -> dict[str, tuple[int, int, str]]:
        """name -> (uid, permission bits, type d/f/l) for the folder and what is in it."""
        out = priv("find", str(folder), "-maxdepth", "1", "-printf", "%P\\t%U\\t%m\\t%y\\n").stdout
        found = {}
        for line in out.splitlines():
            name, uid, mode, kind = line.split("\t")
            found[name or "."] = (int(uid), int(mode, 8), kind)
        return found

    def chmod(self, path: Path, mode: int) -> None:
        priv("chmod", f"{mode:o}", str(path))

    # ----------------------------------------------------------- cleanup

    def close(self) -> None:
        if self.sshd is not None and self.sshd.poll() is None:
            # (through sudo, the signal goes to sudo, which hands it on to sshd)
            subprocess.run([*SUDO, "kill", "-TERM", str(self.sshd.pid)], capture_output=True)
            try:
                self.sshd.wait(10)
            except subprocess.TimeoutExpired:
                subprocess.run([*SUDO, "kill", "-KILL", str(self.sshd.pid)], capture_output=True)
        for name in self.created:
            try:
                uid = pwd.getpwnam(name).pw_uid
            except KeyError:
                continue
            # End what the test user still runs (each by pid), then remove the user.
            pids = subprocess.run(["pgrep", "-u", str(uid)], capture_output=True,
                                  text=True).stdout.split()
            if pids:
                subprocess.run([*SUDO, "kill", "-KILL", *pids], capture_output=True)
                time.sleep(0.2)
            subprocess.run([*SUDO, "userdel", "--remove", "--force", name], capture_output=True)
        if getattr(self, "sshd_log", None):
            self.sshd_log.close()
        shutil.rmtree(self.root, ignore_errors=True)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


# ------------------------------------------------------------------ tmux

class Term:
    """A tmux server of our own running one ssh client in a fixed-size window."""

    def __init__(self, root: Path, width: int, height: int) -> None:
        self.socket = f"rehab-ssh-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        self.status = root / f"status-{self.socket}"
        self.env = {**os.environ, "LANG": "C.UTF-8"}

    def tmux(self, *args: str, check: bool = True) -> str:
        return subprocess.run(["tmux", "-u", "-L", self.socket, *args], capture_output=True,
                              text=True, check=check, env=self.env).stdout

    def start(self, argv: list[str], term: str) -> None:
        import shlex

        command = f"TERM={term} {shlex.join(argv)}; echo $? > {self.status}; sleep 120"
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(self.width),
                  "-y", str(self.height), command)

    def screen(self, colours: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "t")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Each key on its own send-keys, with no pause: the tests wait for the content a key
        brings before the next one."""
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)

    def ssh_pid(self) -> int:
        """The ssh client's pid (a child of the pane's shell)."""
        shell = int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())
        out = subprocess.run(["pgrep", "-P", str(shell), "-x", "ssh"], capture_output=True,
                             text=True).stdout.split()
        assert out, "no ssh client is running in the pane"
        return int(out[0])

    def exit_status(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.1)
        raise AssertionError(f"the session did not end; the screen was:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server", check=False)


def kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def open_lab():
    reason = _cannot_run()
    if reason:
        _skip_or_fail(reason)
    root = Path(tempfile.mkdtemp(prefix="rehab-ssh-", dir="/tmp"))
    os.chmod(root, 0o755)  # the test users run the venv from here
    lab = Lab(root)
    try:
        started = time.monotonic()
        lab.build_venv()
        lab.add_user("a")
        lab.add_user("b")
        lab.start_sshd()
        lab.setup_seconds = time.monotonic() - started
        yield lab
    finally:
        lab.close()
