"""Benchmark: one add_log against a 20,000-log data file (Store vs stock TinyDB).

Run: .venv/bin/python tests/perf/bench_log.py   (a script; pytest does not collect it)
"""

__test__ = False

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import orjson  # noqa: E402
from tinydb import Query, TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from tui.storage import Store  # noqa: E402
from tui.core.records import LogEntry  # noqa: E402

# The benchmark starts from one data-version-1 file, which Store.open migrates.
FILE_NAME, FORMAT, VERSION = "rehab.json", "rehab-planner/data", 1

N_DOCS = 20_000
N_RUNS = 50
START = dt.date(2020, 1, 1)


def build(path: Path) -> None:
    logs = {}
    for i in range(1, N_DOCS + 1):
        day = START + dt.timedelta(days=i // 8)
        logs[str(i)] = {"date": day.isoformat(), "activity": "calf-stretch", "status": "done",
                        "session_id": "settle-calf", "minutes": 10, "pain": i % 6, "foot": "both",
                        "note": "felt fine, a little tight in the morning",
                        "logged_at": f"{day.isoformat()}T08:30:00"}
    data = {"meta": {"1": {"format": FORMAT, "version": VERSION}}, "logs": logs}
    path.write_bytes(orjson.dumps(data))


def entry(n: int) -> dict:
    return {"date": "2026-11-24", "activity": "ice-pack", "status": "done", "minutes": 15,
            "pain": 2, "foot": "left", "note": f"bench {n}", "logged_at": "2026-11-24T09:00:00"}


def stats(samples: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in samples)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]


def timed(fn, runs: int = N_RUNS) -> list[float]:
    out = []
    for n in range(runs):
        t0 = time.perf_counter()
        fn(n)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="rehab-bench-"))
    try:
        ours_dir = root / "ours"
        ours_dir.mkdir(mode=0o700)
        build(ours_dir / FILE_NAME)
        stock_path = root / "stock.json"
        shutil.copyfile(ours_dir / FILE_NAME, stock_path)
        size_mb = stock_path.stat().st_size / 1e6

        store = Store.open(ours_dir)
        store.logs()  # warm the in-memory copy, as a running TUI would have it
        rows = []
        rows.append(("Store.add_log (fsync)", *stats(timed(lambda n: store.add_log(LogEntry.from_dict(entry(n)))))))
        nofsync = Store.open(ours_dir, fsync=False)
        rows.append(("Store.add_log (no fsync)", *stats(timed(lambda n: nofsync.add_log(LogEntry.from_dict(entry(n)))))))
        week = ("2026-11-23", "2026-11-29")
        days = tuple(dt.date.fromisoformat(d) for d in week)
        rows.append(("Store.logs(week)", *stats(timed(lambda n: store.logs(*days)))))

        db = TinyDB(stock_path, storage=JSONStorage)
        table = db.table("logs")
        rows.append(("TinyDB JSONStorage insert", *stats(timed(lambda n: table.insert(entry(n))))))
        q = Query()
        rows.append(("TinyDB JSONStorage week search",
                     *stats(timed(lambda n: (table.clear_cache(),
                                             table.search((q.date >= week[0]) & (q.date <= week[1])))))))
        db.close()

        print(f"{N_DOCS} log documents, {size_mb:.1f} MB file, {N_RUNS} runs each")
        print(f"{'operation':34} {'median ms':>10} {'p95 ms':>10}")
        for name, med, p95 in rows:
            print(f"{name:34} {med:10.1f} {p95:10.1f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
