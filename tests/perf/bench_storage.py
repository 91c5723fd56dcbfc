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
import os
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
    """(wall ms, cpu ms, peak MiB) of one child run."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd}: exit {proc.returncode}: {proc.stderr.read().decode()[:300]}")
    proc.stderr.close()
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, nargs="+", default=[5, 20])
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="rehab-bench-storage-"))
    try:
        dirs = {"plan-only": root / "plan-only"}
        gen_history.generate(dirs["plan-only"], years=0)
        for years in args.years:
            dirs[f"{years}y"] = root / f"y{years}"
            counts = gen_history.generate(dirs[f"{years}y"], years=years)
            print(f"{years} years: {counts['logs']} logs + {counts['checkins']} check-ins, "
                  f"{counts['bytes'] / 1e6:.1f} MB in year files")
        env = {k: v for k, v in os.environ.items() if not k.startswith("REHAB_")}
        samples: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
        base = [sys.executable, "-c", "import tinydb, orjson, dateutil.rrule"]
        for _ in range(args.runs):
            samples.setdefault(("baseline", "import"), []).append(measure(base, env))
            for case, argv_ in CASES.items():
                for name, path in dirs.items():
                    cmd = [*rehab(), "--data-dir", str(path), "--today", TODAY, *argv_]
                    samples.setdefault((case, name), []).append(measure(cmd, env))
        print(f"medians of {args.runs} interleaved runs: wall ms / cpu ms / peak MiB; "
              "ratio = cpu vs plan-only (log also vs the import baseline)")
        base_cpu = statistics.median(s[1] for s in samples[("baseline", "import")])
        print(f"{'baseline import':24} cpu {base_cpu:7.1f}")
        for case in CASES:
            ref = statistics.median(s[1] for s in samples[(case, "plan-only")])
            for name in dirs:
                rows = samples[(case, name)]
                wall, cpu, peak = (statistics.median(r[i] for r in rows) for i in range(3))
                extra = f"  x{cpu / base_cpu:.2f} of import" if case == "log" else ""
                print(f"{case:16} {name:9} {wall:8.1f} {cpu:8.1f} {peak:7.1f}  x{cpu / ref:.2f}{extra}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
