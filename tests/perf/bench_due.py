"""Benchmark: `rehab due` (fresh cache, 5 years of history) vs `python -c pass`, interleaved.

DESIGN.md: `rehab due` within 2.5x of `python -c pass` (a shell prompt calls it).
Both run as subprocesses of the same interpreter (the venv's python and its
installed `rehab` script), alternating so drift on a shared machine hits both
alike; medians of wall time and of CPU time (user + system). Also shown: the
slow path (no cache: opens the store and expands the plan) for comparison.

Bytecode is cached (in the temp dir) as for an installed package.

Run: .venv/bin/python tests/perf/bench_due.py [--runs 41] [--years 5]   (pytest does not collect it)
"""

from __future__ import annotations

__test__ = False

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_history  # noqa: E402

NOW = "2026-11-24T12:40"
LIMIT = 2.5


def rehab_command() -> list[str]:
    exe = Path(sys.executable).parent / "rehab"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("rehab")
    return [found] if found else [sys.executable, "-m", "tui"]


def sample(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(runs: int, years: int) -> dict[str, list[tuple[float, float]]]:
    work = Path(tempfile.mkdtemp(prefix="bench-due-"))
    try:
        data = work / "data"
        gen_history.generate(data, years=years)
        # Bytecode as an installed package has it (pip compiles at install): cached
        # under the temp dir, whatever PYTHONDONTWRITEBYTECODE says here.
        env = {**os.environ, "REHAB_DATA_DIR": str(data), "HOME": str(work),
               "XDG_CONFIG_HOME": str(work / "config"), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        due = [*rehab_command(), "due", "--now", NOW]
        cache = data / "due-cache.json"
        sample(due, env)  # writes the cache (and the bytecode)
        if not cache.exists():
            raise SystemExit("rehab due wrote no cache")
        cases = {"python -c pass": [sys.executable, "-c", "pass"], "rehab due (cache)": due}
        out: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        out["rehab due (no cache)"] = []
        for i in range(runs):
            for name, cmd in (cases.items() if i % 2 == 0 else reversed(cases.items())):
                out[name].append(sample(cmd, env))
            if i % 4 == 0:  # the slow path, now and then (it rewrites the cache)
                cache.unlink()
                out["rehab due (no cache)"].append(sample(due, env))
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=41)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args(argv)
    results = run(args.runs, args.years)
    base_wall = statistics.median(w for w, _ in results["python -c pass"])
    base_cpu = statistics.median(c for _, c in results["python -c pass"])
    print(f"{'case':24} {'runs':>4} {'wall ms':>8} {'ratio':>6} {'cpu ms':>7} {'ratio':>6}")
    for name, samples in results.items():
        wall = statistics.median(w for w, _ in samples)
        cpu = statistics.median(c for _, c in samples)
        print(f"{name:24} {len(samples):4} {wall * 1000:8.1f} {wall / base_wall:6.2f} "
              f"{cpu * 1000:7.1f} {cpu / base_cpu if base_cpu else float('nan'):6.2f}")
    ratio = statistics.median(w for w, _ in results["rehab due (cache)"]) / base_wall
    verdict = "within" if ratio <= LIMIT else "OVER"
    print(f"rehab due / python -c pass (median wall): {ratio:.2f}x, {verdict} the {LIMIT}x limit")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
