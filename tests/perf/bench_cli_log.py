"""Benchmark: `rehab log` wall time at 5 years of data vs an empty data dir,
and the same write with stock TinyDB JSONStorage on the same 5-year file.

Measured, interleaved so drift hits every case alike, median of N, as wall time
and as CPU time (user + system: much less sensitive to other load on a shared machine):
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
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import orjson
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


Sample = tuple[float, float]  # (wall seconds, CPU seconds)


def wall(cmd: list[str], env: dict | None = None) -> Sample:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process(data_dir: Path) -> Sample:
    from tui.cli.main import main

    sink = io.StringIO()
    t0, c0 = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = main(["--data-dir", str(data_dir), "--today", TODAY, *LOG_ARGS])
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    if code != 0:
        raise SystemExit(f"in-process rehab log failed: {sink.getvalue()}")
    return elapsed, cpu


def tinydb_insert(path: Path) -> Sample:
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    db = TinyDB(path, storage=JSONStorage)
    table = db.table("logs")
    t0, c0 = time.perf_counter(), time.process_time()
    table.insert(dict(ENTRY))
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    db.close()
    return elapsed, cpu


def med(samples: list[Sample], which: int = 0) -> float:
    return statistics.median(s[which] for s in samples) * 1000


def run(runs: int, keep: Path | None = None) -> list[tuple[str, float, float | None]]:
    import json

    root = Path(tempfile.mkdtemp(prefix="rehab-bench-log-"))
    try:
        big = root / "five-years"
        counts = gen_history.generate(big)
        plan_only = root / "plan-only"
        from tui.storage.store import Store

        Store.open(plan_only).replace_all(
            {**Store.open(big).export_all(), "logs": [], "checkins": [], "flares": []}, "plan")
        stock = root / "stock.json"
        # The whole 5-year record in one stock TinyDB file (our Store keeps
        # one file per year, so copying one of them would not do).
        from tui.storage.backup_shape import tables_of

        with Store.open(big) as full:
            stock.write_bytes(orjson.dumps({"_default": {}, **tables_of(full.export_all())}))
        cmd = rehab_command()
        env = {k: v for k, v in os.environ.items() if not k.startswith("REHAB_")}
        samples: dict[str, list[Sample]] = {k: [] for k in (
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
        rows = []
        for key, label, base in (
            ("empty", "`rehab log`, empty data dir (subprocess)", "empty"),
            ("plan", "`rehab log`, plan only, no history (subprocess)", "empty"),
            ("big", "`rehab log`, 5 years (subprocess)", "empty"),
            ("tinydb-proc", "stock TinyDB JSONStorage, open + insert, 5 years (subprocess)", "empty"),
            ("ip-empty", "`rehab log` work in-process, empty data dir", "ip-empty"),
            ("ip-big", "`rehab log` work in-process, 5 years", "ip-empty"),
            ("tinydb-insert", "stock TinyDB JSONStorage insert alone, 5 years", "ip-empty"),
        ):
            rows.append((label, med(samples[key]), med(samples[key]) / med(samples[base]),
                         med(samples[key], 1), med(samples[key], 1) / med(samples[base], 1)))
        print(f"5-year data: {counts['logs']} logged sessions + {counts['checkins']} check-ins, "
              f"{counts['bytes'] / 1e6:.1f} MB; {runs} runs each, interleaved; command: {' '.join(cmd)}")
        return rows
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def table(rows) -> str:
    lines = ["| measurement | wall ms (median) | ratio | CPU ms (median) | ratio |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, ms, ratio, cpu, cpu_ratio in rows:
        lines.append(f"| {name} | {ms:.1f} | {ratio:.2f}x | {cpu:.1f} | {cpu_ratio:.2f}x |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    print(table(run(args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
