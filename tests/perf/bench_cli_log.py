"""Benchmark: `rehab log` wall time at 5 years of data vs an empty data dir,
and the same write with stock TinyDB JSONStorage on the same 5-year file.

Measured, interleaved so drift hits every case alike, median of N:
- the installed `rehab` command in a subprocess (interpreter start included):
  a fresh empty data dir each run, a dir holding only the plan, the 5-year dir;
- the same command in-process (tui.cli.main.main: opens the Store, matches the
  plan, writes; no interpreter start) for the empty and 5-year dirs;
- stock TinyDB JSONStorage: a subprocess opening the copied 5-year file and
  inserting the same log, and the insert alone in-process.

Run: .venv/bin/python tests/perf/bench_cli_log.py [--runs 21]   (pytest does not collect it)
"""

from __future__ import annotations

__test__ = False

import argparse
import contextlib
import io
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
LOG_ARGS = ["log", "ice-pack", "--pain", "2", "--foot", "left", "--note", "bench"]
ENTRY = {"date": TODAY, "activity": "ice-pack", "status": "done", "session_id": None, "minutes": None,
         "pain": 2, "foot": "left", "note": "bench", "logged_at": f"{TODAY}T09:00:00"}
TINYDB_SCRIPT = (
    "import sys, json\n"
    "from tinydb import TinyDB\n"
    "from tinydb.storages import JSONStorage\n"
    "db = TinyDB(sys.argv[1], storage=JSONStorage)\n"
    "db.table('logs').insert(json.loads(sys.argv[2]))\n"
    "db.close()\n"
)


def rehab_command() -> list[str]:
    exe = Path(sys.executable).parent / "rehab"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("rehab")
    return [found] if found else [sys.executable, "-m", "tui"]


def wall(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr}")
    return elapsed


def in_process(data_dir: Path) -> float:
    from tui.cli.main import main

    sink = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = main(["--data-dir", str(data_dir), "--today", TODAY, *LOG_ARGS])
    elapsed = time.perf_counter() - t0
    if code != 0:
        raise SystemExit(f"in-process rehab log failed: {sink.getvalue()}")
    return elapsed


def tinydb_insert(path: Path) -> float:
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    db = TinyDB(path, storage=JSONStorage)
    table = db.table("logs")
    t0 = time.perf_counter()
    table.insert(dict(ENTRY))
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed


def med(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def run(runs: int, keep: Path | None = None) -> list[tuple[str, float, float | None]]:
    import json

    root = Path(tempfile.mkdtemp(prefix="rehab-bench-log-"))
    try:
        big = root / "five-years"
        counts = gen_history.generate(big)
        plan_only = root / "plan-only"
        from tui.storage.store import Store

        Store.open(plan_only).replace_all({"plan": Store.open(big).export_all()["plan"]}, "plan")
        stock = root / "stock.json"
        shutil.copyfile(big / "rehab.json", stock)
        cmd = rehab_command()
        env = {k: v for k, v in os.environ.items() if not k.startswith("REHAB_")}
        samples: dict[str, list[float]] = {k: [] for k in (
            "empty", "plan", "big", "ip-empty", "ip-big", "tinydb-proc", "tinydb-insert")}
        for n in range(runs):
            fresh = root / f"empty-{n}"
            samples["empty"].append(wall([*cmd, "--data-dir", str(fresh), "--today", TODAY, *LOG_ARGS], env))
            samples["plan"].append(wall([*cmd, "--data-dir", str(plan_only), "--today", TODAY, *LOG_ARGS], env))
            samples["big"].append(wall([*cmd, "--data-dir", str(big), "--today", TODAY, *LOG_ARGS], env))
            samples["tinydb-proc"].append(wall([sys.executable, "-c", TINYDB_SCRIPT, str(stock), json.dumps(ENTRY)], env))
            samples["ip-empty"].append(in_process(root / f"ip-empty-{n}"))
            samples["ip-big"].append(in_process(big))
            samples["tinydb-insert"].append(tinydb_insert(stock))
        base = med(samples["empty"])
        ip_base = med(samples["ip-empty"])
        rows = [
            (f"`rehab log`, empty data dir (subprocess)", base, 1.0),
            (f"`rehab log`, plan only, no history (subprocess)", med(samples["plan"]), med(samples["plan"]) / base),
            (f"`rehab log`, 5 years (subprocess)", med(samples["big"]), med(samples["big"]) / base),
            ("stock TinyDB JSONStorage, open + insert, 5 years (subprocess)",
             med(samples["tinydb-proc"]), med(samples["tinydb-proc"]) / base),
            ("`rehab log` work in-process, empty data dir", ip_base, 1.0),
            ("`rehab log` work in-process, 5 years", med(samples["ip-big"]), med(samples["ip-big"]) / ip_base),
            ("stock TinyDB JSONStorage insert alone, 5 years", med(samples["tinydb-insert"]),
             med(samples["tinydb-insert"]) / ip_base),
        ]
        print(f"5-year data: {counts['logs']} logged sessions + {counts['checkins']} check-ins, "
              f"{counts['bytes'] / 1e6:.1f} MB; {runs} runs each, interleaved; command: {' '.join(cmd)}")
        return rows
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def table(rows) -> str:
    lines = ["| measurement | median ms | ratio |", "| --- | ---: | ---: |"]
    for name, ms, ratio in rows:
        lines.append(f"| {name} | {ms:.1f} | {'' if ratio is None else f'{ratio:.2f}x'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    print(table(run(args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
