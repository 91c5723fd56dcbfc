"""Benchmark the TUI against a minimal Textual app (tests/perf/minimal_app.py):

(a) cold start to the first painted week in a real terminal: each app is started
    in a fresh tmux session (private server, 120x40) and capture-pane is polled
    until the week shows (the marker "Mon"); N runs each, interleaved, median of
    the wall time and of the app's CPU time at that moment (/proc/<pid>/stat; less
    sensitive to other load on a shared machine, 10 ms ticks);
(c) moving a week: make_app(make_service(data_dir, today)) over 5 years of data under run_test,
    the `]` binding's action handler timed directly (and until the screen is idle);
(d) peak memory: VmHWM (RSS high-water mark) of the app process, read from
    /proc after the week has painted and settled.

Run: .venv/bin/python tests/perf/bench_tui.py [--runs 7]   (needs tmux and tui/app;
pytest does not collect it)
"""

from __future__ import annotations

__test__ = False

import argparse
import asyncio
import datetime as dt
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


TODAY = dt.date(2026, 11, 24)
MARKER = "Mon"
SIZE = (120, 40)
SOCKET = f"rehab-bench-{os.getpid()}"
TIMEOUT = 30.0


def rehab_command() -> list[str]:
    exe = Path(sys.executable).parent / "rehab"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("rehab")
    return [found] if found else [sys.executable, "-m", "tui"]


