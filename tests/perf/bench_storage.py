"""Benchmark: storage-bound commands at 5 and 20 years of history vs a plan-only data dir.

Interleaved (every case once per round, N rounds), median wall and CPU time (user +
system of the child, from wait4) and the peak memory of the child, for the real
`rehab` command: `log`, `export` ics/md/csv/json, `history --json`; and the baseline
`python -c "import tinydb, orjson, dateutil.rrule"`.

Run: .venv/bin/python tests/perf/bench_storage.py [--runs 7] [--years 5 20]
(a script: pytest does not collect it)
"""

from __future__ import annotations

__test__ = False

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

TODAY = "2026-11-24"
CASES = {
    "log": ["log", "ice-pack", "--note", "bench"],
    "export ics": ["export", "--format", "ics"],
    "export md": ["export", "--format", "md"],
    "export csv": ["export", "--format", "csv"],
    "export json": ["export", "--format", "json"],
    "history --json": ["history", "--json"],
}


def rehab() -> list[str]:
    exe = Path(sys.executable).parent / "rehab"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tui"]


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall ms, cpu ms, peak MiB) of one child run, started by a fresh small interpreter
    (tests/perf/spawn_measure.py) so that its peak is its own, not this process's."""
    out = subprocess.run([sys.executable, str(HERE / "spawn_measure.py"), *cmd], env=env,
                         capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    if result["code"] != 0:
        raise SystemExit(f"{cmd}: exit {result['code']}: {result['error']}")
    return result["wall"], result["cpu"], result["peak"]


def bench_env() -> dict[str, str]:
    """The user's environment without REHAB_* and with bytecode caching on (a real install
    has its .pyc files; PYTHONDONTWRITEBYTECODE would make every start compile every module)."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("REHAB_") and k != "PYTHONDONTWRITEBYTECODE"}


# case -> (what the 20-year figure is compared with, the target ratio); DESIGN.md, issue 10 item 8
TARGETS = {
    "log": ("empty", 1.1), "export ics": ("plan-only", 1.3), "export md": ("plan-only", 1.3),
    "export csv": ("plan-only", 5.0), "export json": ("plan-only", 5.0), "history --json": ("plan-only", 4.0),
}
LOG_VS_IMPORT = 1.5
PEAK_MIB = {"history --json": 100.0, "export csv": 100.0, "export json": 100.0}
Sample = tuple[float, float, float]


def make_dirs(root: Path, years: list[int], env: dict[str, str]) -> dict[str, Path]:
    """plan-only and one dir per number of years, generated in a child (this process holds no records)."""
    dirs = {"plan-only": root / "plan-only"}
    dirs.update({f"{y}y": root / f"y{y}" for y in years})
    for name, path in dirs.items():
        years_of = "0" if name == "plan-only" else name[:-1]
        made = subprocess.run([sys.executable, str(HERE / "gen_history.py"), str(path), "--years", years_of,
                               "--today", TODAY], env=env, capture_output=True, text=True, check=True)
        print(made.stdout.strip())
    return dirs


def collect(root: Path, dirs: dict[str, Path], runs: int, env: dict[str, str]) -> dict[tuple[str, str], list[Sample]]:
    """Every case once per round, interleaved; round 0 warms the caches (.pyc, disk) and is dropped."""
    samples: dict[tuple[str, str], list[Sample]] = {}
    base = [sys.executable, "-c", "import tinydb, orjson, dateutil.rrule"]
    for n in range(runs + 1):
        got = [(("baseline", "import"), measure(base, env))]
        for case, argv_ in CASES.items():
            where = dict(dirs)
            if case == "log":
                where = {"empty": root / f"empty-{n}", **where}  # a fresh empty data dir each round
            for name, path in where.items():
                got.append(((case, name), measure([*rehab(), "--data-dir", str(path), "--today", TODAY, *argv_], env)))
        if n:
            for key, sample in got:
                samples.setdefault(key, []).append(sample)
    return samples


def report(samples: dict[tuple[str, str], list[Sample]], names: list[str], runs: int) -> None:
    def med(case: str, name: str, i: int) -> float:
        return statistics.median(s[i] for s in samples[(case, name)])

    base_cpu = med("baseline", "import", 1)
    last = names[-1]
    print(f"\nmedians of {runs} interleaved runs; CPU ms (user + system) and peak MiB (ru_maxrss) of each "
          f"child; ratio = CPU at {last} vs the reference; baseline `python -c \"import tinydb, orjson, "
          f"dateutil.rrule\"` {base_cpu:.1f} ms")
    print("| command | " + " | ".join(f"{n} CPU ms (peak MiB)" for n in ["empty", *names])
          + f" | ratio at {last} | target | met |")
    print("| --- " * (len(names) + 5) + "|")
    for case in CASES:
        ref_name, target = TARGETS[case]
        cells = [f"{med(case, n, 1):.0f} ({med(case, n, 2):.0f})" if (case, n) in samples else ""
                 for n in ["empty", *names]]
        ratio = med(case, last, 1) / med(case, ref_name, 1)
        ok = ratio <= target and med(case, last, 2) <= PEAK_MIB.get(case, float("inf"))
        goal = f"<= {target}x of {ref_name}" + (f", < {PEAK_MIB[case]:.0f} MiB" if case in PEAK_MIB else "")
        print(f"| {case} | " + " | ".join(cells) + f" | {ratio:.2f}x | {goal} | {'yes' if ok else 'no'} |")
        if case == "log":
            vs = med(case, last, 1) / base_cpu
            print(f"| log vs the import baseline | {base_cpu:.0f} | " + " | " * (len(names) - 1)
                  + f" | {vs:.2f}x | <= {LOG_VS_IMPORT}x | {'yes' if vs <= LOG_VS_IMPORT else 'no'} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, nargs="+", default=[5, 20])
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="rehab-bench-storage-"))
    try:
        env = bench_env()
        dirs = make_dirs(root, args.years, env)
        samples = collect(root, dirs, args.runs, env)
        report(samples, list(dirs), args.runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
