"""Child process for the storage tests (not collected: no test_ prefix).

usage: worker.py DATA_DIR TAG COUNT
Adds COUNT logs tagged TAG and prints "ack <id> <n>" after each add_log returns.
"""

__test__ = False

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.core.records import LogEntry
from tui.storage import Store


def main() -> None:
    data_dir, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(Path(data_dir))
    print("ready", flush=True)
    for n in range(count):
        doc_id = store.add_log(LogEntry(date=dt.date(2026, 11, 24), activity="ice-pack", note=f"{tag}-{n}"))
        print(f"ack {doc_id} {n}", flush=True)


if __name__ == "__main__":
    main()