def tmux(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def _vmhwm_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


SHOWN: dict[str, str] = {}


def _cpu_seconds(pid: int) -> float | None:
    """user + system CPU time the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cold_start(cmd: list[str], env: dict[str, str], name: str) -> tuple[float, float | None, int | None]:
    """Wall seconds from starting the tmux session to the marker on screen, the app's CPU
    seconds at that moment, and its peak RSS in KiB once settled."""
    # bytecode caching on, as in a real install (PYTHONDONTWRITEBYTECODE would compile every module)
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    line = f"exec env -u PYTHONDONTWRITEBYTECODE {assignments} {shlex.join(cmd)}"
    t0 = time.perf_counter()
    started = tmux("new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y", str(SIZE[1]), line)
    if started.returncode != 0 and "server exited" in started.stderr:  # a server still shutting down
        t0 = time.perf_counter()
        started = tmux("new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y", str(SIZE[1]), line)
    if started.returncode != 0:
        raise SystemExit(f"tmux new-session failed: {started.stderr.strip()}")
    try:
        while True:
            screen = tmux("capture-pane", "-p", "-t", name).stdout
            if MARKER in screen:
                elapsed = time.perf_counter() - t0
                pid = int(tmux("display-message", "-p", "-t", name, "#{pane_pid}").stdout.strip())
                cpu = _cpu_seconds(pid)
                SHOWN[name.rsplit("-", 1)[0]] = screen
                break
            if time.perf_counter() - t0 > TIMEOUT:
                raise SystemExit(f"{name}: {MARKER!r} did not appear in {TIMEOUT:.0f} s; screen:\n{screen}")
            time.sleep(0.003)
        time.sleep(1.0)  # let it settle (workers, intervals) before reading the high-water mark
        return elapsed, cpu, _vmhwm_kb(pid)
    finally:
        tmux("kill-session", "-t", name)


async def week_moves(data_dir: Path, moves: int) -> tuple[list[float], list[float]]:
    from tui.app import make_app
    from tui.service import make_service

    app = make_app(make_service(data_dir, TODAY))
    handler_times: list[float] = []
    idle_times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        binding = app.active_bindings.get("right_square_bracket")
        action = binding.binding.action if binding else "next_week"
        node = binding.node if binding else screen
        handler = getattr(node, f"action_{action}")
        back = node.action_prev_week
        for n in range(moves):
            t0 = time.perf_counter()
            handler()
            handler_times.append(time.perf_counter() - t0)
            await pilot.pause()
            idle_times.append(time.perf_counter() - t0)
            if n % 8 == 7:  # wander back so the weeks stay within the plan and history
                for _ in range(8):
                    back()
                await pilot.pause()
    app.service.close()
    return handler_times, idle_times


def med_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def table(rows: list[tuple[str, str, str, str]]) -> str:
    out = ["| measurement | rehab-planner | minimal Textual app | ratio (target) |",
           "| --- | ---: | ---: | ---: |"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold starts per app (default 7)")
    parser.add_argument("--moves", type=int, default=48, help="week moves to time (default 48)")
    parser.add_argument("--years", type=int, default=20, help="years of history (default 20)")
    parser.add_argument("--show", action="store_true", help="print each app's screen at the moment it counted")
    args = parser.parse_args(argv)
    if not (ROOT / "tui" / "app" / "__init__.py").exists():
        print("tui/app is not there yet: nothing to measure")
        return 2
    if shutil.which("tmux") is None:
        print("tmux is not installed: cold start and memory need a real terminal")
        return 2
    root = Path(tempfile.mkdtemp(prefix="rehab-bench-tui-"))
    try:
        big = root / f"y{args.years}"
        plan_only = root / "plan-only"
        # Generated in children: this process holds no records when it starts the apps
        # (each app is exec'd by tmux; its VmHWM is its own).
        made = subprocess.run([sys.executable, str(HERE / "gen_history.py"), str(big), "--years",
                               str(args.years), "--today", TODAY.isoformat()], capture_output=True,
                              text=True, check=True).stdout.strip()
        subprocess.run([sys.executable, str(HERE / "gen_history.py"), str(plan_only), "--years", "0",
                        "--today", TODAY.isoformat()], capture_output=True, check=True)
        base_env = {"HOME": str(root / "home"), "XDG_CONFIG_HOME": str(root / "config"),
                    "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
        cases = {
            "minimal": ([sys.executable, str(HERE / "minimal_app.py")], base_env),
            "rehab-big": ([*rehab_command(), "--today", TODAY.isoformat()],
                         {**base_env, "REHAB_DATA_DIR": str(big)}),
            "rehab-plan": ([*rehab_command(), "--today", TODAY.isoformat()],
                           {**base_env, "REHAB_DATA_DIR": str(plan_only)}),
        }
        start: dict[str, list[float]] = {k: [] for k in cases}
        cpu: dict[str, list[float]] = {k: [] for k in cases}
        peak: dict[str, list[int]] = {k: [] for k in cases}
        for n in range(args.runs + 1):  # the first round warms the disk cache and is dropped
            for key, (cmd, env) in cases.items():
                seconds, used, kb = cold_start(cmd, env, f"{key}-{n}")
                if n:
                    start[key].append(seconds)
                    if used is not None:
                        cpu[key].append(used)
                    if kb:
                        peak[key].append(kb)
        handler, idle = asyncio.run(week_moves(big, args.moves))

        m_start, m_peak = med_ms(start["minimal"]), statistics.median(peak["minimal"]) / 1024
        m_cpu = med_ms(cpu["minimal"])
        rows = []
        label_big = f"{args.years} years of data"
        for key, label in (("rehab-big", label_big), ("rehab-plan", "plan only")):
            s = med_ms(start[key])
            rows.append((f"cold start to first painted week, {label}: wall ms", f"{s:.0f}", f"{m_start:.0f}",
                         f"{s / m_start:.2f}x (<= 1.2x)"))
            c = med_ms(cpu[key])
            rows.append((f"cold start to first painted week, {label}: CPU ms", f"{c:.0f}", f"{m_cpu:.0f}",
                         f"{c / m_cpu:.2f}x"))
        for key, label in (("rehab-big", label_big), ("rehab-plan", "plan only")):
            p = statistics.median(peak[key]) / 1024
            rows.append((f"peak memory (VmHWM), {label} (MiB)", f"{p:.1f}", f"{m_peak:.1f}",
                         f"{p / m_peak:.2f}x (<= 1.15x)"))
        rows.append((f"move a week `]`: action handler, {args.years} years (ms, median / max)",
                     f"{med_ms(handler):.1f} / {max(handler) * 1000:.1f}", "", "(<= 16 ms)"))
        rows.append(("move a week `]`: until the screen is idle (ms, median)", f"{med_ms(idle):.1f}", "", ""))
        print(f"{made}; {args.runs} cold starts per app in tmux {SIZE[0]}x{SIZE[1]}, "
              f"interleaved; {args.moves} week moves; python {sys.version.split()[0]}")
        print(table(rows))
        if args.show:
            for key, screen in SHOWN.items():
                print(f"\n--- {key}: the screen when {MARKER!r} first showed ---\n{screen.rstrip()}")
        return 0
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        socket = Path(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", SOCKET)
        socket.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
